import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, max, sql } from 'drizzle-orm';
import { createElement } from 'react';
import type { Database, DbOrTx } from '../../db/client.server';
import {
  districts,
  feriejobbApplications,
  feriejobbEvents,
  feriejobbOffers,
  feriejobbRunResults,
  feriejobbRuns,
  openings,
  organizations,
} from '../../db/schema';
import { OfferAnswerEmail, offerAnswerSubject, OfferEmail, offerSubject } from '../../emails/feriejobb';
import { enqueueEmail } from '../../emails/outbox.server';
import { audit } from '../audit/audit-log.server';
import type { SessionUser } from '../auth/auth.server';
import { formatSwedishDate } from '../dates';
import { getEnv } from '../env.server';
import { feriejobbInterestAreaLabels, type FeriejobbInterestArea } from '../openings/opening-rules';
import { getDb } from '../services.server';
import { blockingPairs, deferredAcceptance, explain, newSeed, placedCount, type Assignment } from './allocation';
import { buildInstance, priceOfFairness, storedExplanation, type StoredInstance } from './allocation-run';
import { favouredGroups, groupsOfMask, monthsOf, needsGuardian, PLACES_PER_AREA, priorityGroupMask } from './feriejobb-rules';
import { TOKEN_SHAPE } from '../forms/validation';
import { hashToken, newToken } from '../lib/tokens.server';
import type { ResultFilter } from './feriejobb-status';
import { maxCoverage, type MaxCoverageResult } from './max-coverage.server';
import { ClaimLost, claimLostError, claimNextRun, HEARTBEAT_MS, requeueStaleRuns, withHeartbeat, writeUnderClaim, type RunClaim } from './run-claim.server';

export class RunRefused extends Error {}

/** The round a new run for `year` belongs to: one after the last published round. */
async function nextRound(db: DbOrTx, year: number) {
  const [row] = await db
    .select({ round: max(feriejobbRuns.round) })
    .from(feriejobbRuns)
    .where(and(eq(feriejobbRuns.year, year), eq(feriejobbRuns.status, 'published')));
  return (row?.round ?? 0) + 1;
}

/** Queues a run; the background worker picks it up. */
export async function startRun(user: SessionUser, input: { year: number; answerDeadline: string; seed?: number }, ip: string) {
  const db = getDb();
  return db.transaction(async (tx) => {
    // Serialise run starts per summer, so two clicks do not queue two runs at once.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('feriejobb-runs'), ${input.year})`);
    const [active] = await tx
      .select({ id: feriejobbRuns.id })
      .from(feriejobbRuns)
      .where(and(eq(feriejobbRuns.year, input.year), inArray(feriejobbRuns.status, ['queued', 'running'])));
    if (active) throw new RunRefused('En fördelning körs redan för den här sommaren. Vänta tills den är klar.');
    const round = await nextRound(tx, input.year);
    const seed = input.seed ?? newSeed();
    const [run] = await tx
      .insert(feriejobbRuns)
      .values({ year: input.year, round, seed, answerDeadline: input.answerDeadline, createdBy: user.id })
      .returning({ id: feriejobbRuns.id });
    await audit(tx, { actorUserId: user.id, action: 'feriejobb.run-started', subjectType: 'feriejobb_run', subjectId: run!.id, ip, details: { year: input.year, round, seed } });
    return { id: run!.id, round, seed };
  });
}

// ---------------------------------------------------------------------------------------------
// The job
// ---------------------------------------------------------------------------------------------

/**
 * Reads the run's input: active applications without an offer so far, and published feriejobb
 * places with free seats. The correlated subquery names the outer table in full: drizzle leaves a
 * column of a single-table select unqualified, which inside a subquery would bind to the inner table.
 */
