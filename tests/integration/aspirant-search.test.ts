import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, gt, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, ageBand, availabilityBand, bandsChanged, enrolmentBand } from '../../app/aspirants/aspirant-bands';
import type { AspirantSearch } from '../../app/aspirants/aspirant-search';
import { ASPIRANTS_PAGE_SIZE, type AspirantSearchResult } from '../../app/aspirants/aspirant-search.server';
import { anonymiseAspirant, refreshAspirantBands } from '../../app/aspirants/retention.server';
import { todayInStockholm } from '../../app/dates';
import * as editPage from '../../app/routes/coach.aspiranter.$id.redigera';
import * as searchPage from '../../app/routes/coach.aspiranter._index';
import { getDb, getSearch } from '../../app/services.server';
import { actionPlans, aspirants, auditLog, districts, maintenanceRuns, searchOutbox } from '../../db/schema';
import type { SearchHandle } from '../../search/client.server';
import type { AspirantDocument } from '../../search/documents';
import { applyIndexSettings, reindex } from '../../search/sync.server';
import { enrolAs, enrolForm, loginAspirantRoles, postProfile, seededAspirantIds } from '../setup/aspirants';
import { callAction, callLoader, jsonOf } from '../setup/remix';
import { documentOrNull, drainSearchOutbox, liveIndex, unreachableSearch } from '../setup/search';

const today = todayInStockholm();
const yesterday = addDays(today, -1);
const OUTSIDE = 'Utanför Stockholm';

interface SearchBody {
  state: AspirantSearch;
  result: AspirantSearchResult;
  showJobbtorg: boolean;
  canEnrol: boolean;
}

let real: SearchHandle;
let kistaCoach: string;
let farstaCoach: string;
let admin: string;
let employer: string;
let coordinator: string;
let kistaId: number;
let farstaId: number;
let kistaCoachUserId: string;
let farstaCoachUserId: string;
let adminUserId: string;

// ---------------------------------------------------------------------------------------------
// Helpers

async function outboxRows() {
  return getDb().select().from(searchOutbox).where(eq(searchOutbox.indexName, 'aspirants')).orderBy(asc(searchOutbox.id));
}

async function search(cookie: string, query = '') {
  const r = await callLoader(searchPage.loader, `/coach/aspiranter${query ? `?${query}` : ''}`, { cookie });
  expect(r.status).toBe(200);
  return jsonOf<SearchBody>(r);
}

const ids = (body: SearchBody) => body.result.hits.map((h) => h.id);

/** Every id a query returns, page by page. */
async function allIds(cookie: string, query = '') {
  const first = await search(cookie, query);
  const found = ids(first);
  const pages = Math.ceil(first.result.total / ASPIRANTS_PAGE_SIZE);
  for (let page = 2; page <= pages; page++) found.push(...ids(await search(cookie, `${query ? `${query}&` : ''}page=${page}`)));
  return { total: first.result.total, ids: found.sort() };
}

/** Live (not anonymised) aspirants of one Jobbtorg (or all), as the search should see them. */
async function scopeRows(officeId: number | null, includeExited = false) {
  return getDb()
    .select({
      id: aspirants.id,
      jobbtorgId: aspirants.jobbtorgId,
      birthDate: aspirants.birthDate,
      enrolledOn: aspirants.enrolledOn,
      exitedOn: aspirants.exitedOn,
      availableFrom: aspirants.availableFrom,
      targetGroups: aspirants.targetGroups,
      swedishLevel: aspirants.swedishLevel,
      occupations: aspirants.occupations,
      districtName: districts.name,
      hasPlan: sql<boolean>`${actionPlans.id} is not null`,
    })
    .from(aspirants)
    .leftJoin(districts, eq(districts.id, aspirants.districtId))
    .leftJoin(actionPlans, eq(actionPlans.aspirantId, aspirants.id))
    .where(
      and(
        isNull(aspirants.anonymisedAt),
        officeId === null ? undefined : eq(aspirants.jobbtorgId, officeId),
        includeExited ? undefined : isNull(aspirants.exitedOn),
      ),
    );
}

/**
 * Active, live aspirants of a Jobbtorg per value of `values` (a lateral subquery over the row
 * `a`, with `d` its district and `p` its action plan), counted in SQL.
 */
async function dbCounts(officeId: number, values: SQL): Promise<Record<string, number>> {
  const rows = await getDb().execute<{ key: string; n: number }>(sql`
    select k.key, count(distinct a.id)::int as n
    from aspirants a
    left join districts d on d.id = a.district_id
    left join action_plans p on p.aspirant_id = a.id
    cross join lateral (${values}) as k(key)
    where a.anonymised_at is null and a.exited_on is null and a.jobbtorg_id = ${officeId}
    group by k.key`);
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

function tally(values: string[]) {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
const sum = (facet: Record<string, number> | undefined) => Object.values(facet ?? {}).reduce((a, b) => a + b, 0);

async function lastAuditId() {
  const [row] = await getDb().select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
  return row!.id;
}
async function searchAuditsSince(afterId: number) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'aspirant.searched'), gt(auditLog.id, afterId)))
    .orderBy(asc(auditLog.id));
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  real = getSearch();
  await applyIndexSettings(real);
  ({ kistaCoach, farstaCoach, admin, employer, coordinator } = await loginAspirantRoles());
  ({ kistaId, farstaId, kistaCoachUserId, farstaCoachUserId, adminUserId } = await seededAspirantIds());
  // The seed queued every aspirant; index them.
  await drainSearchOutbox();
});

