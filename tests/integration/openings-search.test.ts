import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as editOpening from '../../app/routes/arbetsgivare.platser.$id.redigera';
import * as ownOpening from '../../app/routes/arbetsgivare.platser.$id._index';
import * as searchPage from '../../app/routes/platser._index';
import { expireOpenings } from '../../app/openings/openings.server';
import { todayInStockholm } from '../../app/dates';
import type { OpeningSearchResult } from '../../app/openings/search.server';
import { getDb, getSearch } from '../../app/services.server';
import { clusters, districts, occupations, openings } from '../../db/schema';
import type { SearchHandle } from '../../search/client.server';
import type { OpeningDocument } from '../../search/documents';
import { applyIndexSettings, reindex, reindexOutdated } from '../../search/sync.server';
import { callAction, callLoader, jsonOf } from '../setup/remix';
import { addDays, createOpeningAs, loginOpeningRoles, openingForm, openingRow, orgId, publishAs, SUPPLIER, transitionAs } from '../setup/openings';
import { documentOrNull, drainSearchOutbox, liveIndex, unreachableSearch } from '../setup/search';

const today = todayInStockholm();
const SUPPLIER_EMAIL = 'leverantor.sok@insteg.test';

interface SearchBody {
  state: { q: string; kind: string[]; status: string[] };
  result: OpeningSearchResult;
  occupationNames: Record<string, string>;
  canFilterStatus: boolean;
}

let real: SearchHandle;
let cityEmployer: string;
let plusEmployer: string;
let supplierEmployer: string;
let coach: string;
let coordinator: string;
let admin: string;

async function search(cookie: string, query = '') {
  const r = await callLoader(searchPage.loader, `/platser${query ? `?${query}` : ''}`, { cookie });
  expect(r.status).toBe(200);
  return jsonOf<SearchBody>(r);
}

const ids = (body: SearchBody) => body.result.hits.map((h) => h.id);

