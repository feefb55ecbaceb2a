/**
 * A process that does what the server's background worker does for feriejobb allocation runs,
 * and nothing else: takes queued runs and computes them until none is left, then exits. Run with
 * tsx by tests/integration/crash-during-allocation.test.ts, which kills it half-way; the
 * configuration (DATABASE_URL, …) comes from the environment the test passes on.
 */
import { processAllocationRuns } from '../../app/feriejobb/allocation.server';
import { getDb } from '../../app/services.server';
import { closeDb } from '../../db/client.server';

let handled = 0;
try {
  while (await processAllocationRuns(getDb())) handled++;
  console.info(`[allocation-worker] ${handled} run(s) handled`);
} finally {
  await closeDb();
}
