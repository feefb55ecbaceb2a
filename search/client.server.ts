import { Meilisearch } from 'meilisearch';

export interface SearchHandle {
  client: Meilisearch;
  prefix: string;
}

declare global {
  var __insteg_meili: SearchHandle | undefined;
}

export function createSearchClient(url: string, apiKey: string | undefined, prefix = ''): SearchHandle {
  // A short timeout: a search that hangs must not hold a request; callers fall back.
  return { client: new Meilisearch({ host: url, apiKey, timeout: 5000 }), prefix };
}

/** The one Meilisearch client of the process. */
export function getSearchHandle(url: string, apiKey: string | undefined, prefix: string): SearchHandle {
  globalThis.__insteg_meili ??= createSearchClient(url, apiKey, prefix);
  return globalThis.__insteg_meili;
}
