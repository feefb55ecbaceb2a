/**
 * What the statistics pages share: reading the query (period, scope, chosen indicator and
 * dimension) with zod, deciding what the user may see, and finding one table by its id for the
 * exports, rebuilt by the same functions as the page.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.server';
import { clusters, jobbtorg, organizations } from '../../db/schema';
import { forbidden, notFound, type SessionUser } from '../auth/auth.server';
import { z } from '../forms/validation';
import { dimensions, indicatorById, indicatorIds, type Dimension, type IndicatorId } from './indicators';
import { partnerSummary } from './partner.server';
import type { StatTable } from './stat-table';
import { appliesTo, breakdownTable, indicatorCards, scopeFor, statisticsState, type Scope } from './statistics.server';
import { parsePeriod, periodParam, reportYears, type Period } from './tertial';

export const statisticsQuerySchema = z.object({
  period: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return null;
      const period = parsePeriod(v);
      if (!period) ctx.addIssue({ code: 'custom', message: 'Ange en period som 2026 eller 2026-T2' });
      return period;
    }),
  kluster: z.coerce.number().int().positive().optional(),
  jobbtorg: z.coerce.number().int().positive().optional(),
  organisation: z.uuid().optional(),
  indikator: z.enum(indicatorIds).optional(),
  dimension: z.enum(dimensions).optional(),
});

export interface ScopeStep {
  label: string;
  href: string;
}

export interface StatisticsRequest {
  scope: Scope;
  period: Period;
  indicator: IndicatorId;
  dimension: Dimension;
  threshold: number;
  /** When the statistics were last refreshed (ISO), or null. */
  refreshedAt: string | null;
  /** Years a period can be chosen from, newest first. */
  years: number[];
  /** Breadcrumbs from the city (or the user's own top) to the scope. */
  trail: ScopeStep[];
  scopeName: string;
  /** Organisation pages of employers leave out the split by group. */
  withGroups: boolean;
  /** The query string that reproduces period and scope (for links). */
  query: URLSearchParams;
}

export function scopeQuery(scope: Scope, period: Period): URLSearchParams {
  const q = new URLSearchParams({ period: periodParam(period) });
  if (scope.level === 'cluster') q.set('kluster', String(scope.id));
  if (scope.level === 'jobbtorg') q.set('jobbtorg', String(scope.id));
  if (scope.level === 'organization') q.set('organisation', scope.id);
  return q;
}

/** The drill-down's next step from a scope. */
function defaultDimension(scope: Scope): Dimension {
  return scope.level === 'city' ? 'cluster' : scope.level === 'cluster' ? 'jobbtorg' : scope.level === 'jobbtorg' ? 'organization' : 'subtype';
}

/**
 * Reads the query and decides the scope: 400 for a malformed query, 403 for a scope the user may
 * not see, 404 for one that does not exist.
 */
