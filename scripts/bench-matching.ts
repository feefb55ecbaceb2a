/**
 * `npm run bench:matching`: the matching benchmark. Starts a throwaway PostgreSQL and Meilisearch
 * in a temporary directory, seeds 100,000 aspirants and 10,000 openings, reindexes both, then
 * times suggestions through the route's services: suggestionsForOpening for 200 published
 * openings (not mentor, spread over the kinds) as coaches of different Jobbtorg, and
 * suggestionsForAspirant for 200 aspirants with consent, each as a coach of their Jobbtorg. Each
 * call's audit row is part of the measured time, as it is of every real call. Afterwards the same
 * inputs are run once more phase by phase (retrieval, database reads, rules and scoring, audit) to
 * show where the time goes; that breakdown is informative only, the result is the service's time.
 *
 * Adjustments after the seed, before the reindex (the seed is written for the demo):
 *  - consent topped up to CONSENT_SHARE of all aspirants (matching retrieves consenting ones only);
 *  - a criminal-record extract noted for CRIMINAL_RECORD_SHARE of the aspirants (the seed notes
 *    none, so openings that require one would never have a candidate).
 *
 * Progress goes to stderr; stdout gets one line, a JSON object:
 *   {"opening_to_aspirants_p95_ms":…,"aspirant_to_openings_p95_ms":…,…}
 * Target: p95 ≤ 100 ms in each direction.
 *
 * Environment knobs (optional): BENCH_ASPIRANTS (default 100000), BENCH_OPENINGS (default 10000),
 * BENCH_CALLS (default 200 per direction), BENCH_WARMUP (default 20 per direction),
 * BENCH_SEED (default 2026).
 */
import { performance } from 'node:perf_hooks';
import { Faker, sv } from '@faker-js/faker';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { employerVisible } from '../app/aspirants/employer-projection';
import type { SessionUser } from '../app/auth/auth.server';
import { hashPassword } from '../app/auth/password.server';
import { todayInStockholm } from '../app/dates';
import { suggestionsForAspirant, suggestionsForOpening, type PhaseTimer, type SuggestionPhase } from '../app/matching/matching.server';
import { getDb, getSearch } from '../app/services.server';
import { runMigrations } from '../db/migrate';
import { aspirants, jobbtorg, openings, searchOutbox, users } from '../db/schema';
import { seedDatabase } from '../db/seed';
import { insertAspirants } from '../db/seed/aspirants';
import { buildOpenings, insertOpenings } from '../db/seed/openings';
import { createRandom } from '../db/seed/random';
import { physicalIndexName, type IndexKey } from '../search/indexes';
import { applyIndexSettings, reindex } from '../search/sync.server';
import { describeTimes, intFromEnv, round2, runBench, summary, verdict } from './lib/bench';

const ASPIRANTS = intFromEnv('BENCH_ASPIRANTS', 100_000);
const OPENINGS = intFromEnv('BENCH_OPENINGS', 10_000);
const CALLS = intFromEnv('BENCH_CALLS', 200);
const WARMUP = intFromEnv('BENCH_WARMUP', 20);
const SEED = intFromEnv('BENCH_SEED', 2026);

const CONSENT_SHARE = 0.7;
const CRIMINAL_RECORD_SHARE = 0.25;
const TARGET_P95_MS = 100;
const IP = '127.0.0.1';

const log = (message: string) => console.error(`[bench] ${message}`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);

type Random = ReturnType<typeof createRandom>;

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Deterministic per aspirant (the personnummer is seeded), unlike the random uuid. */
const bucketOf = (salt: string) => sql`abs(hashtext(${aspirants.personnummer} || ${salt})) % 1000`;

