import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
/** A transaction handle, accepted wherever a write must join the caller's transaction. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Tx;

export interface DbHandle {
  db: Database;
  sql: postgres.Sql;
}

export function createDb(url: string, options: { max?: number } = {}): DbHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    // By default postgres.js waits up to 20 s before reconnecting (3^n / 100 s, n counted across
    // the pool): after a PostgreSQL restart of a few seconds the site would stay down that much
    // longer, and every request meanwhile would wait as long. Try again within a second instead.
    backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 1),
    // Our own NOTICEs (e.g. "relation already exists") are noise in logs.
    onnotice: () => {},
    connection: { application_name: 'insteg' },
  });
  return { db: drizzle(sql, { schema }), sql };
}

declare global {
  var __insteg_db: DbHandle | undefined;
}

/**
 * The one postgres.js + drizzle instance of the process, kept on globalThis so hot reloads in
 * development do not leak connection pools.
 */
export function getDbHandle(url: string): DbHandle {
  globalThis.__insteg_db ??= createDb(url);
  return globalThis.__insteg_db;
}

/**
 * Replaces the process's pool with a fresh one at the next getDbHandle; the old pool's
 * connections are closed after `graceSeconds`, failing whatever they still run. For a pool that
 * postgres.js left with a broken connection (see scripts/start.ts): every query given to that
 * connection would otherwise wait connect_timeout and fail, for as long as the process runs.
 */
export function resetDb(graceSeconds = 1) {
  const handle = globalThis.__insteg_db;
  globalThis.__insteg_db = undefined;
  void handle?.sql.end({ timeout: graceSeconds }).catch(() => {});
}

export async function closeDb() {
  const handle = globalThis.__insteg_db;
  globalThis.__insteg_db = undefined;
  await handle?.sql.end({ timeout: 5 });
}
