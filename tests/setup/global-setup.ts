/**
 * Starts one throwaway PostgreSQL cluster and one Meilisearch for the whole test run, on free
 * ports with data in a temporary directory, and prepares a template database (migrated and
 * seeded) that every test file clones.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashPassword } from '../../app/auth/password.server';
import { createDb } from '../../db/client.server';
import { runMigrations } from '../../db/migrate';
import { seedDatabase } from '../../db/seed';
import { startEmbeddedMeilisearch } from '../../scripts/services/embedded-meilisearch';
import { startEmbeddedPostgres } from '../../scripts/services/embedded-postgres';

export const TEMPLATE_DB = 'insteg_template';

export default async function globalSetup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'insteg-test-'));
  // PostgreSQL runs as the unprivileged postgres user, which must be able to enter the directory.
  chmodSync(dir, 0o755);
  process.env.INSTEG_SCRYPT_COST = '10';
  // If anything fails half-way, stop what did start: no orphan servers after a failed run.
  const started = await Promise.allSettled([
    startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), database: TEMPLATE_DB, logFile: path.join(dir, 'postgres.log') }),
    startEmbeddedMeilisearch({ dataDir: path.join(dir, 'meili'), logFile: path.join(dir, 'meili.log') }),
  ]);
  const [pgResult, meiliResult] = started;
  const stopStarted = async () => {
    await Promise.all([pgResult.status === 'fulfilled' ? pgResult.value.stop() : undefined, meiliResult.status === 'fulfilled' ? meiliResult.value.stop() : undefined]);
    rmSync(dir, { recursive: true, force: true });
  };
  if (pgResult.status === 'rejected' || meiliResult.status === 'rejected') {
    await stopStarted();
    throw pgResult.status === 'rejected' ? pgResult.reason : (meiliResult as PromiseRejectedResult).reason;
  }
  const pg = pgResult.value;
  const meili = meiliResult.value;
  try {
    await runMigrations(pg.urlFor(TEMPLATE_DB));
    const handle = createDb(pg.urlFor(TEMPLATE_DB), { max: 2 });
    // No statistics history: the suites count their own rows on top of the demo data.
    await seedDatabase(handle.db, { hashPassword: (p) => hashPassword(p, 10), statisticsHistory: false });
    await handle.sql.end();
  } catch (error) {
    await stopStarted();
    throw error;
  }

  process.env.TEST_PG_ADMIN_URL = pg.urlFor('postgres');
  process.env.TEST_PG_URL_TEMPLATE = pg.urlFor('__DB__');
  process.env.MEILI_URL = meili.url;
  process.env.MEILI_MASTER_KEY = meili.masterKey;
  process.env.TEST_TMP_DIR = dir;

  return async () => {
    await Promise.all([pg.stop(), meili.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
}
