/** `npm run db:seed`: seeds demo data into an empty database (use db:reset to start over). */
import { hashPassword } from '../app/auth/password.server';
import { closeDb, getDbHandle } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { isSeeded, seedDatabase } from '../db/seed';
import { startRuntime } from './lib/runtime';

const runtime = await startRuntime({ owner: false });
let code = 0;
try {
  await runMigrations(process.env.DATABASE_URL!);
  const { db } = getDbHandle(process.env.DATABASE_URL!);
  if (await isSeeded(db)) {
    console.info('[insteg] the database already has data; run `npm run db:reset` to wipe it and seed again');
  } else {
    await seedDatabase(db, { hashPassword });
    console.info('[insteg] demo data seeded; the search index follows through the outbox when Insteg runs');
  }
} catch (error) {
  console.error('[insteg] seeding failed:', error);
  code = 1;
} finally {
  await closeDb();
  await runtime.stop();
}
process.exit(code);
