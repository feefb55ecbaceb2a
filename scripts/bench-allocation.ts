/**
 * `npm run bench:allocation`: the feriejobb allocation benchmark. Starts a throwaway PostgreSQL
 * (and Meilisearch, which runBench always starts; nothing here uses it) in a temporary directory,
 * seeds the reference data and the demo organisations, then builds one summer (BENCH_YEAR):
 *  - 2,000 workplaces (an organisation, an address and a district: 2 % outside Stockholm), each
 *    with 1–3 periods of 18 days starting on Mondays in June–August; one published feriejobb
 *    opening per period, 9,000 seats in all (at least one per opening, the rest spread by the
 *    workplace's size). Interest areas are drawn with uneven weights; about 10 % of the places are
 *    adapted (favouring disability), about 30 % have language support (favouring newcomers);
 *  - 30,000 applications built by buildFeriejobbApplications, each then given exactly 5 ranked
 *    interest areas (a weighted shuffle of the 6: some areas are far more wanted than others),
 *    mostly all three summer months, and for about 30 % checked priority groups.
 * Then one allocation run is computed through the service, computeRun (load, build the instance,
 * fair mode = deferred acceptance, stability check and explanations, max coverage = HiGHS, save),
 * after a tiny HiGHS solve so loading the WebAssembly is not part of the measured time. Afterwards
 * deferred acceptance is run again on the run's stored input, which must reproduce the stored
 * result exactly (the run fails otherwise).
 *
 * buildFeriejobbApplications cannot give 30,000 distinct personnummer for one summer (its
 * test-series space is about 13,400 numbers; the whole test series for ages 16–19, coordination
 * numbers included, holds 29,220), so it is called in chunks of 1,000 and every application's
 * personnummer is replaced by a 12-character marker (BENCH0000001, …) that cannot be anybody's.
 * The allocation never reads it.
 *
 * Progress goes to stderr; stdout gets one line, a JSON object:
 *   {"applicants":30000,"places":9000,"da_s":…,"highs_s":…,"da_placed":…,"highs_placed":…,"blocking_pairs":0,…}
 * ("places" is the seats in all). Target: fair mode at most 1/10 of the HiGHS time, zero blocking pairs.
 *
 * Environment knobs (optional): BENCH_APPLICANTS (default 30000), BENCH_PLACES (seats, default
 * 9000), BENCH_WORKPLACES (default 2000), BENCH_YEAR (default 2027), BENCH_SEED (default 2026).
 */
import { performance } from 'node:perf_hooks';
import { Faker, sv } from '@faker-js/faker';
import { eq, inArray, sql } from 'drizzle-orm';
import { blockingPairs, deferredAcceptance, placedCount } from '../app/feriejobb/allocation';
import { computeRun, type RunTimings } from '../app/feriejobb/allocation.server';
import { PLACES_PER_AREA } from '../app/feriejobb/feriejobb-rules';
import { maxCoverage } from '../app/feriejobb/max-coverage.server';
import type { FeriejobbInterestArea } from '../app/openings/opening-rules';
import { hashPassword } from '../app/auth/password.server';
import { getDb } from '../app/services.server';
import { runMigrations } from '../db/migrate';
import { districts, feriejobbApplications, feriejobbRunResults, feriejobbRuns, occupations, openings, organizations, type NewFeriejobbApplication, type NewOpening } from '../db/schema';
import { seedDatabase } from '../db/seed';
import { buildFeriejobbApplications } from '../db/seed/feriejobb';
import { createRandom } from '../db/seed/random';
import { intFromEnv, runBench, verdict } from './lib/bench';

const APPLICANTS = intFromEnv('BENCH_APPLICANTS', 30_000);
const SEATS = intFromEnv('BENCH_PLACES', 9_000);
const WORKPLACES = intFromEnv('BENCH_WORKPLACES', 2_000);
const YEAR = intFromEnv('BENCH_YEAR', 2027);
const SEED = intFromEnv('BENCH_SEED', 2026);

