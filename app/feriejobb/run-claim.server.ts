/**
 * Who computes a feriejobb allocation run. A worker takes a queued run by a claim: the statement
 * that sets the run running also counts its attempt up, and the worker holds the claim (run id and
 * attempt) for as long as the run is running under that attempt. A run whose heartbeat goes stale
 * is queued again and another worker may take it, under a new attempt; from then on every write
 * of the first worker (heartbeat, progress, the result, a failure) is conditional on a claim it no
 * longer holds, so it matches nothing and the first worker stops without writing.
 */
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Database, DbOrTx } from '../../db/client.server';
import { feriejobbRuns } from '../../db/schema';

/** A running run whose heartbeat is older than this was interrupted (the process died): it is queued again. */
export const STALE_RUN_SECONDS = 120;

/** How often a worker computing a run beats its heartbeat: several beats within STALE_RUN_SECONDS. */
export const HEARTBEAT_MS = 20_000;

export interface RunClaim {
  runId: string;
  attempt: number;
}

/** The worker no longer holds the run: another worker took it (or it was queued again), so this one writes nothing. */
export class ClaimLost extends Error {
  constructor(
    readonly claim: RunClaim,
    now?: { status: string; attempt: number },
  ) {
    super(
      `feriejobb run ${claim.runId}: attempt ${claim.attempt} no longer holds the run` +
        (now ? ` (it is ${now.status} under attempt ${now.attempt})` : '') +
        '; this attempt is dropped and writes nothing',
    );
    this.name = 'ClaimLost';
  }
}

/** A ClaimLost saying what became of the run (read after a write under the claim matched nothing). */
export async function claimLostError(db: DbOrTx, claim: RunClaim) {
  const [now] = await db.select({ status: feriejobbRuns.status, attempt: feriejobbRuns.attempt }).from(feriejobbRuns).where(eq(feriejobbRuns.id, claim.runId));
  return new ClaimLost(claim, now);
}

/** The condition of every write a worker makes to its run: the run is still running under its claim. */
export function heldBy(claim: RunClaim) {
  return and(eq(feriejobbRuns.id, claim.runId), eq(feriejobbRuns.status, 'running'), eq(feriejobbRuns.attempt, claim.attempt));
}

/** Writes to the run if the claim still holds it; false (and nothing written) if it does not. */
export async function writeUnderClaim(db: DbOrTx, claim: RunClaim, values: PgUpdateSetSource<typeof feriejobbRuns>) {
  const rows = await db.update(feriejobbRuns).set(values).where(heldBy(claim)).returning({ id: feriejobbRuns.id });
  return rows.length > 0;
}

/** Queues again the running runs whose heartbeat is stale: their worker is taken to be dead. */
export async function requeueStaleRuns(db: DbOrTx) {
  await db
    .update(feriejobbRuns)
    .set({ status: 'queued', progress: 0, progressLabel: 'I kö igen efter ett avbrott' })
    .where(and(eq(feriejobbRuns.status, 'running'), lt(feriejobbRuns.heartbeatAt, sql`now() - make_interval(secs => ${STALE_RUN_SECONDS})`)));
}

/** Takes the oldest queued run (SKIP LOCKED: one worker per run) under a new attempt; null when none is queued. */
export async function claimNextRun(db: Database): Promise<RunClaim | null> {
  return db.transaction(async (tx) => {
    const [run] = await tx
      .select({ id: feriejobbRuns.id })
      .from(feriejobbRuns)
      .where(eq(feriejobbRuns.status, 'queued'))
      .orderBy(asc(feriejobbRuns.createdAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!run) return null;
    const [claimed] = await tx
      .update(feriejobbRuns)
      .set({
        status: 'running',
        attempt: sql`${feriejobbRuns.attempt} + 1`,
        startedAt: sql`now()`,
        heartbeatAt: sql`now()`,
        progress: 1,
        progressLabel: 'Startar',
        error: null,
      })
      .where(and(eq(feriejobbRuns.id, run.id), eq(feriejobbRuns.status, 'queued')))
      .returning({ runId: feriejobbRuns.id, attempt: feriejobbRuns.attempt });
    return claimed ?? null;
  });
}

/**
 * Runs `work` while beating the run's heartbeat every `intervalMs` under the claim, so that a
 * phase writing no progress for a long time (the HiGHS solve) does not make a live worker's run
 * look interrupted. The beats come from a timer on the event loop: HiGHS solves in a worker thread
 * and leaves the loop free, a phase computing on the main thread delays them. A beat that finds
 * the claim lost stops the beating (the run's next write notices the loss too). The timer is
 * stopped, and a beat under way awaited, whichever way `work` ends.
 */
export async function withHeartbeat<T>(db: Database, claim: RunClaim, intervalMs: number, work: () => Promise<T>): Promise<T> {
  let stopped = false;
  let beating: Promise<void> | null = null;
  const beat = async () => {
    try {
      if (!(await writeUnderClaim(db, claim, { heartbeatAt: sql`now()` }))) stopped = true;
    } catch (error) {
      console.warn(`[insteg] feriejobb run ${claim.runId}: heartbeat failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      beating = null;
    }
  };
  const timer = setInterval(() => {
    if (stopped) clearInterval(timer);
    else if (!beating) beating = beat();
  }, intervalMs);
  timer.unref();
  try {
    return await work();
  } finally {
    stopped = true;
    clearInterval(timer);
    await beating;
  }
}
