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

export async function closeDb() {
  const handle = globalThis.__insteg_db;
  globalThis.__insteg_db = undefined;
  await handle?.sql.end({ timeout: 5 });
}
