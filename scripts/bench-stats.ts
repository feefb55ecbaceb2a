/**
 * `npm run bench:stats`: the statistics benchmark. Starts a throwaway PostgreSQL (and
 * Meilisearch, which runBench always starts; nothing here uses it) in a temporary directory,
 * seeds the reference data and the demo organisations, then a history of 1,000,000 placements
 * over the last five years including this one (insertStatisticsHistory, anonymised: the
 * aspirants as the retention job leaves them), with its aspirants, openings, follow-ups and
 * feriejobb summers. Then the facts are refreshed through the service (refreshStatistics, timed;
 * CONCURRENTLY, as the worker does it), analysed, and every dashboard query is timed through its
 * service function, each WARMUP times untimed and then REPEATS times:
 *  - statisticsState and targetsInForce;
 *  - indicatorCards at the city, the busiest cluster, Jobbtorg and organisation, for the latest
 *    full year and for the current year;
 *  - breakdownTable at city level for several indicator × dimension pairs (cluster, Jobbtorg,
 *    district, organisation, partner category, subtype), for the latest full year and one of its
 *    tertials.
 *
 * Progress goes to stderr; stdout gets one line, a JSON object:
 *   {"placements":1000000,"queries":…,"worst_p95_ms":…,"worst_query":"…","refresh_s":…,"facts_rows":…,…}
 * Target: the worst p95 ≤ 200 ms.
 *
 * Environment knobs (optional): BENCH_PLACEMENTS (default 1000000), BENCH_YEARS (default 5),
 * BENCH_REPEATS (default 30), BENCH_WARMUP (default 3), BENCH_SEED (default 2026).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../app/auth/password.server';
import { todayInStockholm } from '../app/dates';
import { getDb } from '../app/services.server';
import type { Dimension, IndicatorId } from '../app/statistics/indicators';
import { breakdownTable, indicatorCards, refreshStatistics, statisticsState, targetsInForce, type Scope } from '../app/statistics/statistics.server';
import type { Period } from '../app/statistics/tertial';
import { runMigrations } from '../db/migrate';
import { seedDatabase } from '../db/seed';
import { insertStatisticsHistory } from '../db/seed/statistics-history';
import { describeTimes, intFromEnv, round2, runBench, summary, verdict } from './lib/bench';

const PLACEMENTS = intFromEnv('BENCH_PLACEMENTS', 1_000_000);
const YEARS = intFromEnv('BENCH_YEARS', 5);
const REPEATS = intFromEnv('BENCH_REPEATS', 30);
const WARMUP = intFromEnv('BENCH_WARMUP', 3);
const SEED = intFromEnv('BENCH_SEED', 2026);

const TARGET_P95_MS = 200;
const THRESHOLD = 5;

/** Breakdowns the dashboard offers at city level: an indicator and one of its dimensions. */
const breakdowns: Array<[IndicatorId, Dimension]> = [
  ['stockholmsjobb_aspirants', 'cluster'],
  ['stockholmsjobb_aspirants', 'jobbtorg'],
  ['stockholmsjobb_aspirants', 'district'],
  ['stockholmsjobb_aspirants', 'organization'],
  ['stockholmsjobb_aspirants', 'partner'],
  ['stockholmsjobb_aspirants', 'subtype'],
  ['stockholmsjobb_places', 'organization'],
  ['stockholmsjobb_outcome_3m', 'organization'],
  ['exit_work_or_studies', 'jobbtorg'],
  ['feriejobb_youths', 'district'],
  ['work_through_partnership', 'partner'],
];

