/**
 * Meilisearch stopped while coaches work: every aspirant write still succeeds (the search change
 * waits in search_outbox), the search page says so and falls back, and once Meilisearch answers
 * again the index converges to exactly the database: nothing missing, nothing extra, nothing stale.
 */
import { count } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { todayInStockholm } from '../../app/dates';
import * as searchPage from '../../app/routes/coach.aspiranter._index';
import { getDb, getSearch } from '../../app/services.server';
import { aspirants, searchOutbox } from '../../db/schema';
import type { SearchHandle } from '../../search/client.server';
import { applyIndexSettings, processSearchOutbox } from '../../search/sync.server';
import { enrolAs, enrolForm, postProfile, viewProfile } from '../setup/aspirants';
import { callLoader, jsonOf, loginAs } from '../setup/remix';
import { drainSearchOutbox, liveIndex, unreachableSearch } from '../setup/search';

const today = todayInStockholm();
let real: SearchHandle;

beforeAll(async () => {
  real = getSearch();
  await applyIndexSettings(real);
  await drainSearchOutbox();
});

afterEach(() => {
  globalThis.__insteg_meili = real;
});

async function indexedDocuments() {
  const { results } = await liveIndex('aspirants').getDocuments({ fields: ['id', 'lastName', 'active', 'hasPlan'], limit: 10_000 });
  return results.sort((a, b) => a.id.localeCompare(b.id));
}


describe('aspirant writes while Meilisearch is down', () => {
  it('all succeed; the index catches up to exactly the database once it is back', async () => {
    const coach = await loginAs('coach.kista@insteg.test');
    globalThis.__insteg_meili = await unreachableSearch(real.prefix);

    // Enrol two, write a plan, exit one: each write answers as usual.
    const first = await enrolAs(coach, await enrolForm({ firstName: 'Nadja', lastName: 'Avbrottsson' }));
    const second = await enrolAs(coach, await enrolForm({ firstName: 'Petter', lastName: 'Driftstoppare' }));
    expect((await postProfile(coach, first, { intent: 'plan', goal: 'Arbete inom vården', createdOn: today })).status).toBe(200);
    expect((await postProfile(coach, second, { intent: 'exit', exitedOn: today, exitReason: 'studier' })).status).toBe(200);
    expect((await viewProfile(coach, first)).status).toBe(200);
    const [waiting] = await getDb().select({ n: count() }).from(searchOutbox);
    expect(waiting!.n).toBeGreaterThanOrEqual(4);

    // The search page says it fell back, and still finds them by name in the database.
    const page = await jsonOf<{ result: { source: string; hits: Array<{ id: string }> } }>(await callLoader(searchPage.loader, '/coach/aspiranter?q=Avbrottsson', { cookie: coach }));
    expect(page.result.source).toBe('database');
    expect(page.result.hits.map((h) => h.id)).toEqual([first]);

    // The worker fails softly while it is down: nothing is lost from the outbox.
    await processSearchOutbox(getDb(), getSearch());
    const [still] = await getDb().select({ n: count() }).from(searchOutbox);
    expect(still!.n).toBe(waiting!.n);

    // Back up: draining converges the index to the database.
    globalThis.__insteg_meili = real;
    await drainSearchOutbox();
    const live = (await getDb().select({ id: aspirants.id, exitedOn: aspirants.exitedOn }).from(aspirants)).sort((a, b) => a.id.localeCompare(b.id));
    const indexed = await indexedDocuments();
    expect(indexed.map((d) => d.id)).toEqual(live.map((r) => r.id));
    expect(indexed.find((d) => d.id === first)).toMatchObject({ lastName: 'Avbrottsson', active: true, hasPlan: true });
    expect(indexed.find((d) => d.id === second)).toMatchObject({ lastName: 'Driftstoppare', active: false });
    const found = await jsonOf<{ result: { source: string; hits: Array<{ id: string }> } }>(await callLoader(searchPage.loader, '/coach/aspiranter?q=Avbrotsson', { cookie: coach }));
    expect(found.result).toMatchObject({ source: 'search', hits: [{ id: first }] });
  });
});
