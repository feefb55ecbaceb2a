import { asc, inArray, lte, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client.server';
import { searchOutbox } from '../db/schema';
import type { SearchHandle } from './client.server';
import { documentSources } from './documents';
import { indexDefinitions, indexKeys, isIndexKey, physicalIndexName, type IndexKey } from './indexes';

const TASK_TIMEOUT_MS = 60_000;
/** Advisory lock: the outbox worker holds it shared per batch, a full reindex exclusively. */
const REINDEX_LOCK = 4_242_001;

/** Records, inside the caller's transaction, that documents must be (re)indexed or removed. */
export async function enqueueSearchSync(tx: DbOrTx, index: IndexKey, ids: string[], op: 'upsert' | 'delete' = 'upsert') {
  if (ids.length === 0) return;
  await tx.insert(searchOutbox).values(ids.map((documentId) => ({ indexName: index, documentId, op })));
}

/** Creates missing indexes and applies their settings; safe to run at every start. */
export async function applyIndexSettings(search: SearchHandle, keys: readonly IndexKey[] = indexKeys) {
  for (const key of keys) {
    const def = indexDefinitions[key];
    const uid = physicalIndexName(key, search.prefix);
    await ensureIndex(search, uid, def.primaryKey);
    await search.client.index(uid).updateSettings(def.settings).waitTask({ timeout: TASK_TIMEOUT_MS });
  }
}

/**
 * Deletes an index if it exists and waits until Meilisearch has done it. (The client's
 * deleteIndexIfExists only enqueues the deletion: a rebuild that went on to create the index
 * found it still there, and the deletion then removed it under the rebuild, whose next task
 * created it again without its primary key.)
 */
async function deleteIndexAndWait(search: SearchHandle, uid: string) {
  const task = await search.client.index(uid).delete().waitTask({ timeout: TASK_TIMEOUT_MS });
  if (task.status === 'failed' && task.error?.code !== 'index_not_found') throw new Error(`could not delete index ${uid}: ${task.error?.message}`);
}

async function ensureIndex(search: SearchHandle, uid: string, primaryKey: string) {
  try {
    await search.client.getRawIndex(uid);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'index_not_found') throw error;
    const task = await search.client.createIndex(uid, { primaryKey }).waitTask({ timeout: TASK_TIMEOUT_MS });
    if (task.status === 'failed' && task.error?.code !== 'index_already_exists') {
      throw new Error(`could not create index ${uid}: ${task.error?.message}`);
    }
  }
}

/**
 * After an upgrade that added an attribute to an index's documents, rebuilds the indexes that
 * still hold documents without it (an index is "outdated" when any document lacks its marker).
 * Runs once at start, in the background; returns the keys it rebuilt.
 */
export async function reindexOutdated(db: Database, search: SearchHandle): Promise<IndexKey[]> {
  const rebuilt: IndexKey[] = [];
  for (const key of indexKeys) {
    const def = indexDefinitions[key];
    const markers: readonly string[] = 'documentMarkers' in def ? def.documentMarkers : [];
    if (!markers.length) continue;
    const result = await search.client.index(physicalIndexName(key, search.prefix)).search('', { filter: markers.map((m) => `${m} NOT EXISTS`).join(' OR '), limit: 0 });
    if ((result.estimatedTotalHits ?? 0) > 0) {
      await reindex(db, search, key);
      rebuilt.push(key);
    }
  }
  return rebuilt;
}

function backoffSeconds(attempts: number) {
  return Math.min(300, 2 ** Math.min(attempts, 8));
}

/**
 * Drains due search_outbox rows: for each index, the latest operation per document wins;
 * upserts read the current row from the database (the truth), so the index converges to it
 * whatever order changes arrived in. Rows are removed only after Meilisearch confirmed the task.
 * Returns the number of outbox rows handled (applied or failed). A failure stays on its rows
 * (last_error, retried with backoff) and is told to `onFailure`, if given, once per index.
 */
