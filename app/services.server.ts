import { getDbHandle, type Database } from '../db/client.server';
import { getSearchHandle, type SearchHandle } from '../search/client.server';
import { getEnv } from './env.server';

/** The process-wide database (drizzle over postgres.js). */
export function getDb(): Database {
  return getDbHandle(getEnv().DATABASE_URL).db;
}

/** The process-wide Meilisearch client with this deployment's index prefix. */
export function getSearch(): SearchHandle {
  const env = getEnv();
  return getSearchHandle(env.MEILI_URL, env.MEILI_MASTER_KEY, env.SEARCH_INDEX_PREFIX);
}
