import type { SearchHandle } from './client.server';
import type { OrganizationDocument } from './documents';
import { physicalIndexName } from './indexes';

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