export async function loadRunInput(db: Database, year: number) {
  const [applicationRows, placeRows, districtRows] = await Promise.all([
    db
      .select({
        id: feriejobbApplications.id,
        birthDate: feriejobbApplications.birthDate,
        districtId: feriejobbApplications.districtId,
        preferredDistrictId: feriejobbApplications.preferredDistrictId,
        interestAreas: feriejobbApplications.interestAreas,
        months: feriejobbApplications.months,
        priorityGroups: feriejobbApplications.priorityGroups,
      })
      .from(feriejobbApplications)
      .where(
        and(
          eq(feriejobbApplications.year, year),
          eq(feriejobbApplications.status, 'active'),
          // Those who already had an offer (accepted, declined, pending or lapsed) are not in a later round.
          sql`not exists (select 1 from ${feriejobbOffers} o where o.application_id = feriejobb_applications.id)`,
        ),
      ),
    db
      .select({
        id: openings.id,
        subtype: openings.subtype,
        districtId: openings.districtId,
        startDate: openings.startDate,
        endDate: openings.endDate,
        ageMin: openings.ageMin,
        ageMax: openings.ageMax,
        details: openings.details,
        places: openings.places,
        // The same count the database's capacity checks use (migration 0009).
        taken: sql<number>`opening_seats_in_force(${openings.id})`,
      })
      .from(openings)
      .where(and(eq(openings.kind, 'feriejobb'), eq(openings.status, 'published'), sql`extract(year from ${openings.startDate}) = ${year}`)),
    db.select({ id: districts.id, clusterId: districts.clusterId }).from(districts),
  ]);
  return {
    applicants: applicationRows,
    places: placeRows.map((p) => ({
      id: p.id,
      capacity: Math.max(0, p.places - p.taken),
      favoured: favouredGroupsMask(p.details),
      area: p.subtype,
      districtId: p.districtId,
      ageMin: p.ageMin ?? 16,
      ageMax: p.ageMax ?? 19,
      months: monthsOf(p.startDate, p.endDate),
    })),
    clusterOfDistrict: new Map(districtRows.map((d) => [d.id, d.clusterId])),
  };
}

function favouredGroupsMask(details: Record<string, unknown>) {
  return priorityGroupMask(favouredGroups({ adaptedPlace: details.adaptedPlace === true, languageSupport: details.languageSupport === true }));
}

export interface RunTimings {
  load_ms: number;
  build_ms: number;
  da_ms: number;
  check_ms: number;
  max_ms: number;
  save_ms: number;
}

export interface ComputeOptions {
  /** How often the heartbeat beats while the run computes (HEARTBEAT_MS unless a test says otherwise). */
  heartbeatMs?: number;
}

/** What a run computed, in memory, before it is saved. */
export interface RunComputation {
  instance: StoredInstance;
  fair: Assignment;
  max: MaxCoverageResult;
  blocking: ReturnType<typeof blockingPairs>;
  explanations: ReturnType<typeof explain>;
  timings: Omit<RunTimings, 'save_ms'>;
}

/**
 * Computes a run: both modes over the same instance, the stability check, explanations, the
 * price of fairness. Progress is written as it goes (under the claim); the result is written in
 * one transaction at the end, so an interrupted run leaves nothing half-written and is simply
 * computed again. The heartbeat beats throughout. Throws ClaimLost, having written nothing more,
 * as soon as it finds that another worker has taken the run.
 *
 * `run` is the worker's claim. A bare run id is for callers that set the run running themselves
 * (fixtures, the benchmark): they hold the attempt the run has now.
 */
export async function computeRun(db: Database, run: RunClaim | string, options: ComputeOptions = {}): Promise<RunTimings> {
  let claim: RunClaim;
  if (typeof run === 'string') {
    const [row] = await db.select({ attempt: feriejobbRuns.attempt }).from(feriejobbRuns).where(eq(feriejobbRuns.id, run));
    if (!row) throw new Error(`no run ${run}`);
    claim = { runId: run, attempt: row.attempt };
  } else {
    claim = run;
  }
  return withHeartbeat(db, claim, options.heartbeatMs ?? HEARTBEAT_MS, async () => {
    const computed = await computeRunResult(db, claim);
    const started = performance.now();
    await saveRunResult(db, claim, computed);
    return { ...computed.timings, save_ms: performance.now() - started };
  });
}

