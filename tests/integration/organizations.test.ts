import { createServer } from 'node:net';
import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as adminOrgs from '../../app/routes/admin.organisationer._index';
import * as newOrg from '../../app/routes/admin.organisationer.ny';
import * as orgList from '../../app/routes/organisationer._index';
import * as orgPage from '../../app/routes/organisationer.$id';
import * as employerHome from '../../app/routes/arbetsgivare._index';
import * as loginRoute from '../../app/routes/login';
import { getDb, getSearch } from '../../app/services.server';
import { auditLog, jobPartnerships, organizations, searchOutbox, users } from '../../db/schema';
import { DEMO_PASSWORD } from '../../db/seed/reference-data';
import { createSearchClient } from '../../search/client.server';
import { physicalIndexName } from '../../search/indexes';
import { applyIndexSettings, processSearchOutbox } from '../../search/sync.server';
import { callAction, callLoader, jsonOf, loginAs } from '../setup/remix';

type Reply = { status?: string; error?: Record<string, string[] | null> };
interface ListBody {
  items: Array<{ id: string; name: string; active: boolean; kind: string; membershipLevel: string | null; districtName: string | null }>;
  total: number;
  page: number;
  source: 'search' | 'database';
}

const plusForm = {
  name: 'Gubbängens Trädgårdsservice AB',
  orgNumber: '556074-3089',
  kind: 'integrationspakt_member',
  membershipLevel: 'plus',
  partnershipSignedOn: '2025-11-03',
  partnershipTerms: 'Tre platser per termin, handledare med trädgårdsutbildning.',
  jobbspar: 'Trädgårdsarbetare\nMaskinförare',
};

async function drainSearchOutbox() {
  while ((await processSearchOutbox(getDb(), getSearch())) > 0) {
    // until empty
  }
  const [left] = await getDb().select({ n: count() }).from(searchOutbox);
  expect(left!.n).toBe(0);
}

async function tableCounts() {
  const db = getDb();
  const [[o], [p], [s], [a]] = await Promise.all([
    db.select({ n: count() }).from(organizations),
    db.select({ n: count() }).from(jobPartnerships),
    db.select({ n: count() }).from(searchOutbox),
    db.select({ n: count() }).from(auditLog).where(sql`${auditLog.action} <> 'login'`),
  ]);
  return { organizations: o!.n, partnerships: p!.n, outbox: s!.n, audit: a!.n };
}

async function list(cookie: string, query = '') {
  const r = await callLoader(orgList.loader, `/organisationer${query}`, { cookie });
  expect(r.status).toBe(200);
  return jsonOf<ListBody>(r);
}