const AREAS_PER_APPLICANT = 5;
const PRIORITY_SHARE = 0.3;
const ADAPTED_SHARE = 0.1;
const LANGUAGE_SUPPORT_SHARE = 0.3;
const OUTSIDE_STOCKHOLM_SHARE = 0.02;
const PERIOD_DAYS = 18;
const BATCH = 1_000;
const TARGET_RATIO = 10;

const log = (message: string) => console.error(`[bench] ${message}`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const round3 = (n: number) => Math.round(n * 1000) / 1000;

type Random = ReturnType<typeof createRandom>;

/** How many places there are of each interest area: the weight of a workplace's area. */
const placeAreaWeights: Record<FeriejobbInterestArea, number> = {
  barn_och_unga: 0.24,
  aldreomsorg: 0.2,
  lss: 0.08,
  kultur_och_fritid: 0.18,
  park_och_miljo: 0.2,
  ovrigt: 0.1,
};

/** How wanted each interest area is: its weight in the applicants' weighted shuffles. */
const applicantAreaWeights: Record<FeriejobbInterestArea, number> = {
  barn_och_unga: 0.25,
  aldreomsorg: 0.09,
  lss: 0.07,
  kultur_och_fritid: 0.3,
  park_och_miljo: 0.15,
  ovrigt: 0.14,
};

/** Title, SSYK code and description per interest area (as the demo openings have them). */
const areaTemplates: Record<FeriejobbInterestArea, { title: string; occupation: string; description: string }> = {
  barn_och_unga: { title: 'Feriejobb på förskola', occupation: '5311', description: 'Följ med barnen i lek och utflykter under sommarverksamheten.' },
  aldreomsorg: { title: 'Feriejobb inom äldreomsorgen', occupation: '5330', description: 'Sällskap, promenader och aktiviteter med äldre på ett vård- och omsorgsboende.' },
  lss: { title: 'Feriejobb inom LSS', occupation: '5342', description: 'Stöd till personer med funktionsnedsättning i daglig verksamhet, med handledare.' },
  kultur_och_fritid: { title: 'Feriejobb på fritidsgård', occupation: '3423', description: 'Planera och leda sommaraktiviteter för yngre barn.' },
  park_och_miljo: { title: 'Feriejobb i park och natur', occupation: '6113', description: 'Skötsel av parker och lekplatser: plantering, ogräsrensning och skräpplockning.' },
  ovrigt: { title: 'Feriejobb i kafé', occupation: '9413', description: 'Servering, kassa och enklare bakning i ett kafé i stadsdelen.' },
};

const streets = ['Kistagången', 'Rinkebystråket', 'Vällingbyplan', 'Farstaplan', 'Skärholmsvägen', 'Hornsgatan', 'Fleminggatan', 'Götgatan', 'Bergsundsgatan', 'Tenstaplan', 'Bagarmossvägen', 'Brommaplan', 'Valhallavägen', 'Drottninggatan'];
const people = ['Anna Andersson', 'Mohammed Hassan', 'Sara Lindberg', 'Johan Yusuf', 'Fatima Karlsson', 'Erik Nilsson', 'Amina Abdi', 'Lars Ek', 'Hodan Said', 'Karin Holm'];

function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Every Monday of the summer whose 18-day period ends by 31 August. */
function periodStarts(year: number) {
  const starts: string[] = [];
  let day = `${year}-06-01`;
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 1) day = addDays(day, 1);
  for (; addDays(day, PERIOD_DAYS) <= `${year}-08-31`; day = addDays(day, 7)) starts.push(day);
  return starts;
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function weightedPick<T extends string>(weights: Record<T, number>, random: Random): T {
  const entries = Object.entries(weights) as [T, number][];
  let roll = random.next() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [key, w] of entries) {
    roll -= w;
    if (roll < 0) return key;
  }
  return entries.at(-1)![0];
}

