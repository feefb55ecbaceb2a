import { and, arrayOverlaps, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../db/like-pattern';
import { clusters, districts, occupations, openings, organizations } from '../../db/schema';
import { openingSubtypeLabel } from '../../search/documents';
import { openingCountedFacetAttributes } from '../../search/indexes';
import { quoteFilterValue, searchOpeningIndex, type OpeningFacetAttribute } from '../../search/query.server';
import type { SessionUser } from '../auth/auth.server';
import { getDb, getSearch } from '../services.server';
import { kindOfSubtype, openingKindLabels, type OpeningKind, type OpeningStatus } from './opening-rules';
import type { FacetKey, OpeningSearch } from './opening-search';
import { OUTSIDE_STOCKHOLM } from '../geography/outside-stockholm';

export const OPENINGS_PAGE_SIZE = 20;
/** What the index calls the place of an opening without a district (search/documents.ts). */

const facetAttribute: Record<FacetKey, OpeningFacetAttribute> = {
  kind: 'kind',
  subtype: 'subtype',
  district: 'districtName',
  cluster: 'clusterName',
  ssyk1: 'ssyk1',
  ssyk2: 'ssyk2',
  ssyk3: 'ssyk3',
  ssyk4: 'ssyk4',
  organization: 'organizationName',
  membership: 'membershipLevel',
  month: 'startMonth',
  language: 'languages',
  status: 'status',
};

/**
 * What the caller may see, as a Meilisearch filter built on the server. Staff see published
 * openings (admins may choose statuses); employers see published openings and all of their own.
 */
export function openingScopeFilter(user: SessionUser, statuses: OpeningStatus[]): string {
  if (user.role === 'admin') return statuses.length ? `status IN [${statuses.map(quoteFilterValue).join(', ')}]` : `status = "published"`;
  if (user.role === 'employer') return `(status = "published" OR organizationId = ${quoteFilterValue(user.organizationId ?? '-')})`;
  return `status = "published"`;
}

export interface OpeningHit {
  id: string;
  title: string;
  titleHighlighted: string;
  snippet: string;
  kind: OpeningKind;
  kindLabel: string;
  subtypeLabel: string;
  organizationName: string;
  districtName: string;
  occupationName: string;
  places: number;
  startDate: string;
  endDate: string;
  applicationDeadline: string;
  status: OpeningStatus;
}

export interface OpeningSearchResult {
  hits: OpeningHit[];
  total: number;
  facets: Partial<Record<FacetKey, Record<string, number>>>;
  source: 'search' | 'database';
}

/**
 * Facets computed here instead of by Meilisearch: counting a facet costs Meilisearch time per
 * matching document, and these follow exactly from others of the same result set (every SSYK
 * unit group has one parent per level; every district belongs to one cluster; every subtype
 * belongs to one kind). The index keeps
 * up to 500 values per facet, more than the 429 unit groups, so the sums are exact.
 */

export function deriveFacets(
  ssyk4: Record<string, number>,
  districtCounts: Record<string, number>,
  clusterOf: Map<string, string>,
  subtypeCounts: Record<string, number> = {},
) {
  const derived: Pick<OpeningSearchResult['facets'], 'ssyk1' | 'ssyk2' | 'ssyk3' | 'cluster' | 'kind'> = { ssyk1: {}, ssyk2: {}, ssyk3: {}, cluster: {}, kind: {} };
  for (const [subtype, n] of Object.entries(subtypeCounts)) {
    const kind = kindOfSubtype(subtype);
    if (kind) derived.kind![kind] = (derived.kind![kind] ?? 0) + n;
  }
  for (const [code, n] of Object.entries(ssyk4)) {
    for (const level of [1, 2, 3] as const) {
      const bucket = derived[`ssyk${level}`]!;
      const prefix = code.slice(0, level);
      bucket[prefix] = (bucket[prefix] ?? 0) + n;
    }
  }
  for (const [district, n] of Object.entries(districtCounts)) {
    const cluster = district === OUTSIDE_STOCKHOLM ? OUTSIDE_STOCKHOLM : clusterOf.get(district);
    if (cluster) derived.cluster![cluster] = (derived.cluster![cluster] ?? 0) + n;
  }
  return derived;
}

let clusterCache: { at: number; map: Map<string, string> } | undefined;
/** District name → cluster name (13 rows; cached for a minute). */
async function districtClusters() {
  if (!clusterCache || Date.now() - clusterCache.at > 60_000) {
    const rows = await getDb()
      .select({ district: districts.name, cluster: clusters.name })
      .from(districts)
      .innerJoin(clusters, eq(clusters.id, districts.clusterId));
    clusterCache = { at: Date.now(), map: new Map(rows.map((r) => [r.district, r.cluster])) };
  }
  return clusterCache.map;
}

export async function searchOpenings(user: SessionUser, state: OpeningSearch): Promise<OpeningSearchResult> {
  // Only admins choose statuses; for others the scope decides.
  const statuses = user.role === 'admin' ? state.status : [];
  const filters: Partial<Record<OpeningFacetAttribute, string[]>> = {};
  for (const [key, attribute] of Object.entries(facetAttribute) as Array<[FacetKey, OpeningFacetAttribute]>) {
    if (key === 'status') continue;
    if (state[key].length) filters[attribute] = state[key];
  }
  // Only admins and employers get status counts; nobody else pays for computing them.
  const seesStatus = user.role === 'admin' || user.role === 'employer';
  try {
    const result = await searchOpeningIndex(
      getSearch(),
      {
        q: state.q,
        filters,
        sort: state.sort,
        page: state.page,
        pageSize: OPENINGS_PAGE_SIZE,
        facets: openingCountedFacetAttributes.filter((a) => seesStatus || a !== 'status'),
      },
      openingScopeFilter(user, statuses),
    );
    const facets: OpeningSearchResult['facets'] = {};
    for (const [key, attribute] of Object.entries(facetAttribute) as Array<[FacetKey, OpeningFacetAttribute]>) {
      if (result.facets[attribute]) facets[key] = result.facets[attribute];
    }
    Object.assign(facets, deriveFacets(result.facets.ssyk4 ?? {}, result.facets.districtName ?? {}, await districtClusters(), result.facets.subtype ?? {}));
    if (!seesStatus) delete facets.status;
    return {
      hits: result.hits.map((h) => ({
        id: h.id,
        title: h.title,
        titleHighlighted: h.titleHighlighted,
        snippet: h.snippet,
        kind: h.kind,
        kindLabel: h.kindLabel,
        subtypeLabel: h.subtypeLabel,
        organizationName: h.organizationName,
        districtName: h.districtName,
        occupationName: h.occupationName,
        places: h.places,
        startDate: h.startDate,
        endDate: h.endDate,
        applicationDeadline: h.applicationDeadline,
        status: h.status,
      })),
      total: result.total,
      facets,
      source: 'search',
    };
  } catch (error) {
    console.warn(`[insteg] opening search fell back to the database: ${error instanceof Error ? error.message : String(error)}`);
    return { ...(await searchOpeningsInDatabase(user, state, statuses)), facets: {}, source: 'database' };
  }
}

/** The fallback when Meilisearch does not answer: a plain query, same scope, no facets or typos. */
export async function searchOpeningsInDatabase(user: SessionUser, state: OpeningSearch, statuses: OpeningStatus[] = []) {
  const db = getDb();
  const conditions: SQL[] = [];
  if (user.role === 'admin') conditions.push(inArray(openings.status, statuses.length ? statuses : ['published']));
  else if (user.role === 'employer') conditions.push(or(eq(openings.status, 'published'), eq(openings.organizationId, user.organizationId ?? '00000000-0000-0000-0000-000000000000'))!);
  else conditions.push(eq(openings.status, 'published'));
  if (state.q) {
    const like = containsPattern(state.q);
    conditions.push(or(ilike(openings.title, like), ilike(openings.description, like), ilike(organizations.name, like))!);
  }
  if (state.kind.length) conditions.push(inArray(openings.kind, state.kind));
  if (state.subtype.length) conditions.push(inArray(openings.subtype, state.subtype));
  const place = (column: typeof districts.name | typeof clusters.name, values: string[]) =>
    or(inArray(column, values), values.includes(OUTSIDE_STOCKHOLM) ? isNull(openings.districtId) : undefined)!;
  if (state.district.length) conditions.push(place(districts.name, state.district));
  if (state.cluster.length) conditions.push(place(clusters.name, state.cluster));
  for (const level of [1, 2, 3, 4] as const) {
    const values = state[`ssyk${level}`];
    if (values.length) conditions.push(inArray(sql`left(${openings.occupationCode}, ${level})`, values));
  }
  if (state.organization.length) conditions.push(inArray(organizations.name, state.organization));
  if (state.membership.length) conditions.push(inArray(organizations.membershipLevel, state.membership));
  if (state.month.length) conditions.push(inArray(sql`to_char(${openings.startDate}, 'YYYY-MM')`, state.month));
  // arrayOverlaps binds the list as one text[] parameter; interpolating the JS array into sql``
  // would expand it to ($1, $2) and fail ("malformed array literal") for any language filter.
  if (state.language.length) conditions.push(arrayOverlaps(openings.languages, state.language));
  const where = and(...conditions);
  const order =
    state.sort === 'deadline' ? asc(openings.applicationDeadline) : state.sort === 'start' ? asc(openings.startDate) : desc(openings.createdAt);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: openings.id,
        title: openings.title,
        description: openings.description,
        kind: openings.kind,
        subtype: openings.subtype,
        organizationName: organizations.name,
        districtName: districts.name,
        occupationSv: occupations.nameSv,
        occupationEn: occupations.nameEn,
        places: openings.places,
        startDate: openings.startDate,
        endDate: openings.endDate,
        applicationDeadline: openings.applicationDeadline,
        status: openings.status,
      })
      .from(openings)
      .innerJoin(organizations, eq(organizations.id, openings.organizationId))
      .innerJoin(occupations, eq(occupations.code, openings.occupationCode))
      .leftJoin(districts, eq(districts.id, openings.districtId))
      .leftJoin(clusters, eq(clusters.id, districts.clusterId))
      .where(where)
      .orderBy(order, asc(openings.id))
      .limit(OPENINGS_PAGE_SIZE)
      .offset((state.page - 1) * OPENINGS_PAGE_SIZE),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(openings)
      .innerJoin(organizations, eq(organizations.id, openings.organizationId))
      .leftJoin(districts, eq(districts.id, openings.districtId))
      .leftJoin(clusters, eq(clusters.id, districts.clusterId))
      .where(where),
  ]);
  return {
    hits: rows.map((r) => ({
      id: r.id,
      title: r.title,
      titleHighlighted: r.title,
      snippet: r.description.slice(0, 200),
      kind: r.kind,
      kindLabel: openingKindLabels[r.kind],
      subtypeLabel: openingSubtypeLabel(r.kind, r.subtype),
      organizationName: r.organizationName,
      districtName: r.districtName ?? OUTSIDE_STOCKHOLM,
      occupationName: r.occupationSv ?? r.occupationEn,
      places: r.places,
      startDate: r.startDate,
      endDate: r.endDate,
      applicationDeadline: r.applicationDeadline,
      status: r.status,
    })),
    total: count?.n ?? 0,
  };
}
