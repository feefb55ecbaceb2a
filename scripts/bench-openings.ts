/**
 * `npm run bench:openings`: the Openings search benchmark. Starts a throwaway PostgreSQL and
 * Meilisearch in a temporary directory, seeds 50,000 openings, times a full reindex, then runs
 * 1,000 varied searches through the route's service (searchOpenings) and the same search states
 * through its PostgreSQL equivalent (searchOpeningsInDatabase, ILIKE + filters) over the same rows.
 *
 * Progress goes to stdout; the very last line is one JSON object:
 *   {"openings":50000,"reindex_s":…,"search_p50_ms":…,"search_p95_ms":…,"pg_p95_ms":…}
 * Targets: search p95 ≤ 25 ms and ≥ 10× faster than PostgreSQL; reindex ≤ 60 s.
 *
 * Environment knobs (optional): BENCH_OPENINGS (default 50000), BENCH_QUERIES (default 1000),
 * BENCH_WARMUP (default 50), BENCH_SEED (default 2026).
 */
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { hashPassword } from '../app/auth/password.server';
import type { SessionUser } from '../app/auth/auth.server';
import { openingKinds } from '../app/openings/opening-rules';
import { parseOpeningSearch, type OpeningSearch } from '../app/openings/opening-search';
import { searchOpenings, searchOpeningsInDatabase } from '../app/openings/search.server';
import { getDb, getSearch } from '../app/services.server';
import { runMigrations } from '../db/migrate';
import { clusters, districts, openings, searchOutbox, users } from '../db/schema';
import { seedDatabase } from '../db/seed';
import { buildOpenings, insertOpenings } from '../db/seed/openings';
import { createRandom } from '../db/seed/random';
import { physicalIndexName } from '../search/indexes';
import { applyIndexSettings, reindex } from '../search/sync.server';
import { describeTimes, intFromEnv, round2, runBench, summary, verdict, misspell } from './lib/bench';

const OPENINGS = intFromEnv('BENCH_OPENINGS', 50_000);
const QUERIES = intFromEnv('BENCH_QUERIES', 1_000);
const WARMUP = intFromEnv('BENCH_WARMUP', 50);
const SEED = intFromEnv('BENCH_SEED', 2026);

const TARGET_SEARCH_P95_MS = 25;
const TARGET_SPEEDUP = 10;
const TARGET_REINDEX_S = 60;

const log = (message: string) => console.info(`[bench] ${message}`);

// ---------------------------------------------------------------------------------------------
// Query generation

type Random = ReturnType<typeof createRandom>;

interface Vocabulary {
  words: string[];
  phrases: string[];
  clusterNames: string[];
  districtNames: string[];
  occupationCodes: string[];
  organizationNames: string[];
  months: string[];
  languages: string[];
}

const STOPWORDS = new Set(['på', 'i', 'som', 'för', 'inom', 'och', 'med', 'av', 'till', 'en', 'ett', 'den', 'det']);

function pickSome<T>(items: readonly T[], random: Random, max: number): T[] {
  const n = random.int(1, Math.min(max, items.length));
  const chosen = new Set<T>();
  while (chosen.size < n) chosen.add(random.pick(items));
  return [...chosen];
}

function buildQueryParams(vocabulary: Vocabulary, random: Random): URLSearchParams {
  const params = new URLSearchParams();
  const qRoll = random.next();
  if (qRoll < 0.2) {
    // empty query: browse with filters
  } else if (qRoll < 0.6) params.set('q', random.pick(vocabulary.words));
  else if (qRoll < 0.75) params.set('q', random.pick(vocabulary.phrases));
  else if (qRoll < 0.92) params.set('q', misspell(random.pick(vocabulary.words.filter((w) => w.length >= 5)), random));
  else {
    // typed so far: a prefix of a word
    const word = random.pick(vocabulary.words.filter((w) => w.length >= 6));
    params.set('q', word.slice(0, random.int(4, word.length - 1)));
  }

  if (random.chance(0.35)) for (const k of pickSome(openingKinds, random, 2)) params.append('kind', k);
  const place = random.next();
  if (place < 0.2) params.append('cluster', random.pick(vocabulary.clusterNames));
  else if (place < 0.4) for (const d of pickSome(vocabulary.districtNames, random, 2)) params.append('district', d);
  if (random.chance(0.3)) {
    const level = random.int(1, 4) as 1 | 2 | 3 | 4;
    const codes = [...new Set(vocabulary.occupationCodes.map((c) => c.slice(0, level)))];
    for (const c of pickSome(codes, random, 2)) params.append(`ssyk${level}`, c);
  }
  if (random.chance(0.05)) params.append('organization', random.pick(vocabulary.organizationNames));
  if (random.chance(0.05)) params.append('month', random.pick(vocabulary.months));
  if (random.chance(0.05)) params.append('language', random.pick(vocabulary.languages));
  if (random.chance(0.05)) params.append('membership', random.pick(['member', 'plus']));

  const sortRoll = random.next();
  const sort = sortRoll < 0.4 ? 'relevance' : sortRoll < 0.65 ? 'deadline' : sortRoll < 0.85 ? 'start' : 'newest';
  if (sort !== 'relevance') params.set('sort', sort);
  const pageRoll = random.next();
  const page = pageRoll < 0.7 ? 1 : pageRoll < 0.9 ? 2 : random.int(3, 5);
  if (page > 1) params.set('page', String(page));
  return params;
}

