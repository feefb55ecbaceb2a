import type { Settings } from 'meilisearch';
import { FACET_VALUES } from './facet-values';

/**
 * Every Meilisearch index of the product: its key, primary key and settings. Settings are applied
 * idempotently at start and before a reindex. The physical index name is prefixed with
 * SEARCH_INDEX_PREFIX so several databases (tests, one per worker) can share a server.
 */
/** The attributes the opening search counts as facets (the page's filters). */
export const openingFacetAttributes = [
  'kind',
  'subtype',
  'districtName',
  'clusterName',
  'ssyk1',
  'ssyk2',
  'ssyk3',
  'ssyk4',
  'organizationName',
  'membershipLevel',
  'startMonth',
  'languages',
  'status',
] as const;
export type OpeningFacetAttribute = (typeof openingFacetAttributes)[number];
/**
 * The opening facets Meilisearch counts (through the combined attribute, see facet-values.ts);
 * kind, cluster and SSYK 1–3 follow exactly from subtype, district and SSYK 4 and are derived
 * by the caller (app/openings/search.server.ts).
 */
export const openingCountedFacetAttributes = ['subtype', 'districtName', 'ssyk4', 'organizationName', 'membershipLevel', 'startMonth', 'languages', 'status'] as const satisfies readonly OpeningFacetAttribute[];

/**
 * The attributes the aspirant search counts as facets. The index is only ever queried by the
 * server, and every query carries the caller's Jobbtorg (app/aspirants/aspirant-search.server.ts).
 */
export const aspirantFacetAttributes = [
  'targetGroups',
  'swedishLevel',
  'languages',
  'districtName',
  'ssyk1',
  'ssyk2',
  'ssyk3',
  'ssyk4',
  'availability',
  'ageBand',
  'hasPlan',
  'monthsEnrolled',
] as const;
export type AspirantFacetAttribute = (typeof aspirantFacetAttributes)[number];

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
  openings: {
    primaryKey: 'id',
    /** Attributes every current document has; a document without one of them predates it (see reindexOutdated). */
    documentMarkers: [FACET_VALUES, 'bornFromTs'],
    settings: {
      searchableAttributes: ['title', 'occupationName', 'organizationName', 'subtypeLabel', 'kindLabel', 'districtName', 'description', 'languages'],
      // Every facet is filterable; the other attributes serve the scope and date filters.
      filterableAttributes: [...openingFacetAttributes, FACET_VALUES, 'organizationId', 'districtId', 'swedishLevel', 'deadlineTs', 'startTs',
        // Matching's hard filters.
        'clusterId', 'endTs', 'bornFromTs', 'bornToTs', 'swedishRank', 'swedishRequired', 'criminalRecordRequired'],
      sortableAttributes: ['deadlineTs', 'startTs', 'publishedTs', 'createdTs'],
      displayedAttributes: ['*'],
      // Common Swedish job words and their everyday forms.
      synonyms: {
        undersköterska: ['usk', 'undersköterskor'],
        usk: ['undersköterska'],
        barnskötare: ['barnskötare', 'förskola', 'barnsköterska'],
        barnsköterska: ['barnskötare'],
        lokalvårdare: ['städare', 'lokalvård', 'städ'],
        städare: ['lokalvårdare', 'lokalvård'],
        städ: ['lokalvårdare', 'städare'],
        vårdbiträde: ['vårdbiträden', 'omsorg'],
        lager: ['lagerarbetare', 'lagermedarbetare', 'logistik'],
        lagerarbetare: ['lager', 'lagermedarbetare'],
        kock: ['kockar', 'restaurang', 'kök'],
        fastighetsskötare: ['vaktmästare', 'fastighet'],
        vaktmästare: ['fastighetsskötare'],
        it: ['it-support', 'data'],
        butik: ['butikssäljare', 'handel'],
        bygg: ['byggarbetare', 'snickare'],
        sommarjobb: ['feriejobb'],
        feriejobb: ['sommarjobb'],
      },
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
      // The combined facet (search/facet-values.ts) holds the values of every facet at once.
      faceting: { maxValuesPerFacet: 10000 },
      pagination: { maxTotalHits: 10000 },
    } satisfies Settings,
  },
  aspirants: {
    primaryKey: 'id',
    documentMarkers: [FACET_VALUES, 'birthTs'],
    settings: {
      // Names only: nothing else an aspirant is found by is free text worth matching.
      searchableAttributes: ['firstName', 'lastName'],
      filterableAttributes: [...aspirantFacetAttributes, FACET_VALUES, 'jobbtorgId', 'coachUserId', 'active',
        // Matching's hard filters and candidate buckets.
        'districtId', 'clusterId', 'birthTs', 'availableFromTs', 'swedishRank', 'criminalRecordChecked', 'consented'],
      sortableAttributes: ['lastName', 'firstName', 'enrolledTs'],
      // Only what the result list needs; the page reads the rest from the database, again scoped.
      displayedAttributes: ['id', 'jobbtorgId'],
      // Names are short: "Amna" must still find Amina.
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 7 } },
      faceting: { maxValuesPerFacet: 10000 },
      pagination: { maxTotalHits: 10000 },
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
