/**
 * The process killed in the middle of a feriejobb allocation run. A separate worker process
 * (tests/setup/allocation-worker.ts, the background worker's allocation step and nothing else)
 * takes a queued run of a summer big enough that writing its results takes a while, and is
 * SIGKILLed while the transaction writing them is open and has written rows. Then: nothing
 * half-written is visible (no results, no offers, the run not finished), the locks it held are
 * gone with its database session, the run is taken again once its heartbeat is stale, and the
 * rerun gives exactly what an uninterrupted run with the same seed gave.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Faker, sv } from '@faker-js/faker';
import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../app/aspirants/aspirant-bands';
import { processAllocationRuns } from '../../app/feriejobb/allocation.server';
import { feriejobbInterestAreas } from '../../app/openings/opening-rules';
import { getDb } from '../../app/services.server';
import {
  districts,
  feriejobbApplications,
  feriejobbOffers,
  feriejobbRunResults,
  feriejobbRuns,
  openings,
  organizations,
  type NewFeriejobbApplication,
  type NewOpening,
} from '../../db/schema';
import { buildFeriejobbApplications } from '../../db/seed/feriejobb';
import { createRandom } from '../../db/seed/random';

/** A summer no other data of the seeded template uses. */
const YEAR = 2041;
const SEED = 4711;
const APPLICANTS = 6_000;
const WORKPLACES = 350;
const PERIOD_DAYS = 18;
const BATCH = 1_000;

const db = () => getDb();

/** The occupation each interest area's places are posted under (codes the seed holds). */
const occupationOfArea: Record<string, string> = {
  barn_och_unga: '5311',
  aldreomsorg: '5330',
  lss: '5342',
  kultur_och_fritid: '3423',
  park_och_miljo: '6113',
  ovrigt: '9413',
};

/** Published feriejobb places for YEAR: workplaces with 1–3 periods of 18 days in June–August, 1–8 seats each. */
async function seedPlaces() {
  const random = createRandom(SEED + 1);
  const orgIds = (await db().select({ id: organizations.id }).from(organizations).where(eq(organizations.active, true)).orderBy(asc(organizations.id))).map((o) => o.id);
  const districtIds = (await db().select({ id: districts.id }).from(districts).orderBy(asc(districts.id))).map((d) => d.id);
  const starts = Array.from({ length: 10 }, (_, week) => addDays(`${YEAR}-06-03`, 7 * week));
  const rows: NewOpening[] = [];
  for (let w = 0; w < WORKPLACES; w++) {
    const area = random.pick(feriejobbInterestAreas);
    const districtId = random.chance(0.02) ? null : random.pick(districtIds);
    const details = { interestArea: area, totalHours: 75, dailyStart: '08:00', dailyEnd: '15:00', languageSupport: random.chance(0.3), adaptedPlace: random.chance(0.1) };
    const ageMin = random.pick([16, 16, 17]);
    const first = random.int(0, starts.length - 3);
    for (let period = 0, periods = random.int(1, 3); period < periods; period++) {
      const startDate = starts[first + period]!;
      rows.push({
        organizationId: random.pick(orgIds),
        kind: 'feriejobb',
        subtype: area,
        title: `Feriejobb ${w + 1}`,
        description: 'Sommararbete med handledare.',
        workplaceAddress: `Kistagången ${random.int(1, 120)}, Stockholm`,
        districtId,
        occupationCode: occupationOfArea[area]!,
        places: random.int(1, 8),
        startDate,
        endDate: addDays(startDate, PERIOD_DAYS),
        applicationDeadline: `${YEAR}-04-30`,
        ageMin,
        ageMax: 19,
        contactName: 'Kim Kontakt',
        contactEmail: 'kim.kontakt@exempel.se',
        supervisorName: 'Hanna Handledare',
        details,
        status: 'published',
        publishedAt: new Date(`${YEAR}-03-01T09:00:00Z`),
      });
    }
  }
  for (let i = 0; i < rows.length; i += BATCH) await db().insert(openings).values(rows.slice(i, i + BATCH));
}

/**
 * APPLICANTS applications for YEAR. The test series has too few personnummer for one summer of
 * this size, so each gets a marker that cannot be anybody's (the allocation never reads it).
 */