export async function processSearchOutbox(
  db: Database,
  search: SearchHandle,
  batchSize = 500,
  onFailure?: (failure: { index: string; error: string }) => void,
): Promise<number> {
  return db.transaction(async (tx) => {
    // While a reindex is building its fresh index, leave the outbox alone: its rows are applied
    // to the new index right after the swap.
    const [lock] = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock_shared(${REINDEX_LOCK}) as ok`);
    if (!lock?.ok) return 0;
    const rows = await tx
      .select()
      .from(searchOutbox)
      .where(lte(searchOutbox.nextAttemptAt, sql`now()`))
      .orderBy(asc(searchOutbox.id))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;

    const byIndex = new Map<string, typeof rows>();
    for (const row of rows) byIndex.set(row.indexName, [...(byIndex.get(row.indexName) ?? []), row]);

    const done: number[] = [];
    const failed: Array<{ index: string; ids: number[]; error: string }> = [];
    for (const [indexName, indexRows] of byIndex) {
      const ids = indexRows.map((r) => r.id);
      if (!isIndexKey(indexName)) {
        failed.push({ index: indexName, ids, error: `unknown index ${indexName}` });
        continue;
      }
      try {
        const latest = new Map<string, 'upsert' | 'delete'>();
        for (const r of indexRows) latest.set(r.documentId, r.op);
        const uid = physicalIndexName(indexName, search.prefix);
        const upsertIds = [...latest].filter(([, op]) => op === 'upsert').map(([id]) => id);
        const documents = upsertIds.length ? await documentSources[indexName].load(tx, upsertIds) : [];
        const present = new Set(documents.map((d) => d.id));
        // A document asked to be upserted whose row is gone is removed from the index too.
        const deleteIds = [...latest].filter(([id, op]) => op === 'delete' || !present.has(id)).map(([id]) => id);
        const index = search.client.index(uid);
        if (documents.length) await assertSucceeded(index.addDocuments(documents).waitTask({ timeout: TASK_TIMEOUT_MS }));
        if (deleteIds.length) await assertSucceeded(index.deleteDocuments(deleteIds).waitTask({ timeout: TASK_TIMEOUT_MS }));
        done.push(...ids);
      } catch (error) {
        failed.push({ index: indexName, ids, error: error instanceof Error ? error.message : String(error) });
      }
    }
    if (done.length) await tx.delete(searchOutbox).where(inArray(searchOutbox.id, done));
    for (const f of failed) {
      onFailure?.({ index: f.index, error: f.error });
      await tx
        .update(searchOutbox)
        .set({
          attempts: sql`${searchOutbox.attempts} + 1`,
          lastError: f.error.slice(0, 1000),
          nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(rows.find((r) => r.id === f.ids[0])?.attempts ?? 0)})`,
        })
        .where(inArray(searchOutbox.id, f.ids));
    }
    return rows.length;
  });
}

async function assertSucceeded(taskPromise: Promise<{ status: string; error?: { message: string } | null }>) {
  const task = await taskPromise;
  if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.status}: ${task.error?.message ?? ''}`);
}

export interface ReindexProgress {
  index: IndexKey;
  done: number;
  total: number;
}

/**
 * Rebuilds an index from the database into a fresh temporary index and swaps it in atomically,
 * so searches keep working during the rebuild and a crash half-way leaves the old index intact.
 */
export async function reindex(
  db: Database,
  search: SearchHandle,
  key: IndexKey,
  onProgress: (p: ReindexProgress) => void = () => {},
  pageSize = 5000,
) {
  const reserved = await db.$client.reserve();
  try {
    await reserved`select pg_advisory_lock(${REINDEX_LOCK})`;
    return await rebuild(db, search, key, onProgress, pageSize);
  } finally {
    await reserved`select pg_advisory_unlock(${REINDEX_LOCK})`.catch(() => {});
    reserved.release();
  }
}

async function rebuild(
  db: Database,
  search: SearchHandle,
  key: IndexKey,
  onProgress: (p: ReindexProgress) => void,
  pageSize: number,
) {
  const def = indexDefinitions[key];
  const live = physicalIndexName(key, search.prefix);
  const temp = `${live}__rebuild`;
  await deleteIndexAndWait(search, temp);
  await ensureIndex(search, live, def.primaryKey);
  await ensureIndex(search, temp, def.primaryKey);
  const tempIndex = search.client.index(temp);
  await assertSucceeded(tempIndex.updateSettings(def.settings).waitTask({ timeout: TASK_TIMEOUT_MS }));
  // Outbox rows written from here on wait (see REINDEX_LOCK) and are applied after the swap.
  const documents = await documentSources[key].loadAll(db);
  onProgress({ index: key, done: 0, total: documents.length });
  for (let i = 0; i < documents.length; i += pageSize) {
    const page = documents.slice(i, i + pageSize);
    await assertSucceeded(tempIndex.addDocuments(page).waitTask({ timeout: TASK_TIMEOUT_MS * 5 }));
    onProgress({ index: key, done: Math.min(i + pageSize, documents.length), total: documents.length });
  }
  await assertSucceeded(search.client.swapIndexes([{ indexes: [live, temp], rename: false }]).waitTask({ timeout: TASK_TIMEOUT_MS }));
  await deleteIndexAndWait(search, temp);
  return documents.length;
}

/** Outbox rows waiting, per index, for the admin status page. */
export async function searchOutboxBacklog(db: DbOrTx) {
  return db
    .select({
      indexName: searchOutbox.indexName,
      waiting: sql<number>`count(*)::int`,
      failing: sql<number>`count(*) filter (where ${searchOutbox.attempts} > 0)::int`,
      oldest: sql<Date | null>`min(${searchOutbox.createdAt})`,
      lastError: sql<string | null>`(array_agg(${searchOutbox.lastError} order by ${searchOutbox.id} desc) filter (where ${searchOutbox.lastError} is not null))[1]`,
    })
    .from(searchOutbox)
    .groupBy(searchOutbox.indexName);
}