afterEach(() => {
  globalThis.__insteg_meili = real;
});

describe('Jobbtorg isolation', () => {
  let kistaOwn: string;
  let farstaExited: string;

  beforeAll(async () => {
    kistaOwn = await enrolAs(kistaCoach, await enrolForm({ firstName: 'Ragnhild', lastName: 'Quistorpsson' }));
    farstaExited = await enrolAs(farstaCoach, await enrolForm({ firstName: 'Sigvard', lastName: 'Utskrivarsson' }));
    expect((await postProfile(farstaCoach, farstaExited, { intent: 'exit', exitedOn: today, exitReason: 'arbete' })).status).toBe(200);
    await drainSearchOutbox();
  });

  it("gives a Farsta coach no hit and no facet count for a Kista aspirant's exact name", async () => {
    const own = await search(kistaCoach, 'q=Ragnhild%20Quistorpsson');
    expect(own.result.source).toBe('search');
    expect(ids(own)).toEqual([kistaOwn]);

    const before = await lastAuditId();
    for (const query of ['q=Ragnhild%20Quistorpsson', 'q=Quistorpsson&alla=1', `q=Quistorpsson&jobbtorgId=${kistaId}`]) {
      const other = await search(farstaCoach, query);
      expect(other.result.source).toBe('search');
      expect(other.result.hits).toEqual([]);
      expect(other.result.total).toBe(0);
      for (const [key, facet] of Object.entries(other.result.facets)) expect(sum(facet), key).toBe(0);
    }
    // Nothing was returned, so nothing was logged.
    expect(await searchAuditsSince(before)).toEqual([]);
  });

  it("never returns a seeded Kista aspirant to a Farsta coach, whatever name is typed", async () => {
    const kista = await getDb()
      .select({ firstName: aspirants.firstName, lastName: aspirants.lastName })
      .from(aspirants)
      .where(and(eq(aspirants.jobbtorgId, kistaId), isNull(aspirants.exitedOn)))
      .limit(5);
    const farsta = new Set((await scopeRows(farstaId, true)).map((r) => r.id));
    expect(kista.length).toBeGreaterThan(0);
    for (const a of kista) {
      const body = await search(farstaCoach, `q=${encodeURIComponent(`${a.firstName} ${a.lastName}`)}&alla=1`);
      for (const id of ids(body)) expect(farsta.has(id)).toBe(true);
    }
  });

  it('counts facets over the Farsta scope only', async () => {
    const body = await search(farstaCoach);
    const rows = await scopeRows(farstaId);
    expect(body.result.total).toBe(rows.length);
    for (const key of ['targetGroup', 'swedish', 'district', 'ssyk4', 'plan', 'months', 'age'] as const) {
      expect(body.result.facets[key], key).toBeDefined();
    }
    // One value per aspirant: the counts add up to Farsta's active aspirants, not more.
    for (const key of ['swedish', 'district', 'plan', 'months', 'age', 'availability'] as const) {
      expect(sum(body.result.facets[key]), key).toBe(rows.length);
    }
    expect(body.result.facets.swedish).toEqual(await dbCounts(farstaId, sql`select a.swedish_level::text`));
  });

  it('cannot be widened by URL parameters; alla=1 only adds the own Jobbtorg\'s exited aspirants', async () => {
    const active = (await scopeRows(farstaId)).map((r) => r.id).sort();
    const withExited = (await scopeRows(farstaId, true)).map((r) => r.id).sort();
    expect(withExited).toContain(farstaExited);
    expect(active).not.toContain(farstaExited);

    const plain = await allIds(farstaCoach);
    expect(plain).toEqual({ total: active.length, ids: active });
    const widened = await allIds(farstaCoach, `jobbtorgId=${kistaId}&jobbtorg=kista&coachUserId=${kistaCoachUserId}&active=false&scope=all`);
    expect(widened).toEqual({ total: active.length, ids: active });
    const alla = await allIds(farstaCoach, 'alla=1');
    expect(alla).toEqual({ total: withExited.length, ids: withExited });

    // A quote in a filter value cannot break out of its condition.
    const injected = await search(farstaCoach, `district=${encodeURIComponent(`x"] OR jobbtorgId = ${kistaId} OR districtName IN ["x`)}`);
    expect(injected.result.hits).toEqual([]);
    expect(injected.result.total).toBe(0);
    const injectedFacet = await search(farstaCoach, `language=${encodeURIComponent('x" OR active = false OR languages = "y')}&alla=1`);
    expect(injectedFacet.result.total).toBe(0);
  });

  it('lets an admin search every Jobbtorg', async () => {
    const body = await search(admin);
    const all = await scopeRows(null);
    expect(body.result.total).toBe(all.length);
    expect(new Set(all.map((r) => r.jobbtorgId)).size).toBeGreaterThan(2);
    expect(body.showJobbtorg).toBe(true);
    expect(ids(await search(admin, 'q=Quistorpsson'))).toEqual([kistaOwn]);
    expect(ids(await search(admin, 'q=Utskrivarsson'))).toEqual([]);
    expect(ids(await search(admin, 'q=Utskrivarsson&alla=1'))).toEqual([farstaExited]);
  });

  it('refuses employers and mentorship coordinators with 403, and anonymous visitors go to login', async () => {
    const before = await lastAuditId();
    for (const cookie of [employer, coordinator]) {
      expect((await callLoader(searchPage.loader, '/coach/aspiranter?q=Quistorpsson', { cookie })).status).toBe(403);
      expect((await callLoader(searchPage.loader, '/coach/aspiranter?alla=1', { cookie })).status).toBe(403);
    }
    const anonymous = await callLoader(searchPage.loader, '/coach/aspiranter');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toMatch(/^\/login\?redirectTo=/);
    expect(await searchAuditsSince(before)).toEqual([]);
  });
});