async function seedApplicants() {
  const faker = new Faker({ locale: [sv] });
  faker.seed(SEED + 2);
  const districtIds = (await db().select({ id: districts.id }).from(districts)).map((d) => d.id);
  for (let done = 0, chunk = 0; done < APPLICANTS; chunk++) {
    const built = buildFeriejobbApplications({ count: Math.min(BATCH, APPLICANTS - done), seed: SEED + 100 + chunk, year: YEAR, faker, districtIds });
    const rows: NewFeriejobbApplication[] = built.map((row, i) => ({ ...row, personnummer: `KRASCH${String(done + i + 1).padStart(6, '0')}` }));
    await db().insert(feriejobbApplications).values(rows);
    done += rows.length;
  }
}

async function queueRun() {
  const [run] = await db()
    .insert(feriejobbRuns)
    .values({ year: YEAR, round: 1, seed: SEED, answerDeadline: `${YEAR}-05-15` })
    .returning({ id: feriejobbRuns.id });
  return run!.id;
}

async function runRow(id: string) {
  const [run] = await db().select().from(feriejobbRuns).where(eq(feriejobbRuns.id, id));
  return run!;
}

/** A run's results, keyed by application, without the run id: comparable across runs. */
async function resultsOf(runId: string) {
  const rows = await db().select().from(feriejobbRunResults).where(eq(feriejobbRunResults.runId, runId));
  return new Map(rows.map(({ runId: _runId, ...row }) => [row.applicationId, row]));
}

async function resultCount(runId: string) {
  const [row] = await db().select({ n: count() }).from(feriejobbRunResults).where(eq(feriejobbRunResults.runId, runId));
  return row!.n;
}

/** The other sessions holding a lock on feriejobb_run_results that have written something (have a transaction id). */
async function writersOfResults() {
  return db().execute<{ pid: number; xid: string; waiting: boolean }>(sql`
    select distinct a.pid, a.backend_xid::text as xid, a.wait_event_type = 'Lock' as waiting
    from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.relation = 'feriejobb_run_results'::regclass and l.granted and a.backend_xid is not null and l.pid <> pg_backend_pid()`);
}

/** What the run's figures are, apart from its identity and clock times. */
function figures(run: Awaited<ReturnType<typeof runRow>>) {
  return {
    status: run.status,
    progress: run.progress,
    input: run.input,
    applicants: run.applicants,
    places: run.places,
    seats: run.seats,
    daPlaced: run.daPlaced,
    maxPlaced: run.maxPlaced,
    blockingPairs: run.blockingPairs,
    priceOfFairness: run.priceOfFairness,
    error: run.error,
  };
}