async function loadVocabulary(): Promise<Vocabulary> {
  const db = getDb();
  const titles = (await db.selectDistinct({ title: openings.title }).from(openings)).map((r) => r.title);
  const words = new Set<string>();
  const phrases = new Set<string>();
  for (const title of titles) {
    const tokens = title.toLowerCase().split(/\s+/).filter(Boolean);
    for (const t of tokens) if (t.length >= 3 && !STOPWORDS.has(t)) words.add(t);
    // Two or three consecutive words of a real title, so ILIKE can match them as well.
    for (let i = 0; i + 1 < tokens.length; i++) phrases.add(tokens.slice(i, i + 2).join(' '));
    for (let i = 0; i + 2 < tokens.length; i++) phrases.add(tokens.slice(i, i + 3).join(' '));
  }
  const codes = (await db.selectDistinct({ code: openings.occupationCode }).from(openings)).map((r) => r.code);
  const orgs = await db.execute<{ name: string }>(
    sql`select o.name from organizations o where exists (select 1 from openings p where p.organization_id = o.id) order by o.name`,
  );
  const months = await db.execute<{ month: string }>(sql`select distinct to_char(start_date, 'YYYY-MM') as month from openings order by 1`);
  const languages = await db.execute<{ language: string }>(sql`select distinct unnest(languages) as language from openings order by 1`);
  return {
    words: [...words].sort(),
    phrases: [...phrases].sort(),
    clusterNames: (await db.select({ name: clusters.name }).from(clusters).orderBy(clusters.name)).map((r) => r.name),
    districtNames: (await db.select({ name: districts.name }).from(districts).orderBy(districts.name)).map((r) => r.name),
    occupationCodes: codes.sort(),
    organizationNames: orgs.map((r) => r.name),
    months: months.map((r) => r.month),
    languages: languages.map((r) => r.language),
  };
}

// ---------------------------------------------------------------------------------------------
// The run

async function timeEach<T>(states: OpeningSearch[], run: (state: OpeningSearch) => Promise<T>, check: (result: T) => void) {
  const samples: number[] = [];
  for (const state of states) {
    const started = performance.now();
    const result = await run(state);
    samples.push(performance.now() - started);
    check(result);
  }
  return samples;
}

