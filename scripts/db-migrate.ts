/** `npm run db:migrate`: applies committed migrations; exits non-zero on failure. */
import { runMigrations } from '../db/migrate';
import { startRuntime } from './lib/runtime';

const runtime = await startRuntime({ owner: false });
let code = 0;
try {
  await runMigrations(process.env.DATABASE_URL!);
  console.info('[insteg] database migrated');
} catch (error) {
  console.error('[insteg] migration failed:', error);
  code = 1;
} finally {
  await runtime.stop();
}
process.exit(code);