describe('finding a name with a typo', () => {
  let amina: string;

  beforeAll(async () => {
    amina = await enrolAs(kistaCoach, await enrolForm({ firstName: 'Amina', lastName: 'Brunnsviksdal' }));
    await drainSearchOutbox();
  });

  it.each([
    ['Amna', 'first name, a letter missing'],
    ['Aminna', 'first name, a letter too many'],
    ['Brunnsvixdal', 'last name, a letter wrong'],
    ['Brunsviksdal', 'last name, a letter missing'],
    ['Amina Brunnsvicksdal', 'full name with a misspelled last name'],
  ])('finds an enrolled aspirant by %s (%s)', async (q) => {
    const body = await search(kistaCoach, `q=${encodeURIComponent(q)}`);
    expect(body.result.source).toBe('search');
    expect(ids(body)).toContain(amina);
  });

  it("finds a seeded aspirant by a misspelled last name, and not in another Jobbtorg's search", async () => {
    const rows = await getDb()
      .select({ id: aspirants.id, lastName: aspirants.lastName })
      .from(aspirants)
      .where(and(eq(aspirants.jobbtorgId, kistaId), isNull(aspirants.exitedOn)));
    const seeded = rows.find((r) => /^[A-Za-z]{6,}$/.test(r.lastName!))!;
    expect(seeded).toBeDefined();
    const name = seeded.lastName!;
    const misspelled = `${name.slice(0, 3)}${name[3] === 'x' ? 'z' : 'x'}${name.slice(4)}`;
    expect(misspelled).not.toBe(name);
    expect(ids(await search(kistaCoach, `q=${misspelled}`))).toContain(seeded.id);
    const farsta = new Set((await scopeRows(farstaId, true)).map((r) => r.id));
    for (const id of ids(await search(farstaCoach, `q=${misspelled}&alla=1`))) expect(farsta.has(id)).toBe(true);
  });

  it('allows no typo in a word of three letters', async () => {
    expect(ids(await search(kistaCoach, 'q=Ami'))).toContain(amina);
    expect(ids(await search(kistaCoach, 'q=Ama'))).not.toContain(amina);
  });
});