async function main({ pgUrl }: { pgUrl: string }) {

  let started = performance.now();
  await runMigrations(pgUrl);
  const db = getDb();
  await seedDatabase(db, { hashPassword: (p) => hashPassword(p, 10), openings: 0, seed: SEED });
  log(`migrated and seeded reference data, organisations and users in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  const rows = await buildOpenings(db, { count: OPENINGS, seed: SEED + 1, today, publishedShare: 0.85 });
  const chunk = 10_000;
  for (let i = 0; i < rows.length; i += chunk) {
    await insertOpenings(db, rows.slice(i, i + chunk));
    log(`inserted ${Math.min(i + chunk, rows.length)}/${rows.length} openings`);
  }
  // Fresh statistics, as autovacuum would gather them on a live database; fair to PostgreSQL.
  await db.execute(sql`vacuum analyze`);
  const [counts] = await db.execute<{ total: number; published: number }>(
    sql`select count(*)::int as total, (count(*) filter (where status = 'published'))::int as published from openings`,
  );
  log(`seeded ${counts?.total} openings (${counts?.published} published) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const search = getSearch();
  await applyIndexSettings(search);
  log('reindexing openings …');
  started = performance.now();
  const indexed = await reindex(db, search, 'openings', ({ done, total }) => {
    if (done > 0) log(`  indexed ${done}/${total}`);
  });
  const reindexSeconds = (performance.now() - started) / 1000;
  const stats = await search.client.index(physicalIndexName('openings', search.prefix)).getStats();
  if (stats.numberOfDocuments !== OPENINGS || indexed !== OPENINGS) {
    throw new Error(`the index holds ${stats.numberOfDocuments} documents (reindex reported ${indexed}); expected ${OPENINGS}`);
  }
  log(`reindex of ${indexed} openings took ${reindexSeconds.toFixed(2)} s`);
  // Everything is in the index: leave no outbox work (no worker runs here anyway).
  await db.delete(searchOutbox);

  const [coach] = await db
    .select({ id: users.id, email: users.email, name: users.name, jobbtorgId: users.jobbtorgId })
    .from(users)
    .where(eq(users.role, 'coach'))
    .orderBy(users.email)
    .limit(1);
  if (!coach) throw new Error('the seed has no coach');
  const user: SessionUser = { id: coach.id, email: coach.email, name: coach.name, role: 'coach', jobbtorgId: coach.jobbtorgId ?? 1, organizationId: null, sessionId: 'bench' };

  const vocabulary = await loadVocabulary();
  const random = createRandom(SEED + 2);
  const queryStrings = Array.from({ length: WARMUP + QUERIES }, () => buildQueryParams(vocabulary, random).toString());
  const states = queryStrings.map((q) => parseOpeningSearch(new URLSearchParams(q)));
  const warmup = states.slice(0, WARMUP);
  const timed = states.slice(WARMUP);
  log(`${timed.length} queries (${warmup.length} more to warm up) from ${vocabulary.words.length} title words, e.g.:`);
  for (const q of queryStrings.slice(WARMUP, WARMUP + 5)) log(`  ?${decodeURIComponent(q.replace(/\+/g, ' ')) || '(no query, no filters)'}`);

  // A search that fails silently falls back to the database; that must not be counted as a search.
  let searchTotals: number[] = [];
  const checkSearch = (r: Awaited<ReturnType<typeof searchOpenings>>) => {
    if (r.source !== 'search') throw new Error('searchOpenings fell back to the database: Meilisearch did not answer');
    searchTotals.push(r.total);
  };
  let pgTotals: number[] = [];
  const checkPg = (r: Awaited<ReturnType<typeof searchOpeningsInDatabase>>) => {
    pgTotals.push(r.total);
  };
  const average = (values: number[]) => (values.reduce((s, v) => s + v, 0) / Math.max(1, values.length)).toFixed(0);

  log(`warming up with ${warmup.length} untimed queries on each side …`);
  await timeEach(warmup, (s) => searchOpenings(user, s), checkSearch);
  await timeEach(warmup, (s) => searchOpeningsInDatabase(user, s, []), checkPg);
  searchTotals = [];
  pgTotals = [];

  log('timing searchOpenings (Meilisearch) …');
  const searchSamples = await timeEach(timed, (s) => searchOpenings(user, s), checkSearch);
  const searchMs = summary(searchSamples);
  log(`search:     ${describeTimes(searchMs)}; ${average(searchTotals)} matches per query on average`);
  // Where the tail comes from (Meilisearch counts facets document by document when ≤ 3,000 match).
  const slowest = searchSamples.map((ms, i) => ({ ms, i })).sort((a, b) => b.ms - a.ms).slice(0, 3);
  for (const { ms, i } of slowest) {
    log(`  slow: ${ms.toFixed(1)} ms, ${searchTotals[i]} matches: ?${decodeURIComponent((queryStrings[WARMUP + i] ?? '').replace(/\+/g, ' '))}`);
  }
  log('timing searchOpeningsInDatabase (PostgreSQL ILIKE + filters) …');
  const pgMs = summary(await timeEach(timed, (s) => searchOpeningsInDatabase(user, s, []), checkPg));
  log(`postgresql: ${describeTimes(pgMs)}; ${average(pgTotals)} matches per query on average`);

  // Cross-check: without a text query both sides apply the same scope and filters, so they must
  // count the same openings (Meilisearch counts up to its maxTotalHits).
  let compared = 0;
  const disagreements: string[] = [];
  timed.forEach((state, i) => {
    if (state.q || (pgTotals[i] ?? 0) >= 10_000) return;
    compared++;
    if (searchTotals[i] !== pgTotals[i]) disagreements.push(`?${queryStrings[WARMUP + i]}: search ${searchTotals[i]}, postgresql ${pgTotals[i]}`);
  });
  if (disagreements.length) {
    console.warn(`[bench] ${disagreements.length} of ${compared} filter-only queries count differently, e.g.:`);
    for (const d of disagreements.slice(0, 5)) console.warn(`[bench]   ${decodeURIComponent(d)}`);
  } else log(`filter-only queries agree on the number of matches (${compared} compared)`);

  const speedup = pgMs.p95 / searchMs.p95;
  log(`target search p95 ≤ ${TARGET_SEARCH_P95_MS} ms: ${verdict(searchMs.p95 <= TARGET_SEARCH_P95_MS)} (${searchMs.p95.toFixed(2)} ms)`);
  log(`target ≥ ${TARGET_SPEEDUP}× faster than PostgreSQL at p95: ${verdict(speedup >= TARGET_SPEEDUP)} (${speedup.toFixed(1)}×)`);
  log(`target reindex ≤ ${TARGET_REINDEX_S} s: ${verdict(reindexSeconds <= TARGET_REINDEX_S)} (${reindexSeconds.toFixed(2)} s)`);

  return {
    openings: OPENINGS,
    reindex_s: round2(reindexSeconds),
    search_p50_ms: round2(searchMs.p50),
    search_p95_ms: round2(searchMs.p95),
    pg_p95_ms: round2(pgMs.p95),
  };
}

await runBench(main, log);
