import type { Settings } from 'meilisearch';

/**
 * Every Meilisearch index of the product: its key, primary key and settings. Settings are applied
 * idempotently at start and before a reindex. The physical index name is prefixed with
 * SEARCH_INDEX_PREFIX so several databases (tests, one per worker) can share a server.
 */
export const indexDefinitions = {
  organizations: {
    primaryKey: 'id',
    settings: {
      searchableAttributes: ['name', 'districtName', 'clusterName', 'kindLabel', 'orgNumber'],
      filterableAttributes: ['kind', 'membershipLevel', 'cityUnitType', 'districtId', 'clusterId', 'active', 'hasPartnership'],
      sortableAttributes: ['name'],
      displayedAttributes: ['*'],
      synonyms: {
        plusmedlem: ['jobbpartnerskap'],
        sdf: ['stadsdelsförvaltning'],
      },
      typoTolerance: { enabled: true },
      pagination: { maxTotalHits: 5000 },
    } satisfies Settings,
  },
} as const;

export type IndexKey = keyof typeof indexDefinitions;
export const indexKeys = Object.keys(indexDefinitions) as IndexKey[];

export function isIndexKey(value: string): value is IndexKey {
  return value in indexDefinitions;
}

export function physicalIndexName(key: IndexKey, prefix: string) {
  return `${prefix}${key}`;
}