async function seed(pgUrl: string, today: string) {
  const db = getDb();
  let started = performance.now();
  await runMigrations(pgUrl);
  await seedDatabase(db, { hashPassword: (p) => hashPassword(p, 10), openings: 0, aspirants: 0, seed: SEED });
  log(`migrated and seeded reference data, organisations and users in ${seconds(started)} s`);

  started = performance.now();
  const faker = new Faker({ locale: [sv] });
  faker.seed(SEED + 2);
  log(`generating and inserting ${ASPIRANTS} aspirants with action plans and activities …`);
  await db.transaction((tx) => insertAspirants(tx, { count: ASPIRANTS, seed: SEED + 2, today, faker }));
  log(`seeded ${ASPIRANTS} aspirants in ${seconds(started)} s`);

  started = performance.now();
  const rows = await buildOpenings(db, { count: OPENINGS, seed: SEED + 1, today, publishedShare: 0.85 });
  await insertOpenings(db, rows);
  log(`seeded ${rows.length} openings in ${seconds(started)} s`);

  // Consent: top up to CONSENT_SHARE of all aspirants (no-op if the seed already gives as many).
  const [before] = await db.execute<{ n: number }>(sql`select count(*)::int as n from aspirants where consent_at is not null`);
  const missing = Math.max(0, CONSENT_SHARE * ASPIRANTS - (before?.n ?? 0));
  const perMille = Math.round((1000 * missing) / Math.max(1, ASPIRANTS - (before?.n ?? 0)));
  if (perMille > 0) {
    await db
      .update(aspirants)
      .set({ consentAt: sql`(${aspirants.enrolledOn} + time '10:00') at time zone 'UTC'`, consentScope: 'profile_summary' })
      .where(and(sql`${aspirants.consentAt} is null`, sql`${bucketOf('consent')} < ${perMille}`));
  }
  await db
    .update(aspirants)
    .set({ criminalRecordCheckedOn: sql`${aspirants.enrolledOn} + 7` })
    .where(and(sql`${aspirants.criminalRecordCheckedOn} is null`, sql`${bucketOf('record')} < ${Math.round(1000 * CRIMINAL_RECORD_SHARE)}`));

  // Fresh statistics, as autovacuum would gather them on a live database.
  await db.execute(sql`vacuum analyze`);
  const [a] = await db.execute<{ total: number; consent: number; matchable: number; record: number }>(
    sql`select count(*)::int as total, (count(*) filter (where consent_at is not null))::int as consent,
          (count(*) filter (where ${employerVisible}))::int as matchable,
          (count(*) filter (where criminal_record_checked_on is not null))::int as record from aspirants`,
  );
  const [o] = await db.execute<{ total: number; open: number; mentor: number }>(
    sql`select count(*)::int as total,
          (count(*) filter (where status = 'published' and application_deadline >= ${today}))::int as open,
          (count(*) filter (where status = 'published' and application_deadline >= ${today} and kind = 'mentor'))::int as mentor from openings`,
  );
  if (a?.total !== ASPIRANTS || o?.total !== OPENINGS) throw new Error(`the seed wrote ${a?.total} aspirants and ${o?.total} openings; expected ${ASPIRANTS} and ${OPENINGS}`);
  log(
    `aspirants: ${a.consent} with consent (${a.matchable} active with consent: matchable), ${a.record} with a criminal-record extract; ` +
      `openings: ${o.open} published with the deadline ahead (${o.mentor} of them mentor)`,
  );

  // The reindex below puts everything in: drop the outbox rows the seed enqueued (no worker runs).
  await db.delete(searchOutbox);
  const search = getSearch();
  await applyIndexSettings(search);
  const reindexSeconds: Partial<Record<IndexKey, number>> = {};
  for (const [key, expected] of [['aspirants', ASPIRANTS], ['openings', OPENINGS]] as const) {
    started = performance.now();
    const indexed = await reindex(db, search, key);
    reindexSeconds[key] = (performance.now() - started) / 1000;
    const stats = await search.client.index(physicalIndexName(key, search.prefix)).getStats();
    if (indexed !== expected || stats.numberOfDocuments !== expected) {
      throw new Error(`the ${key} index holds ${stats.numberOfDocuments} documents (reindex reported ${indexed}); expected ${expected}`);
    }
    log(`reindex of ${indexed} ${key} took ${seconds(started)} s`);
  }
  return { aspirants: reindexSeconds.aspirants!, openings: reindexSeconds.openings! };
}

// ---------------------------------------------------------------------------------------------
// Inputs

interface Call {
  user: SessionUser;
  id: string;
  /** The opening's kind, or the aspirant's Jobbtorg, for the per-group lines. */
  group: string;
}

async function coachesByJobbtorg() {
  const rows = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, jobbtorgId: users.jobbtorgId })
    .from(users)
    .where(and(eq(users.role, 'coach'), isNotNull(users.jobbtorgId)))
    .orderBy(users.email);
  const byOffice = new Map<number, SessionUser[]>();
  rows.forEach((c, i) => {
    const user: SessionUser = { id: c.id, email: c.email, name: c.name, role: 'coach', jobbtorgId: c.jobbtorgId, organizationId: null, sessionId: `bench-${i}` };
    byOffice.set(c.jobbtorgId!, [...(byOffice.get(c.jobbtorgId!) ?? []), user]);
  });
  return byOffice;
}