/** A weighted shuffle (Efraimidis–Spirakis): heavier items tend to come first. */
function weightedShuffle<T extends string>(weights: Record<T, number>, random: Random): T[] {
  return (Object.entries(weights) as [T, number][])
    .map(([key, w]) => ({ key, sortKey: Math.log(1 - random.next()) / w }))
    .sort((a, b) => b.sortKey - a.sortKey)
    .map((x) => x.key);
}

// ---------------------------------------------------------------------------------------------
// The summer: places and applicants

async function seedPlaces(): Promise<{ openings: number; workplaces: number }> {
  const db = getDb();
  const random = createRandom(SEED + 11);
  const orgIds = (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.active, true)).orderBy(organizations.id)).map((o) => o.id);
  const districtIds = (await db.select({ id: districts.id }).from(districts).orderBy(districts.id)).map((d) => d.id);
  const codes = [...new Set(Object.values(areaTemplates).map((t) => t.occupation))];
  const present = await db.select({ code: occupations.code }).from(occupations).where(inArray(occupations.code, codes));
  if (present.length !== codes.length) throw new Error(`SSYK codes missing after the seed: ${codes.filter((c) => !present.some((p) => p.code === c)).join(', ')}`);
  if (orgIds.length === 0 || districtIds.length === 0) throw new Error('the seed wrote no organisations or districts');
  const starts = periodStarts(YEAR);

  // Workplaces and their periods, one opening per period with one seat to begin with.
  const rows: NewOpening[] = [];
  const weightOfRow: number[] = [];
  for (let w = 0; w < WORKPLACES; w++) {
    const area = weightedPick(placeAreaWeights, random);
    const template = areaTemplates[area];
    const organizationId = random.pick(orgIds);
    const workplaceAddress = `${random.pick(streets)} ${random.int(1, 120)}, Stockholm`;
    const districtId = random.chance(OUTSIDE_STOCKHOLM_SHARE) ? null : random.pick(districtIds);
    const size = random.pick([1, 1, 1, 2, 2, 3, 4, 6, 10]);
    const periods = random.pick([1, 2, 2, 3]);
    const own = shuffled(starts, random).slice(0, periods).sort();
    const contact = random.pick(people);
    const details = {
      interestArea: area,
      totalHours: random.pick([60, 75, 90]),
      dailyStart: '08:00',
      dailyEnd: random.pick(['15:00', '16:00']),
      languageSupport: random.chance(LANGUAGE_SUPPORT_SHARE),
      adaptedPlace: random.chance(ADAPTED_SHARE),
    };
    const ageMin = random.pick([16, 16, 17]);
    for (const startDate of own) {
      rows.push({
        organizationId,
        kind: 'feriejobb',
        subtype: area,
        title: template.title,
        description: template.description,
        workplaceAddress,
        districtId,
        occupationCode: template.occupation,
        places: 1,
        startDate,
        endDate: addDays(startDate, PERIOD_DAYS),
        applicationDeadline: `${YEAR}-04-30`,
        ageMin,
        ageMax: 19,
        criminalRecordRequired: area === 'barn_och_unga' || area === 'lss',
        contactName: contact,
        contactEmail: `${contact.toLowerCase().replace(/[^a-z]+/g, '.')}@exempel.se`,
        supervisorName: random.pick(people),
        details,
        status: 'published',
        publishedAt: new Date(`${YEAR}-03-01T09:00:00Z`),
      });
      weightOfRow.push(size);
    }
  }
  if (rows.length > SEATS) throw new Error(`${rows.length} openings need at least ${rows.length} seats; BENCH_PLACES is ${SEATS}`);

  // The remaining seats, one at a time to an opening drawn by its workplace's size.
  const cumulative: number[] = [];
  weightOfRow.reduce((s, w, i) => (cumulative[i] = s + w), 0);
  const total = cumulative.at(-1)!;
  for (let left = SEATS - rows.length; left > 0; ) {
    const roll = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > roll) hi = mid;
      else lo = mid + 1;
    }
    if (rows[lo]!.places! >= 500) continue;
    rows[lo]!.places!++;
    left--;
  }

  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += BATCH) await tx.insert(openings).values(rows.slice(i, i + BATCH));
  });
  return { openings: rows.length, workplaces: WORKPLACES };
}