describe('an allocation run whose process is killed half-way', () => {
  it('leaves nothing half-written, releases its locks, and gives the uninterrupted result when rerun', async () => {
    await seedPlaces();
    await seedApplicants();

    // The uninterrupted run: the result the interrupted one must end up with.
    const reference = await queueRun();
    expect(await processAllocationRuns(db())).toBe(true);
    const expected = await runRow(reference);
    expect(expected.status).toBe('review');
    expect(expected.applicants).toBe(APPLICANTS);
    expect(expected.daPlaced).toBeGreaterThan(0);
    const expectedResults = await resultsOf(reference);
    expect(expectedResults.size).toBe(APPLICANTS);

    // The worker must be killed inside the transaction that writes the results, with rows written:
    // not left to timing (under load it may commit between seeing it and killing it). The results
    // go in in batches of 5,000, each row checking its application by foreign key (a KEY SHARE
    // lock); this test holds the applications of the second batch (the reference run stored the
    // order) FOR UPDATE, so the worker writes the first batch and then waits, in its transaction.
    const [stored] = await db().select({ input: feriejobbRuns.input }).from(feriejobbRuns).where(eq(feriejobbRuns.id, reference));
    const secondBatch = (stored!.input as { applicants: Array<{ id: string }> }).applicants.slice(5_000).map((a) => a.id);
    expect(secondBatch.length).toBeGreaterThan(0);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const holdingNow = new Promise<void>((resolve) => (holding = resolve));
    const holder = db().transaction(async (tx) => {
      await tx.select({ id: feriejobbApplications.id }).from(feriejobbApplications).where(inArray(feriejobbApplications.id, secondBatch)).for('update');
      holding();
      await released;
    });
    await holdingNow;

    // The run to be interrupted, taken by a worker in another process. Node is started directly
    // with tsx's loader: the tsx launcher runs the script in a child process of its own, which a
    // SIGKILL of the launcher would leave running.
    const id = await queueRun();
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/setup/allocation-worker.ts'], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));

    // Kill it while the transaction writing the results is open and has written rows: its
    // session holds a lock on the results table, has a transaction id, and waits for our lock.
    const deadline = Date.now() + 60_000;
    let killedIn: { pid: number; xid: string } | null = null;
    let sawRunning = false;
    while (Date.now() < deadline && child.exitCode === null) {
      const [writer] = await writersOfResults();
      if (writer?.waiting) {
        child.kill('SIGKILL');
        killedIn = writer;
        break;
      }
      if (!sawRunning) sawRunning = (await runRow(id)).status === 'running';
      await sleep(2);
    }
    if (!killedIn) child.kill('SIGKILL');
    const signal = await exited;
    release();
    await holder;
    expect(killedIn, `the worker was not caught writing the results:\n${output.slice(-500)}`).not.toBeNull();
    expect(signal).toBe('SIGKILL');
    expect(sawRunning).toBe(true);

    // PostgreSQL ends the dead process's sessions (it sees the connection gone) and rolls back
    // the open transaction: the session disappears, with every lock it held.
    await expect
      .poll(async () => (await db().execute(sql`select 1 from pg_stat_activity where pid = ${killedIn!.pid}`)).length, { timeout: 15_000, interval: 50 })
      .toBe(0);
    // The test cluster is fresh (transaction id epoch 0), so the 32-bit xid is the full id.
    const [status] = await db().execute<{ status: string }>(sql`select txid_status(${killedIn!.xid}::bigint) as status`);
    expect(status!.status).toBe('aborted');
    const held = await db().execute(sql`
      select 1 from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where a.datname = current_database() and l.pid <> pg_backend_pid()
        and l.relation in ('feriejobb_run_results'::regclass, 'feriejobb_runs'::regclass)`);
    expect(held).toHaveLength(0);
    // The run's row can be locked at once.
    await db().transaction(async (tx) => {
      await tx.execute(sql`set local lock_timeout = '1s'`);
      expect(await tx.select({ id: feriejobbRuns.id }).from(feriejobbRuns).where(eq(feriejobbRuns.id, id)).for('update', { noWait: true })).toHaveLength(1);
    });

    // Nothing half-written: no results, no offers, the run still marked running (not finished).
    expect(await resultCount(id)).toBe(0);
    const [offers] = await db().select({ n: count() }).from(feriejobbOffers).where(inArray(feriejobbOffers.runId, [id, reference]));
    expect(offers!.n).toBe(0);
    const interrupted = await runRow(id);
    expect(interrupted).toMatchObject({ status: 'running', attempt: 1, progress: 90, input: null, applicants: null, daPlaced: null, finishedAt: null });

    // While its heartbeat is fresh the run counts as still being computed somewhere: not taken.
    expect(await processAllocationRuns(db())).toBe(false);
    expect((await runRow(id)).status).toBe('running');

    // Once the heartbeat is stale (as after STALE_RUN_SECONDS), the run is queued again and
    // computed from the start: the same result as the uninterrupted run with the same seed.
    await db().update(feriejobbRuns).set({ heartbeatAt: sql`now() - interval '10 minutes'` }).where(eq(feriejobbRuns.id, id));
    expect(await processAllocationRuns(db())).toBe(true);
    const rerun = await runRow(id);
    expect(figures(rerun)).toEqual(figures(expected));
    expect(rerun.finishedAt).not.toBeNull();
    // Taken again under a new claim: the dead worker's attempt could not have written to it.
    expect(rerun.attempt).toBe(2);
    expect(await resultsOf(id)).toEqual(expectedResults);
    expect(await processAllocationRuns(db())).toBe(false);
  }, 120_000);
});
