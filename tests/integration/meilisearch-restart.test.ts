/**
 * Fault test: Meilisearch stopped during writes, for real. The production server (build/server/
 * start.js) runs as a child process against this file's database and a Meilisearch of this file's
 * own, which is stopped (the process, not a closed port in the test) while an employer and a coach
 * write over HTTP, and started again on the same port and data directory. Meanwhile every write
 * must succeed, the search pages must say in Swedish that the search does not answer and show
 * results from the database, and /healthz must name the search as down. After the restart the
 * same server's background worker must drain search_outbox, and every index must then hold
 * exactly the documents the database says it should (none missing, none extra, none stale), the
 * new opening found through the search again.
 *
 * The suite's Meilisearch is never touched. Needs the production build (npm test builds before it
 * runs vitest).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { and, asc, count, eq, inArray, isNull, lte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInStockholm } from '../../app/dates';
import { getDb } from '../../app/services.server';
import { aspirants, jobbtorg, openings, searchOutbox } from '../../db/schema';
import { DEMO_PASSWORD } from '../../db/seed/reference-data';
import { startEmbeddedMeilisearch, type RunningMeilisearch } from '../../scripts/services/embedded-meilisearch';
import { freePort } from '../../scripts/services/process-utils';
import { exchangeWith, serverEnv, startServerProcess, type Exchange, type ServerProcess } from '../setup/server-process';
import { createSearchClient, type SearchHandle } from '../../search/client.server';
import { documentSources } from '../../search/documents';
import { indexKeys, physicalIndexName, type IndexKey } from '../../search/indexes';
import { applyIndexSettings, reindex } from '../../search/sync.server';
import { enrolForm } from '../setup/aspirants';
import { openingForm } from '../setup/openings';

const serverScript = path.resolve('build/server/start.js');
const hasBuild = existsSync(serverScript) && existsSync(path.resolve('build/index.js'));
const indexPrefix = `meilirestart_${randomBytes(3).toString('hex')}_`;
const today = todayInStockholm();

/** What the search pages say when they answer from the database (app/components/search-parts.tsx). */
const FALLBACK_NOTICE = 'Sökfunktionen svarar inte just nu. Du ser en enklare sökning direkt i databasen';


let dir = '';
let meiliDir = '';
let meili: RunningMeilisearch | undefined;
let search: SearchHandle;
let server: ServerProcess | undefined;
let base = '';
/** Every answer of the server during the test, to check that none was a 500 or failed. */
const log: Exchange[] = [];


function startMeilisearch(port?: number) {
  return startEmbeddedMeilisearch({ dataDir: meiliDir, keyFile: path.join(dir, 'meili-master-key'), logFile: path.join(dir, 'meili.log'), port });
}

/** One request with a deadline; a refused or timed-out request is recorded, never thrown. */
async function exchange(target: string, init: RequestInit = {}): Promise<Exchange> {
  const result = await exchangeWith(base, target, init, 10_000);
  log.push(result);
  return result;
}

function post(target: string, cookie: string, form: Record<string, string>) {
  return exchange(target, { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams(form) });
}

/** A Remix data request (what the browser's client-side navigation asks for): the loader's or action's JSON. */
function dataUrl(target: string, routeId: string) {
  return `${target}${target.includes('?') ? '&' : '?'}_data=${encodeURIComponent(routeId)}`;
}

const waitFor = <T,>(what: string, probe: () => Promise<T | null>, timeoutMs: number) => server!.waitFor(what, probe, timeoutMs);


async function login(email: string) {
  const response = await post('/login', '', { email, password: DEMO_PASSWORD });
  expect(response.status, `login as ${email}: ${response.body.slice(0, 300)}`).toBe(302);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  expect(cookie).toMatch(/^insteg_session=/);
  return cookie!;
}

async function outboxSize() {
  const [row] = await getDb().select({ n: count() }).from(searchOutbox);
  return row!.n;
}