async function seedApplicants(): Promise<number> {
  const db = getDb();
  const random = createRandom(SEED + 12);
  const faker = new Faker({ locale: [sv] });
  faker.seed(SEED + 3);
  const districtIds = (await db.select({ id: districts.id }).from(districts).orderBy(districts.id)).map((d) => d.id);
  let inserted = 0;
  await db.transaction(async (tx) => {
    for (let chunk = 0; inserted < APPLICANTS; chunk++) {
      const count = Math.min(BATCH, APPLICANTS - inserted);
      const built = buildFeriejobbApplications({ count, seed: SEED + 100 + chunk, year: YEAR, faker, districtIds });
      const rows: NewFeriejobbApplication[] = built.map((row, i) => {
        const n = inserted + i + 1;
        const interestAreas = weightedShuffle(applicantAreaWeights, random).slice(0, AREAS_PER_APPLICANT);
        const monthRoll = random.next();
        const months = monthRoll < 0.8 ? [6, 7, 8] : monthRoll < 0.9 ? [6, 7] : monthRoll < 0.95 ? [7, 8] : [random.pick([6, 7, 8])];
        const groups: string[] = [];
        if (random.chance(PRIORITY_SHARE)) {
          if (random.chance(0.5)) groups.push('first_time');
          if (random.chance(0.15)) groups.push('school_incomplete');
          if (random.chance(0.12)) groups.push('disability');
          if (random.chance(0.3)) groups.push('newcomer');
          if (random.chance(0.08)) groups.push('social_reasons');
          if (groups.length === 0) groups.push('first_time');
        }
        return {
          ...row,
          personnummer: `BENCH${String(n).padStart(7, '0')}`,
          interestAreas,
          months,
          priorityGroups: groups,
          priorityCheckedAt: groups.length ? new Date(`${YEAR}-04-0${random.int(1, 9)}T09:00:00Z`) : null,
          adaptationNeeds: groups.includes('disability') ? 'Behöver korta pauser och tydliga instruktioner.' : null,
        };
      });
      await tx.insert(feriejobbApplications).values(rows);
      inserted += rows.length;
    }
  });
  return inserted;
}