/** Openings taken in turn from each kind; the coaches in turn from each Jobbtorg. */
async function openingCalls(coaches: Map<number, SessionUser[]>, today: string, random: Random): Promise<Call[]> {
  const rows = await getDb()
    .select({ id: openings.id, kind: openings.kind })
    .from(openings)
    .where(sql`${openings.status} = 'published' and ${openings.kind} <> 'mentor' and ${openings.applicationDeadline} >= ${today}`)
    .orderBy(openings.id);
  const byKind = new Map<string, string[]>();
  for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.id]);
  const queues = [...byKind].sort(([x], [y]) => x.localeCompare(y)).map(([kind, ids]) => ({ kind, ids: shuffled(ids, random) }));
  const offices = [...coaches.keys()].sort((x, y) => x - y);
  const calls: Call[] = [];
  for (let i = 0; calls.length < WARMUP + CALLS && queues.some((q) => q.ids.length); i++) {
    const queue = queues[i % queues.length]!;
    const id = queue.ids.pop();
    if (!id) continue;
    calls.push({ id, group: queue.kind, user: random.pick(coaches.get(offices[calls.length % offices.length]!)!) });
  }
  return calls;
}

/** Aspirants drawn from everyone matchable (so by caseload), each with a coach of their Jobbtorg. */
async function aspirantCalls(coaches: Map<number, SessionUser[]>, random: Random): Promise<Call[]> {
  const rows = await getDb()
    .select({ id: aspirants.id, jobbtorgId: aspirants.jobbtorgId })
    .from(aspirants)
    .where(employerVisible)
    .orderBy(aspirants.id);
  return shuffled(rows, random)
    .filter((r) => coaches.has(r.jobbtorgId))
    .slice(0, WARMUP + CALLS)
    .map((r) => ({ id: r.id, group: String(r.jobbtorgId), user: random.pick(coaches.get(r.jobbtorgId)!) }));
}

// ---------------------------------------------------------------------------------------------
// Timing

interface Sample {
  ms: number;
  suggestions: number;
  judged: number;
  source: 'search' | 'database';
}

async function timeCalls(calls: Call[], run: (call: Call) => Promise<Omit<Sample, 'ms'> | null>): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const call of calls) {
    const started = performance.now();
    const result = await run(call);
    const ms = performance.now() - started;
    if (!result) throw new Error(`the service returned null for ${call.id} as ${call.user.email}`);
    samples.push({ ms, ...result });
  }
  return samples;
}

function report(direction: string, calls: Call[], samples: Sample[], groupName: (group: string) => string) {
  const s = summary(samples.map((x) => x.ms));
  const sources = { search: 0, database: 0 };
  for (const x of samples) sources[x.source]++;
  const empty = samples.filter((x) => x.suggestions === 0);
  log(`${direction}: ${describeTimes(s)}`);
  log(
    `  ${mean(samples.map((x) => x.suggestions)).toFixed(1)} suggestions per call on average (of ${mean(samples.map((x) => x.judged)).toFixed(0)} candidates judged); ` +
      `${empty.length} of ${samples.length} returned none; source: ${sources.search} search, ${sources.database} database`,
  );
  const groups = [...new Set(calls.map((c) => c.group))].sort();
  for (const g of groups) {
    const mine = samples.filter((_, i) => calls[i]!.group === g);
    const t = summary(mine.map((x) => x.ms));
    log(`  ${groupName(g)}: ${mine.length} calls, p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, ${mine.filter((x) => x.suggestions === 0).length} with none`);
  }
  if (sources.database > 0) log(`  WARNING: ${sources.database} calls fell back to the database (Meilisearch did not answer)`);
  return s;
}