export async function resolveStatisticsRequest(db: DbOrTx, user: SessionUser, url: URL, today: string): Promise<StatisticsRequest> {
  const parsed = statisticsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw new Response(parsed.error.issues[0]?.message ?? 'Ogiltig fråga', { status: 400 });
  const q = parsed.data;
  const requested: Scope | null = q.organisation
    ? { level: 'organization', id: q.organisation }
    : q.jobbtorg
      ? { level: 'jobbtorg', id: q.jobbtorg }
      : q.kluster
        ? { level: 'cluster', id: q.kluster }
        : null;
  const scope = scopeFor(user, requested);
  if (!scope) forbidden();
  const period = q.period ?? { year: Number(today.slice(0, 4)), tertial: null };
  const state = await statisticsState(db);
  const periodOnly = new URLSearchParams({ period: periodParam(period) });
  const trail: ScopeStep[] = user.role === 'admin' ? [{ label: 'Staden', href: `/statistik?${periodOnly}` }] : [];
  let scopeName = 'Stockholms stad';
  if (scope.level === 'cluster' || scope.level === 'jobbtorg') {
    const [place] =
      scope.level === 'jobbtorg'
        ? await db
            .select({ name: jobbtorg.name, clusterId: clusters.id, clusterName: clusters.name })
            .from(jobbtorg)
            .innerJoin(clusters, eq(clusters.id, jobbtorg.clusterId))
            .where(eq(jobbtorg.id, scope.id))
        : await db.select({ name: clusters.name, clusterId: clusters.id, clusterName: clusters.name }).from(clusters).where(eq(clusters.id, scope.id));
    if (!place) notFound();
    if (user.role === 'admin') trail.push({ label: `Kluster ${place.clusterName}`, href: `/statistik?${scopeQuery({ level: 'cluster', id: place.clusterId }, period)}` });
    // Jobbtorg are named "Jobbtorg Kista" already; clusters by their area ("Järva").
    scopeName = scope.level === 'jobbtorg' ? place.name : `Kluster ${place.name}`;
    if (scope.level === 'jobbtorg') trail.push({ label: scopeName, href: `/statistik?${scopeQuery(scope, period)}` });
  } else if (scope.level === 'organization') {
    const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, scope.id));
    if (!org) notFound();
    scopeName = org.name;
    trail.push({ label: org.name, href: `/statistik/organisation/${scope.id}?${periodOnly}` });
  }
  const indicator = q.indikator && appliesTo(indicatorById[q.indikator], scope) ? q.indikator : 'stockholmsjobb_aspirants';
  const wanted = q.dimension ?? defaultDimension(scope);
  const usable = indicatorById[indicator].dimensions.filter((d) => !(scope.level === d) && !(scope.level === 'jobbtorg' && d === 'cluster'));
  const dimension = usable.includes(wanted) ? wanted : (usable[0] ?? 'partner');
  return {
    scope,
    period,
    indicator,
    dimension,
    threshold: state.threshold,
    refreshedAt: state.refreshedAt,
    years: reportYears(today),
    trail,
    scopeName,
    withGroups: user.role !== 'employer',
    query: scopeQuery(scope, period),
  };
}

/** Drill-down links of a breakdown's rows: to the next scope, where the user may go there. */
export function drillHref(user: Pick<SessionUser, 'role'>, dimension: Dimension, period: Period): ((key: string) => string | undefined) | undefined {
  if (user.role !== 'admin') return undefined;
  if (dimension === 'cluster') return (key) => `/statistik?${scopeQuery({ level: 'cluster', id: Number(key) }, period)}`;
  if (dimension === 'jobbtorg') return (key) => `/statistik?${scopeQuery({ level: 'jobbtorg', id: Number(key) }, period)}`;
  if (dimension === 'organization') return (key) => `/statistik/organisation/${key}?${new URLSearchParams({ period: periodParam(period) })}`;
  return undefined;
}

/** One table by its id, built as its page builds it; 404 when there is no such table here. */
export async function findTable(db: DbOrTx, request: StatisticsRequest, tableId: string, today: string): Promise<StatTable> {
  const { scope, period, threshold, refreshedAt: factsVersion } = request;
  if (tableId === 'partner.placeringar' || tableId === 'partner.utfall') {
    if (scope.level !== 'organization') notFound();
    const summary = await partnerSummary(db, scope.id, period, threshold);
    return tableId === 'partner.placeringar' ? summary.placements : summary.outcomes;
  }
  const [indicator, part] = tableId.split('.') as [string, string | undefined];
  if (!(indicatorIds as readonly string[]).includes(indicator) || !part) notFound();
  const def = indicatorById[indicator as IndicatorId];
  if (!appliesTo(def, scope)) notFound();
  if (part === 'tertial' || part === 'grupper') {
    const cards = await indicatorCards(db, scope, period.year, { factsVersion, today, threshold, withGroups: request.withGroups });
    const card = cards.find((c) => c.id === def.id);
    const table = part === 'tertial' ? card?.byTertial : card?.byGroup;
    if (!table) notFound();
    return table;
  }
  if (!(def.dimensions as readonly string[]).includes(part) || scope.level === part) notFound();
  return breakdownTable(db, scope, period, def.id, part as Dimension, { factsVersion, threshold });
}
