import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedMeilisearch, type RunningMeilisearch } from '../services/embedded-meilisearch';
import { startEmbeddedPostgres, type RunningPostgres } from '../services/embedded-postgres';
import { isAlive } from '../services/process-utils';

/**
 * Resolves where PostgreSQL and Meilisearch are: configured by the environment, or already
 * started by a running `npm start` (so `npm run db:seed` beside it reuses them), or started here
 * from the npm packages. Sets DATABASE_URL / MEILI_URL / MEILI_MASTER_KEY / SESSION_SECRET in
 * process.env for the rest of the process.
 */
export interface Runtime {
  dataDir: string;
  embeddedPostgres?: RunningPostgres;
  embeddedMeilisearch?: RunningMeilisearch;
  stop(): Promise<void>;
}

interface RuntimeFile {
  pid: number;
  databaseUrl?: string;
  meiliUrl?: string;
  meiliKey?: string;
}

export function dataDirectory() {
  return path.resolve(process.env.INSTEG_DATA_DIR ?? '.data');
}

function runtimeFile(dataDir: string) {
  return path.join(dataDir, 'runtime.json');
}

function readRunning(dataDir: string): RuntimeFile | null {
  const file = runtimeFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as RuntimeFile;
    return isAlive(info.pid) && info.pid !== process.pid ? info : null;
  } catch {
    return null;
  }
}

export async function startRuntime(options: { owner: boolean; log?: (message: string) => void }): Promise<Runtime> {
  const log = options.log ?? ((m: string) => console.info(`[insteg] ${m}`));
  const dataDir = dataDirectory();
  mkdirSync(dataDir, { recursive: true });
  const running = readRunning(dataDir);
  const runtime: Runtime = { dataDir, stop: async () => {} };

  if (!process.env.SESSION_SECRET) {
    const secretFile = path.join(dataDir, 'session-secret');
    if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
    process.env.SESSION_SECRET = readFileSync(secretFile, 'utf8').trim();
  }

  if (!process.env.DATABASE_URL) {
    if (running?.databaseUrl) {
      process.env.DATABASE_URL = running.databaseUrl;
      log(`using the PostgreSQL of the running Insteg (pid ${running.pid})`);
    } else {
      log(`DATABASE_URL is not set: starting the embedded PostgreSQL (data in ${path.relative(process.cwd(), path.join(dataDir, 'postgres')) || '.'})`);
      runtime.embeddedPostgres = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'postgres'),
        logFile: path.join(dataDir, 'postgres.log'),
      });
      process.env.DATABASE_URL = runtime.embeddedPostgres.url;
      log(`PostgreSQL is up on 127.0.0.1:${runtime.embeddedPostgres.port}`);
    }
  }

  if (!process.env.MEILI_URL) {
    if (running?.meiliUrl) {
      process.env.MEILI_URL = running.meiliUrl;
      process.env.MEILI_MASTER_KEY = running.meiliKey;
      log(`using the Meilisearch of the running Insteg (pid ${running.pid})`);
    } else {
      log(`MEILI_URL is not set: starting the embedded Meilisearch (data in ${path.relative(process.cwd(), path.join(dataDir, 'meili'))})`);
      try {
        runtime.embeddedMeilisearch = await startEmbeddedMeilisearch({
          dataDir: path.join(dataDir, 'meili'),
          keyFile: path.join(dataDir, 'meili-master-key'),
          logFile: path.join(dataDir, 'meili.log'),
        });
      } catch (error) {
        await runtime.embeddedPostgres?.stop();
        throw error;
      }
      process.env.MEILI_URL = runtime.embeddedMeilisearch.url;
      process.env.MEILI_MASTER_KEY = runtime.embeddedMeilisearch.masterKey;
      log(`Meilisearch is up on 127.0.0.1:${runtime.embeddedMeilisearch.port}`);
    }
  }

  if (options.owner && (runtime.embeddedPostgres || runtime.embeddedMeilisearch)) {
    const info: RuntimeFile = {
      pid: process.pid,
      databaseUrl: runtime.embeddedPostgres?.url,
      meiliUrl: runtime.embeddedMeilisearch?.url,
      meiliKey: runtime.embeddedMeilisearch?.masterKey,
    };
    writeFileSync(runtimeFile(dataDir), JSON.stringify(info), { mode: 0o600 });
  }

  runtime.stop = async () => {
    await Promise.all([runtime.embeddedMeilisearch?.stop(), runtime.embeddedPostgres?.stop()]);
    if (options.owner) rmSync(runtimeFile(dataDir), { force: true });
  };
  return runtime;
}