describe('facets', () => {
  it('count exactly what the database holds for the coach\'s active aspirants', async () => {
    const body = await search(farstaCoach);
    const { facets } = body.result;
    const rows = await scopeRows(farstaId);
    expect(rows.length).toBeGreaterThan(5);
    expect(facets.targetGroup).toEqual(await dbCounts(farstaId, sql`select unnest(a.target_groups)`));
    expect(facets.swedish).toEqual(await dbCounts(farstaId, sql`select a.swedish_level::text`));
    expect(facets.district).toEqual(await dbCounts(farstaId, sql`select coalesce(d.name, ${OUTSIDE})`));
    expect(facets.language).toEqual(await dbCounts(farstaId, sql`select l->>'language' from jsonb_array_elements(a.languages) l`));
    for (const level of [1, 2, 3, 4]) {
      expect(facets[`ssyk${level}` as 'ssyk4'], `ssyk${level}`).toEqual(
        await dbCounts(farstaId, sql`select left(o->>'code', ${sql.raw(String(level))}) from jsonb_array_elements(a.occupations) o`),
      );
    }
    expect(facets.plan).toEqual(await dbCounts(farstaId, sql`select (p.id is not null)::text`));
    expect(Object.keys(facets.plan!).sort()).toEqual(['false', 'true']);
    // The date bands as of today.
    expect(facets.months).toEqual(tally(rows.map((r) => enrolmentBand(r.enrolledOn, r.exitedOn, today))));
    expect(facets.age).toEqual(tally(rows.map((r) => ageBand(r.birthDate, today))));
    expect(facets.availability).toEqual(tally(rows.map((r) => availabilityBand(r.availableFrom, today))));
  });

  it('narrows by three facets at once to exactly the matching aspirants', async () => {
    const rows = await scopeRows(farstaId);
    const pick = rows.find((r) => r.targetGroups.length > 0 && r.occupations.length > 0)!;
    expect(pick).toBeDefined();
    const group = pick.targetGroups[0]!;
    const swedish = [pick.swedishLevel, pick.swedishLevel === 'none' ? 'fluent' : 'none'];
    const code = pick.occupations[0]!.code;
    const expected = rows
      .filter((r) => r.targetGroups.includes(group) && swedish.includes(r.swedishLevel) && r.occupations.some((o) => o.code === code))
      .map((r) => r.id)
      .sort();
    expect(expected).toContain(pick.id);
    const query = `targetGroup=${group}&swedish=${swedish[0]}&swedish=${swedish[1]}&ssyk4=${code}`;
    const found = await allIds(farstaCoach, query);
    expect(found).toEqual({ total: expected.length, ids: expected });
    // The counts are those within the filters.
    const body = await search(farstaCoach, query);
    expect(body.result.facets.targetGroup![group]).toBe(expected.length);
    expect(body.result.facets.ssyk4![code]).toBe(expected.length);
    expect(sum(body.result.facets.swedish)).toBe(expected.length);

    // With a fourth: the plan, and the district.
    const district = pick.districtName ?? OUTSIDE;
    const narrower = rows
      .filter((r) => expected.includes(r.id) && r.hasPlan === pick.hasPlan && (r.districtName ?? OUTSIDE) === district)
      .map((r) => r.id)
      .sort();
    expect(await allIds(farstaCoach, `${query}&plan=${String(pick.hasPlan)}&district=${encodeURIComponent(district)}`)).toEqual({
      total: narrower.length,
      ids: narrower,
    });
  });

  it('drops an unknown value from the URL, keeping the valid ones next to it', async () => {
    const all = await search(farstaCoach);
    const valid = await search(farstaCoach, 'targetGroup=nyanland&swedish=basic');
    const mixed = await search(farstaCoach, 'targetGroup=nyanland&targetGroup=okand&swedish=basic&swedish=perfekt&age=99-100');
    expect(mixed.state).toMatchObject({ targetGroup: ['nyanland'], swedish: ['basic'], age: [] });
    expect(mixed.result.total).toBe(valid.result.total);
    expect(valid.result.total).toBeLessThan(all.result.total);
  });

  it('filters by a date band', async () => {
    const rows = await scopeRows(farstaId);
    const band = ageBand(rows[0]!.birthDate, today);
    const expected = rows.filter((r) => ageBand(r.birthDate, today) === band).map((r) => r.id).sort();
    expect(await allIds(farstaCoach, `age=${band}`)).toEqual({ total: expected.length, ids: expected });
  });
});

describe('the audit of searches', () => {
  it('writes one row per search that returned aspirants, with exactly the ids of the page shown', async () => {
    const before = await lastAuditId();
    const first = await search(kistaCoach);
    const second = await search(admin, 'page=2');
    const byName = await search(farstaCoach, 'q=Utskrivarsson&alla=1');
    expect(first.result.hits.length).toBeGreaterThan(0);
    expect(second.result.hits).toHaveLength(ASPIRANTS_PAGE_SIZE);
    expect(ids(byName)).toHaveLength(1);

    const rows = await searchAuditsSince(before);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.actorUserId)).toEqual([kistaCoachUserId, adminUserId, farstaCoachUserId]);
    expect(rows.map((r) => (r.details as { ids: string[] }).ids)).toEqual([ids(first), ids(second), ids(byName)]);
    expect(rows.every((r) => r.subjectType === 'aspirant' && r.ip === '192.0.2.10')).toBe(true);
    expect(rows[2]!.details).toMatchObject({ total: 1, source: 'search', byName: true });
    // The typed name is personal data and audit rows outlive anonymisation: it is not kept.
    expect(JSON.stringify(rows[2]!.details)).not.toContain('Utskrivarsson');
  });

  it('writes nothing for a search without hits', async () => {
    const before = await lastAuditId();
    const none = await search(kistaCoach, 'q=Xylofonreparatorsson');
    expect(none.result.total).toBe(0);
    const filtered = await search(farstaCoach, 'targetGroup=kaa&targetGroup=uvas&age=60%2B');
    expect(filtered.result.total).toBe(0);
    expect(await searchAuditsSince(before)).toEqual([]);
  });

  it('cannot be changed or removed afterwards', async () => {
    const [row] = await getDb().select().from(auditLog).where(eq(auditLog.action, 'aspirant.searched')).limit(1);
    expect(row).toBeDefined();
    const refused = (error: unknown) => /append-only/.test(String((error as { cause?: { message?: string } }).cause?.message));
    await expect(getDb().update(auditLog).set({ details: { ids: [] } }).where(eq(auditLog.id, row!.id))).rejects.toSatisfy(refused);
    await expect(getDb().delete(auditLog).where(eq(auditLog.id, row!.id))).rejects.toSatisfy(refused);
    const [still] = await getDb().select().from(auditLog).where(eq(auditLog.id, row!.id));
    expect(still!.details).toEqual(row!.details);
  });
});