async function orgByName(name: string) {
  const [row] = await getDb().select().from(organizations).where(eq(organizations.name, name));
  return row!;
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

let admin: string;
let coach: string;

beforeAll(async () => {
  // The index of this file's prefix starts empty: create it with its settings, then index the seed.
  await applyIndexSettings(getSearch());
  await drainSearchOutbox();
  admin = await loginAs('admin@insteg.test');
  coach = await loginAs('coach.kista@insteg.test');
});

describe('the organisations list', () => {
  it('comes from the search index and holds every active seed organisation, sorted by name', async () => {
    const body = await list(coach);
    const [active] = await getDb().select({ n: count() }).from(organizations).where(eq(organizations.active, true));
    expect(body.source).toBe('search');
    expect(body.total).toBe(active!.n);
    expect(body.items).toHaveLength(25);
    // Sorted by name. (Only initials are compared: Meilisearch files Å/Ä under A, which is not
    // Swedish order, where they come after Z.)
    const initials = body.items.map((i) => i.name.normalize('NFD')[0]!.toLowerCase());
    expect(initials).toEqual([...initials].sort());
    expect(initials[0]).toBe('a');
    expect(new Set(initials).size).toBeGreaterThan(3);
  });

  it('finds an organisation despite a typo', async () => {
    const body = await list(coach, '?q=Halonbergen');
    expect(body.source).toBe('search');
    expect(body.items[0]).toMatchObject({ name: 'Hallonbergens Vård och Omsorg AB', kind: 'integrationspakt_member', membershipLevel: 'plus', districtName: 'Rinkeby-Kista' });
  });

  it('narrows by kind and membership level', async () => {
    const plus = await list(coach, '?kind=integrationspakt_member&membershipLevel=plus');
    expect(plus.total).toBe(8);
    expect(plus.items.every((i) => i.membershipLevel === 'plus')).toBe(true);
    const suppliers = await list(coach, '?kind=supplier');
    expect(suppliers.items.map((i) => i.name).sort()).toEqual(['Anpassade Sommarjobb Norr AB', 'Arbetsträning Söder AB', 'Unga Entreprenörer Stockholm ideell förening']);
  });

  it('is closed to employers', async () => {
    const employer = await loginAs('arbetsgivare.plus@insteg.test');
    expect((await callLoader(orgList.loader, '/organisationer', { cookie: employer })).status).toBe(403);
    expect((await callLoader(adminOrgs.loader, '/admin/organisationer', { cookie: employer })).status).toBe(403);
  });
});

describe('creating an organisation', () => {
  it('is for admins only', async () => {
    const before = await tableCounts();
    const r = await callAction(newOrg.action, '/admin/organisationer/ny', plusForm, { cookie: coach });
    expect(r.status).toBe(403);
    expect(await tableCounts()).toEqual(before);
  });

  it('answers an invalid form with every error at once and writes nothing', async () => {
    const before = await tableCounts();
    const r = await callAction(newOrg.action, '/admin/organisationer/ny', { name: '', kind: 'integrationspakt_member', membershipLevel: 'plus', orgNumber: '556074-3088' }, { cookie: admin });
    expect(r.status).toBe(400);
    expect((await jsonOf<Reply>(r)).error).toEqual({
      name: ['Ange organisationens namn'],
      orgNumber: ['Ange ett giltigt organisationsnummer, till exempel 556677-8899'],
      partnershipSignedOn: ['En Plusmedlem har ett jobbpartnerskap: ange när det undertecknades'],
      partnershipTerms: ['Beskriv kraven i jobbpartnerskapet'],
    });
    const empty = await callAction(newOrg.action, '/admin/organisationer/ny', {}, { cookie: admin });
    expect(empty.status).toBe(400);
    expect((await jsonOf<Reply>(empty)).error).toEqual({ name: ['Ange organisationens namn'], kind: ['Välj typ av organisation'] });
    expect(await tableCounts()).toEqual(before);
  });

  it.each(['Hallonbergens Vård och Omsorg AB', 'HALLONBERGENS vård och omsorg ab', '  hallonbergens vård och omsorg ab  '])(
    'refuses a name that exists in any case (%j), with the error on the name',
    async (name) => {
      const before = await tableCounts();
      const r = await callAction(newOrg.action, '/admin/organisationer/ny', { ...plusForm, name }, { cookie: admin });
      expect(r.status).toBe(400);
      expect((await jsonOf<Reply>(r)).error).toEqual({ name: ['Det finns redan en organisation med det namnet'] });
      expect(await tableCounts()).toEqual(before);
    },
  );

  it('refuses an organisationsnummer that is taken', async () => {
    const existing = await orgByName('Hallonbergens Vård och Omsorg AB');
    const r = await callAction(newOrg.action, '/admin/organisationer/ny', { ...plusForm, name: 'Helt Annat Namn AB', orgNumber: existing.orgNumber!.replace('-', '') }, { cookie: admin });
    expect(r.status).toBe(400);
    expect((await jsonOf<Reply>(r)).error).toEqual({ orgNumber: ['Det finns redan en organisation med det organisationsnumret'] });
  });

  it('creates a Plusmedlem with its partnership, a search outbox row and an audit entry in one go; it becomes searchable', async () => {
    const before = await tableCounts();
    const r = await callAction(newOrg.action, '/admin/organisationer/ny', { ...plusForm, orgNumber: '5560743089', districtId: '11' }, { cookie: admin, ip: '192.0.2.44' });
    expect(r.status).toBe(302);
    const org = await orgByName('Gubbängens Trädgårdsservice AB');
    expect(r.headers.get('Location')).toBe(`/organisationer/${org.id}`);
    expect(org).toMatchObject({ orgNumber: '556074-3089', kind: 'integrationspakt_member', membershipLevel: 'plus', cityUnitType: null, active: true, districtId: 11 });
    expect(org.memberSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await tableCounts()).toEqual({
      organizations: before.organizations + 1,
      partnerships: before.partnerships + 1,
      outbox: before.outbox + 1,
      audit: before.audit + 1,
    });
    const [partnership] = await getDb().select().from(jobPartnerships).where(eq(jobPartnerships.organizationId, org.id));
    expect(partnership).toMatchObject({ signedOn: '2025-11-03', terms: plusForm.partnershipTerms, jobbspar: ['Trädgårdsarbetare', 'Maskinförare'], endedOn: null });
    const [queued] = await getDb().select().from(searchOutbox);
    expect(queued).toMatchObject({ indexName: 'organizations', documentId: org.id, op: 'upsert', attempts: 0 });
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.subjectId, org.id));
    expect(entry).toMatchObject({ action: 'organization.created', subjectType: 'organization', ip: '192.0.2.44' });

    // Not in the index until the outbox is processed.
    expect((await list(coach, '?q=Gubbängens')).items.map((i) => i.id)).not.toContain(org.id);
    await drainSearchOutbox();
    const found = await list(coach, '?q=Gubängens%20Tradgardservice');
    expect(found.source).toBe('search');
    expect(found.items[0]).toMatchObject({ id: org.id, name: 'Gubbängens Trädgårdsservice AB', membershipLevel: 'plus' });
    const document = await getSearch().client.index(physicalIndexName('organizations', getSearch().prefix)).getDocument(org.id);
    expect(document).toMatchObject({ hasPartnership: true, kindLabel: 'Integrationspakten', districtId: 11, active: true, orgNumber: '556074-3089' });

    const page = await callLoader(orgPage.loader, `/organisationer/${org.id}`, { cookie: coach, params: { id: org.id } });
    expect(page.status).toBe(200);
    const { org: shown } = await jsonOf<{ org: { partnership: { terms: string; jobbspar: string[] } | null; contacts: unknown[] } }>(page);
    expect(shown.partnership).toMatchObject({ terms: plusForm.partnershipTerms, jobbspar: ['Trädgårdsarbetare', 'Maskinförare'] });
    expect(shown.contacts).toEqual([]);
  });

  it('creates a city unit without organisationsnummer or partnership', async () => {
    const before = await tableCounts();
    const r = await callAction(newOrg.action, '/admin/organisationer/ny', { name: 'Kyrkogårdsnämnden', kind: 'city_unit', cityUnitType: 'namnd' }, { cookie: admin });
    expect(r.status).toBe(302);
    expect(await orgByName('Kyrkogårdsnämnden')).toMatchObject({ orgNumber: null, membershipLevel: null, memberSince: null, cityUnitType: 'namnd' });
    expect((await tableCounts()).partnerships).toBe(before.partnerships);
    await drainSearchOutbox();
  });
});