/** Every document of an index, as Meilisearch holds it. */
async function indexedDocuments(key: IndexKey) {
  const index = search.client.index<Record<string, unknown> & { id: string }>(physicalIndexName(key, search.prefix));
  const all: Array<Record<string, unknown> & { id: string }> = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await index.getDocuments({ offset, limit: 1000 });
    all.push(...page.results);
    if (offset + page.results.length >= page.total || page.results.length === 0) return all;
  }
}

interface IndexDiff {
  index: IndexKey;
  expected: number;
  indexed: number;
  missing: string[];
  extra: string[];
  stale: string[];
}

/**
 * Each index against the database: the documents the database says the index should hold (the
 * product's own document sources, the truth a reindex builds from) and what it holds.
 */
async function compareIndexes(): Promise<IndexDiff[]> {
  const diffs: IndexDiff[] = [];
  for (const key of indexKeys) {
    // Through JSON, as Meilisearch stores them.
    const expected = new Map((await documentSources[key].loadAll(getDb())).map((d) => [d.id, JSON.parse(JSON.stringify(d)) as unknown]));
    const indexed = new Map((await indexedDocuments(key)).map((d) => [d.id, d]));
    diffs.push({
      index: key,
      expected: expected.size,
      indexed: indexed.size,
      missing: [...expected.keys()].filter((id) => !indexed.has(id)),
      extra: [...indexed.keys()].filter((id) => !expected.has(id)),
      stale: [...expected].filter(([id, doc]) => indexed.has(id) && !isDeepStrictEqual(indexed.get(id), doc)).map(([id]) => id),
    });
  }
  return diffs;
}

const converged = (diffs: IndexDiff[]) => diffs.every((d) => d.missing.length === 0 && d.extra.length === 0 && d.stale.length === 0);

