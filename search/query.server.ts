import type { SearchHandle } from './client.server';
import type { OpeningDocument, OrganizationDocument } from './documents';
import { FACET_VALUES, splitFacetCounts } from './facet-values';
import { openingCountedFacetAttributes, openingFacetAttributes, physicalIndexName, type OpeningFacetAttribute } from './indexes';

type OpeningCountedFacetAttribute = (typeof openingCountedFacetAttributes)[number];

/** Quotes a value for a Meilisearch filter expression. */
function quote(value: string | number | boolean) {
  return typeof value === 'string' ? `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : String(value);
}

/**
 * Searches organisations. The scope (whether deactivated organisations are visible) is decided
 * by the caller's role on the server and always applied; the user's filters only narrow it.
 */
export async function searchOrganizationIndex(
  search: SearchHandle,
  filter: { q?: string; kind?: string; membershipLevel?: string; districtId?: number; page: number },
  scope: { includeInactive: boolean; pageSize: number },
) {
  const filters: string[] = [];
  if (!scope.includeInactive) filters.push('active = true');
  if (filter.kind) filters.push(`kind = ${quote(filter.kind)}`);
  if (filter.membershipLevel) filters.push(`membershipLevel = ${quote(filter.membershipLevel)}`);
  if (filter.districtId) filters.push(`districtId = ${quote(filter.districtId)}`);
  const result = await search.client.index<OrganizationDocument>(physicalIndexName('organizations', search.prefix)).search(filter.q ?? '', {
    filter: filters,
    hitsPerPage: scope.pageSize,
    page: filter.page,
    sort: filter.q ? undefined : ['name:asc'],
  });
  return {
    items: result.hits.map((h) => ({
      id: h.id,
      name: h.name,
      kind: h.kind,
      membershipLevel: h.membershipLevel,
      cityUnitType: h.cityUnitType,
      districtName: h.districtName,
      active: h.active,
    })),
    total: result.totalHits ?? 0,
  };
}

export interface OpeningSearchParams {
  q: string;
  filters: Partial<Record<OpeningFacetAttribute, string[]>>;
  sort: 'relevance' | 'deadline' | 'start' | 'newest';
  page: number;
  pageSize: number;
  /**
   * Facets to count (default: all). Each one costs Meilisearch time on every search (about
   * 1 µs per matching document when at most 3,000 match), so ask only for those shown.
   */
  facets?: readonly OpeningCountedFacetAttribute[];
}

export { openingFacetAttributes, type OpeningFacetAttribute } from './indexes';

/**
 * Searches openings. `scopeFilter` is built by the server from the caller's role and is always
 * ANDed with the user's filters, which can only narrow it. Highlights use control characters
 * as markers so the page can render them without trusting any HTML.
 */
export async function searchOpeningIndex(search: SearchHandle, params: OpeningSearchParams, scopeFilter: string) {
  const filter: string[] = [scopeFilter];
  for (const attribute of openingFacetAttributes) {
    const values = params.filters[attribute];
    if (values?.length) filter.push(`${attribute} IN [${values.map(quote).join(', ')}]`);
  }
  const sort =
    params.sort === 'deadline' ? ['deadlineTs:asc'] : params.sort === 'start' ? ['startTs:asc'] : params.sort === 'newest' ? ['createdTs:desc'] : undefined;
  const result = await search.client.index<OpeningDocument>(physicalIndexName('openings', search.prefix)).search(params.q, {
    filter,
    facets: [FACET_VALUES],
    sort,
    hitsPerPage: params.pageSize,
    page: params.page,
    attributesToHighlight: ['title', 'description'],
    attributesToCrop: ['description'],
    cropLength: 30,
    highlightPreTag: '\u0001',
    highlightPostTag: '\u0002',
  });
  return {
    hits: result.hits.map((h) => ({
      ...h,
      titleHighlighted: (h._formatted?.title as string | undefined) ?? h.title,
      snippet: (h._formatted?.description as string | undefined) ?? h.description.slice(0, 200),
    })),
    total: result.totalHits ?? 0,
    facets: splitFacetCounts(result.facetDistribution?.[FACET_VALUES], params.facets ?? openingCountedFacetAttributes) as Partial<Record<OpeningFacetAttribute, Record<string, number>>>,
  };
}

/** Escapes a value for use inside a quoted filter. */
export { quote as quoteFilterValue };