describe('reading one organisation', () => {
  it('lets an employer read their own organisation but not another one (404, not 403)', async () => {
    const employer = await loginAs('arbetsgivare.plus@insteg.test');
    const own = await orgByName('Hallonbergens Vård och Omsorg AB');
    const other = await orgByName('Kistaporten IT-konsult AB');
    const ok = await callLoader(orgPage.loader, `/organisationer/${own.id}`, { cookie: employer, params: { id: own.id } });
    expect(ok.status).toBe(200);
    const body = await jsonOf<{ org: { name: string; contacts: Array<{ email: string }> } }>(ok);
    expect(body.org.name).toBe('Hallonbergens Vård och Omsorg AB');
    expect(body.org.contacts.map((c) => c.email)).toEqual(['arbetsgivare.plus@insteg.test']);
    expect((await callLoader(orgPage.loader, `/organisationer/${other.id}`, { cookie: employer, params: { id: other.id } })).status).toBe(404);
    expect((await callLoader(orgPage.loader, '/organisationer/x', { cookie: employer, params: { id: 'not-a-uuid' } })).status).toBe(404);
  });

  it('lets a coach read any active organisation; an unknown id is 404', async () => {
    const other = await orgByName('Kistaporten IT-konsult AB');
    expect((await callLoader(orgPage.loader, `/organisationer/${other.id}`, { cookie: coach, params: { id: other.id } })).status).toBe(200);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await callLoader(orgPage.loader, `/organisationer/${unknown}`, { cookie: coach, params: { id: unknown } })).status).toBe(404);
  });
});

