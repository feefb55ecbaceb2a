import { Meilisearch } from 'meilisearch';

export interface SearchHandle {
  client: Meilisearch;
  prefix: string;
}

declare global {
  var __insteg_meili: SearchHandle | undefined;
}

export function createSearchClient(url: string, apiKey: string | undefined, prefix = ''): SearchHandle {
  return {
    client: new Meilisearch({
      host: url,
      apiKey,
      // A short timeout: a search that hangs must not hold a request; callers fall back.
      timeout: 5000,
      // Node's fetch asks for gzip/deflate/br by default; Meilisearch then streams a compressed,
      // chunked body whose end arrives ~40 ms late on a kept-alive connection (a delayed-ACK
      // stall): measured 48 ms instead of 4 ms per search, and every task poll of a reindex.
      // Responses are small and stay inside the deployment, so ask for them uncompressed.
      requestInit: { headers: { 'Accept-Encoding': 'identity' } },
    }),
    prefix,
  };
}

/** The one Meilisearch client of the process. */
export function getSearchHandle(url: string, apiKey: string | undefined, prefix: string): SearchHandle {
  globalThis.__insteg_meili ??= createSearchClient(url, apiKey, prefix);
  return globalThis.__insteg_meili;
}