/** The computing part of a run, up to (not including) saving its result. */
export async function computeRunResult(db: Database, claim: RunClaim): Promise<RunComputation> {
  const [run] = await db.select().from(feriejobbRuns).where(eq(feriejobbRuns.id, claim.runId));
  if (!run) throw new Error(`no run ${claim.runId}`);
  const t = { load_ms: 0, build_ms: 0, da_ms: 0, check_ms: 0, max_ms: 0 };
  let mark = performance.now();
  // Progress writes are bookkeeping: the phase clock starts after each.
  const progress = async (value: number, label: string) => {
    if (!(await writeUnderClaim(db, claim, { progress: value, progressLabel: label, heartbeatAt: sql`now()` }))) throw await claimLostError(db, claim);
    mark = performance.now();
  };
  const lap = (key: keyof typeof t) => {
    const now = performance.now();
    t[key] = now - mark;
    mark = now;
  };

  await progress(5, 'Läser ansökningar och platser');
  const input = await loadRunInput(db, run.year);
  lap('load_ms');
  await progress(20, 'Rangordnar platser för varje sökande');
  const instance = buildInstance({ year: run.year, seed: run.seed, perArea: PLACES_PER_AREA, ...input });
  lap('build_ms');
  await progress(35, 'Rättvis fördelning (uppskjuten acceptans)');
  const fair = deferredAcceptance(instance);
  lap('da_ms');
  await progress(50, 'Stabilitetskontroll');
  const blocking = blockingPairs(instance, fair);
  const explanations = explain(instance, fair);
  lap('check_ms');
  await progress(60, 'Maximal täckning (HiGHS)');
  const max = await maxCoverage(instance);
  lap('max_ms');
  await progress(90, 'Sparar resultatet');
  return { instance, fair, max, blocking, explanations, timings: t };
}

/**
 * Saves a computed run in one transaction, which first locks the run's row and checks the claim:
 * a worker that has lost the run (another worker took it after its heartbeat went stale) writes
 * nothing, whatever state the run has reached by now (running again, review, published), and
 * gets ClaimLost. Under the lock no other worker can take the run until the save has committed.
 */
export async function saveRunResult(db: Database, claim: RunClaim, computed: RunComputation) {
  const { instance, fair, max, blocking, explanations, timings } = computed;
  const price = priceOfFairness(instance, fair, max.assignment);
  await db.transaction(async (tx) => {
    const [run] = await tx
      .select({ status: feriejobbRuns.status, attempt: feriejobbRuns.attempt })
      .from(feriejobbRuns)
      .where(eq(feriejobbRuns.id, claim.runId))
      .for('update');
    if (!run || run.status !== 'running' || run.attempt !== claim.attempt) throw new ClaimLost(claim, run);
    // Whatever an interrupted attempt may have left is replaced as a whole.
    await tx.delete(feriejobbRunResults).where(eq(feriejobbRunResults.runId, claim.runId));
    const rows = instance.applicants.map((applicant, a) => ({
      runId: claim.runId,
      applicationId: applicant.id,
      openingId: fair[a]! >= 0 ? instance.places[fair[a]!]!.id : null,
      maxOpeningId: max.assignment[a]! >= 0 ? instance.places[max.assignment[a]!]!.id : null,
      lottery: applicant.lottery,
      priorityGroups: groupsOfMask(applicant.groups),
      listLength: applicant.prefs.length,
      explanation: storedExplanation(instance, explanations[a]!),
    }));
    for (let i = 0; i < rows.length; i += 5000) await tx.insert(feriejobbRunResults).values(rows.slice(i, i + 5000));
    const saved = await writeUnderClaim(tx, claim, {
      status: 'review',
      progress: 100,
      progressLabel: 'Klar för granskning',
      input: instance,
      applicants: instance.applicants.length,
      places: instance.places.length,
      seats: instance.places.reduce((s, p) => s + p.capacity, 0),
      daPlaced: placedCount(fair),
      maxPlaced: max.placed,
      blockingPairs: blocking.length,
      daMs: timings.da_ms,
      maxMs: timings.max_ms,
      priceOfFairness: price,
      finishedAt: sql`now()`,
      heartbeatAt: sql`now()`,
    });
    // Cannot happen under the row lock; should it, nothing of this attempt is kept.
    if (!saved) throw new ClaimLost(claim);
  });
}