describe('deactivating an organisation', () => {
  it('hides it from coaches but not from admins, and ends its contacts\' access', async () => {
    const org = await orgByName('Hallonbergens Vård och Omsorg AB');
    const employer = await loginAs('arbetsgivare.plus@insteg.test');
    expect((await callLoader(employerHome.loader, '/arbetsgivare', { cookie: employer })).status).toBe(200);

    const r = await callAction(adminOrgs.action, '/admin/organisationer', { intent: 'deactivate', organizationId: org.id }, { cookie: admin });
    expect(r.status).toBe(200);
    expect(await jsonOf(r)).toEqual({ ok: true, message: 'Hallonbergens Vård och Omsorg AB är inaktiverad och 1 kontaktpersoner har inaktiverats.' });
    expect(await orgByName(org.name)).toMatchObject({ active: false });

    // Its employer contact is deactivated, logged out and cannot log in.
    const [contact] = await getDb().select().from(users).where(eq(users.email, 'arbetsgivare.plus@insteg.test'));
    expect(contact).toMatchObject({ active: false });
    expect((await callLoader(employerHome.loader, '/arbetsgivare', { cookie: employer })).status).toBe(302);
    expect((await callAction(loginRoute.action, '/login', { email: 'arbetsgivare.plus@insteg.test', password: DEMO_PASSWORD }, { ip: '192.0.2.140' })).status).toBe(400);
    // Contacts of other organisations are untouched.
    await loginAs('arbetsgivare.stad@insteg.test');

    await drainSearchOutbox();
    const forCoach = await list(coach, '?q=Hallonbergens');
    expect(forCoach.source).toBe('search');
    expect(forCoach.items.map((i) => i.id)).not.toContain(org.id);
    const allForCoach = await list(coach, '?kind=integrationspakt_member&membershipLevel=plus');
    expect(allForCoach.items.map((i) => i.id)).not.toContain(org.id);

    const forAdmin = await jsonOf<ListBody>(await callLoader(adminOrgs.loader, '/admin/organisationer?q=Hallonbergens', { cookie: admin }));
    expect(forAdmin.source).toBe('search');
    expect(forAdmin.items.find((i) => i.id === org.id)).toMatchObject({ active: false });

    // The page of a deactivated organisation is gone for a coach, still there for an admin.
    expect((await callLoader(orgPage.loader, `/organisationer/${org.id}`, { cookie: coach, params: { id: org.id } })).status).toBe(404);
    expect((await callLoader(orgPage.loader, `/organisationer/${org.id}`, { cookie: admin, params: { id: org.id } })).status).toBe(200);

    // Reactivating brings the organisation back for coaches, but contacts are reactivated one by one.
    const back = await callAction(adminOrgs.action, '/admin/organisationer', { intent: 'reactivate', organizationId: org.id }, { cookie: admin });
    expect(back.status).toBe(200);
    await drainSearchOutbox();
    expect((await list(coach, '?q=Hallonbergens')).items.map((i) => i.id)).toContain(org.id);
    const [stillOff] = await getDb().select().from(users).where(eq(users.email, 'arbetsgivare.plus@insteg.test'));
    expect(stillOff).toMatchObject({ active: false });

    const audited = await getDb().select().from(auditLog).where(eq(auditLog.subjectId, org.id));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['organization.deactivated', 'organization.reactivated']));
    expect(audited.find((a) => a.action === 'organization.deactivated')!.details).toEqual({ deactivatedUsers: 1 });
  });

  it('also hides deactivated organisations from coaches when the search falls back to the database', async () => {
    const org = await orgByName('Brommaplans Optik AB');
    await callAction(adminOrgs.action, '/admin/organisationer', { intent: 'deactivate', organizationId: org.id }, { cookie: admin });
    const real = globalThis.__insteg_meili;
    globalThis.__insteg_meili = createSearchClient(`http://127.0.0.1:${await closedPort()}`, 'x'.repeat(32), getSearch().prefix);
    try {
      const forCoach = await list(coach, '?q=Brommaplans');
      expect(forCoach.source).toBe('database');
      expect(forCoach.total).toBe(0);
      const forAdmin = await jsonOf<ListBody>(await callLoader(adminOrgs.loader, '/admin/organisationer?q=Brommaplans', { cookie: admin }));
      expect(forAdmin.source).toBe('database');
      expect(forAdmin.items).toMatchObject([{ id: org.id, active: false }]);
    } finally {
      globalThis.__insteg_meili = real;
    }
    await callAction(adminOrgs.action, '/admin/organisationer', { intent: 'reactivate', organizationId: org.id }, { cookie: admin });
    await drainSearchOutbox();
  });

  it('is for admins only', async () => {
    const org = await orgByName('Kistaporten IT-konsult AB');
    const r = await callAction(adminOrgs.action, '/admin/organisationer', { intent: 'deactivate', organizationId: org.id }, { cookie: coach });
    expect(r.status).toBe(403);
    expect(await orgByName(org.name)).toMatchObject({ active: true });
  });
});