/** Each call again through the service, with its phase timer: where a call's time goes. */
async function breakdown(direction: string, calls: Call[], run: (call: Call, lap: PhaseTimer) => Promise<unknown>) {
  const all: Array<Partial<Record<SuggestionPhase, number>>> = [];
  for (const call of calls) {
    const times: Partial<Record<SuggestionPhase, number>> = {};
    let t = performance.now();
    await run(call, (phase) => {
      const now = performance.now();
      times[phase] = now - t;
      t = now;
    });
    all.push(times);
  }
  const parts = (['read', 'retrieve', 'candidates', 'judge', 'audit'] as const).map((name) => {
    const s = summary(all.map((x) => x[name] ?? 0));
    return `${name} ${s.p50.toFixed(1)}/${s.p95.toFixed(1)}`;
  });
  log(`  ${direction} by phase, p50/p95 ms: ${parts.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// The run

async function main({ pgUrl }: { pgUrl: string }) {
  const today = todayInStockholm();
  const reindexSeconds = await seed(pgUrl, today);

  const coaches = await coachesByJobbtorg();
  const random = createRandom(SEED + 3);
  const forOpenings = await openingCalls(coaches, today, random);
  const forAspirants = await aspirantCalls(coaches, random);
  if (forOpenings.length <= WARMUP || forAspirants.length <= WARMUP) {
    throw new Error(`too few inputs: ${forOpenings.length} openings and ${forAspirants.length} aspirants for ${WARMUP} warm-up calls and more`);
  }
  const officeCount = new Set(forOpenings.map((c) => c.user.jobbtorgId)).size;
  log(`${forOpenings.length - WARMUP} openings (as coaches of ${officeCount} Jobbtorg) and ${forAspirants.length - WARMUP} aspirants, after ${WARMUP} warm-up calls each`);

  const runOpening = async (c: Call) => {
    const r = await suggestionsForOpening(c.user, c.id, IP);
    return r && { suggestions: r.suggestions.length, judged: r.judged, source: r.source };
  };
  const runAspirant = async (c: Call) => {
    const r = await suggestionsForAspirant(c.user, c.id, IP);
    return r && { suggestions: r.suggestions.length, judged: r.judged, source: r.source };
  };

  log('warming up …');
  await timeCalls(forOpenings.slice(0, WARMUP), runOpening);
  await timeCalls(forAspirants.slice(0, WARMUP), runAspirant);

  log('timing suggestionsForOpening (retrieval in Meilisearch, candidates from PostgreSQL, rules and scores, audit row) …');
  const openingTimed = forOpenings.slice(WARMUP);
  const openingSamples = await timeCalls(openingTimed, runOpening);
  log('timing suggestionsForAspirant …');
  const aspirantTimed = forAspirants.slice(WARMUP);
  const aspirantSamples = await timeCalls(aspirantTimed, runAspirant);

  const officeName = new Map((await getDb().select({ id: jobbtorg.id, name: jobbtorg.name }).from(jobbtorg)).map((j) => [String(j.id), j.name]));
  const openingMs = report('opening → aspirants', openingTimed, openingSamples, (kind) => kind);
  const aspirantMs = report('aspirant → openings', aspirantTimed, aspirantSamples, (id) => officeName.get(id) ?? id);

  log('where the time goes (the same inputs again, step by step):');
  await breakdown('opening → aspirants', openingTimed, (c, lap) => suggestionsForOpening(c.user, c.id, IP, lap));
  await breakdown('aspirant → openings', aspirantTimed, (c, lap) => suggestionsForAspirant(c.user, c.id, IP, lap));

  log(`target opening → aspirants p95 ≤ ${TARGET_P95_MS} ms: ${verdict(openingMs.p95 <= TARGET_P95_MS)} (${openingMs.p95.toFixed(2)} ms)`);
  log(`target aspirant → openings p95 ≤ ${TARGET_P95_MS} ms: ${verdict(aspirantMs.p95 <= TARGET_P95_MS)} (${aspirantMs.p95.toFixed(2)} ms)`);

  return {
    opening_to_aspirants_p95_ms: round2(openingMs.p95),
    aspirant_to_openings_p95_ms: round2(aspirantMs.p95),
    opening_to_aspirants_p50_ms: round2(openingMs.p50),
    aspirant_to_openings_p50_ms: round2(aspirantMs.p50),
    aspirants: ASPIRANTS,
    openings: OPENINGS,
    calls_per_direction: openingTimed.length,
    opening_mean_suggestions: round2(mean(openingSamples.map((s) => s.suggestions))),
    aspirant_mean_suggestions: round2(mean(aspirantSamples.map((s) => s.suggestions))),
    reindex_aspirants_s: round2(reindexSeconds.aspirants),
    reindex_openings_s: round2(reindexSeconds.openings),
  };
}

await runBench(main, log);
