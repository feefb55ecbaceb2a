/**
 * `npm run db:reset`: drops every table, migrates, seeds the demo data and rebuilds the search
 * indexes. Destroys all data: refuses to run with NODE_ENV=production.
 */
import { sql } from 'drizzle-orm';
import { hashPassword } from '../app/auth/password.server';
import { parseEnv } from '../app/env.server';
import { closeDb, getDbHandle } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { seedDatabase } from '../db/seed';
import { createSearchClient } from '../search/client.server';
import { indexKeys } from '../search/indexes';
import { applyIndexSettings, reindex } from '../search/sync.server';
import { startRuntime } from './lib/runtime';

if (process.env.NODE_ENV === 'production' && process.env.INSTEG_ALLOW_RESET !== 'yes') {
  console.error('[insteg] db:reset destroys all data and is refused with NODE_ENV=production');
  process.exit(1);
}
const runtime = await startRuntime({ owner: false });
let code = 0;
try {
  const env = parseEnv(process.env);
  const { db } = getDbHandle(env.DATABASE_URL);
  await db.execute(sql`drop schema if exists public cascade`);
  await db.execute(sql`drop schema if exists drizzle cascade`);
  await db.execute(sql`create schema public`);
  await runMigrations(env.DATABASE_URL);
  await seedDatabase(db, { hashPassword });
  console.info('[insteg] database reset and seeded');
  try {
    const search = createSearchClient(env.MEILI_URL, env.MEILI_MASTER_KEY, env.SEARCH_INDEX_PREFIX);
    await applyIndexSettings(search);
    for (const key of indexKeys) console.info(`[insteg] reindexed ${key}: ${await reindex(db, search, key)} documents`);
    await db.execute(sql`truncate search_outbox`);
  } catch (error) {
    console.warn(`[insteg] search index not rebuilt (${error instanceof Error ? error.message : error}); it catches up when Insteg runs`);
  }
} catch (error) {
  console.error('[insteg] reset failed:', error);
  code = 1;
} finally {
  await closeDb();
  await runtime.stop();
}
process.exit(code);