/**
 * The worker's step: requeue runs interrupted by a dead process, then take one queued run under
 * a new claim and compute it. Returns whether a run was handled.
 */
export async function processAllocationRuns(db: Database, options: ComputeOptions = {}): Promise<boolean> {
  await requeueStaleRuns(db);
  const claim = await claimNextRun(db);
  if (!claim) return false;
  await processClaimedRun(db, claim, options);
  return true;
}

/**
 * Computes a run the worker has claimed. A failure marks the run failed, under the claim; a lost
 * claim is one line in the log and nothing else: the worker that took the run over owns it.
 */
export async function processClaimedRun(db: Database, claim: RunClaim, options: ComputeOptions = {}) {
  try {
    await computeRun(db, claim, options);
  } catch (error) {
    if (error instanceof ClaimLost) {
      console.warn(`[insteg] ${error.message}`);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[insteg] feriejobb run ${claim.runId} failed: ${message}`);
    await writeUnderClaim(db, claim, { status: 'failed', error: message.slice(0, 1000), progressLabel: 'Misslyckades', finishedAt: sql`now()` });
  }
}

// ---------------------------------------------------------------------------------------------
// Reading runs
// ---------------------------------------------------------------------------------------------

export async function listRuns(year: number) {
  const db = getDb();
  return db
    .select({
      id: feriejobbRuns.id,
      round: feriejobbRuns.round,
      seed: feriejobbRuns.seed,
      status: feriejobbRuns.status,
      progress: feriejobbRuns.progress,
      progressLabel: feriejobbRuns.progressLabel,
      applicants: feriejobbRuns.applicants,
      seats: feriejobbRuns.seats,
      daPlaced: feriejobbRuns.daPlaced,
      maxPlaced: feriejobbRuns.maxPlaced,
      blockingPairs: feriejobbRuns.blockingPairs,
      createdAt: feriejobbRuns.createdAt,
      publishedAt: feriejobbRuns.publishedAt,
    })
    .from(feriejobbRuns)
    .where(eq(feriejobbRuns.year, year))
    .orderBy(desc(feriejobbRuns.createdAt));
}

export async function summerOverview(year: number) {
  const db = getDb();
  const [[applications], [unchecked], [places], offerRows, upcoming] = await Promise.all([
    db.select({ n: count() }).from(feriejobbApplications).where(and(eq(feriejobbApplications.year, year), eq(feriejobbApplications.status, 'active'))),
    db
      .select({ n: count() })
      .from(feriejobbApplications)
      .where(and(eq(feriejobbApplications.year, year), eq(feriejobbApplications.status, 'active'), isNull(feriejobbApplications.priorityCheckedAt))),
    db
      .select({ openings: count(), seats: sql<number>`coalesce(sum(${openings.places}), 0)::int` })
      .from(openings)
      .where(and(eq(openings.kind, 'feriejobb'), eq(openings.status, 'published'), sql`extract(year from ${openings.startDate}) = ${year}`)),
    db
      .select({ status: feriejobbOffers.status, n: count() })
      .from(feriejobbOffers)
      .innerJoin(feriejobbRuns, eq(feriejobbRuns.id, feriejobbOffers.runId))
      .where(eq(feriejobbRuns.year, year))
      .groupBy(feriejobbOffers.status),
    nextRound(db, year),
  ]);
  const offers = Object.fromEntries(offerRows.map((r) => [r.status, r.n])) as Partial<Record<string, number>>;
  return {
    applications: applications?.n ?? 0,
    unchecked: unchecked?.n ?? 0,
    openings: places?.openings ?? 0,
    seats: places?.seats ?? 0,
    offers: { pending: offers.pending ?? 0, accepted: offers.accepted ?? 0, declined: offers.declined ?? 0, expired: offers.expired ?? 0 },
    nextRound: upcoming,
  };
}

export async function getRun(id: string) {
  const db = getDb();
  const [run] = await db
    .select({
      id: feriejobbRuns.id,
      year: feriejobbRuns.year,
      round: feriejobbRuns.round,
      seed: feriejobbRuns.seed,
      status: feriejobbRuns.status,
      progress: feriejobbRuns.progress,
      progressLabel: feriejobbRuns.progressLabel,
      answerDeadline: feriejobbRuns.answerDeadline,
      applicants: feriejobbRuns.applicants,
      places: feriejobbRuns.places,
      seats: feriejobbRuns.seats,
      daPlaced: feriejobbRuns.daPlaced,
      maxPlaced: feriejobbRuns.maxPlaced,
      blockingPairs: feriejobbRuns.blockingPairs,
      daMs: feriejobbRuns.daMs,
      maxMs: feriejobbRuns.maxMs,
      priceOfFairness: feriejobbRuns.priceOfFairness,
      error: feriejobbRuns.error,
      createdAt: feriejobbRuns.createdAt,
      finishedAt: feriejobbRuns.finishedAt,
      publishedAt: feriejobbRuns.publishedAt,
    })
    .from(feriejobbRuns)
    .where(eq(feriejobbRuns.id, id));
  return run ?? null;
}

/** Names for the ids in a run's price of fairness and results. */
export async function placeNames(ids: string[]) {
  if (!ids.length) return new Map<string, { title: string; organizationName: string; districtName: string | null; startDate: string; endDate: string; places: number }>();
  const db = getDb();
  const rows = await db
    .select({
      id: openings.id,
      title: openings.title,
      organizationName: organizations.name,
      districtName: districts.name,
      startDate: openings.startDate,
      endDate: openings.endDate,
      places: openings.places,
    })
    .from(openings)
    .innerJoin(organizations, eq(organizations.id, openings.organizationId))
    .leftJoin(districts, eq(districts.id, openings.districtId))
    .where(inArray(openings.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}


/** A page of a run's per-applicant results with explanations; audit-logged (names of youths are shown). */
export async function runResults(user: SessionUser, runId: string, options: { filter: ResultFilter; page: number; ip: string }) {
  const db = getDb();
  const pageSize = 50;
  const conditions = [eq(feriejobbRunResults.runId, runId)];
  if (options.filter === 'placerade') conditions.push(isNotNull(feriejobbRunResults.openingId));
  if (options.filter === 'utan-plats') conditions.push(isNull(feriejobbRunResults.openingId));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        applicationId: feriejobbRunResults.applicationId,
        firstName: feriejobbApplications.firstName,
        lastName: feriejobbApplications.lastName,
        openingId: feriejobbRunResults.openingId,
        maxOpeningId: feriejobbRunResults.maxOpeningId,
        lottery: feriejobbRunResults.lottery,
        priorityGroups: feriejobbRunResults.priorityGroups,
        listLength: feriejobbRunResults.listLength,
        explanation: feriejobbRunResults.explanation,
      })
      .from(feriejobbRunResults)
      .innerJoin(feriejobbApplications, eq(feriejobbApplications.id, feriejobbRunResults.applicationId))
      .where(where)
      .orderBy(asc(feriejobbApplications.lastName), asc(feriejobbApplications.firstName), asc(feriejobbRunResults.applicationId))
      .limit(pageSize)
      .offset((options.page - 1) * pageSize),
    db.select({ n: count() }).from(feriejobbRunResults).where(where),
  ]);
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.openingId) ids.add(r.openingId);
    for (const refusal of r.explanation.refusals) ids.add(refusal.placeId);
  }
  const names = await placeNames([...ids]);
  await audit(db, {
    actorUserId: user.id,
    action: 'feriejobb.run-results-viewed',
    subjectType: 'feriejobb_run',
    subjectId: runId,
    ip: options.ip,
    details: { ids: rows.map((r) => r.applicationId) },
  });
  return { rows, total: total?.n ?? 0, pageSize, names: Object.fromEntries(names) };
}

// ---------------------------------------------------------------------------------------------
// Publishing, offers and answers
// ---------------------------------------------------------------------------------------------

/** The columns an offer's e-mails and page show about its place (join openings, organizations, left join districts). */
const placeFactColumns = {
  title: openings.title,
  organizationName: organizations.name,
  workplaceAddress: openings.workplaceAddress,
  districtName: districts.name,
  startDate: openings.startDate,
  endDate: openings.endDate,
  details: openings.details,
};

function placeFactsText(p: { title: string; organizationName: string; workplaceAddress: string; districtName: string | null; startDate: string; endDate: string; details: Record<string, unknown> }) {
  const hours = typeof p.details.dailyStart === 'string' && typeof p.details.dailyEnd === 'string' ? `, ${p.details.dailyStart}–${p.details.dailyEnd}` : '';
  const area = feriejobbInterestAreaLabels[(p.details.interestArea as FeriejobbInterestArea) ?? 'ovrigt'] ?? '';
  return [
    `${p.title} hos ${p.organizationName}`,
    `Intresseområde: ${area}`,
    `Plats: ${p.workplaceAddress}${p.districtName ? ` (${p.districtName})` : ''}`,
    `Period: ${formatSwedishDate(p.startDate)} – ${formatSwedishDate(p.endDate)}${hours}`,
  ].join('\n');
}

/**
 * Publishes a reviewed run: one offer per placed youth (with a single-use answer link sent by
 * e-mail, and a copy to a guardian for those under 18), in one transaction. Other runs of the same
 * round still waiting for review are discarded. Youths withdrawn since the run are skipped.
 */
export async function publishRun(user: SessionUser, runId: string, ip: string) {
  const db = getDb();
  return db.transaction(async (tx) => {
    const [run] = await tx.select().from(feriejobbRuns).where(eq(feriejobbRuns.id, runId)).for('update');
    if (!run) return null;
    if (run.status !== 'review') throw new RunRefused('Bara en fördelning som väntar på granskning kan publiceras.');
    const [published] = await tx
      .select({ id: feriejobbRuns.id })
      .from(feriejobbRuns)
      .where(and(eq(feriejobbRuns.year, run.year), eq(feriejobbRuns.round, run.round), eq(feriejobbRuns.status, 'published')));
    if (published) throw new RunRefused(`Omgång ${run.round} är redan publicerad. Starta en ny fördelning för nästa omgång.`);
    const results = await tx
      .select({
        applicationId: feriejobbRunResults.applicationId,
        openingId: feriejobbRunResults.openingId,
        firstName: feriejobbApplications.firstName,
        email: feriejobbApplications.email,
        birthDate: feriejobbApplications.birthDate,
        guardianEmail: feriejobbApplications.guardianEmail,
        status: feriejobbApplications.status,
      })
      .from(feriejobbRunResults)
      .innerJoin(feriejobbApplications, eq(feriejobbApplications.id, feriejobbRunResults.applicationId))
      .where(and(eq(feriejobbRunResults.runId, runId), isNotNull(feriejobbRunResults.openingId)));
    const openingIds = [...new Set(results.map((r) => r.openingId!))];
    const placeRows = openingIds.length
      ? await tx
          .select({ id: openings.id, ...placeFactColumns })
          .from(openings)
          .innerJoin(organizations, eq(organizations.id, openings.organizationId))
          .leftJoin(districts, eq(districts.id, openings.districtId))
          .where(inArray(openings.id, openingIds))
      : [];
    const places = new Map(placeRows.map((p) => [p.id, p]));
    const deadline = formatSwedishDate(run.answerDeadline);
    let offered = 0;
    for (const r of results) {
      if (r.status !== 'active') continue;
      const token = newToken();
      const [offer] = await tx
        .insert(feriejobbOffers)
        .values({ runId, applicationId: r.applicationId, openingId: r.openingId!, tokenHash: hashToken(token), deadline: run.answerDeadline })
        .onConflictDoNothing()
        .returning({ id: feriejobbOffers.id });
      if (!offer) continue; // already holds a live offer
      offered++;
      await tx.insert(feriejobbEvents).values({ applicationId: r.applicationId, kind: 'offered', actorUserId: user.id, details: { runId, round: run.round, openingId: r.openingId } });
      const placeFacts = placeFactsText(places.get(r.openingId!)!);
      const url = `${getEnv().APP_URL}/feriejobb/erbjudande/${token}`;
      const props = { firstName: r.firstName, year: run.year, placeFacts, deadline, url };
      await enqueueEmail(tx, { to: r.email, subject: offerSubject(run.year), template: 'feriejobb-offer', element: createElement(OfferEmail, props) });
      if (r.guardianEmail && needsGuardian(r.birthDate, run.year)) {
        await enqueueEmail(tx, {
          to: r.guardianEmail,
          subject: offerSubject(run.year),
          template: 'feriejobb-offer-guardian',
          element: createElement(OfferEmail, { ...props, guardianCopy: true }),
        });
      }
    }
    await tx
      .update(feriejobbRuns)
      .set({ status: 'discarded', progressLabel: 'Förkastad: en annan fördelning publicerades' })
      .where(and(eq(feriejobbRuns.year, run.year), eq(feriejobbRuns.round, run.round), eq(feriejobbRuns.status, 'review'), sql`${feriejobbRuns.id} <> ${runId}`));
    await tx.update(feriejobbRuns).set({ status: 'published', publishedAt: sql`now()`, publishedBy: user.id }).where(eq(feriejobbRuns.id, runId));
    await audit(tx, { actorUserId: user.id, action: 'feriejobb.run-published', subjectType: 'feriejobb_run', subjectId: runId, ip, details: { offered } });
    return { offered };
  });
}

/** The coordinator discards a run waiting for review (or a failed one). */
export async function discardRun(user: SessionUser, runId: string, ip: string) {
  const db = getDb();
  const [row] = await db
    .update(feriejobbRuns)
    .set({ status: 'discarded', progressLabel: 'Förkastad' })
    .where(and(eq(feriejobbRuns.id, runId), inArray(feriejobbRuns.status, ['review', 'failed'])))
    .returning({ id: feriejobbRuns.id });
  if (row) await audit(db, { actorUserId: user.id, action: 'feriejobb.run-discarded', subjectType: 'feriejobb_run', subjectId: runId, ip });
  return Boolean(row);
}

export type OfferView = Awaited<ReturnType<typeof offerByToken>>;

/** What the answer page shows for a link: the offer, or why it no longer works. */
export async function offerByToken(token: string, today: string) {
  if (!TOKEN_SHAPE.test(token)) return null;
  const db = getDb();
  const [row] = await db
    .select({
      id: feriejobbOffers.id,
      status: feriejobbOffers.status,
      deadline: feriejobbOffers.deadline,
      firstName: feriejobbApplications.firstName,
      year: feriejobbRuns.year,
      ...placeFactColumns,
      supervisorName: openings.supervisorName,
      description: openings.description,
    })
    .from(feriejobbOffers)
    .innerJoin(feriejobbApplications, eq(feriejobbApplications.id, feriejobbOffers.applicationId))
    .innerJoin(feriejobbRuns, eq(feriejobbRuns.id, feriejobbOffers.runId))
    .innerJoin(openings, eq(openings.id, feriejobbOffers.openingId))
    .innerJoin(organizations, eq(organizations.id, openings.organizationId))
    .leftJoin(districts, eq(districts.id, openings.districtId))
    .where(eq(feriejobbOffers.tokenHash, hashToken(token)));
  if (!row) return null;
  const lapsed = row.status === 'expired' || (row.status === 'pending' && row.deadline < today);
  return { ...row, status: lapsed ? ('expired' as const) : row.status, placeFacts: placeFactsText(row) };
}

export type AnswerResult = { status: 'accepted' | 'declined' } | { status: 'already-answered'; answer: string } | { status: 'expired' | 'invalid' };

/** The youth answers by the link: once, before the deadline. A late answer marks the offer lapsed. */
export async function answerOffer(token: string, answer: 'accept' | 'decline', today: string): Promise<AnswerResult> {
  if (!TOKEN_SHAPE.test(token)) return { status: 'invalid' };
  const db = getDb();
  return db.transaction(async (tx) => {
    const [offer] = await tx.select().from(feriejobbOffers).where(eq(feriejobbOffers.tokenHash, hashToken(token))).for('update');
    if (!offer) return { status: 'invalid' as const };
    if (offer.status !== 'pending') return offer.status === 'expired' ? { status: 'expired' as const } : { status: 'already-answered' as const, answer: offer.status };
    if (offer.deadline < today) {
      await tx.update(feriejobbOffers).set({ status: 'expired' }).where(eq(feriejobbOffers.id, offer.id));
      await tx.insert(feriejobbEvents).values({ applicationId: offer.applicationId, kind: 'offer-expired', details: { offerId: offer.id } });
      return { status: 'expired' as const };
    }
    const status = answer === 'accept' ? ('accepted' as const) : ('declined' as const);
    await tx.update(feriejobbOffers).set({ status, respondedAt: sql`now()` }).where(eq(feriejobbOffers.id, offer.id));
    await tx.insert(feriejobbEvents).values({ applicationId: offer.applicationId, kind: `offer-${status}`, details: { offerId: offer.id } });
    const [info] = await tx
      .select({
        email: feriejobbApplications.email,
        firstName: feriejobbApplications.firstName,
        ...placeFactColumns,
      })
      .from(feriejobbApplications)
      .innerJoin(openings, eq(openings.id, offer.openingId))
      .innerJoin(organizations, eq(organizations.id, openings.organizationId))
      .leftJoin(districts, eq(districts.id, openings.districtId))
      .where(eq(feriejobbApplications.id, offer.applicationId));
    await enqueueEmail(tx, {
      to: info!.email,
      subject: offerAnswerSubject(status === 'accepted'),
      template: `feriejobb-${status}`,
      element: createElement(OfferAnswerEmail, { firstName: info!.firstName, accepted: status === 'accepted', placeFacts: placeFactsText(info!) }),
    });
    return { status };
  });
}

/** Housekeeping: offers past their answer day lapse, freeing their seats for the next round. */
export async function expireOffers(db: Database, today: string) {
  return db.transaction(async (tx) => {
    const lapsed = await tx
      .update(feriejobbOffers)
      .set({ status: 'expired' })
      .where(and(eq(feriejobbOffers.status, 'pending'), lt(feriejobbOffers.deadline, today)))
      .returning({ id: feriejobbOffers.id, applicationId: feriejobbOffers.applicationId });
    if (lapsed.length) {
      await tx.insert(feriejobbEvents).values(lapsed.map((o) => ({ applicationId: o.applicationId, kind: 'offer-expired', details: { offerId: o.id } })));
    }
    return lapsed.length;
  });
}