/** Published openings per value of `expr`, straight from the database. */
async function publishedCounts(expr: ReturnType<typeof sql<string>>, where = sql`true`) {
  const rows = await getDb()
    .select({ key: expr, n: count() })
    .from(openings)
    .leftJoin(districts, eq(districts.id, openings.districtId))
    .leftJoin(clusters, eq(clusters.id, districts.clusterId))
    .where(and(eq(openings.status, 'published'), where))
    .groupBy(expr);
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

beforeAll(async () => {
  real = getSearch();
  await applyIndexSettings(real);
  await drainSearchOutbox();
  ({ cityEmployer, plusEmployer, supplierEmployer, coach, coordinator, admin } = await loginOpeningRoles(SUPPLIER_EMAIL, 'Sara Leverantör'));
});

afterEach(() => {
  globalThis.__insteg_meili = real;
});

describe('the index follows an opening through its life', () => {
  let id: string;

  it('holds a new draft with the right fields and nothing else, visible only to its own organisation', async () => {
    id = await createOpeningAs(cityEmployer, 'stockholmsjobb', today, {
      title: 'Fastighetsskötare i Zorbalund',
      occupationCode: '5152',
      district: '1',
      languages: 'Tigrinja',
      contactName: 'Hemlig Kontakt',
      contactEmail: 'hemlig.kontakt@exempel.se',
      contactPhone: '070-123 45 67',
      supervisorName: 'Hemlig Handledare',
      adaptations: 'Hemlig anpassning',
    });
    expect(await documentOrNull('openings', id)).toBeNull();
    await drainSearchOutbox();
    const row = (await openingRow(id))!;
    const [place] = await getDb()
      .select({ district: districts.name, cluster: clusters.name })
      .from(districts)
      .innerJoin(clusters, eq(clusters.id, districts.clusterId))
      .where(eq(districts.id, 1));
    const document = await documentOrNull('openings', id);
    expect(document).toEqual({
      id,
      title: 'Fastighetsskötare i Zorbalund',
      description: row.description,
      kind: 'stockholmsjobb',
      kindLabel: 'Stockholmsjobb',
      subtype: 'ungdomsanstallning',
      subtypeLabel: 'Ungdomsanställning (16–29 år)',
      status: 'draft',
      organizationId: await orgId('Rinkeby-Kista stadsdelsförvaltning'),
      organizationName: 'Rinkeby-Kista stadsdelsförvaltning',
      membershipLevel: null,
      districtId: 1,
      districtName: place!.district,
      clusterName: place!.cluster,
      occupationCode: '5152',
      occupationName: 'Fastighetsskötare',
      ssyk1: '5',
      ssyk2: '51',
      ssyk3: '515',
      ssyk4: '5152',
      places: 2,
      startDate: row.startDate,
      endDate: row.endDate,
      applicationDeadline: row.applicationDeadline,
      startMonth: row.startDate.slice(0, 7),
      startTs: Date.parse(`${row.startDate}T00:00:00Z`) / 1000,
      deadlineTs: Date.parse(`${row.applicationDeadline}T00:00:00Z`) / 1000,
      publishedTs: null,
      createdTs: Math.floor(row.createdAt.getTime() / 1000),
      languages: ['tigrinja'],
      swedishLevel: 'basic',
      // Matching's hard filters: 18–29 on the start date, no required Swedish or extract.
      clusterId: (await getDb().select({ c: districts.clusterId }).from(districts).where(eq(districts.id, 1)))[0]!.c,
      endTs: Date.parse(`${row.endDate}T00:00:00Z`) / 1000,
      bornFromTs: Date.parse(`${Number(row.startDate.slice(0, 4)) - 30}${row.startDate.slice(4)}T00:00:00Z`) / 1000 + 86_400,
      bornToTs: Date.parse(`${Number(row.startDate.slice(0, 4)) - 18}${row.startDate.slice(4)}T00:00:00Z`) / 1000,
      swedishRank: 1,
      swedishRequired: false,
      criminalRecordRequired: false,
      facetValues: [
        'subtype=ungdomsanstallning',
        `districtName=${place!.district}`,
        'ssyk4=5152',
        'organizationName=Rinkeby-Kista stadsdelsförvaltning',
        `startMonth=${row.startDate.slice(0, 7)}`,
        'languages=tigrinja',
        'status=draft',
      ],
    });
    // No contact, supervisor or other personal data goes into the index.
    expect(JSON.stringify(document)).not.toMatch(/Hemlig|hemlig|070-123/);

    expect(ids(await search(coach, 'q=Zorbalund'))).not.toContain(id);
    expect(ids(await search(coordinator, 'q=Zorbalund'))).not.toContain(id);
    expect(ids(await search(plusEmployer, 'q=Zorbalund'))).not.toContain(id);
    const own = await search(cityEmployer, 'q=Zorbalund');
    expect(own.result.source).toBe('search');
    expect(own.result.hits.find((h) => h.id === id)).toMatchObject({ status: 'draft', title: 'Fastighetsskötare i Zorbalund', kindLabel: 'Stockholmsjobb' });
  });

  it('shows it to coaches once published', async () => {
    await publishAs(cityEmployer, id);
    await drainSearchOutbox();
    expect(await documentOrNull('openings', id)).toMatchObject({ status: 'published', publishedTs: expect.any(Number) });
    const found = await search(coach, 'q=Zorbalund');
    expect(found.result.hits[0]).toMatchObject({ id, status: 'published', districtName: expect.any(String), occupationName: 'Fastighetsskötare' });
    // The match is marked with control characters, never HTML.
    expect(found.result.hits[0]!.titleHighlighted).toBe('Fastighetsskötare i \u0001Zorbalund\u0002');
    expect(ids(await search(plusEmployer, 'q=Zorbalund'))).toContain(id);
  });

  it('follows an edit of the title', async () => {
    const form = openingForm('stockholmsjobb', today, { title: 'Fastighetsskötare i Quixtorp', occupationCode: '5152', district: '1' });
    const r = await callAction(editOpening.action, `/arbetsgivare/platser/${id}/redigera`, form, { cookie: cityEmployer, params: { id } });
    expect(r.status).toBe(302);
    await drainSearchOutbox();
    expect(ids(await search(coach, 'q=Quixtorp'))).toEqual([id]);
    expect(ids(await search(coach, 'q=Zorbalund'))).not.toContain(id);
  });

  it('hides it from coaches when paused, and again when closed; its owner still finds it', async () => {
    await transitionAs(cityEmployer, id, 'paused');
    await drainSearchOutbox();
    expect(ids(await search(coach, 'q=Quixtorp'))).toEqual([]);
    await transitionAs(cityEmployer, id, 'published');
    await drainSearchOutbox();
    expect(ids(await search(coach, 'q=Quixtorp'))).toEqual([id]);
    await transitionAs(cityEmployer, id, 'closed');
    await drainSearchOutbox();
    expect(await documentOrNull('openings', id)).toMatchObject({ status: 'closed' });
    expect(ids(await search(coach, 'q=Quixtorp'))).toEqual([]);
    expect((await search(cityEmployer, 'q=Quixtorp')).result.hits).toMatchObject([{ id, status: 'closed' }]);
  });

  it('hides an expired opening', async () => {
    const expiring = await createOpeningAs(cityEmployer, 'praktik', today, { title: 'Praktik i Vorblunda' });
    await publishAs(cityEmployer, expiring);
    await drainSearchOutbox();
    expect(ids(await search(coach, 'q=Vorblunda'))).toEqual([expiring]);
    await getDb().update(openings).set({ applicationDeadline: addDays(today, -1) }).where(eq(openings.id, expiring));
    expect(await expireOpenings(getDb(), today)).toBe(1);
    await drainSearchOutbox();
    expect(await documentOrNull('openings', expiring)).toMatchObject({ status: 'expired' });
    expect(ids(await search(coach, 'q=Vorblunda'))).toEqual([]);
  });

  it('removes a deleted draft from the index', async () => {
    const draft = await createOpeningAs(cityEmployer, 'praktik', today, { title: 'Praktik i Glimmerhult' });
    await drainSearchOutbox();
    expect(await documentOrNull('openings', draft)).toMatchObject({ status: 'draft' });
    const r = await callAction(ownOpening.action, `/arbetsgivare/platser/${draft}`, { intent: 'delete' }, { cookie: cityEmployer, params: { id: draft } });
    expect(r.status).toBe(302);
    await drainSearchOutbox();
    expect(await documentOrNull('openings', draft)).toBeNull();
    expect(ids(await search(cityEmployer, 'q=Glimmerhult'))).toEqual([]);
  });
});

describe('finding openings', () => {
  let nurse: string;
  let childcare: string;
  let cleaner: string;

  beforeAll(async () => {
    // Posted by a supplier, so a filter on the organisation keeps each result small.
    const praktik = (title: string, occupationCode: string, description: string) =>
      createOpeningAs(supplierEmployer, 'praktik', today, { title, occupationCode, description, languages: '' });
    nurse = await praktik('Undersköterska på Akalla vårdboende', '5321', 'Omvårdnad och måltider tillsammans med erfarna kollegor.');
    childcare = await praktik('Barnskötare på Husby förskola', '5311', 'Lek och utevistelse med de yngsta barnen.');
    // Its occupation is "Fastighetsskötare", and the text never says "städ": only the synonym can find it.
    cleaner = await praktik('Lokalvårdare i Husby gård', '5152', 'Rengöring av kontor och trapphus.');
    for (const id of [nurse, childcare, cleaner]) await publishAs(supplierEmployer, id);
    await drainSearchOutbox();
  });

  const inSupplier = (q: string) => `q=${encodeURIComponent(q)}&organization=${encodeURIComponent(SUPPLIER)}`;

  it.each([
    ['undersköterska', () => nurse],
    ['underskoterska', () => nurse],
    ['Undersköterka', () => nurse],
    ['Barnskötere', () => childcare],
    ['barnskotare', () => childcare],
    ['lokalvårdre', () => cleaner],
  ])('finds a misspelled or unaccented word: %s', async (q, expected) => {
    const body = await search(coach, inSupplier(q));
    expect(body.result.source).toBe('search');
    expect(ids(body)).toContain(expected());
  });

  it.each([
    ['usk', () => nurse, /underskötersk/i],
    ['städare', () => cleaner, /lokalvård|städ/i],
    ['städ', () => cleaner, /lokalvård|städ/i],
  ])('finds a synonym: %s', async (q, expected, pattern) => {
    const body = await search(coach, inSupplier(q));
    expect(ids(body)).toContain(expected());
    for (const hit of body.result.hits) expect(`${hit.title} ${hit.occupationName}`).toMatch(pattern);
  });

  it('finds nothing for a word that is not there, and says so', async () => {
    const body = await search(coach, 'q=Xylofonreparatör');
    expect(body.result).toMatchObject({ hits: [], total: 0, source: 'search' });
  });

  it('counts facets exactly as the database does, and hides the status facet from coaches', async () => {
    const body = await search(coach);
    const { facets, total } = body.result;
    const [published] = await getDb().select({ n: count() }).from(openings).where(eq(openings.status, 'published'));
    expect(total).toBe(published!.n);
    expect(facets.kind).toEqual(await publishedCounts(sql<string>`${openings.kind}::text`));
    expect(Object.keys(facets.kind!).sort()).toEqual(['feriejobb', 'mentor', 'praktik', 'stockholmsjobb']);
    expect(facets.cluster).toEqual(await publishedCounts(sql<string>`coalesce(${clusters.name}, 'Utanför Stockholm')`));
    expect(facets.district).toEqual(await publishedCounts(sql<string>`coalesce(${districts.name}, 'Utanför Stockholm')`));
    for (const level of [1, 2, 3, 4]) {
      expect(facets[`ssyk${level}` as 'ssyk1'], `ssyk${level}`).toEqual(await publishedCounts(sql<string>`left(${openings.occupationCode}, ${sql.raw(String(level))})`));
    }
    expect(facets.subtype).toEqual(await publishedCounts(sql<string>`${openings.subtype}`));
    expect(facets.month).toEqual(await publishedCounts(sql<string>`to_char(${openings.startDate}, 'YYYY-MM')`));
    expect(facets.status).toBeUndefined();
    expect(body.canFilterStatus).toBe(false);
    // SSYK facet values come with their names.
    const [name] = await getDb().select({ nameSv: occupations.nameSv }).from(occupations).where(eq(occupations.code, '5'));
    expect(body.occupationNames['5']).toBe(name!.nameSv);
  });

  it('narrows by two facets at once', async () => {
    const kindOnly = await search(coach, 'kind=praktik');
    const both = await search(coach, `kind=praktik&cluster=${encodeURIComponent('Järva')}`);
    const expected = await publishedCounts(sql<string>`${openings.kind}::text`, sql`${clusters.name} = 'Järva'`);
    expect(both.result.total).toBe(expected.praktik ?? 0);
    expect(both.result.total).toBeGreaterThan(0);
    expect(both.result.total).toBeLessThan(kindOnly.result.total);
    expect(both.result.hits.every((h) => h.kind === 'praktik')).toBe(true);
    // The counts are those within the other filters.
    expect(both.result.facets.kind).toEqual({ praktik: both.result.total });
    expect(both.result.facets.cluster).toEqual({ 'Järva': both.result.total });
    // Values of one facet are ORed.
    const twoKinds = await search(coach, 'kind=praktik&kind=mentor');
    const kinds = await publishedCounts(sql<string>`${openings.kind}::text`);
    expect(twoKinds.result.total).toBe(kinds.praktik! + kinds.mentor!);
    // A search word and two facets together.
    const found = await search(coach, `q=Barnskötere&kind=praktik&organization=${encodeURIComponent(SUPPLIER)}`);
    expect(ids(found)).toContain(childcare);
    expect(found.result.hits.every((h) => h.kind === 'praktik' && h.organizationName === SUPPLIER)).toBe(true);
  });

  it('narrows by SSYK level and sorts by deadline', async () => {
    const body = await search(coach, 'ssyk2=53&sort=deadline');
    const [n] = await getDb().select({ n: count() }).from(openings).where(and(eq(openings.status, 'published'), sql`left(${openings.occupationCode}, 2) = '53'`));
    expect(body.result.total).toBe(n!.n);
    expect(body.result.facets.ssyk2).toEqual({ '53': n!.n });
    const deadlines = body.result.hits.map((h) => h.applicationDeadline);
    expect(deadlines).toEqual([...deadlines].sort());
  });
});

describe('the scope of a search', () => {
  let cityDraft: string;
  let plusDraft: string;

  beforeAll(async () => {
    cityDraft = await createOpeningAs(cityEmployer, 'praktik', today, { title: 'Utkast Ravnkilde stad' });
    plusDraft = await createOpeningAs(plusEmployer, 'praktik', today, { title: 'Utkast Ravnkilde plus' });
    await drainSearchOutbox();
  });

  it('cannot be widened by a coach or a coordinator with ?status=', async () => {
    const [published] = await getDb().select({ n: count() }).from(openings).where(eq(openings.status, 'published'));
    for (const cookie of [coach, coordinator]) {
      const body = await search(cookie, 'status=draft&status=closed&status=paused');
      expect(body.result.total).toBe(published!.n);
      expect(body.result.hits.every((h) => h.status === 'published')).toBe(true);
      expect(ids(await search(cookie, 'q=Ravnkilde&status=draft'))).toEqual([]);
    }
  });

  it("lets an employer see their own drafts and every published opening, never another's drafts", async () => {
    const cityOrg = await orgId('Rinkeby-Kista stadsdelsförvaltning');
    const body = await search(cityEmployer, 'q=Ravnkilde&status=draft');
    expect(ids(body)).toEqual([cityDraft]);
    expect(ids(await search(plusEmployer, 'q=Ravnkilde'))).toEqual([plusDraft]);
    const all = await search(cityEmployer);
    const [visible] = await getDb()
      .select({ n: count() })
      .from(openings)
      .where(sql`${openings.status} = 'published' or ${openings.organizationId} = ${cityOrg}`);
    expect(all.result.total).toBe(visible!.n);
    expect(all.result.facets.status).toBeDefined();
    expect(all.canFilterStatus).toBe(false);
  });

  it('lets an admin choose statuses', async () => {
    const body = await search(admin, 'q=Ravnkilde&status=draft');
    expect(ids(body).sort()).toEqual([cityDraft, plusDraft].sort());
    expect(body.canFilterStatus).toBe(true);
    const [drafts] = await getDb().select({ n: count() }).from(openings).where(eq(openings.status, 'draft'));
    expect((await search(admin, 'status=draft')).result.total).toBe(drafts!.n);
    expect(ids(await search(admin, 'q=Ravnkilde'))).toEqual([]);
  });

  it('is closed to anonymous visitors', async () => {
    const r = await callLoader(searchPage.loader, '/platser');
    expect(r.status).toBe(302);
  });
});

describe('when Meilisearch is down', () => {
  async function searchIsDown() {
    globalThis.__insteg_meili = await unreachableSearch(real.prefix);
  }

  it('falls back to the database: same scope, still filtered by words and kind, without facets', async () => {
    const draft = await createOpeningAs(cityEmployer, 'mentor', today, { title: 'Mentor i Pelleborg', description: 'Samtal om arbetslivet.' });
    const live = await createOpeningAs(cityEmployer, 'praktik', today, { title: 'Praktik i Pelleborg' });
    await publishAs(cityEmployer, live);
    await searchIsDown();

    const forCoach = await search(coach, 'q=pelleborg');
    expect(forCoach.result.source).toBe('database');
    expect(forCoach.result.facets).toEqual({});
    expect(ids(forCoach)).toEqual([live]);
    expect(forCoach.result.hits[0]).toMatchObject({ title: 'Praktik i Pelleborg', kindLabel: 'Praktik', status: 'published', titleHighlighted: 'Praktik i Pelleborg' });
    expect(ids(await search(coach, 'q=pelleborg&status=draft'))).toEqual([live]);

    const forOwner = await search(cityEmployer, 'q=Pelleborg');
    expect(forOwner.result.source).toBe('database');
    expect(ids(forOwner).sort()).toEqual([draft, live].sort());
    expect(ids(await search(cityEmployer, 'q=Pelleborg&kind=mentor'))).toEqual([draft]);
    expect(ids(await search(plusEmployer, 'q=Pelleborg'))).toEqual([live]);

    // Kind and a facet filter without words.
    const mentors = await search(coach, 'kind=mentor');
    const [n] = await getDb().select({ n: count() }).from(openings).where(and(eq(openings.status, 'published'), eq(openings.kind, 'mentor')));
    expect(mentors.result.source).toBe('database');
    expect(mentors.result.total).toBe(n!.n);
    expect(mentors.result.hits.every((h) => h.kind === 'mentor' && h.status === 'published')).toBe(true);
    // "Utanför Stockholm", the facet value of openings without a district, filters the same way.
    const [m] = await getDb().select({ n: count() }).from(openings).where(and(eq(openings.status, 'published'), isNull(openings.districtId)));
    expect(m!.n).toBeGreaterThan(0);
    for (const facet of ['district', 'cluster']) {
      const outside = await search(coach, `${facet}=${encodeURIComponent('Utanför Stockholm')}`);
      expect(outside.result.source).toBe('database');
      expect(outside.result.total, facet).toBe(m!.n);
      expect(outside.result.hits.every((h) => h.districtName === 'Utanför Stockholm')).toBe(true);
    }
    const [j] = await getDb()
      .select({ n: count() })
      .from(openings)
      .innerJoin(districts, eq(districts.id, openings.districtId))
      .innerJoin(clusters, eq(clusters.id, districts.clusterId))
      .where(and(eq(openings.status, 'published'), eq(clusters.name, 'Järva')));
    expect((await search(coach, `cluster=${encodeURIComponent('Järva')}&cluster=${encodeURIComponent('Utanför Stockholm')}`)).result.total).toBe(j!.n + m!.n);

    // A language filter (a text[] overlap).
    const arabic = await search(coach, 'language=arabiska&language=dari');
    const [a] = await getDb()
      .select({ n: count() })
      .from(openings)
      .where(and(eq(openings.status, 'published'), sql`${openings.languages} && array['arabiska', 'dari']::text[]`));
    expect(a!.n).toBeGreaterThan(0);
    expect(arabic.result.source).toBe('database');
    expect(arabic.result.total).toBe(a!.n);

    // A LIKE wildcard typed by the user is taken literally.
    expect((await search(coach, 'q=%25')).result.total).toBe(0);
    // The database search has no typo tolerance.
    expect(ids(await search(coach, 'q=Peleborg'))).toEqual([]);
  });
});

describe('a full reindex', () => {
  it('rebuilds the openings index to exactly the ids in the database', async () => {
    const stray = '33333333-3333-4333-8333-333333333333';
    const [template] = await liveIndex('openings').search('', { limit: 1 }).then((r) => r.hits);
    await liveIndex('openings').addDocuments([{ ...template!, id: stray, title: 'Finns inte' }]).waitTask();
    // A change that never reached the outbox.
    const [some] = await getDb().select({ id: openings.id }).from(openings).where(eq(openings.status, 'published')).limit(1);
    await getDb().update(openings).set({ title: 'Snickare i Brommaplan Ekvik' }).where(eq(openings.id, some!.id));

    const total = await reindex(getDb(), real, 'openings', () => {}, 50);
    const dbIds = (await getDb().select({ id: openings.id }).from(openings)).map((r) => r.id).sort();
    const { results, total: indexed } = await liveIndex('openings').getDocuments({ fields: ['id'], limit: 10_000 });
    expect(total).toBe(dbIds.length);
    expect(indexed).toBe(dbIds.length);
    expect(results.map((d) => d.id).sort()).toEqual(dbIds);
    expect(ids(await search(coach, 'q=Ekvik'))).toEqual([some!.id]);
    // The swapped-in index kept its settings: filters, facets and synonyms work.
    const body = await search(coach, 'q=usk&kind=praktik');
    expect(body.result.source).toBe('search');
    expect(body.result.facets.kind).toBeDefined();
  });

  it('rebuilds at start an index holding documents from before an upgrade (no facetValues), and only then', async () => {
    expect(await reindexOutdated(getDb(), real)).toEqual([]);
    const [template] = await liveIndex('openings').search('', { limit: 1, filter: 'status = "published"' }).then((r) => r.hits);
    const { facetValues: _dropped, ...old } = template!;
    await liveIndex('openings').addDocuments([old as unknown as OpeningDocument]).waitTask();
    expect(await reindexOutdated(getDb(), real)).toEqual(['openings']);
    const rebuilt = await liveIndex('openings').getDocument(template!.id as string);
    expect(rebuilt.facetValues).toEqual(expect.arrayContaining(['status=published']));
    expect(await reindexOutdated(getDb(), real)).toEqual([]);
  });
});
