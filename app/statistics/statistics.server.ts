/**
 * The partnership placement statistics: reads the statistics_facts view (migration 0010), which
 * the worker refreshes when the source tables have changed, and turns it into the dashboard's
 * figures and tables. Who may see which scope is decided here (scopeFor), on the server.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.server';
import { clusters, districts, jobbtorg, organizations, statisticsChanges, statisticsCells, statisticsSettings, statisticsTargets } from '../../db/schema';
import type { SessionUser } from '../auth/auth.server';
import {
  dimensionLabels,
  groupLabels,
  indicatorById,
  indicators,
  partnerCategoryLabels,
  type Dimension,
  type Group,
  type IndicatorDefinition,
  type IndicatorId,
} from './indicators';
import { feriejobbInterestAreaLabels, mentorProgrammeLabels, openingKindLabels, praktikLevelLabels, stockholmsjobbSubtypeLabels } from '../openings/opening-rules';
import { addAggregates, buildTable, emptyAggregate, figureOf, type Aggregate, type IndicatorCard, type StatTable, type TargetValue } from './stat-table';
export type { IndicatorCard, TargetValue };
import { memoizedFacts } from './memo.server';
import { elapsedShare, formatPeriod, periodRange, tertials, yearThroughLabel, type Period, type Tertial } from './tertial';
import { genderColumns, progressOf, type GenderBucket } from './progress';

export type Scope =
  | { level: 'city' }
  | { level: 'cluster'; id: number }
  | { level: 'jobbtorg'; id: number }
  | { level: 'organization'; id: string };

/** The scope levels an indicator can be shown at: the city, and those of its dimensions. */
export function appliesTo(indicator: IndicatorDefinition, scope: Scope): boolean {
  return scope.level === 'city' || (indicator.dimensions as readonly string[]).includes(scope.level);
}

/**
 * The scope a user may see, given what they asked for: admins any; a coach only their own
 * Jobbtorg; an employer only their own organisation. Null: not allowed (the caller answers 403).
 */
export function scopeFor(user: Pick<SessionUser, 'role' | 'jobbtorgId' | 'organizationId'>, requested: Scope | null): Scope | null {
  if (user.role === 'admin') return requested ?? { level: 'city' };
  if (user.role === 'coach' && user.jobbtorgId !== null) {
    if (requested === null) return { level: 'jobbtorg', id: user.jobbtorgId };
    return requested.level === 'jobbtorg' && requested.id === user.jobbtorgId ? requested : null;
  }
  if (user.role === 'employer' && user.organizationId !== null) {
    if (requested === null) return { level: 'organization', id: user.organizationId };
    return requested.level === 'organization' && requested.id === user.organizationId ? requested : null;
  }
  return null;
}

function scopeFilter(scope: Scope): SQL | undefined {
  switch (scope.level) {
    case 'city':
      return undefined;
    case 'cluster':
      return eq(statisticsCells.clusterId, scope.id);
    case 'jobbtorg':
      return eq(statisticsCells.jobbtorgId, scope.id);
    case 'organization':
      return eq(statisticsCells.organizationId, scope.id);
  }
}

function periodFilter(period: Period): SQL {
  return period.tertial === null
    ? eq(statisticsCells.year, period.year)
    : and(eq(statisticsCells.year, period.year), eq(statisticsCells.tertial, period.tertial))!;
}

// ---------------------------------------------------------------------------------------------
// Freshness and settings

export interface StatisticsState {
  threshold: number;
  refreshedAt: string | null;
  stale: boolean;
}

const refreshedBeforeToday = sql<boolean>`coalesce((${statisticsSettings.refreshedAt} at time zone 'Europe/Stockholm')::date < (now() at time zone 'Europe/Stockholm')::date, true)`;

export async function statisticsState(db: DbOrTx): Promise<StatisticsState> {
  const [row] = await db
    .select({
      threshold: statisticsSettings.suppressionThreshold,
      refreshedAt: statisticsSettings.refreshedAt,
      stale: sql<boolean>`(exists (select 1 from ${statisticsChanges}) or ${refreshedBeforeToday})`,
    })
    .from(statisticsSettings)
    .where(eq(statisticsSettings.id, 1));
  return { threshold: row?.threshold ?? 5, refreshedAt: row?.refreshedAt?.toISOString() ?? null, stale: row?.stale ?? true };
}