/** Waits until the outbox is empty and, with it empty, every index equals the database; returns the comparison. */
async function waitForConvergence(what: string, timeoutMs: number) {
  let last: IndexDiff[] = [];
  try {
    return await waitFor(
      what,
      async () => {
        if ((await outboxSize()) > 0) return null;
        last = await compareIndexes();
        return converged(last) && (await outboxSize()) === 0 ? last : null;
      },
      timeoutMs,
    );
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nlast comparison: ${JSON.stringify(last).slice(0, 3000)}`);
  }
}

beforeAll(async () => {
  if (!hasBuild) return;
  dir = mkdtempSync(path.join(os.tmpdir(), 'insteg-meili-restart-'));
  meiliDir = path.join(dir, 'meili');
  meili = await startMeilisearch();
  search = createSearchClient(meili.url, meili.masterKey, indexPrefix);
  // The indexes, built from this file's database before the server starts (as `npm run search:reindex` does).
  await applyIndexSettings(search);
  for (const key of indexKeys) await reindex(getDb(), search, key);

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = startServerProcess(
    process.execPath,
    [serverScript],
    serverEnv({
      PORT: String(port),
      INSTEG_DATA_DIR: path.join(dir, 'app'),
      DATABASE_URL: process.env.DATABASE_URL!,
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      SEARCH_INDEX_PREFIX: indexPrefix,
      SESSION_SECRET: randomBytes(32).toString('hex'),
    }),
  );
  await waitFor('the server to answer /healthz with 200', async () => ((await exchange('/healthz')).status === 200 ? true : null), 60_000);
  // The seed's queued changes, applied by the server's worker.
  await waitFor('the server to drain search_outbox', async () => ((await outboxSize()) === 0 ? true : null), 30_000);
  // Refused requests while the server was starting are not the test's business.
  log.length = 0;
});

afterAll(async () => {
  try {
    await server?.stop();
    // This file's indexes live only in its own Meilisearch, whose data directory goes with `dir`.
    await meili?.stop();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

describe.skipIf(!hasBuild)('Meilisearch stopped during writes', () => {
  it('keeps every write, falls back in Swedish while it is down, and converges to exactly the database after a restart', async () => {
    const child = server!.child;
    const pid = child.pid;
    const db = getDb();
    const [employer, coach] = [await login('arbetsgivare.plus@insteg.test'), await login('coach.kista@insteg.test')];

    // Before the outage the indexes equal the database.
    const before = await waitForConvergence('the indexes to equal the database before the outage', 20_000);
    expect(before.every((d) => d.expected > 0)).toBe(true);

    // A draft indexed before the outage, to be deleted during it (the index must lose it afterwards).
    const doomedTitle = 'Utkast som tas bort under avbrottet';
    const doomedCreated = await post('/arbetsgivare/platser/ny', employer, openingForm('praktik', today, { title: doomedTitle }));
    expect(doomedCreated.status, doomedCreated.body.slice(0, 500)).toBe(302);
    const doomedId = /^\/arbetsgivare\/platser\/([0-9a-f-]{36})\?skapad=1$/.exec(doomedCreated.headers.get('location') ?? '')?.[1];
    expect(doomedId).toBeTruthy();
    const openingsIndex = search.client.index(physicalIndexName('openings', search.prefix));
    await waitFor('the draft to be indexed', () => openingsIndex.getDocument(doomedId!).then((d) => d, () => null), 10_000);

    // A current Kista aspirant (indexed as active) whom the coach writes out during the outage.
    const [leaving] = await db
      .select({ id: aspirants.id })
      .from(aspirants)
      .innerJoin(jobbtorg, eq(jobbtorg.id, aspirants.jobbtorgId))
      .where(and(eq(jobbtorg.slug, 'kista'), isNull(aspirants.exitedOn), isNull(aspirants.anonymisedAt), lte(aspirants.enrolledOn, today)))
      .orderBy(asc(aspirants.id))
      .limit(1);
    expect(leaving, 'the seed has a current Kista aspirant').toBeDefined();
    const aspirantsIndex = search.client.index(physicalIndexName('aspirants', search.prefix));
    expect(await aspirantsIndex.getDocument(leaving!.id)).toMatchObject({ active: true });

    // ── Meilisearch goes away: the process is stopped. ──
    const port = meili!.port;
    await meili!.stop();
    meili = undefined;
    expect(await fetch(`http://127.0.0.1:${port}/health`).then(() => 'answered', () => 'refused')).toBe('refused');

    // The employer creates and publishes an opening, and deletes the earlier draft.
    const title = 'Lagerpraktik hos Omstartsbolaget i Vindeln';
    const created = await post('/arbetsgivare/platser/ny', employer, openingForm('praktik', today, { title }));
    expect(created.status, created.body.slice(0, 500)).toBe(302);
    const openingId = /^\/arbetsgivare\/platser\/([0-9a-f-]{36})\?skapad=1$/.exec(created.headers.get('location') ?? '')?.[1];
    expect(openingId, created.headers.get('location') ?? '').toBeTruthy();
    const published = await post(dataUrl(`/arbetsgivare/platser/${openingId}?index`, 'routes/arbetsgivare.platser.$id._index'), employer, { intent: 'transition', to: 'published' });
    expect(published.status, published.body.slice(0, 500)).toBe(200);
    expect(JSON.parse(published.body)).toMatchObject({ ok: true });
    const deleted = await post(`/arbetsgivare/platser/${doomedId}?index`, employer, { intent: 'delete' });
    expect(deleted.status, deleted.body.slice(0, 500)).toBe(302);
    expect(deleted.headers.get('location')).toBe('/arbetsgivare/platser');

    // The coach enrols an aspirant, corrects their surname, and writes another one out.
    const enrolment = await enrolForm({ firstName: 'Nadja', lastName: 'Avbrottsson' });
    const enrolled = await post('/coach/aspiranter/ny', coach, enrolment);
    expect(enrolled.status, enrolled.body.slice(0, 500)).toBe(302);
    const aspirantId = /^\/coach\/aspiranter\/([0-9a-f-]{36})\?inskriven=1$/.exec(enrolled.headers.get('location') ?? '')?.[1];
    expect(aspirantId, enrolled.headers.get('location') ?? '').toBeTruthy();
    const { consent: _consent, ...editForm } = enrolment;
    const edited = await post(`/coach/aspiranter/${aspirantId}/redigera`, coach, { ...editForm, lastName: 'Driftstoppsdotter' });
    expect(edited.status, edited.body.slice(0, 500)).toBe(302);
    expect(edited.headers.get('location')).toBe(`/coach/aspiranter/${aspirantId}?sparad=1`);
    const exited = await post(dataUrl(`/coach/aspiranter/${leaving!.id}?index`, 'routes/coach.aspiranter.$id._index'), coach, { intent: 'exit', exitedOn: today, exitReason: 'studier' });
    expect(exited.status, exited.body.slice(0, 500)).toBe(200);
    expect(JSON.parse(exited.body)).toMatchObject({ intent: 'exit', saved: true });

    // Every write is in the database.
    expect(await db.select({ title: openings.title, status: openings.status }).from(openings).where(eq(openings.id, openingId!))).toEqual([{ title, status: 'published' }]);
    expect(await db.select({ id: openings.id }).from(openings).where(eq(openings.id, doomedId!))).toEqual([]);
    expect(await db.select({ lastName: aspirants.lastName }).from(aspirants).where(eq(aspirants.id, aspirantId!))).toEqual([{ lastName: 'Driftstoppsdotter' }]);
    expect(await db.select({ exitedOn: aspirants.exitedOn }).from(aspirants).where(eq(aspirants.id, leaving!.id))).toEqual([{ exitedOn: today }]);

    // The opening search says, in Swedish, that it answers from the database, and finds the new opening there.
    const openingPage = await exchange('/platser?q=Omstartsbolaget', { headers: { Cookie: coach } });
    expect(openingPage.status).toBe(200);
    expect(openingPage.body).toContain('lang="sv"');
    expect(openingPage.body).toContain(FALLBACK_NOTICE);
    expect(openingPage.body).toContain(title);
    const openingData = await exchange(dataUrl('/platser?q=Omstartsbolaget', 'routes/platser._index'), { headers: { Cookie: coach } });
    expect(openingData.status).toBe(200);
    const fallbackOpenings = JSON.parse(openingData.body) as { result: { source: string; hits: Array<{ id: string }> } };
    expect(fallbackOpenings.result.source).toBe('database');
    expect(fallbackOpenings.result.hits.map((h) => h.id)).toEqual([openingId]);

    // So does the aspirant search, finding the new aspirant under the corrected name.
    const aspirantPage = await exchange('/coach/aspiranter?q=Driftstoppsdotter', { headers: { Cookie: coach } });
    expect(aspirantPage.status).toBe(200);
    expect(aspirantPage.body).toContain(FALLBACK_NOTICE);
    expect(aspirantPage.body).toContain('Driftstoppsdotter');
    const aspirantData = await exchange(dataUrl('/coach/aspiranter?q=Driftstoppsdotter', 'routes/coach.aspiranter._index'), { headers: { Cookie: coach } });
    const fallbackAspirants = JSON.parse(aspirantData.body) as { result: { source: string; hits: Array<{ id: string }> } };
    expect(fallbackAspirants.result.source).toBe('database');
    expect(fallbackAspirants.result.hits.map((h) => h.id)).toEqual([aspirantId]);

    // The health check names the search as down.
    const health = await exchange('/healthz');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toEqual({ db: 'ok', search: 'down' });

    // The changes wait in the outbox; the worker has tried them and failed softly, keeping them.
    const changed = [openingId!, doomedId!, aspirantId!, leaving!.id];
    const waiting = await waitFor(
      "the worker's failed attempt at the queued changes",
      async () => {
        const rows = await db.select().from(searchOutbox).where(inArray(searchOutbox.documentId, changed));
        return rows.some((r) => r.attempts > 0) ? rows : null;
      },
      10_000,
    );
    expect(new Set(waiting.map((r) => r.documentId))).toEqual(new Set(changed));
    expect(waiting.find((r) => r.attempts > 0)?.lastError).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*has failed|fetch failed|ECONNREFUSED`, 'i'));
    expect(child.exitCode, server!.output()).toBeNull();
    expect(child.pid).toBe(pid);

    // ── Meilisearch comes back on the same port and data directory. ──
    meili = await startMeilisearch(port);
    expect(meili.port).toBe(port);
    await waitFor('/healthz to answer 200 again', async () => ((await exchange('/healthz')).status === 200 ? true : null), 15_000);

    // The same server's worker drains the outbox; then every index is exactly the database.
    const after = await waitForConvergence('the worker to drain search_outbox and the indexes to equal the database', 45_000);
    for (const diff of after) expect(diff, diff.index).toMatchObject({ missing: [], extra: [], stale: [], indexed: diff.expected });
    expect(after.find((d) => d.index === 'openings')!.expected).toBe(before.find((d) => d.index === 'openings')!.expected + 1);
    expect(after.find((d) => d.index === 'aspirants')!.expected).toBe(before.find((d) => d.index === 'aspirants')!.expected + 1);
    // The documents written during the outage carry their current values.
    expect(await openingsIndex.getDocument(openingId!)).toMatchObject({ title, status: 'published' });
    await expect(openingsIndex.getDocument(doomedId!)).rejects.toMatchObject({ cause: { code: 'document_not_found' } });
    expect(await aspirantsIndex.getDocument(aspirantId!)).toMatchObject({ firstName: 'Nadja', lastName: 'Driftstoppsdotter', active: true });
    expect(await aspirantsIndex.getDocument(leaving!.id)).toMatchObject({ active: false });

    // Over HTTP the search finds them again, from Meilisearch, without the notice.
    const foundData = await exchange(dataUrl('/platser?q=Omstartsbolaget', 'routes/platser._index'), { headers: { Cookie: coach } });
    expect(foundData.status).toBe(200);
    const found = JSON.parse(foundData.body) as { result: { source: string; hits: Array<{ id: string; title: string }> } };
    expect(found.result.source).toBe('search');
    expect(found.result.hits.map((h) => h.id)).toEqual([openingId]);
    // With a typo: only the search engine tolerates it.
    const typo = JSON.parse((await exchange(dataUrl('/platser?q=Omstartsbolgaet', 'routes/platser._index'), { headers: { Cookie: coach } })).body) as typeof found;
    expect(typo.result).toMatchObject({ source: 'search', hits: [{ id: openingId }] });
    const foundPage = await exchange('/platser?q=Omstartsbolaget', { headers: { Cookie: coach } });
    expect(foundPage.status).toBe(200);
    expect(foundPage.body).toContain(title);
    expect(foundPage.body).not.toContain(FALLBACK_NOTICE);
    const foundAspirant = JSON.parse((await exchange(dataUrl('/coach/aspiranter?q=Driftstoppsdotter', 'routes/coach.aspiranter._index'), { headers: { Cookie: coach } })).body) as {
      result: { source: string; hits: Array<{ id: string }> };
    };
    expect(foundAspirant.result).toMatchObject({ source: 'search', hits: [{ id: aspirantId }] });

    // One server process throughout; no request failed or answered 500.
    expect(child.pid).toBe(pid);
    expect(child.exitCode).toBeNull();
    expect(server!.output()).not.toContain('uncaught exception');
    expect(log.filter((e) => e.status === 'failed' || e.status === 500).map((e) => `${e.path} ${e.status} ${e.body.slice(0, 200)}`)).toEqual([]);
  }, 120_000);
});