const log = (message: string) => console.error(`[bench] ${message}`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

interface Query {
  name: string;
  run: () => Promise<unknown>;
}

async function main({ pgUrl }: { pgUrl: string }) {
  const db = getDb();
  let started = performance.now();
  await runMigrations(pgUrl);
  await seedDatabase(db, { hashPassword: (p) => hashPassword(p, 10), openings: 0, aspirants: 0, feriejobbApplications: 0, seed: SEED, statisticsHistory: false });
  log(`migrated and seeded reference data, organisations and users in ${seconds(started)} s`);

  const today = todayInStockholm();
  const year = Number(today.slice(0, 4));
  const fullYear = year - 1;
  started = performance.now();
  log(`seeding ${PLACEMENTS} placements over ${year - YEARS + 1}–${year} (anonymised) …`);
  const history = await insertStatisticsHistory(db, { placements: PLACEMENTS, fromYear: year - YEARS + 1, toYear: year, today, seed: SEED, anonymised: true });
  const seedSeconds = (performance.now() - started) / 1000;
  log(`seeded in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(history)}`);
  // Fresh statistics on the sources, as autovacuum would gather them on a live database.
  started = performance.now();
  await db.execute(sql`vacuum analyze`);
  log(`vacuum analyze in ${seconds(started)} s`);

  started = performance.now();
  await refreshStatistics(db, { force: true });
  const refreshSeconds = (performance.now() - started) / 1000;
  await db.execute(sql`analyze statistics_facts`);
  const [facts] = await db.execute<{ rows: number; mb: number }>(
    sql`select count(*)::int as rows, (pg_total_relation_size('statistics_facts') / 1048576)::int as mb from statistics_facts`,
  );
  log(`refreshStatistics (concurrently) took ${refreshSeconds.toFixed(1)} s: ${facts!.rows} fact rows, ${facts!.mb} MB with indexes`);
  const perIndicator = await db.execute<{ indicator: string; n: number }>(
    sql`select indicator, count(*)::int as n from statistics_facts where year = ${fullYear} group by 1 order by 1`,
  );
  log(`facts in ${fullYear}: ${perIndicator.map((r) => `${r.indicator} ${r.n}`).join(', ')}`);

  // The busiest cluster, Jobbtorg and organisation of the full year: the slowest of their kind.
  const busiest = async (column: 'cluster_id' | 'jobbtorg_id' | 'organization_id') => {
    const [row] = await db.execute<{ id: string; n: number }>(
      sql`select ${sql.identifier(column)}::text as id, count(*)::int as n from statistics_facts
          where year = ${fullYear} and ${sql.identifier(column)} is not null group by 1 order by 2 desc limit 1`,
    );
    if (!row) throw new Error(`no facts with a ${column} in ${fullYear}`);
    log(`busiest ${column}: ${row.id} with ${row.n} facts in ${fullYear}`);
    return row.id;
  };
  const scopes: Array<[string, Scope]> = [
    ['city', { level: 'city' }],
    ['cluster', { level: 'cluster', id: Number(await busiest('cluster_id')) }],
    ['jobbtorg', { level: 'jobbtorg', id: Number(await busiest('jobbtorg_id')) }],
    ['organization', { level: 'organization', id: await busiest('organization_id') }],
  ];
  const periods: Array<[string, Period]> = [
    [String(fullYear), { year: fullYear, tertial: null }],
    [`${fullYear}-T2`, { year: fullYear, tertial: 2 }],
  ];

  const queries: Query[] = [
    { name: 'statisticsState', run: () => statisticsState(db) },
    { name: `targetsInForce ${year}`, run: () => targetsInForce(db, year) },
    ...scopes.flatMap(([label, scope]) =>
      [fullYear, year].map((y) => ({
        name: `indicatorCards ${label} ${y}`,
        run: () => indicatorCards(db, scope, y, { today, threshold: THRESHOLD, withGroups: scope.level !== 'organization' }),
      })),
    ),
    ...breakdowns.flatMap(([indicator, dimension]) =>
      periods.map(([label, period]) => ({
        name: `breakdownTable city ${indicator} × ${dimension} ${label}`,
        run: () => breakdownTable(db, { level: 'city' }, period, indicator, dimension, { threshold: THRESHOLD }),
      })),
    ),
  ];

  log(`timing ${queries.length} queries, ${WARMUP} warm-up and ${REPEATS} timed runs each …`);
  const results: Array<{ name: string; p50: number; p95: number; max: number }> = [];
  for (const query of queries) {
    for (let i = 0; i < WARMUP; i++) await query.run();
    const samples: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const t = performance.now();
      await query.run();
      samples.push(performance.now() - t);
    }
    const s = summary(samples);
    results.push({ name: query.name, p50: s.p50, p95: s.p95, max: s.max });
    log(`${query.name}: ${describeTimes(s)}`);
  }

  const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
  log(`worst p95: ${worst.name} ${worst.p95.toFixed(2)} ms`);
  log(`target worst p95 ≤ ${TARGET_P95_MS} ms: ${verdict(worst.p95 <= TARGET_P95_MS)}`);
  return {
    placements: history.placements,
    queries: results.length,
    worst_p95_ms: round2(worst.p95),
    worst_query: worst.name,
    median_p95_ms: round2(summary(results.map((r) => r.p95)).p50),
    refresh_s: round2(refreshSeconds),
    facts_rows: facts!.rows,
    facts_mb: facts!.mb,
    seed_s: round2(seedSeconds),
    aspirants: history.aspirants,
    openings: history.openings,
    follow_ups: history.followUps,
    feriejobb_offers: history.feriejobbOffers,
    repeats: REPEATS,
  };
}

await runBench(main, log);
