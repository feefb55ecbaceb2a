/**
 * Helpers for the tests against the real Meilisearch: draining the search outbox, the file's
 * live indexes and their raw documents, and a search server that is down.
 */
import { createServer } from 'node:net';
import { count, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { getDb, getSearch } from '../../app/services.server';
import { searchOutbox } from '../../db/schema';
import { createSearchClient } from '../../search/client.server';
import type { AspirantDocument, OpeningDocument, OrganizationDocument } from '../../search/documents';
import { physicalIndexName, type IndexKey } from '../../search/indexes';
import { processSearchOutbox } from '../../search/sync.server';

interface IndexDocuments {
  organizations: OrganizationDocument;
  openings: OpeningDocument;
  aspirants: AspirantDocument;
}

/** Processes the search outbox until it is empty, every queued row due now; fails if a row is left. */
export async function drainSearchOutbox() {
  await getDb().update(searchOutbox).set({ nextAttemptAt: sql`now()` });
  while ((await processSearchOutbox(getDb(), getSearch())) > 0) {
    // until empty
  }
  const [left] = await getDb().select({ n: count() }).from(searchOutbox);
  expect(left!.n).toBe(0);
}

/** The index `key` of this file's prefix, on the current search handle. */
export function liveIndex<K extends IndexKey>(key: K) {
  const search = getSearch();
  return search.client.index<IndexDocuments[K]>(physicalIndexName(key, search.prefix));
}

/** The raw document as Meilisearch holds it, or null. */
export async function documentOrNull<K extends IndexKey>(key: K, id: string): Promise<IndexDocuments[K] | null> {
  return liveIndex(key)
    .getDocument(id)
    .catch((error: { cause?: { code?: string } }) => {
      if (error.cause?.code === 'document_not_found') return null;
      throw error;
    });
}

/** A local port nothing listens on (bound, then released). */
function closedPort() {
  return new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A search handle with the prefix whose server is down (a local port nothing listens on). */
export async function unreachableSearch(prefix: string) {
  return createSearchClient(`http://127.0.0.1:${await closedPort()}`, 'x'.repeat(32), prefix);
}