describe('the index follows the writes', () => {
  let id: string;
  let form: Record<string, string>;

  it('indexes an enrolment, queued in the same transaction, without sensitive fields', async () => {
    form = await enrolForm({
      firstName: 'Ottilia',
      lastName: 'Vendelsberg',
      targetGroups: 'uvas',
      adaptationNeeds: 'Hemligt anpassningsbehov Ljusstake',
      notes: 'Hemlig anteckning Skargardsfyr',
    });
    id = await enrolAs(kistaCoach, form);
    expect((await outboxRows()).map((r) => [r.documentId, r.op])).toEqual([[id, 'upsert']]);
    expect(await documentOrNull('aspirants', id)).toBeNull();
    await drainSearchOutbox();

    const [row] = await getDb().select().from(aspirants).where(eq(aspirants.id, id));
    const document = await documentOrNull('aspirants', id);
    expect(document).toEqual({
      id,
      jobbtorgId: kistaId,
      coachUserId: kistaCoachUserId,
      active: true,
      firstName: 'Ottilia',
      lastName: 'Vendelsberg',
      targetGroups: ['uvas'],
      swedishLevel: 'basic',
      languages: ['arabiska', 'engelska'],
      districtName: OUTSIDE,
      ssyk1: ['5'],
      ssyk2: ['53'],
      ssyk3: ['532'],
      ssyk4: ['5321'],
      availability: 'now',
      ageBand: ageBand(row!.birthDate, today),
      hasPlan: false,
      monthsEnrolled: '0-5',
      enrolledTs: Date.parse(`${today}T00:00:00Z`) / 1000,
      districtId: null,
      clusterId: null,
      birthTs: Date.parse(`${row!.birthDate}T00:00:00Z`) / 1000,
      availableFromTs: Date.parse(`${today}T00:00:00Z`) / 1000,
      swedishRank: 1,
      criminalRecordChecked: false,
      consented: true,
      bandsOn: today,
      facetValues: [
        'targetGroups=uvas',
        'swedishLevel=basic',
        'languages=arabiska',
        'languages=engelska',
        `districtName=${OUTSIDE}`,
        'ssyk1=5',
        'ssyk2=53',
        'ssyk3=532',
        'ssyk4=5321',
        'availability=now',
        `ageBand=${ageBand(row!.birthDate, today)}`,
        'hasPlan=false',
        'monthsEnrolled=0-5',
      ],
    });
    const raw = JSON.stringify(document);
    expect(raw).not.toContain(row!.personnummer!);
    expect(raw).not.toContain(row!.personnummer!.slice(2));
    expect(raw).not.toMatch(/Hemlig|Ljusstake|Skargardsfyr/);
    expect(raw).not.toContain(row!.birthDate);

    expect(ids(await search(kistaCoach, 'q=Vendelsberg'))).toEqual([id]);
    expect(ids(await search(farstaCoach, 'q=Vendelsberg'))).toEqual([]);
  });

  it('queues nothing for a write that was refused or rolled back', async () => {
    const denied = await callAction(editPage.action, `/coach/aspiranter/${id}/redigera`, { ...form, lastName: 'Kapad' }, { cookie: farstaCoach, params: { id } });
    expect(denied.status).toBe(404);
    const invalid = await callAction(editPage.action, `/coach/aspiranter/${id}/redigera`, { ...form, lastName: '' }, { cookie: kistaCoach, params: { id } });
    expect(invalid.status).toBe(400);
    // An anonymisation whose transaction fails leaves neither the change nor the queue entry.
    const [exited] = await getDb()
      .select({ id: aspirants.id })
      .from(aspirants)
      .where(and(isNotNull(aspirants.exitedOn), isNull(aspirants.anonymisedAt)))
      .limit(1);
    const rollback = new Error('rollback');
    await expect(
      getDb().transaction(async (tx) => {
        expect(await anonymiseAspirant(tx, exited!.id, { actorUserId: adminUserId, reason: 'erasure-request' })).toBe(true);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await outboxRows()).toEqual([]);
    const [still] = await getDb().select({ anonymisedAt: aspirants.anonymisedAt }).from(aspirants).where(eq(aspirants.id, exited!.id));
    expect(still!.anonymisedAt).toBeNull();
  });

  it('follows an edit of the name: found by the new name, not the old', async () => {
    const r = await callAction(editPage.action, `/coach/aspiranter/${id}/redigera`, { ...form, lastName: 'Ramsvikborg' }, { cookie: kistaCoach, params: { id } });
    expect(r.status).toBe(302);
    expect((await outboxRows()).map((o) => o.documentId)).toEqual([id]);
    // Until the outbox is drained the index still has the old name.
    expect(await documentOrNull('aspirants', id)).toMatchObject({ lastName: 'Vendelsberg' });
    await drainSearchOutbox();
    expect(ids(await search(kistaCoach, 'q=Ramsvikborg'))).toEqual([id]);
    expect(ids(await search(kistaCoach, 'q=Vendelsberg'))).toEqual([]);
    expect(ids(await search(kistaCoach, 'q=Ottilia%20Ramsvikborg'))).toEqual([id]);
  });

  it('flips hasPlan when an action plan is saved', async () => {
    expect(ids(await search(kistaCoach, 'q=Ramsvikborg&plan=false'))).toEqual([id]);
    expect(ids(await search(kistaCoach, 'q=Ramsvikborg&plan=true'))).toEqual([]);
    expect((await postProfile(kistaCoach, id, { intent: 'plan', goal: 'Arbete inom handeln', createdOn: today })).status).toBe(200);
    await drainSearchOutbox();
    expect(await documentOrNull('aspirants', id)).toMatchObject({ hasPlan: true });
    expect(ids(await search(kistaCoach, 'q=Ramsvikborg&plan=true'))).toEqual([id]);
    expect(ids(await search(kistaCoach, 'q=Ramsvikborg&plan=false'))).toEqual([]);
  });

  it('takes an exited aspirant out of the default search but keeps them with alla=1', async () => {
    expect((await postProfile(kistaCoach, id, { intent: 'exit', exitedOn: today, exitReason: 'studier' })).status).toBe(200);
    await drainSearchOutbox();
    expect(await documentOrNull('aspirants', id)).toMatchObject({ active: false });
    expect(ids(await search(kistaCoach, 'q=Ramsvikborg'))).toEqual([]);
    const alla = await search(kistaCoach, 'q=Ramsvikborg&alla=1');
    expect(ids(alla)).toEqual([id]);
    expect(alla.result.hits[0]).toMatchObject({ exitedOn: today, hasPlan: true });
    expect(ids(await search(farstaCoach, 'q=Ramsvikborg&alla=1'))).toEqual([]);
  });

  it('removes the document when an admin erases the aspirant', async () => {
    const r = await postProfile(admin, id, { intent: 'erase' });
    expect(r.status).toBe(302);
    expect((await outboxRows()).map((o) => [o.documentId, o.op])).toEqual([[id, 'delete']]);
    await drainSearchOutbox();
    expect(await documentOrNull('aspirants', id)).toBeNull();
    expect(ids(await search(kistaCoach, 'q=Ramsvikborg&alla=1'))).toEqual([]);
    expect(ids(await search(admin, 'q=Ramsvikborg&alla=1'))).toEqual([]);
    expect(ids(await search(admin, 'q=Ottilia&alla=1'))).not.toContain(id);
  });

  it('removes the document when an aspirant is anonymised in a transaction', async () => {
    const other = await enrolAs(farstaCoach, await enrolForm({ firstName: 'Evert', lastName: 'Gallringsson' }));
    expect((await postProfile(farstaCoach, other, { intent: 'exit', exitedOn: today, exitReason: 'annat' })).status).toBe(200);
    await drainSearchOutbox();
    expect(ids(await search(farstaCoach, 'q=Gallringsson&alla=1'))).toEqual([other]);
    await getDb().transaction(async (tx) => {
      expect(await anonymiseAspirant(tx, other, { actorUserId: null, reason: 'retention' })).toBe(true);
    });
    await drainSearchOutbox();
    expect(await documentOrNull('aspirants', other)).toBeNull();
    expect(ids(await search(farstaCoach, 'q=Gallringsson&alla=1'))).toEqual([]);
  });
});

describe('when Meilisearch is down', () => {
  let farstaOne: string;
  let kistaOne: string;

  beforeAll(async () => {
    farstaOne = await enrolAs(farstaCoach, await enrolForm({ firstName: 'Birgitta', lastName: 'Pelleborgsson', targetGroups: 'nyanland' }));
    kistaOne = await enrolAs(kistaCoach, await enrolForm({ firstName: 'Birgitta', lastName: 'Pelleborgsdotter', targetGroups: 'nyanland' }));
    // Not drained: the fallback reads the database, not the index.
  });

  async function searchIsDown() {
    globalThis.__insteg_meili = await unreachableSearch(real.prefix);
  }

  it('answers from the database, scoped to the Jobbtorg, filtering by name substring and target group', async () => {
    await searchIsDown();
    const before = await lastAuditId();

    const farsta = await search(farstaCoach, 'q=pelleborg');
    expect(farsta.result.source).toBe('database');
    expect(farsta.result.facets).toEqual({});
    expect(farsta.result.ignoredFilters).toEqual([]);
    expect(ids(farsta)).toEqual([farstaOne]);
    expect(ids(await search(kistaCoach, 'q=pelleborg'))).toEqual([kistaOne]);
    expect(ids(await search(farstaCoach, 'q=Pelleborgsdotter'))).toEqual([]);
    expect(ids(await search(farstaCoach, 'q=elleborgss'))).toEqual([farstaOne]);
    expect(ids(await search(farstaCoach, 'q=Birgitta%20pelleborg'))).toEqual([farstaOne]);
    expect((await search(admin, 'q=pelleborg')).result.hits.map((h) => h.id).sort()).toEqual([farstaOne, kistaOne].sort());
    // No typo tolerance, and a LIKE wildcard is taken literally.
    expect(ids(await search(farstaCoach, 'q=Peleborgsson'))).toEqual([]);
    expect((await search(farstaCoach, 'q=%25')).result.total).toBe(0);

    expect(ids(await search(farstaCoach, 'q=pelleborg&targetGroup=nyanland'))).toEqual([farstaOne]);
    expect(ids(await search(farstaCoach, 'q=pelleborg&targetGroup=kaa'))).toEqual([]);
    const group = await allIds(farstaCoach, 'targetGroup=nyanland');
    const expected = (await scopeRows(farstaId)).filter((r) => r.targetGroups.includes('nyanland')).map((r) => r.id).sort();
    expect(group).toEqual({ total: expected.length, ids: expected });
    expect(expected).toContain(farstaOne);

    // The page's ids are still audited, with the source.
    const audits = await searchAuditsSince(before);
    expect(audits.length).toBeGreaterThan(0);
    expect(audits[0]!.details).toMatchObject({ ids: [farstaOne], source: 'database' });
  });

  it('reports the date-band filters it cannot apply, and still applies the others', async () => {
    await searchIsDown();
    const body = await search(farstaCoach, 'q=pelleborg&age=60%2B&availability=later&months=18%2B');
    expect(body.result.source).toBe('database');
    expect([...body.result.ignoredFilters!].sort()).toEqual(['age', 'availability', 'months']);
    expect(ids(body)).toEqual([farstaOne]);
    const some = await search(farstaCoach, 'months=6-11&swedish=basic');
    expect(some.result.ignoredFilters).toEqual(['months']);
    const basic = (await scopeRows(farstaId)).filter((r) => r.swedishLevel === 'basic');
    expect(some.result.total).toBe(basic.length);
  });

  it('keeps exited aspirants out unless alla=1, like the index', async () => {
    await searchIsDown();
    const active = (await scopeRows(farstaId)).length;
    const withExited = (await scopeRows(farstaId, true)).length;
    expect(withExited).toBeGreaterThan(active);
    expect((await search(farstaCoach)).result.total).toBe(active);
    expect((await search(farstaCoach, 'alla=1')).result.total).toBe(withExited);
    expect((await search(farstaCoach, 'alla=1&q=Utskrivarsson')).result.hits.map((h) => h.exitedOn)).toEqual([today]);
  });
});

describe('the daily refresh of date bands', () => {
  let turnedTwenty: string;
  let turnsTwentyTomorrow: string;

  beforeAll(async () => {
    await drainSearchOutbox();
    const yearsAgo = (iso: string) => `${Number(iso.slice(0, 4)) - 20}${iso.slice(4)}`;
    // Nothing but the age can move: no availability date, enrolled today.
    turnedTwenty = await enrolAs(kistaCoach, await enrolForm({ firstName: 'Tjugo', lastName: 'Arsdagsson', availableFrom: '' }, yearsAgo(today)));
    turnsTwentyTomorrow = await enrolAs(kistaCoach, await enrolForm({ firstName: 'Nitton', lastName: 'Dagforsson', availableFrom: '' }, yearsAgo(addDays(today, 1))));
    await drainSearchOutbox();
  });

  it('queues only the aspirants whose bands changed since the last run', async () => {
    // The document as it was indexed yesterday, before the birthday.
    const current = (await documentOrNull('aspirants', turnedTwenty))!;
    expect(current).toMatchObject({ ageBand: '20-24', availability: 'unknown' });
    await liveIndex('aspirants').addDocuments([{ ...(current as unknown as AspirantDocument), ageBand: '16-19', bandsOn: yesterday }]).waitTask();
    expect(ids(await search(kistaCoach, 'q=Arsdagsson&age=16-19'))).toEqual([turnedTwenty]);

    await getDb()
      .insert(maintenanceRuns)
      .values({ job: 'aspirant-bands', lastRunOn: yesterday })
      .onConflictDoUpdate({ target: maintenanceRuns.job, set: { lastRunOn: yesterday } });
    const live = await scopeRows(null, true);
    const expected = live.filter((r) => bandsChanged(r, yesterday, today)).map((r) => r.id).sort();
    expect(expected).toContain(turnedTwenty);
    expect(expected).not.toContain(turnsTwentyTomorrow);
    expect(expected.length).toBeLessThan(live.length);

    expect(await refreshAspirantBands(getDb(), today)).toBe(expected.length);
    const queued = await outboxRows();
    expect(queued.every((r) => r.op === 'upsert')).toBe(true);
    expect(queued.map((r) => r.documentId).sort()).toEqual(expected);
    const [run] = await getDb().select().from(maintenanceRuns).where(eq(maintenanceRuns.job, 'aspirant-bands'));
    expect(run!.lastRunOn).toBe(today);

    await drainSearchOutbox();
    expect(await documentOrNull('aspirants', turnedTwenty)).toMatchObject({ ageBand: '20-24', bandsOn: today });
    expect(ids(await search(kistaCoach, 'q=Arsdagsson&age=16-19'))).toEqual([]);
    expect(ids(await search(kistaCoach, 'q=Arsdagsson&age=20-24'))).toEqual([turnedTwenty]);
    expect(ids(await search(kistaCoach, 'q=Dagforsson&age=16-19'))).toEqual([turnsTwentyTomorrow]);
  });

  it('queues nothing on a second run the same day, nor for a day before the last run', async () => {
    expect(await refreshAspirantBands(getDb(), today)).toBe(0);
    expect(await outboxRows()).toEqual([]);
    // A server whose clock is behind does not move the last run back.
    expect(await refreshAspirantBands(getDb(), yesterday)).toBe(0);
    expect(await outboxRows()).toEqual([]);
    const [run] = await getDb().select().from(maintenanceRuns).where(eq(maintenanceRuns.job, 'aspirant-bands'));
    expect(run!.lastRunOn).toBe(today);
  });

  it('queues every live aspirant when it never ran before', async () => {
    await getDb().delete(maintenanceRuns).where(eq(maintenanceRuns.job, 'aspirant-bands'));
    const live = (await scopeRows(null, true)).map((r) => r.id).sort();
    const [anonymised] = await getDb().select({ n: count() }).from(aspirants).where(isNotNull(aspirants.anonymisedAt));
    expect(anonymised!.n).toBeGreaterThan(0);
    expect(await refreshAspirantBands(getDb(), today)).toBe(live.length);
    expect((await outboxRows()).map((r) => r.documentId).sort()).toEqual(live);
    await drainSearchOutbox();
  });
});

describe('a full reindex', () => {
  it("rebuilds the aspirants index to exactly the database's non-anonymised ids", async () => {
    await drainSearchOutbox();
    const [gone] = await getDb().select({ id: aspirants.id }).from(aspirants).where(isNotNull(aspirants.anonymisedAt)).limit(1);
    const template = (await liveIndex('aspirants').getDocuments({ limit: 1 })).results[0]!;
    const stray = randomUUID();
    await liveIndex('aspirants')
      .addDocuments([
        { ...template, id: stray, lastName: 'Finnsinte' },
        { ...template, id: gone!.id, lastName: 'Raderadsson' },
      ])
      .waitTask();
    // A change that never reached the outbox.
    const [some] = await getDb()
      .select({ id: aspirants.id })
      .from(aspirants)
      .where(and(eq(aspirants.jobbtorgId, kistaId), isNull(aspirants.exitedOn)))
      .limit(1);
    await getDb().update(aspirants).set({ lastName: 'Kvarnbackestig' }).where(eq(aspirants.id, some!.id));

    let last = { done: -1, total: -1 };
    const total = await reindex(getDb(), real, 'aspirants', (p) => (last = p), 20);
    const dbIds = (await getDb().select({ id: aspirants.id }).from(aspirants).where(isNull(aspirants.anonymisedAt))).map((r) => r.id).sort();
    const { results, total: indexed } = await liveIndex('aspirants').getDocuments({ fields: ['id'], limit: 10_000 });
    expect(total).toBe(dbIds.length);
    expect(last).toEqual({ index: 'aspirants', done: dbIds.length, total: dbIds.length });
    expect(indexed).toBe(dbIds.length);
    expect(results.map((d) => d.id).sort()).toEqual(dbIds);
    expect(dbIds).not.toContain(gone!.id);

    expect(ids(await search(kistaCoach, 'q=Kvarnbackestig'))).toEqual([some!.id]);
    expect(ids(await search(admin, 'q=Finnsinte'))).toEqual([]);
    // The swapped-in index kept its settings: scope filter, facets, typo tolerance.
    const body = await search(kistaCoach, 'q=Kvarnbakestig&plan=true&plan=false');
    expect(body.result.source).toBe('search');
    expect(ids(body)).toEqual([some!.id]);
    expect(body.result.facets.targetGroup).toBeDefined();
    expect((await search(farstaCoach, 'q=Kvarnbackestig')).result.total).toBe(0);
  });
});