async function seed(pgUrl: string) {
  const db = getDb();
  let started = performance.now();
  await runMigrations(pgUrl);
  await seedDatabase(db, { hashPassword: (p) => hashPassword(p, 10), openings: 0, aspirants: 0, feriejobbApplications: 0, seed: SEED });
  log(`migrated and seeded reference data, organisations and users in ${seconds(started)} s`);

  started = performance.now();
  const places = await seedPlaces();
  log(`seeded ${places.workplaces} workplaces as ${places.openings} published feriejobb openings with ${SEATS} seats for ${YEAR} in ${seconds(started)} s`);

  started = performance.now();
  const applicants = await seedApplicants();
  log(`seeded ${applicants} applications (${AREAS_PER_APPLICANT} interest areas each) in ${seconds(started)} s`);

  // Fresh statistics, as autovacuum would gather them on a live database.
  await db.execute(sql`vacuum analyze`);
  const [o] = await db.execute<{ openings: number; seats: number; adapted: number; language: number; outside: number }>(
    sql`select count(*)::int as openings, coalesce(sum(places), 0)::int as seats,
          (count(*) filter (where (details->>'adaptedPlace')::boolean))::int as adapted,
          (count(*) filter (where (details->>'languageSupport')::boolean))::int as language,
          (count(*) filter (where district_id is null))::int as outside
        from openings where kind = 'feriejobb' and status = 'published' and extract(year from start_date) = ${YEAR}`,
  );
  const [a] = await db.execute<{ total: number; priority: number; all_months: number }>(
    sql`select count(*)::int as total, (count(*) filter (where cardinality(priority_groups) > 0))::int as priority,
          (count(*) filter (where cardinality(months) = 3))::int as all_months
        from feriejobb_applications where year = ${YEAR} and status = 'active'`,
  );
  if (o?.seats !== SEATS || a?.total !== APPLICANTS) throw new Error(`the seed wrote ${a?.total} applications and ${o?.seats} seats; expected ${APPLICANTS} and ${SEATS}`);
  log(`places: ${o.openings} openings, ${o.adapted} adapted, ${o.language} with language support, ${o.outside} outside Stockholm`);
  log(`applicants: ${a.total}, ${a.priority} with priority groups, ${a.all_months} available all three months`);
  const byArea = await db.execute<{ area: string; seats: number; first: number }>(
    sql`select s.area, s.seats, coalesce(f.first, 0)::int as first
        from (select subtype as area, sum(places)::int as seats from openings
              where kind = 'feriejobb' and extract(year from start_date) = ${YEAR} group by subtype) s
        left join (select interest_areas[1] as area, count(*)::int as first from feriejobb_applications
              where year = ${YEAR} group by 1) f on f.area = s.area
        order by s.area`,
  );
  log(`seats / first choices by area: ${byArea.map((r) => `${r.area} ${r.seats}/${r.first}`).join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// The run

async function main({ pgUrl }: { pgUrl: string }) {
  await seed(pgUrl);
  const db = getDb();

  // HiGHS loads its WebAssembly on first use: load it now, outside the measured run.
  let started = performance.now();
  const warm = await maxCoverage({ applicants: [{ id: 'a', prefs: [0], groups: 0, lottery: 0.5 }], places: [{ id: 'p', capacity: 1, favoured: 0 }] });
  if (warm.placed !== 1) throw new Error(`the HiGHS warm-up placed ${warm.placed} of 1`);
  log(`HiGHS loaded and warmed up in ${seconds(started)} s`);

  const [created] = await db
    .insert(feriejobbRuns)
    .values({ year: YEAR, round: 1, seed: SEED, status: 'running', answerDeadline: `${YEAR}-05-15`, startedAt: sql`now()`, heartbeatAt: sql`now()`, progress: 1, progressLabel: 'Startar' })
    .returning({ id: feriejobbRuns.id });
  const runId = created!.id;

  log(`computing the run (both modes over the same instance, ${PLACES_PER_AREA} places per interest area at most) …`);
  started = performance.now();
  const t: RunTimings = await computeRun(db, runId);
  log(`computeRun took ${seconds(started)} s`);
  log(
    `phases: load ${t.load_ms.toFixed(0)} ms, build ${t.build_ms.toFixed(0)} ms, deferred acceptance ${t.da_ms.toFixed(1)} ms, ` +
      `check and explanations ${t.check_ms.toFixed(0)} ms, HiGHS ${t.max_ms.toFixed(0)} ms, save ${t.save_ms.toFixed(0)} ms`,
  );

  const [run] = await db.select().from(feriejobbRuns).where(eq(feriejobbRuns.id, runId));
  if (!run || run.status !== 'review' || !run.input) throw new Error(`the run ended as ${run?.status ?? 'missing'}${run?.error ? `: ${run.error}` : ''}`);
  const instance = run.input;
  const lengths = instance.applicants.map((a) => a.prefs.length);
  const meanLength = lengths.reduce((s, n) => s + n, 0) / Math.max(1, lengths.length);
  const maxLength = lengths.reduce((m, n) => Math.max(m, n), 0);
  const emptyLists = lengths.filter((n) => n === 0).length;
  const columns = lengths.reduce((s, n) => s + n, 0);
  log(
    `instance: ${run.applicants} applicants, ${run.places} places with ${run.seats} seats; list length mean ${meanLength.toFixed(2)}, ` +
      `max ${maxLength}, ${emptyLists} empty; ${columns} applicant–place pairs (HiGHS columns)`,
  );
  log(`placed: fair ${run.daPlaced}, max coverage ${run.maxPlaced}; price of fairness ${run.priceOfFairness?.extraPlaced ?? 'n/a'} youths; blocking pairs ${run.blockingPairs}`);
  const listed = new Uint8Array(instance.places.length);
  for (const a of instance.applicants) for (const p of a.prefs) listed[p] = 1;
  const seatsOf = (keep: (place: (typeof instance.places)[number], p: number) => boolean) => instance.places.reduce((s, place, p) => s + (keep(place, p) ? place.capacity : 0), 0);
  log(
    `places on nobody's list: ${listed.filter((x) => x === 0).length} with ${seatsOf((_, p) => listed[p] === 0)} seats ` +
      `(${seatsOf((place, p) => listed[p] === 0 && place.districtId === null)} of those seats outside Stockholm, where ${seatsOf((place) => place.districtId === null)} seats are in all)`,
  );

  // Independent cross-check: the stored input alone must reproduce the stored fair result.
  started = performance.now();
  const again = deferredAcceptance(instance);
  const againMs = performance.now() - started;
  const stored = new Map(
    (await db.select({ applicationId: feriejobbRunResults.applicationId, openingId: feriejobbRunResults.openingId }).from(feriejobbRunResults).where(eq(feriejobbRunResults.runId, runId))).map((r) => [
      r.applicationId,
      r.openingId,
    ]),
  );
  const differing = instance.applicants.filter((a, i) => (again[i]! >= 0 ? instance.places[again[i]!]!.id : null) !== stored.get(a.id)).length;
  const againBlocking = blockingPairs(instance, again).length;
  log(
    `reproduction from the stored input: placed ${placedCount(again)} (stored ${run.daPlaced}), ${differing} of ${instance.applicants.length} assignments differ, ` +
      `${againBlocking} blocking pairs, deferred acceptance again in ${againMs.toFixed(1)} ms`,
  );
  if (placedCount(again) !== run.daPlaced || differing !== 0 || stored.size !== instance.applicants.length) {
    throw new Error(`the stored input does not reproduce the stored result (placed ${placedCount(again)} vs ${run.daPlaced}, ${differing} differing, ${stored.size} result rows)`);
  }

  const daS = t.da_ms / 1000;
  const highsS = t.max_ms / 1000;
  const ratio = highsS / Math.max(daS, 1e-9);
  log(`HiGHS / deferred acceptance time: ${ratio.toFixed(1)}×`);
  log(`target fair mode ≤ 1/${TARGET_RATIO} of the HiGHS time: ${verdict(ratio >= TARGET_RATIO)} (${(1000 * daS).toFixed(1)} ms vs ${(1000 * highsS).toFixed(0)} ms)`);
  log(`target zero blocking pairs: ${verdict(run.blockingPairs === 0)} (${run.blockingPairs})`);

  return {
    applicants: run.applicants,
    places: run.seats,
    da_s: round3(daS),
    highs_s: round3(highsS),
    da_placed: run.daPlaced,
    highs_placed: run.maxPlaced,
    blocking_pairs: run.blockingPairs,
    openings: run.places,
    workplaces: WORKPLACES,
    mean_list_length: round3(meanLength),
    max_list_length: maxLength,
    extra_placed: run.priceOfFairness?.extraPlaced ?? null,
    ratio: Math.round(ratio * 10) / 10,
    load_s: round3(t.load_ms / 1000),
    build_s: round3(t.build_ms / 1000),
    check_s: round3(t.check_ms / 1000),
    save_s: round3(t.save_ms / 1000),
  };
}

await runBench(main, log);
