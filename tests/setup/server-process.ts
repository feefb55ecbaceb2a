/**
 * The real server as a child process, for the fault tests that restart a service under it
 * (postgres-restart, meilisearch-restart): its environment cleared of the suite's configuration,
 * its output kept, waits that fail early when it dies, and a stop that cannot hang.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { sleep } from '../../scripts/services/process-utils';

/** This process's environment without the suite's configuration, plus production defaults and `extra`. */
export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(DATABASE_URL|MEILI_|SEARCH_INDEX_PREFIX|SESSION_SECRET|APP_URL|RESEND_|TEST_|VITEST|INSTEG_|WEB_CONCURRENCY|WORKERS|PORT$)/.test(k)) env[k] = v;
  }
  return { ...env, NODE_ENV: 'production', INSTEG_SCRYPT_COST: '10', INSTEG_SEED: 'off', WORKERS: 'on', WEB_CONCURRENCY: '1', ...extra };
}

export interface ServerProcess {
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Polls `probe` until it gives a value; throws when the server exits first or time runs out. */
  waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number): Promise<T>;
  /** SIGTERM, and SIGKILL after 15 s. */
  stop(): Promise<void>;
}

export function startServerProcess(command: string, args: string[], env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return {
    child,
    output: () => output,
    async waitFor(what, probe, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value !== null) return value;
        if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) while waiting for ${what}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output.slice(-3000)}`);
        await sleep(200);
      }
    },
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}

/** One request and how it went. */
export interface Exchange {
  path: string;
  /** When it was sent, and how long the answer took (ms). */
  at: number;
  ms: number;
  status: number | 'failed';
  body: string;
  headers: Headers;
}

/** One request to `base` with a hard deadline, redirects not followed; a refused or timed-out request is recorded, never thrown. */
export async function exchangeWith(base: string, target: string, init: RequestInit, timeoutMs: number): Promise<Exchange> {
  const at = Date.now();
  try {
    const res = await fetch(`${base}${target}`, { redirect: 'manual', ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    return { path: target, at, ms: Date.now() - at, status: res.status, body, headers: res.headers };
  } catch (error) {
    return { path: target, at, ms: Date.now() - at, status: 'failed', body: error instanceof Error ? error.message : String(error), headers: new Headers() };
  }
}