/**
 * Refreshes the facts when a source table changed since the last refresh, or the day changed
 * (some indicators count what is due by today), or always with force. Returns whether it ran.
 *
 * One transaction: the change rows it deletes are those committed before it began, so the
 * refresh (a later snapshot) includes them; a writer still open keeps its row for the next
 * refresh; a failed refresh restores them. CONCURRENTLY: the dashboard keeps reading the previous
 * facts meanwhile. A second refresh at the same time waits for the first, then finds nothing to do.
 */
export async function refreshStatistics(db: Database, options: { force?: boolean } = {}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const taken = await tx.delete(statisticsChanges).returning({ id: statisticsChanges.id });
    const [settings] = await tx.select({ dayChanged: refreshedBeforeToday }).from(statisticsSettings).where(eq(statisticsSettings.id, 1));
    if (!options.force && taken.length === 0 && !settings?.dayChanged) return false;
    await tx.execute(sql`refresh materialized view concurrently statistics_facts`);
    await tx.execute(sql`refresh materialized view concurrently statistics_cells`);
    await tx.update(statisticsSettings).set({ refreshedAt: sql`now()` }).where(eq(statisticsSettings.id, 1));
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Aggregates

interface FactRow {
  indicator: IndicatorId;
  tertial: Tertial;
  gender: GenderBucket;
  newcomer: boolean;
  youth: boolean;
  disability: boolean;
  agg: Aggregate;
}

const aggColumns = {
  n: sql<number>`sum(${statisticsCells.n})::int`,
  num: sql<number>`sum(${statisticsCells.num})::int`,
  den: sql<number>`sum(${statisticsCells.den})::int`,
  sum: sql<number>`sum(${statisticsCells.sum})::float8`,
};
const genderSql = sql<GenderBucket>`${statisticsCells.gender}`;

/** Every indicator's counts in a year and scope, by tertial, gender and group membership. */
export async function yearFacts(db: DbOrTx, scope: Scope, year: number): Promise<FactRow[]> {
  const rows = await db
    .select({
      indicator: statisticsCells.indicator,
      tertial: statisticsCells.tertial,
      gender: genderSql,
      newcomer: statisticsCells.newcomer,
      youth: statisticsCells.youth,
      disability: statisticsCells.disability,
      ...aggColumns,
    })
    .from(statisticsCells)
    .where(and(eq(statisticsCells.year, year), scopeFilter(scope)))
    .groupBy(sql`1, 2, 3, 4, 5, 6`);
  return rows.map((r) => ({
    indicator: r.indicator as IndicatorId,
    tertial: r.tertial as Tertial,
    gender: r.gender,
    newcomer: r.newcomer,
    youth: r.youth,
    disability: r.disability,
    agg: { n: r.n, num: r.num, den: r.den, sum: r.sum },
  }));
}

const dimensionColumn: Record<Dimension, SQL> = {
  cluster: sql`${statisticsCells.clusterId}::text`,
  jobbtorg: sql`${statisticsCells.jobbtorgId}::text`,
  district: sql`${statisticsCells.districtId}::text`,
  organization: sql`${statisticsCells.organizationId}::text`,
  partner: sql`${statisticsCells.partner}`,
  kind: sql`${statisticsCells.openingKind}`,
  subtype: sql`${statisticsCells.subtype}`,
};

/** One indicator's counts in a period and scope, by a dimension and gender. */
export async function breakdownFacts(db: DbOrTx, scope: Scope, period: Period, indicator: IndicatorId, dimension: Dimension) {
  const rows = await db
    .select({ key: sql<string | null>`${dimensionColumn[dimension]}`, gender: genderSql, ...aggColumns })
    .from(statisticsCells)
    .where(and(eq(statisticsCells.indicator, indicator), periodFilter(period), scopeFilter(scope)))
    .groupBy(sql`1, 2`);
  return rows.map((r) => ({ key: r.key, gender: r.gender, agg: { n: r.n, num: r.num, den: r.den, sum: r.sum } }));
}

/** Names for a dimension's keys. */
async function dimensionNames(db: DbOrTx, dimension: Dimension, keys: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const ids = keys.filter((k) => k !== '');
  if (!ids.length) return names;
  if (dimension === 'cluster' || dimension === 'jobbtorg' || dimension === 'district') {
    const table = dimension === 'cluster' ? clusters : dimension === 'jobbtorg' ? jobbtorg : districts;
    const rows = await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids.map(Number)));
    for (const r of rows) names.set(String(r.id), r.name);
  } else if (dimension === 'organization') {
    const rows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids));
    for (const r of rows) names.set(r.id, r.name);
  } else {
    const labels: Record<string, string> = {
      ...partnerCategoryLabels,
      ...openingKindLabels,
      ...stockholmsjobbSubtypeLabels,
      ...feriejobbInterestAreaLabels,
      ...praktikLevelLabels,
      ...mentorProgrammeLabels,
    };
    for (const k of ids) names.set(k, labels[k] ?? k);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Targets

/** The targets in force in a year: per indicator and setter, the latest set for that year or before. */
export async function targetsInForce(db: DbOrTx, year: number): Promise<Map<IndicatorId, TargetValue[]>> {
  const rows = await db
    .selectDistinctOn([statisticsTargets.indicator, statisticsTargets.setBy], {
      indicator: statisticsTargets.indicator,
      setBy: statisticsTargets.setBy,
      value: statisticsTargets.value,
      year: statisticsTargets.year,
    })
    .from(statisticsTargets)
    .where(sql`${statisticsTargets.year} <= ${year}`)
    .orderBy(statisticsTargets.indicator, statisticsTargets.setBy, sql`${statisticsTargets.year} desc`);
  const result = new Map<IndicatorId, TargetValue[]>();
  for (const r of rows) {
    const list = result.get(r.indicator as IndicatorId) ?? [];
    list.push({ setBy: r.setBy, value: r.value, year: r.year });
    result.set(r.indicator as IndicatorId, list);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The dashboard

/** The columns of an indicator's tables: gender, except for places, which are nobody's. */
function columnsFor(def: IndicatorDefinition): Array<{ label: string; keep: (gender: GenderBucket) => boolean }> {
  if (def.unit === 'places') return [{ label: 'Platser', keep: () => true }];
  return genderColumns.map((g) => ({ label: g.label, keep: (gender: GenderBucket) => gender === g.key }));
}

function matchesGroup(row: FactRow, group: Group): boolean {
  return group === 'all' || (group === 'newcomers' ? row.newcomer : group === 'youths' ? row.youth : row.disability);
}

function sumWhere(rows: FactRow[], keep: (r: FactRow) => boolean): Aggregate {
  return rows.filter(keep).reduce((acc, r) => addAggregates(acc, r.agg), emptyAggregate);
}

export interface DashboardOptions {
  /**
   * The refresh the facts come from (statisticsState().refreshedAt): with it, what is derived from
   * the facts alone is kept until the next refresh (memo.server.ts). Without, everything is read afresh.
   */
  factsVersion?: string | null;
  today: string;
  threshold: number;
  /** Employers' pages show no split by group: a partner's own small numbers by disability or origin would point at people. */
  withGroups: boolean;
  /** Only the year up to this tertial (a tertial report: T1–T2 so far, progress as at its end). */
  throughTertial?: Tertial;
}

export async function indicatorCards(db: DbOrTx, scope: Scope, year: number, options: DashboardOptions): Promise<IndicatorCard[]> {
  const { factsVersion, threshold, withGroups, throughTertial } = options;
  const tablesOf = () => yearFacts(db, scope, year).then((facts) => cardTables(facts, scope, year, { threshold, withGroups, throughTertial }));
  const [tables, targets] = await Promise.all([
    factsVersion ? memoizedFacts(factsVersion, `cards|${JSON.stringify([scope, year, threshold, withGroups, throughTertial ?? null])}`, tablesOf) : tablesOf(),
    targetsInForce(db, year),
  ]);
  const asOf = throughTertial ? [options.today, periodRange({ year, tertial: throughTertial }).to].sort()[0]! : options.today;
  const yearShare = elapsedShare({ year, tertial: null }, asOf);
  return tables.map(({ def, ...card }) => ({
    ...card,
    targets: (targets.get(def.id) ?? []).map((t) => ({ ...t, progress: progressOf(def, card.figure, t.value, yearShare) })),
  }));
}

/** The cards' figures and tables: everything of a card derived from the facts alone. */
function cardTables(allFacts: FactRow[], scope: Scope, year: number, options: Pick<DashboardOptions, 'threshold' | 'withGroups' | 'throughTertial'>) {
  const through = options.throughTertial ?? 3;
  const facts = allFacts.filter((f) => f.tertial <= through);
  const shownTertials = tertials.filter((t) => t <= through);
  const totalLabel = yearThroughLabel(year, through);
  return indicators
    .filter((def) => appliesTo(def, scope))
    .map((def) => {
      const rows = facts.filter((f) => f.indicator === def.id);
      const columns = columnsFor(def);
      const byTertial = buildTable({
        id: `${def.id}.tertial`,
        title: def.unit === 'places' ? `${def.label}, per tertial ${year}` : `${def.label}, per tertial och kön ${year}`,
        unit: def.unit,
        rowHeader: 'Tertial',
        columns: columns.map((c) => c.label),
        rows: shownTertials.map((t) => ({
          key: `T${t}`,
          label: formatPeriod({ year, tertial: t }),
          cells: columns.map((c) => sumWhere(rows, (r) => r.tertial === t && c.keep(r.gender))),
        })),
        totals: { row: totalLabel, column: columns.length > 1 ? 'Totalt' : undefined },
        threshold: options.threshold,
      });
      const usableGroups = def.groups.filter((g) => g !== 'all');
      const byGroup =
        options.withGroups && usableGroups.length
          ? buildTable({
              id: `${def.id}.grupper`,
              title: `${def.label}, per grupp och kön ${year}`,
              unit: def.unit,
              rowHeader: 'Grupp',
              columns: genderColumns.map((g) => g.label),
              // Groups overlap (a young newcomer is in two), so the rows have no total row.
              rows: def.groups.map((group) => ({
                key: group,
                label: groupLabels[group],
                cells: genderColumns.map((g) => sumWhere(rows, (r) => r.gender === g.key && matchesGroup(r, group))),
              })),
              totals: { column: 'Totalt' },
              threshold: options.threshold,
            })
          : null;
      const totalRow = byTertial.rows[byTertial.rows.length - 1]!;
      const totalCell = totalRow.cells[totalRow.cells.length - 1]!;
      const whole = figureOf(def.unit, sumWhere(rows, () => true));
      const figure = totalCell.suppressed ? null : whole;
      return { def, id: def.id, figure, figureText: totalCell.text, byTertial, byGroup };
    });
}

export interface BreakdownOptions {
  /** As in DashboardOptions: with it, the facts are read once per refresh. */
  factsVersion?: string | null;
  threshold: number;
  /** Makes a row's link (drill-down), or none. */
  href?: (key: string) => string | undefined;
}

/** One indicator in a period and scope, by a dimension (rows) and gender (columns), with totals. */
export async function breakdownTable(
  db: DbOrTx,
  scope: Scope,
  period: Period,
  indicatorId: IndicatorId,
  dimension: Dimension,
  options: BreakdownOptions,
): Promise<StatTable> {
  const def = indicatorById[indicatorId];
  const read = () => breakdownFacts(db, scope, period, indicatorId, dimension);
  const facts = options.factsVersion ? await memoizedFacts(options.factsVersion, `breakdown|${JSON.stringify([scope, period, indicatorId, dimension])}`, read) : await read();
  const keys = [...new Set(facts.map((f) => f.key ?? ''))];
  const names = await dimensionNames(db, dimension, keys);
  const columns = columnsFor(def);
  const rows = keys
    .map((key) => ({
      key: key || 'none',
      label: key ? (names.get(key) ?? key) : 'Uppgift saknas',
      href: key ? options.href?.(key) : undefined,
      cells: columns.map((c) => facts.filter((f) => (f.key ?? '') === key && c.keep(f.gender)).reduce((acc, f) => addAggregates(acc, f.agg), emptyAggregate)),
    }))
    .sort((a, b) => (a.key === 'none' ? 1 : b.key === 'none' ? -1 : a.label.localeCompare(b.label, 'sv')));
  return buildTable({
    id: `${indicatorId}.${dimension}`,
    title: `${def.label}, per ${dimensionLabels[dimension].toLowerCase()}${columns.length > 1 ? ' och kön' : ''}, ${formatPeriod(period)}`,
    unit: def.unit,
    rowHeader: dimensionLabels[dimension],
    columns: columns.map((c) => c.label),
    rows,
    totals: { row: 'Totalt', column: columns.length > 1 ? 'Totalt' : undefined },
    threshold: options.threshold,
  });
}

