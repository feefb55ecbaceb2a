import { and, arrayOverlaps, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../db/like-pattern';
import { actionPlans, aspirants, districts, jobbtorg, users } from '../../db/schema';
import type { AspirantDocument } from '../../search/documents';
import { FACET_VALUES, splitFacetCounts } from '../../search/facet-values';
import { aspirantFacetAttributes, physicalIndexName, type AspirantFacetAttribute } from '../../search/indexes';
import { quoteFilterValue } from '../../search/query.server';
import { audit } from '../audit/audit-log.server';
import type { SessionUser } from '../auth/auth.server';
import { todayInStockholm } from '../dates';
import { OUTSIDE_STOCKHOLM } from '../geography/outside-stockholm';
import { getDb, getSearch } from '../services.server';
import { ageOn } from './personnummer';
import { aspirantScope } from './aspirants.server';
import type { AspirantFacetKey, AspirantSearch } from './aspirant-search';

export const ASPIRANTS_PAGE_SIZE = 25;

const facetAttribute: Record<AspirantFacetKey, AspirantFacetAttribute> = {
  targetGroup: 'targetGroups',
  swedish: 'swedishLevel',
  language: 'languages',
  district: 'districtName',
  ssyk1: 'ssyk1',
  ssyk2: 'ssyk2',
  ssyk3: 'ssyk3',
  ssyk4: 'ssyk4',
  availability: 'availability',
  age: 'ageBand',
  plan: 'hasPlan',
  months: 'monthsEnrolled',
};

/**
 * The part of every query the user cannot remove: a coach sees their own Jobbtorg only, an admin
 * everyone; nobody else searches aspirants at all (null). Built from the session on the server.
 */
export function aspirantScopeFilter(user: SessionUser, includeExited: boolean): string[] | null {
  const filters: string[] = [];
  if (user.role === 'coach' && user.jobbtorgId !== null) filters.push(`jobbtorgId = ${quoteFilterValue(user.jobbtorgId)}`);
  else if (user.role !== 'admin') return null;
  if (!includeExited) filters.push('active = true');
  return filters;
}

export interface AspirantHit {
  id: string;
  firstName: string;
  lastName: string;
  age: number;
  enrolledOn: string;
  exitedOn: string | null;
  hasPlan: boolean;
  coachName: string | null;
  jobbtorgName: string;
  districtName: string;
}

export interface AspirantSearchResult {
  hits: AspirantHit[];
  total: number;
  facets: Partial<Record<AspirantFacetKey, Record<string, number>>>;
  source: 'search' | 'database';
  /** Filters the database fallback cannot apply (date bands); the page says so. */
  ignoredFilters?: AspirantFacetKey[];
}

/** The rows shown for the ids a search returned, read again from the database with the same scope. */
async function hitRows(user: SessionUser, ids: string[]): Promise<AspirantHit[]> {
  const where = aspirantScope(user);
  if (!ids.length || where === null) return [];
  const rows = await getDb()
    .select({
      id: aspirants.id,
      firstName: aspirants.firstName,
      lastName: aspirants.lastName,
      birthDate: aspirants.birthDate,
      enrolledOn: aspirants.enrolledOn,
      exitedOn: aspirants.exitedOn,
      coachName: users.name,
      jobbtorgName: jobbtorg.name,
      districtName: districts.name,
      hasPlan: sql<boolean>`${actionPlans.id} is not null`,
    })
    .from(aspirants)
    .innerJoin(jobbtorg, eq(jobbtorg.id, aspirants.jobbtorgId))
    .leftJoin(users, eq(users.id, aspirants.coachUserId))
    .leftJoin(districts, eq(districts.id, aspirants.districtId))
    .leftJoin(actionPlans, eq(actionPlans.aspirantId, aspirants.id))
    .where(and(inArray(aspirants.id, ids), where));
  const today = todayInStockholm();
  const byId = new Map(
    rows.map(({ birthDate, firstName, lastName, districtName, ...r }) => [
      r.id,
      { ...r, firstName: firstName ?? '', lastName: lastName ?? '', districtName: districtName ?? OUTSIDE_STOCKHOLM, age: ageOn(birthDate, today) },
    ]),
  );
  // Keep the search's order; an id the database no longer shows (just erased, moved) is dropped.
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Searches the caller's aspirants. The Jobbtorg filter comes from the session and is ANDed with
 * the user's filters, which can only narrow it; facet counts are computed under the same filter,
 * so no count reveals another Jobbtorg's aspirants. Every search that returns aspirants writes an
 * audit row with their ids. Falls back to a plain database query when Meilisearch is down.
 */
export async function searchAspirants(user: SessionUser, state: AspirantSearch, ip: string | null): Promise<AspirantSearchResult> {
  const scopeFilter = aspirantScopeFilter(user, state.alla === '1');
  if (scopeFilter === null) return { hits: [], total: 0, facets: {}, source: 'search' };
  let result: AspirantSearchResult;
  try {
    result = await searchIndex(user, state, scopeFilter);
  } catch (error) {
    // An outage and a rejected query look the same to the user; the log tells them apart.
    console.warn(`[insteg] aspirant search fell back to the database: ${error instanceof Error ? error.message : String(error)}`);
    const ignoredFilters = (['availability', 'age', 'months'] as const).filter((key) => state[key].length > 0);
    result = { ...(await searchDatabase(user, state)), facets: {}, source: 'database', ignoredFilters };
  }
  if (result.hits.length) {
    await audit(getDb(), {
      actorUserId: user.id,
      action: 'aspirant.searched',
      subjectType: 'aspirant',
      ip,
      // Not the typed name: audit rows outlive anonymisation and must hold ids, not personal data.
      details: { ids: result.hits.map((h) => h.id), total: result.total, source: result.source, byName: state.q !== '' },
    });
  }
  return result;
}

async function searchIndex(user: SessionUser, state: AspirantSearch, scopeFilter: string[]): Promise<AspirantSearchResult> {
  const search = getSearch();
  const filter = [...scopeFilter];
  for (const [key, attribute] of Object.entries(facetAttribute) as Array<[AspirantFacetKey, AspirantFacetAttribute]>) {
    const values = state[key];
    if (values.length) filter.push(`${attribute} IN [${values.map(quoteFilterValue).join(', ')}]`);
  }
  const byName = ['lastName:asc', 'firstName:asc'];
  const sort = state.sort === 'enrolled' ? ['enrolledTs:desc'] : state.sort === 'name' || !state.q ? byName : undefined;
  const response = await search.client.index<Pick<AspirantDocument, 'id' | 'jobbtorgId'>>(physicalIndexName('aspirants', search.prefix)).search(state.q, {
    filter,
    facets: [FACET_VALUES],
    sort,
    hitsPerPage: ASPIRANTS_PAGE_SIZE,
    page: state.page,
    attributesToRetrieve: ['id'],
  });
  const facets: AspirantSearchResult['facets'] = {};
  const distribution = splitFacetCounts(response.facetDistribution?.[FACET_VALUES], aspirantFacetAttributes);
  for (const [key, attribute] of Object.entries(facetAttribute) as Array<[AspirantFacetKey, AspirantFacetAttribute]>) {
    if (distribution[attribute]) facets[key] = distribution[attribute];
  }
  return { hits: await hitRows(user, response.hits.map((h) => h.id)), total: response.totalHits ?? 0, facets, source: 'search' };
}

/** The fallback: names by substring (no typo tolerance), the same scope, the filters that are plain columns. */
async function searchDatabase(user: SessionUser, state: AspirantSearch) {
  const where = aspirantScope(user);
  if (where === null) return { hits: [], total: 0 };
  const conditions: SQL[] = [where];
  if (state.alla !== '1') conditions.push(isNull(aspirants.exitedOn));
  if (state.q) {
    const words = state.q.split(/\s+/).filter(Boolean).slice(0, 5);
    for (const word of words) conditions.push(or(ilike(aspirants.firstName, containsPattern(word)), ilike(aspirants.lastName, containsPattern(word)))!);
  }
  if (state.targetGroup.length) conditions.push(arrayOverlaps(aspirants.targetGroups, state.targetGroup));
  if (state.swedish.length) conditions.push(inArray(aspirants.swedishLevel, state.swedish));
  if (state.district.length) {
    conditions.push(or(inArray(districts.name, state.district), state.district.includes(OUTSIDE_STOCKHOLM) ? isNull(aspirants.districtId) : undefined)!);
  }
  if (state.language.length) {
    conditions.push(sql`exists (select 1 from jsonb_array_elements(${aspirants.languages}) l where l->>'language' = any(${sql.param(state.language)}::text[]))`);
  }
  for (const level of [1, 2, 3, 4] as const) {
    const values = state[`ssyk${level}`];
    if (values.length) {
      conditions.push(sql`exists (select 1 from jsonb_array_elements(${aspirants.occupations}) o where left(o->>'code', ${level}) = any(${sql.param(values)}::text[]))`);
    }
  }
  if (state.plan.length === 1) conditions.push(state.plan[0] === 'true' ? sql`${actionPlans.id} is not null` : sql`${actionPlans.id} is null`);
  const db = getDb();
  const order = state.sort === 'enrolled' ? [desc(aspirants.enrolledOn)] : [asc(aspirants.lastName), asc(aspirants.firstName)];
  const base = () =>
    db
      .select({ id: aspirants.id })
      .from(aspirants)
      .leftJoin(districts, eq(districts.id, aspirants.districtId))
      .leftJoin(actionPlans, eq(actionPlans.aspirantId, aspirants.id))
      .where(and(...conditions));
  const [rows, [count]] = await Promise.all([
    base()
      .orderBy(...order, asc(aspirants.id))
      .limit(ASPIRANTS_PAGE_SIZE)
      .offset((state.page - 1) * ASPIRANTS_PAGE_SIZE),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(aspirants)
      .leftJoin(districts, eq(districts.id, aspirants.districtId))
      .leftJoin(actionPlans, eq(actionPlans.aspirantId, aspirants.id))
      .where(and(...conditions)),
  ]);
  return { hits: await hitRows(user, rows.map((r) => r.id)), total: count?.n ?? 0 };
}
