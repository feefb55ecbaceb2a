import { createServer } from 'node:net';
import { count, eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as healthz from '../../app/routes/healthz';
import * as newOrg from '../../app/routes/admin.organisationer.ny';
import * as orgList from '../../app/routes/organisationer._index';
import { getDb, getSearch } from '../../app/services.server';
import { organizations, searchOutbox } from '../../db/schema';
import { createSearchClient, type SearchHandle } from '../../search/client.server';
import type { OrganizationDocument } from '../../search/documents';
import { physicalIndexName } from '../../search/indexes';
import { applyIndexSettings, enqueueSearchSync, processSearchOutbox, reindex, searchOutboxBacklog } from '../../search/sync.server';
import { callAction, callLoader, jsonOf, loginAs } from '../setup/remix';

interface ListBody {
  items: Array<{ id: string; name: string; active: boolean }>;
  total: number;
  source: 'search' | 'database';
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

let real: SearchHandle;
let down: SearchHandle;

function searchIsDown() {
  globalThis.__insteg_meili = down;
}
function searchIsUp() {
  globalThis.__insteg_meili = real;
}

function liveIndex() {
  return real.client.index<OrganizationDocument>(physicalIndexName('organizations', real.prefix));
}

async function indexedIds() {
  const { results, total } = await liveIndex().getDocuments({ fields: ['id'], limit: 10_000 });
  expect(results).toHaveLength(total);
  return results.map((d) => d.id).sort();
}

async function databaseIds() {
  const rows = await getDb().select({ id: organizations.id }).from(organizations);
  return rows.map((r) => r.id).sort();
}

async function outbox() {
  return getDb().select().from(searchOutbox).orderBy(searchOutbox.id);
}

/** Processes everything due, making rows that wait for a retry due first. */
async function drain() {
  await getDb().update(searchOutbox).set({ nextAttemptAt: sql`now()` });
  while ((await processSearchOutbox(getDb(), getSearch())) > 0) {
    // until empty
  }
}

beforeAll(async () => {
  real = getSearch();
  down = createSearchClient(`http://127.0.0.1:${await closedPort()}`, 'x'.repeat(32), real.prefix);
  await applyIndexSettings(real);
  await drain();
  expect(await outbox()).toEqual([]);
});

afterEach(() => {
  searchIsUp();
});

describe('health check', () => {
  it('answers 200 when the database and the search answer', async () => {
    const r = await callLoader(healthz.loader, '/healthz');
    expect(r.status).toBe(200);
    expect(r.headers.get('Cache-Control')).toBe('no-store');
    expect(await jsonOf(r)).toEqual({ db: 'ok', search: 'ok' });
  });

  it('answers 503 naming the search when Meilisearch is unreachable', async () => {
    searchIsDown();
    const r = await callLoader(healthz.loader, '/healthz');
    expect(r.status).toBe(503);
    expect(r.headers.get('Cache-Control')).toBe('no-store');
    expect(await jsonOf(r)).toEqual({ db: 'ok', search: 'down' });
  });
});

describe('with Meilisearch unreachable', () => {
  it('keeps working and catches up once it is back, with the index equal to the database', async () => {
    const admin = await loginAs('admin@insteg.test');
    const coach = await loginAs('coach.farsta@insteg.test');
    searchIsDown();

    // Creating an organisation does not need the search: it succeeds and leaves an outbox row.
    const created = await callAction(
      newOrg.action,
      '/admin/organisationer/ny',
      { name: 'Högdalens Cykelverkstad AB', kind: 'integrationspakt_member', membershipLevel: 'member', orgNumber: '556012-5790' },
      { cookie: admin },
    );
    expect(created.status).toBe(302);
    const [org] = await getDb().select().from(organizations).where(eq(organizations.name, 'Högdalens Cykelverkstad AB'));
    expect(await outbox()).toMatchObject([{ documentId: org!.id, op: 'upsert', attempts: 0, lastError: null }]);

    // Processing fails softly: the row stays, with the attempt counted, the error kept and a retry later.
    const t0 = Date.now();
    const handled = await processSearchOutbox(getDb(), getSearch());
    expect(handled).toBe(1);
    const [afterFirst] = await outbox();
    expect(afterFirst).toMatchObject({ documentId: org!.id, attempts: 1 });
    expect(afterFirst!.lastError).toMatch(/fetch failed|ECONNREFUSED|request/i);
    expect(afterFirst!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0 + 900); // 1 s, then 2, 4 … 300 s
    // A row that is not due is left alone.
    await getDb().update(searchOutbox).set({ nextAttemptAt: sql`now() + interval '1 hour'` });
    expect(await processSearchOutbox(getDb(), getSearch())).toBe(0);
    await getDb().update(searchOutbox).set({ nextAttemptAt: sql`now()` });
    const t1 = Date.now();
    await processSearchOutbox(getDb(), getSearch());
    const [afterSecond] = await outbox();
    expect(afterSecond).toMatchObject({ id: afterFirst!.id, attempts: 2 });
    expect(afterSecond!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t1 + 1900);
    const backlog = await searchOutboxBacklog(getDb());
    expect(backlog).toMatchObject([{ indexName: 'organizations', waiting: 1, failing: 1 }]);
    expect(backlog[0]!.lastError).toBe(afterSecond!.lastError);

    // The list falls back to the database and still filters by name.
    const fallback = await callLoader(orgList.loader, '/organisationer?q=cykelverkstad', { cookie: coach });
    expect(fallback.status).toBe(200);
    const body = await jsonOf<ListBody>(fallback);
    expect(body.source).toBe('database');
    expect(body.items.map((i) => i.name)).toEqual(['Högdalens Cykelverkstad AB']);
    expect(body.total).toBe(1);
    const plain = await jsonOf<ListBody>(await callLoader(orgList.loader, '/organisationer?q=AB%20S', { cookie: coach }));
    expect(plain.source).toBe('database');
    expect(plain.items.map((i) => i.name).sort()).toEqual(['AB Stockholmshem', 'AB Svenska Bostäder']);
    // A LIKE wildcard typed by the user is taken literally.
    expect((await jsonOf<ListBody>(await callLoader(orgList.loader, '/organisationer?q=%25', { cookie: coach }))).total).toBe(0);

    // Back up: processing drains the outbox and the index equals the database.
    searchIsUp();
    const found = await jsonOf<ListBody>(await callLoader(orgList.loader, '/organisationer?q=cykelverkstad', { cookie: coach }));
    expect(found.source).toBe('search');
    expect(found.items.map((i) => i.id)).not.toContain(org!.id);
    await drain();
    expect(await outbox()).toEqual([]);
    expect(await indexedIds()).toEqual(await databaseIds());
    const again = await jsonOf<ListBody>(await callLoader(orgList.loader, '/organisationer?q=Hogdalens%20Cykelverkstad', { cookie: coach }));
    expect(again.source).toBe('search');
    expect(again.items[0]).toMatchObject({ id: org!.id, name: 'Högdalens Cykelverkstad AB' });
  });

  it('removes a document whose row is gone, and applies the latest change of a document', async () => {
    const db = getDb();
    // A document in the index whose organisation no longer exists (e.g. deleted by hand).
    const ghost = '11111111-1111-4111-8111-111111111111';
    const [template] = await liveIndex().search('', { limit: 1 }).then((r) => r.hits);
    await liveIndex().addDocuments([{ ...template!, id: ghost, name: 'Spökbolaget AB' }]).waitTask();
    expect(await indexedIds()).toContain(ghost);

    const [org] = await db.select().from(organizations).where(eq(organizations.name, 'Stokab AB'));
    await db.transaction(async (tx) => {
      await enqueueSearchSync(tx, 'organizations', [ghost]);
      await enqueueSearchSync(tx, 'organizations', [org!.id], 'delete');
      await enqueueSearchSync(tx, 'organizations', [org!.id], 'upsert');
    });
    await db.update(organizations).set({ name: 'Stokab Fibernät AB' }).where(eq(organizations.id, org!.id));

    await drain();
    expect(await outbox()).toEqual([]);
    expect(await indexedIds()).toEqual(await databaseIds());
    expect(await liveIndex().getDocument(org!.id)).toMatchObject({ name: 'Stokab Fibernät AB' });
    await db.update(organizations).set({ name: 'Stokab AB' }).where(eq(organizations.id, org!.id));
    await db.transaction((tx) => enqueueSearchSync(tx, 'organizations', [org!.id]));
    await drain();
  });

  it('leaves rows of an unknown index in the outbox with an error instead of dropping them', async () => {
    await getDb().insert(searchOutbox).values({ indexName: 'no_such_index', documentId: 'x', op: 'upsert' });
    await processSearchOutbox(getDb(), getSearch());
    const [row] = await outbox();
    expect(row).toMatchObject({ indexName: 'no_such_index', attempts: 1, lastError: 'unknown index no_such_index' });
    await getDb().delete(searchOutbox);
  });
});

describe('full reindex', () => {
  it('rebuilds the index to exactly the organisations in the database', async () => {
    const stray = '22222222-2222-4222-8222-222222222222';
    const [template] = await liveIndex().search('', { limit: 1 }).then((r) => r.hits);
    await liveIndex().addDocuments([{ ...template!, id: stray, name: 'Finns inte AB' }]).waitTask();
    // Also a change that never reached the outbox.
    await getDb().update(organizations).set({ name: 'Stockholms Hamn och Sjöfart AB' }).where(eq(organizations.name, 'Stockholms Hamn AB'));

    const progress: Array<{ done: number; total: number }> = [];
    const total = await reindex(getDb(), getSearch(), 'organizations', (p) => progress.push({ done: p.done, total: p.total }), 20);
    const dbIds = await databaseIds();
    expect(total).toBe(dbIds.length);
    expect(await indexedIds()).toEqual(dbIds);
    expect(progress[0]).toEqual({ done: 0, total: dbIds.length });
    expect(progress.at(-1)).toEqual({ done: dbIds.length, total: dbIds.length });

    const hits = await liveIndex().search('Sjöfart');
    expect(hits.hits.map((h) => h.name)).toEqual(['Stockholms Hamn och Sjöfart AB']);
    // The swapped-in index kept its settings (filters work) and the temporary index is gone.
    const suppliers = await liveIndex().search('', { filter: ['active = true', 'kind = "supplier"'], hitsPerPage: 50, sort: ['name:asc'] });
    expect(suppliers.totalHits).toBe(3);
    expect(suppliers.hits.map((h) => h.name)).toEqual(['Anpassade Sommarjobb Norr AB', 'Arbetsträning Söder AB', 'Unga Entreprenörer Stockholm ideell förening']);
    const { results } = await real.client.getIndexes({ limit: 1000 });
    expect(results.map((i) => i.uid)).not.toContain(`${physicalIndexName('organizations', real.prefix)}__rebuild`);
  });

  it('fails, leaving the index and the outbox as they were, when Meilisearch is down', async () => {
    const before = await indexedIds();
    const [row] = await getDb().select({ n: count() }).from(searchOutbox);
    await expect(reindex(getDb(), down, 'organizations')).rejects.toThrow();
    expect(await indexedIds()).toEqual(before);
    const [after] = await getDb().select({ n: count() }).from(searchOutbox);
    expect(after!.n).toBe(row!.n);
    // The reindex lock was released: the outbox worker can run again.
    await getDb().transaction((tx) => enqueueSearchSync(tx, 'organizations', [before[0]!]));
    expect(await processSearchOutbox(getDb(), real)).toBe(1);
  });
});
