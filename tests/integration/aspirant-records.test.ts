/**
 * The aspirant's record over its life: consent, register extract, erasure, retention, the audit
 * log's aspirant filters, the coach's due-list and the edit form. Against the real PostgreSQL and
 * Meilisearch of the test setup.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../app/aspirants/aspirant-bands';
import { dueList, type DueItem } from '../../app/aspirants/aspirants.server';
import { employerAspirantSummaries } from '../../app/aspirants/employer-projection';
import { anonymiseAspirant, anonymiseExpired } from '../../app/aspirants/retention.server';
import { getUser, type SessionUser } from '../../app/auth/auth.server';
import { todayInStockholm } from '../../app/dates';
import * as auditPage from '../../app/routes/admin.logg';
import * as coachHome from '../../app/routes/coach._index';
import * as editPage from '../../app/routes/coach.aspiranter.$id.redigera';
import * as extractRoute from '../../app/routes/coach.aspiranter.$id.utdrag';
import * as caseloadPage from '../../app/routes/coach.aspiranter._index';
import { getDb, getSearch } from '../../app/services.server';
import { isCheckViolation } from '../../db/errors';
import { actionPlans, activities, aspirants, auditLog, searchOutbox, type NewActivity, type NewAspirant } from '../../db/schema';
import { applyIndexSettings } from '../../search/sync.server';
import { addCoach, auditCount, auditRows, enrolAs, enrolForm, formatPersonnummer, loginAspirantRoles, postProfile, seededAspirantIds, uniquePersonnummer, userId, viewProfile } from '../setup/aspirants';
import { BASE, callAction, callLoader, jsonOf } from '../setup/remix';
import { documentOrNull, drainSearchOutbox } from '../setup/search';

const today = todayInStockholm();
const PERSONNUMMER_TAKEN = 'Det finns redan en aspirant inskriven med det här personnumret';

let kistaCoach: string;
let farstaCoach: string;
let admin: string;
let employer: string;
let coordinator: string;
let kistaId: number;
let kistaCoachUserId: string;
let farstaCoachUserId: string;
let adminUserId: string;

type Reply = { status: string; error?: Record<string, string[] | null> };
type Row = typeof aspirants.$inferSelect;

async function aspirantRow(id: string): Promise<Row> {
  const [row] = await getDb().select().from(aspirants).where(eq(aspirants.id, id));
  return row!;
}
async function auditTotal() {
  const [row] = await getDb().select({ n: count() }).from(auditLog);
  return row!.n;
}

const birthDateOf = (pnr: string) => `${pnr.slice(0, 4)}-${pnr.slice(4, 6)}-${pnr.slice(6, 8)}`;

function toFormData(form: Record<string, string>, extra: Array<[string, string]> = []) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(form)) fd.append(k, v);
  for (const [k, v] of extra) fd.append(k, v);
  return fd;
}

function getExtract(cookie: string, id: string) {
  return callLoader(extractRoute.loader, `/coach/aspiranter/${id}/utdrag`, { cookie, params: { id } });
}
function editLoader(cookie: string, id: string) {
  return callLoader(editPage.loader, `/coach/aspiranter/${id}/redigera`, { cookie, params: { id } });
}
function postEdit(cookie: string, id: string, form: Record<string, string> | FormData) {
  return callAction(editPage.action, `/coach/aspiranter/${id}/redigera`, form, { cookie, params: { id } });
}
function auditLogPage(cookie: string, query = '') {
  return callLoader(auditPage.loader, `/admin/logg${query ? `?${query}` : ''}`, { cookie });
}

async function sessionUser(cookie: string): Promise<SessionUser> {
  const user = await getUser(new Request(`${BASE}/`, { headers: { Cookie: cookie } }));
  if (!user) throw new Error('no session behind the cookie');
  return user;
}

let inserted = 0;
/** Inserts an aspirant directly, with explicit dates (boundary rows the forms would not allow). */
async function insertAspirant(values: Partial<NewAspirant> & { enrolledOn: string }) {
  const pnr = await uniquePersonnummer();
  inserted++;
  const [row] = await getDb()
    .insert(aspirants)
    .values({
      jobbtorgId: kistaId,
      coachUserId: null,
      firstName: 'Direkt',
      lastName: `Insatt${inserted}`,
      personnummer: pnr,
      birthDate: birthDateOf(pnr),
      gender: 'man',
      education: 'gymnasial',
      ...values,
    })
    .returning();
  return row!;
}
async function insertPlan(aspirantId: string, createdOn: string, reviewedOn: string | null = null) {
  const [row] = await getDb().insert(actionPlans).values({ aspirantId, goal: 'Arbete inom handeln', createdOn, reviewedOn }).returning();
  return row!;
}

beforeAll(async () => {
  ({ kistaCoach, farstaCoach, admin, employer, coordinator } = await loginAspirantRoles());
  ({ kistaId, kistaCoachUserId, farstaCoachUserId, adminUserId } = await seededAspirantIds());
  await applyIndexSettings(getSearch());
  await drainSearchOutbox();
});

describe('consent to share a profile summary', () => {
  it('is withdrawn and given again through the profile, and the employer projection follows at once', async () => {
    const db = getDb();
    const id = await enrolAs(kistaCoach, await enrolForm({ firstName: 'Samira', consent: 'on' }));
    expect((await employerAspirantSummaries(db, [id])).map((s) => s.id)).toEqual([id]);

    const withdrawn = await postProfile(kistaCoach, id, { intent: 'consent-withdraw' });
    expect(withdrawn.status).toBe(200);
    expect(await jsonOf(withdrawn)).toEqual({ intent: 'consent-withdraw', saved: true });
    const afterWithdrawal = await aspirantRow(id);
    expect(afterWithdrawal.consentWithdrawnAt).toBeInstanceOf(Date);
    expect(afterWithdrawal.consentAt).toBeInstanceOf(Date);
    const rows = await auditRows('aspirant.consent-withdrawn', id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: kistaCoachUserId, subjectType: 'aspirant' });
    expect(await employerAspirantSummaries(db, [id])).toEqual([]);

    // Withdrawing again: a Swedish message, nothing written.
    const auditBefore = await auditTotal();
    const again = await postProfile(kistaCoach, id, { intent: 'consent-withdraw' });
    expect(again.status).toBe(400);
    expect(await jsonOf(again)).toEqual({ intent: 'consent-withdraw', saved: false, message: 'Det finns inget samtycke att återkalla.' });
    expect(await aspirantRow(id)).toEqual(afterWithdrawal);
    expect(await auditTotal()).toBe(auditBefore);

    const given = await postProfile(kistaCoach, id, { intent: 'consent-give' });
    expect(given.status).toBe(200);
    expect(await jsonOf(given)).toEqual({ intent: 'consent-give', saved: true });
    const afterGiving = await aspirantRow(id);
    expect(afterGiving).toMatchObject({ consentWithdrawnAt: null, consentScope: 'profile_summary' });
    expect(afterGiving.consentAt!.getTime()).toBeGreaterThanOrEqual(afterWithdrawal.consentWithdrawnAt!.getTime());
    expect(await auditCount('aspirant.consent-given', id)).toBe(1);
    expect((await employerAspirantSummaries(db, [id])).map((s) => s.id)).toEqual([id]);

    // The profile shows the consent as active again.
    const profile = await jsonOf<{ aspirant: { consentActive: boolean } }>(await viewProfile(kistaCoach, id));
    expect(profile.aspirant.consentActive).toBe(true);
  });

  it('is not another Jobbtorg\'s to change (404), nor an employer\'s or coordinator\'s (403)', async () => {
    const db = getDb();
    const id = await enrolAs(kistaCoach, await enrolForm({ consent: 'on' }));
    const before = await aspirantRow(id);
    const auditBefore = await auditTotal();
    for (const intent of ['consent-withdraw', 'consent-give']) {
      expect((await postProfile(farstaCoach, id, { intent })).status).toBe(404);
      expect((await postProfile(employer, id, { intent })).status).toBe(403);
      expect((await postProfile(coordinator, id, { intent })).status).toBe(403);
    }
    expect(await aspirantRow(id)).toEqual(before);
    expect(await auditTotal()).toBe(auditBefore);
    expect((await employerAspirantSummaries(db, [id])).map((s) => s.id)).toEqual([id]);
  });

  it('cannot be given to an aspirant who has left', async () => {
    const id = await enrolAs(kistaCoach, await enrolForm({ consent: '' }));
    expect((await postProfile(kistaCoach, id, { intent: 'exit', exitedOn: today, exitReason: 'studier' })).status).toBe(200);
    const r = await postProfile(kistaCoach, id, { intent: 'consent-give' });
    expect(r.status).toBe(400);
    expect(await jsonOf(r)).toMatchObject({ saved: false, message: 'Aspiranten är utskriven.' });
    expect((await aspirantRow(id)).consentAt).toBeNull();
    expect(await auditCount('aspirant.consent-given', id)).toBe(0);
  });
});

describe('the register extract', () => {
  interface Extract {
    personuppgifter: Record<string, unknown>;
    inskrivning: Record<string, unknown>;
    målgrupper: string[];
    handlingsplan: { mål: string; aktiviteter: Array<Record<string, unknown>> } | null;
    åtkomstlogg: Array<{ tid: string; händelse: string; roll: string }>;
  }

  it('gives the own coach (and an admin) a JSON file with everything held, and logs every download', async () => {
    const form = await enrolForm({ firstName: 'Yasmin', lastName: 'Registersson', notes: 'Vill arbeta inom vården.' });
    const id = await enrolAs(kistaCoach, toFormData(form, [['targetGroups', 'nyanland']]));
    expect((await postProfile(kistaCoach, id, { intent: 'plan', goal: 'Undersköterska inom två år', createdOn: today })).status).toBe(200);
    expect(
      (await postProfile(kistaCoach, id, { intent: 'activity', type: 'praktik', description: 'Praktik på äldreboende i Husby', startOn: today, endOn: today, status: 'planned' }))
        .status,
    ).toBe(200);
    expect((await viewProfile(kistaCoach, id)).status).toBe(200);

    const r = await getExtract(kistaCoach, id);
    expect(r.status).toBe(200);
    expect(r.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(r.headers.get('Content-Disposition')).toMatch(/^attachment; filename="registerutdrag-\d{4}-\d{2}-\d{2}\.json"$/);
    // The file name says nothing about the person.
    expect(r.headers.get('Content-Disposition')).not.toContain('Registersson');
    expect(r.headers.get('Cache-Control')).toBe('no-store');
    const text = await r.text();
    const body = JSON.parse(text) as Extract;
    expect(body.personuppgifter).toMatchObject({
      förnamn: 'Yasmin',
      efternamn: 'Registersson',
      personnummer: form.personnummer,
      födelsedatum: birthDateOf(form.personnummer.replace('-', '')),
      kön: 'Kvinna',
    });
    expect(body.inskrivning).toMatchObject({ inskriven: today, utskriven: null });
    expect(body.målgrupper).toHaveLength(1);
    expect(text).toContain('Vill arbeta inom vården.');
    expect(body.handlingsplan?.mål).toBe('Undersköterska inom två år');
    expect(body.handlingsplan?.aktiviteter).toEqual([expect.objectContaining({ beskrivning: 'Praktik på äldreboende i Husby', start: today, slut: today })]);
    expect(Array.isArray(body.åtkomstlogg)).toBe(true);
    const events = body.åtkomstlogg.map((e) => e.händelse);
    expect(events).toEqual(expect.arrayContaining(['Inskrivning', 'Handlingsplan sparad', 'Aktivitet tillagd', 'Profilen lästes']));
    expect(body.åtkomstlogg.every((e) => e.roll === 'jobbcoach')).toBe(true);
    // Roles, not who: no e-mail address of a colleague in the access log.
    expect(JSON.stringify(body.åtkomstlogg)).not.toContain('@insteg.test');

    const exported = await auditRows('aspirant.exported', id);
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ actorUserId: kistaCoachUserId, subjectType: 'aspirant' });

    // An admin may make the extract too; the earlier download now appears in the access log.
    const byAdmin = await getExtract(admin, id);
    expect(byAdmin.status).toBe(200);
    const adminBody = (await byAdmin.json()) as Extract;
    expect(adminBody.personuppgifter.personnummer).toBe(form.personnummer);
    expect(adminBody.åtkomstlogg.map((e) => e.händelse)).toContain('Registerutdrag framställt');
    expect(await auditRows('aspirant.exported', id)).toEqual([exported[0], expect.objectContaining({ actorUserId: adminUserId })]);
    // The extract carries the whole personnummer: the admin's download is logged as a reveal too.
    const reveals = await auditRows('aspirant.personnummer-revealed', id);
    expect(reveals.filter((r) => r.actorUserId === adminUserId && (r.details as { for?: string } | null)?.for === 'export')).toHaveLength(1);
  });

  it('is "not found" for another Jobbtorg\'s coach and forbidden to employers, without an audit row', async () => {
    const id = await enrolAs(kistaCoach, await enrolForm());
    const r = await getExtract(farstaCoach, id);
    expect(r.status).toBe(404);
    expect((await getExtract(employer, id)).status).toBe(403);
    expect((await getExtract(coordinator, id)).status).toBe(403);
    expect((await getExtract(kistaCoach, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await getExtract(kistaCoach, 'inte-ett-id')).status).toBe(404);
    expect(await auditCount('aspirant.exported', id)).toBe(0);
  });
});

describe('erasure on request', () => {
  it('refuses an aspirant who has not left, anonymises one who has, and the search document goes', async () => {
    const db = getDb();
    const form = await enrolForm({
      firstName: 'Radera',
      lastName: 'Xylofonsdottir',
      district: '1',
      adaptationNeeds: 'Behöver pauser',
      notes: 'Anteckning som ska bort',
      availableFrom: today,
      hoursPerWeek: '25',
      drivingLicence: 'on',
    });
    const id = await enrolAs(
      kistaCoach,
      toFormData(form, [
        ['targetGroups', 'forsorjningsstod'],
        ['targetGroups', 'nyanland'],
        ['targetGroups', 'funktionsnedsattning'],
        ['targetGroups', 'langtidsarbetslos'],
      ]),
    );
    expect((await postProfile(kistaCoach, id, { intent: 'plan', goal: 'Arbete', createdOn: today })).status).toBe(200);
    expect((await postProfile(kistaCoach, id, { intent: 'activity', type: 'vagledning', description: 'Vägledning', startOn: today, endOn: today, status: 'planned' })).status).toBe(
      200,
    );
    const [plan] = await db.select().from(actionPlans).where(eq(actionPlans.aspirantId, id));
    await drainSearchOutbox();
    expect(await documentOrNull('aspirants', id)).not.toBeNull();

    // Not yet exited: refused, nothing changed.
    const live = await aspirantRow(id);
    const auditBefore = await auditTotal();
    const refused = await postProfile(admin, id, { intent: 'erase' });
    expect(refused.status).toBe(400);
    expect(await jsonOf(refused)).toEqual({ intent: 'erase', saved: false, message: 'Skriv ut aspiranten innan uppgifterna raderas.' });
    expect(await aspirantRow(id)).toEqual(live);
    expect(await auditTotal()).toBe(auditBefore);

    // A coach may not erase, whether or not the aspirant has left.
    expect((await postProfile(kistaCoach, id, { intent: 'erase' })).status).toBe(403);
    expect((await postProfile(kistaCoach, id, { intent: 'exit', exitedOn: today, exitReason: 'arbete' })).status).toBe(200);
    expect((await postProfile(kistaCoach, id, { intent: 'erase' })).status).toBe(403);
    expect((await postProfile(employer, id, { intent: 'erase' })).status).toBe(403);
    const exited = await aspirantRow(id);
    expect(exited.anonymisedAt).toBeNull();
    await drainSearchOutbox();

    const erased = await postProfile(admin, id, { intent: 'erase' });
    expect(erased.status).toBe(302);
    expect(erased.headers.get('Location')).toBe('/coach/aspiranter?raderad=1');

    const row = await aspirantRow(id);
    expect(row.anonymisedAt).toBeInstanceOf(Date);
    expect(row).toMatchObject({
      firstName: null,
      lastName: null,
      personnummer: null,
      notes: null,
      adaptationNeeds: null,
      districtId: null,
      coachUserId: null,
      languages: [],
      occupations: [],
      availableFrom: null,
      hoursPerWeek: null,
      drivingLicence: false,
      consentAt: null,
      consentScope: null,
      consentWithdrawnAt: null,
      birthDate: `${form.personnummer.slice(0, 4)}-01-01`,
      // Kept for the statistics.
      gender: 'kvinna',
      jobbtorgId: kistaId,
      enrolledOn: today,
      exitedOn: today,
      exitReason: 'arbete',
      education: 'gymnasial',
      swedishLevel: 'basic',
      targetGroups: ['nyanland', 'funktionsnedsattning'],
    });
    expect(await db.select().from(actionPlans).where(eq(actionPlans.aspirantId, id))).toEqual([]);
    expect(await db.select().from(activities).where(eq(activities.actionPlanId, plan!.id))).toEqual([]);
    const outbox = await db.select().from(searchOutbox).where(eq(searchOutbox.documentId, id));
    expect(outbox.map((o) => o.op)).toContain('delete');
    const anonymised = await auditRows('aspirant.anonymised', id);
    expect(anonymised).toHaveLength(1);
    expect(anonymised[0]).toMatchObject({ actorUserId: adminUserId, subjectType: 'aspirant', details: { reason: 'erasure-request' } });

    await drainSearchOutbox();
    expect(await documentOrNull('aspirants', id)).toBeNull();

    // Gone for everyone, everywhere.
    for (const cookie of [kistaCoach, farstaCoach, admin]) expect((await viewProfile(cookie, id)).status).toBe(404);
    expect((await getExtract(kistaCoach, id)).status).toBe(404);
    expect((await getExtract(admin, id)).status).toBe(404);
    expect((await editLoader(kistaCoach, id)).status).toBe(404);
    expect((await postProfile(admin, id, { intent: 'erase' })).status).toBe(404);
    expect(await auditCount('aspirant.anonymised', id)).toBe(1);
    const search = await jsonOf<{ result: { hits: Array<{ id: string }> } }>(await callLoader(caseloadPage.loader, '/coach/aspiranter?q=Xylofonsdottir&alla=1', { cookie: kistaCoach }));
    expect(search.result.hits.map((h) => h.id)).not.toContain(id);
  });
});

describe('retention after exit', () => {
  // A fixed day long before the seed's dates: only the rows made here can be due.
  const DAY = '2016-08-31';
  const CUTOFF = '2014-08-31';

  it('anonymises exactly those who left before the cutoff, once', async () => {
    const db = getDb();
    expect(addMonths(DAY, -24)).toBe(CUTOFF);
    const before = await insertAspirant({ enrolledOn: '2013-01-10', exitedOn: addDays(CUTOFF, -1), exitReason: 'arbete', notes: 'Gammal anteckning', targetGroups: ['nyanland', 'kaa'] });
    const onCutoff = await insertAspirant({ enrolledOn: '2013-01-10', exitedOn: CUTOFF, exitReason: 'studier' });
    const after = await insertAspirant({ enrolledOn: '2013-01-10', exitedOn: addDays(CUTOFF, 1), exitReason: 'annat' });
    const stillEnrolled = await insertAspirant({ enrolledOn: '2012-05-02' });
    await insertPlan(before.id, '2013-01-12');
    const alreadyAnonymised = await db.select({ id: aspirants.id }).from(aspirants).where(sql`${aspirants.anonymisedAt} is not null`);

    expect(await anonymiseExpired(db, DAY, 24)).toBe(1);

    const nowAnonymised = await db.select({ id: aspirants.id }).from(aspirants).where(sql`${aspirants.anonymisedAt} is not null`);
    const newly = nowAnonymised.map((r) => r.id).filter((id) => !alreadyAnonymised.some((a) => a.id === id));
    expect(newly).toEqual([before.id]);
    expect(await aspirantRow(before.id)).toMatchObject({
      firstName: null,
      lastName: null,
      personnummer: null,
      notes: null,
      birthDate: `${before.birthDate.slice(0, 4)}-01-01`,
      exitedOn: addDays(CUTOFF, -1),
      exitReason: 'arbete',
      targetGroups: ['nyanland'],
    });
    expect(await db.select().from(actionPlans).where(eq(actionPlans.aspirantId, before.id))).toEqual([]);
    const logged = await auditRows('aspirant.anonymised', before.id);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actorUserId: null, details: { reason: 'retention' } });
    for (const kept of [onCutoff, after, stillEnrolled]) expect(await aspirantRow(kept.id)).toEqual(kept);

    // A second run finds nothing more and writes nothing.
    const snapshot = await Promise.all([before, onCutoff, after, stillEnrolled].map((r) => aspirantRow(r.id)));
    const auditBefore = await auditTotal();
    expect(await anonymiseExpired(db, DAY, 24)).toBe(0);
    expect(await Promise.all([before, onCutoff, after, stillEnrolled].map((r) => aspirantRow(r.id)))).toEqual(snapshot);
    expect(await auditTotal()).toBe(auditBefore);

    // The next day, the one who left on the cutoff day is due (and only they).
    expect(await anonymiseExpired(db, addDays(DAY, 1), 24)).toBe(1);
    expect((await aspirantRow(onCutoff.id)).anonymisedAt).toBeInstanceOf(Date);
    expect((await aspirantRow(after.id)).anonymisedAt).toBeNull();
  });

  it('counts the retention period in months from the argument', async () => {
    const db = getDb();
    // Earlier than every other row here: only this one can be due on these days.
    const row = await insertAspirant({ enrolledOn: '2011-01-05', exitedOn: '2011-06-29', exitReason: 'arbete' });
    // Twenty-four months before 2012-06-30 is 2010-06-30: not due. Twelve months is 2011-06-30: due.
    expect(await anonymiseExpired(db, '2012-06-30', 24)).toBe(0);
    expect((await aspirantRow(row.id)).anonymisedAt).toBeNull();
    expect(await anonymiseExpired(db, '2012-06-30', 12)).toBe(1);
    expect((await aspirantRow(row.id)).anonymisedAt).toBeInstanceOf(Date);
  });

  it('is guarded by the database: no half-anonymised row, and nobody anonymised before leaving', async () => {
    const db = getDb();
    const live = await insertAspirant({ enrolledOn: '2020-02-02', notes: 'Kvar' });
    const left = await insertAspirant({ enrolledOn: '2020-02-02', exitedOn: '2020-03-03', exitReason: 'arbete', notes: 'Kvar' });
    const violates = (e: unknown) => isCheckViolation(e, 'aspirants_identity_until_anonymised');

    // Marked anonymised while the personnummer (or the name, or the notes) is still there.
    await expect(db.update(aspirants).set({ anonymisedAt: sql`now()` }).where(eq(aspirants.id, left.id))).rejects.toSatisfy(violates);
    await expect(
      db.update(aspirants).set({ anonymisedAt: sql`now()`, firstName: null, lastName: null, notes: null }).where(eq(aspirants.id, left.id)),
    ).rejects.toSatisfy(violates);
    await expect(
      db.update(aspirants).set({ anonymisedAt: sql`now()`, personnummer: null, firstName: null, lastName: null }).where(eq(aspirants.id, left.id)),
    ).rejects.toSatisfy(violates);
    // Identity removed without marking the row anonymised.
    await expect(db.update(aspirants).set({ personnummer: null }).where(eq(aspirants.id, live.id))).rejects.toSatisfy(violates);
    // Someone still enrolled cannot be anonymised, even with everything removed.
    await expect(
      db
        .update(aspirants)
        .set({ anonymisedAt: sql`now()`, personnummer: null, firstName: null, lastName: null, notes: null, adaptationNeeds: null })
        .where(eq(aspirants.id, live.id)),
    ).rejects.toSatisfy(violates);
    expect(await aspirantRow(live.id)).toEqual(live);
    expect(await aspirantRow(left.id)).toEqual(left);

    // And the service does not even try for someone still enrolled.
    expect(await db.transaction((tx) => anonymiseAspirant(tx, live.id, { actorUserId: null, reason: 'retention' }))).toBe(false);
    expect(await aspirantRow(live.id)).toEqual(live);
    expect(await auditCount('aspirant.anonymised', live.id)).toBe(0);
  });
});

describe('the audit log of aspirant data', () => {
  it('cannot be changed or deleted', async () => {
    const db = getDb();
    const [row] = await db.select().from(auditLog).where(eq(auditLog.action, 'aspirant.enrolled')).limit(1);
    expect(row).toBeDefined();
    // The trigger's refusal, not some other failure.
    const refused = (e: unknown) => /audit_log is append-only/.test(String((e as { cause?: { message?: string } }).cause?.message));
    await expect(db.update(auditLog).set({ subjectId: 'förfalskad' }).where(eq(auditLog.id, row!.id))).rejects.toSatisfy(refused);
    await expect(db.update(auditLog).set({ details: null }).where(eq(auditLog.id, row!.id))).rejects.toSatisfy(refused);
    await expect(db.delete(auditLog).where(eq(auditLog.id, row!.id))).rejects.toSatisfy(refused);
    await expect(db.delete(auditLog).where(eq(auditLog.action, 'aspirant.viewed'))).rejects.toSatisfy(refused);
    const [still] = await db.select().from(auditLog).where(eq(auditLog.id, row!.id));
    expect(still).toEqual(row);
  });

  interface LogBody {
    entries: Array<{ id: number; action: string; subjectType: string | null; subjectId: string | null; actorEmail: string | null; shownCount: number | null }>;
    query: Record<string, unknown>;
  }

  it('filters by aspirant (including searches and due-lists that showed them), user, action and date', async () => {
    const db = getDb();
    // A coach of their own at Kista, so the due-list holds what this test made.
    const coach = await addCoach('coach.logg@insteg.test', 'Loggtest Coach', kistaId);
    const coachUserId = await userId('coach.logg@insteg.test');

    // Enrolled ten days ago without a plan: on the coach's due-list.
    const id = await enrolAs(coach, await enrolForm({ firstName: 'Loggad', lastName: 'Quetzalsson', enrolledOn: addDays(today, -10) }));
    const other = await enrolAs(coach, await enrolForm({ firstName: 'Annan', lastName: 'Quetzalsson' }));
    await drainSearchOutbox();

    const search = await callLoader(caseloadPage.loader, '/coach/aspiranter?q=Quetzalsson', { cookie: coach });
    expect(search.status).toBe(200);
    const found = await jsonOf<{ result: { hits: Array<{ id: string }> } }>(search);
    expect(found.result.hits.map((h) => h.id).sort()).toEqual([id, other].sort());
    const home = await callLoader(coachHome.loader, '/coach', { cookie: coach });
    expect(home.status).toBe(200);
    expect((await jsonOf<{ due: DueItem[] }>(home)).due).toContainEqual(expect.objectContaining({ aspirantId: id, kind: 'plan-missing' }));
    expect((await viewProfile(coach, id)).status).toBe(200);
    // Unrelated rows that must not appear under the aspirant filter.
    expect((await viewProfile(coach, other)).status).toBe(200);

    const all = await db.select().from(auditLog);
    const expected = all
      .filter((r) => (r.subjectType === 'aspirant' && r.subjectId === id) || (Array.isArray(r.details?.ids) && (r.details.ids as string[]).includes(id)))
      .map((r) => r.id)
      .sort((a, b) => b - a);

    const byAspirant = await auditLogPage(admin, `aspirant=${id}`);
    expect(byAspirant.status).toBe(200);
    const body = await jsonOf<LogBody>(byAspirant);
    expect(body.entries.map((e) => e.id)).toEqual(expected);
    const actions = body.entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['aspirant.enrolled', 'aspirant.viewed', 'aspirant.searched', 'aspirant.due-list-viewed']));
    const searched = body.entries.find((e) => e.action === 'aspirant.searched')!;
    expect(searched).toMatchObject({ subjectId: null, actorEmail: 'coach.logg@insteg.test', shownCount: 2 });
    expect(body.entries.some((e) => e.subjectId === other)).toBe(false);

    // Combined with an action.
    const searches = await jsonOf<LogBody>(await auditLogPage(admin, `aspirant=${id}&action=aspirant.searched`));
    expect(searches.entries.map((e) => e.id)).toEqual([searched.id]);

    // By user: only that actor's rows.
    const byUser = await jsonOf<LogBody>(await auditLogPage(admin, `user=${coachUserId}`));
    const mine = all.filter((r) => r.actorUserId === coachUserId).map((r) => r.id).sort((a, b) => b - a);
    expect(byUser.entries.map((e) => e.id)).toEqual(mine);
    expect(mine.length).toBeGreaterThanOrEqual(6);
    const farstaRows = await jsonOf<LogBody>(await auditLogPage(admin, `user=${farstaCoachUserId}`));
    expect(farstaRows.entries.length).toBeGreaterThan(0);
    expect(farstaRows.entries.every((e) => e.actorEmail === 'coach.farsta@insteg.test')).toBe(true);

    // By action.
    const enrolments = await jsonOf<LogBody>(await auditLogPage(admin, 'action=aspirant.enrolled'));
    expect(enrolments.entries.length).toBeGreaterThan(1);
    expect(enrolments.entries.every((e) => e.action === 'aspirant.enrolled')).toBe(true);

    // By date: today includes the rows, a day long ago none.
    const todays = await jsonOf<LogBody>(await auditLogPage(admin, `aspirant=${id}&from=${today}&to=${today}`));
    expect(todays.entries.map((e) => e.id)).toEqual(expected);
    expect((await jsonOf<LogBody>(await auditLogPage(admin, `aspirant=${id}&to=2020-01-01`))).entries).toEqual([]);
    expect((await jsonOf<LogBody>(await auditLogPage(admin, `aspirant=${id}&from=${addDays(today, 1)}`))).entries).toEqual([]);
  });

  it('ignores invalid filter values instead of failing', async () => {
    const unfiltered = await jsonOf<LogBody>(await auditLogPage(admin));
    for (const query of [
      'user=inte-ett-id',
      'aspirant=123',
      'action=DROP%20TABLE%20audit_log',
      'from=2026-13-45&to=igår',
      'from=2026-02-30',
      'before=-5',
      'before=abc',
      'before=99999999999999999999',
      'before=1.5',
      'user=&aspirant=&action=&from=&to=',
      'from=0000-01-01&to=0000-12-31',
    ]) {
      const r = await auditLogPage(admin, query);
      expect(r.status, query).toBe(200);
      const body = await jsonOf<LogBody>(r);
      expect(body.entries.map((e) => e.id), query).toEqual(unfiltered.entries.map((e) => e.id));
    }
  });

  it('is for admins only', async () => {
    for (const cookie of [kistaCoach, employer, coordinator]) {
      expect((await auditLogPage(cookie)).status).toBe(403);
      expect((await auditLogPage(cookie, `user=${kistaCoachUserId}`)).status).toBe(403);
    }
    const anonymous = await callLoader(auditPage.loader, '/admin/logg');
    expect(anonymous.status).toBe(302);
  });
});

describe('the coach\'s due-list', () => {
  const TODAY = '2025-03-15';
  let coach: string;
  let user: SessionUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    coach = await addCoach('coach.attgora@insteg.test', 'Attgöra Coach', kistaId);
    user = await sessionUser(coach);
    const own = { coachUserId: user.id };
    const recentPlan = async (aspirantId: string) => insertPlan(aspirantId, addDays(TODAY, -20), addDays(TODAY, -10));

    ids.noPlan5 = (await insertAspirant({ ...own, firstName: 'Femdagar', enrolledOn: addDays(TODAY, -5) })).id;
    ids.noPlan4 = (await insertAspirant({ ...own, firstName: 'Fyradagar', enrolledOn: addDays(TODAY, -4) })).id;

    ids.reviewDue = (await insertAspirant({ ...own, firstName: 'Uppfoljd', enrolledOn: addDays(TODAY, -300) })).id;
    await insertPlan(ids.reviewDue, addDays(TODAY, -290), addMonths(TODAY, -6));
    ids.reviewFresh = (await insertAspirant({ ...own, firstName: 'Nyligen', enrolledOn: addDays(TODAY, -300) })).id;
    await insertPlan(ids.reviewFresh, addDays(TODAY, -290), addDays(addMonths(TODAY, -6), 1));
    ids.createdDue = (await insertAspirant({ ...own, firstName: 'Aldrig', enrolledOn: addDays(addMonths(TODAY, -6), -3) })).id;
    await insertPlan(ids.createdDue, addMonths(TODAY, -6));
    ids.createdFresh = (await insertAspirant({ ...own, firstName: 'Snart', enrolledOn: addDays(addMonths(TODAY, -6), -3) })).id;
    await insertPlan(ids.createdFresh, addDays(addMonths(TODAY, -6), 1));

    // 18 months are reached in exactly one month, or a day later than that.
    ids.nearing = (await insertAspirant({ ...own, firstName: 'Arton', enrolledOn: addMonths(addMonths(TODAY, 1), -18) })).id;
    await recentPlan(ids.nearing);
    ids.notNearing = (await insertAspirant({ ...own, firstName: 'Sjutton', enrolledOn: addDays(addMonths(addMonths(TODAY, 1), -18), 1) })).id;
    await recentPlan(ids.notNearing);

    ids.followUps = (await insertAspirant({ ...own, firstName: 'Aktiv', enrolledOn: addDays(TODAY, -60) })).id;
    const plan = await recentPlan(ids.followUps);
    const activity = (description: string, status: NewActivity['status'], followUpOn: string, followUpResult: string | null = null): NewActivity => ({
      actionPlanId: plan.id,
      type: 'praktik',
      description,
      startOn: addDays(TODAY, -30),
      endOn: addDays(TODAY, 30),
      status,
      followUpOn,
      followUpResult,
    });
    await getDb()
      .insert(activities)
      .values([
        activity('Uppföljning idag', 'planned', TODAY),
        activity('Uppföljning försenad', 'ongoing', addDays(TODAY, -3)),
        activity('Klar aktivitet', 'done', addDays(TODAY, -3)),
        activity('Avbruten aktivitet', 'cancelled', addDays(TODAY, -3)),
        activity('Uppföljning i morgon', 'planned', addDays(TODAY, 1)),
        activity('Redan uppföljd', 'ongoing', addDays(TODAY, -1), 'Gick bra'),
      ]);

    // Not the coach's: another coach's aspirant, and one who has left.
    ids.otherCoach = (await insertAspirant({ coachUserId: kistaCoachUserId, firstName: 'Annans', enrolledOn: addDays(TODAY, -30) })).id;
    ids.exited = (await insertAspirant({ ...own, firstName: 'Utskriven', enrolledOn: addDays(TODAY, -30), exitedOn: addDays(TODAY, -1), exitReason: 'arbete' })).id;
  });

  it('lists what is due among the coach\'s own current aspirants, oldest first, and logs the ids', async () => {
    const auditBefore = await auditCount('aspirant.due-list-viewed');
    const items = await dueList(user, '192.0.2.77', TODAY);
    const got = items.map((i) => ({ aspirantId: i.aspirantId, kind: i.kind, dueOn: i.dueOn }));
    const expected = [
      { aspirantId: ids.noPlan5!, kind: 'plan-missing', dueOn: TODAY },
      { aspirantId: ids.reviewDue!, kind: 'plan-review', dueOn: TODAY },
      { aspirantId: ids.createdDue!, kind: 'plan-review', dueOn: TODAY },
      { aspirantId: ids.nearing!, kind: 'nearing-limit', dueOn: addMonths(TODAY, 1) },
      { aspirantId: ids.followUps!, kind: 'follow-up', dueOn: TODAY },
      { aspirantId: ids.followUps!, kind: 'follow-up', dueOn: addDays(TODAY, -3) },
    ];
    expect(got).toHaveLength(expected.length);
    expect(got).toEqual(expect.arrayContaining(expected));
    // Oldest first.
    expect(items.map((i) => i.dueOn)).toEqual([...items.map((i) => i.dueOn)].sort());
    expect(items.filter((i) => i.kind === 'follow-up').map((i) => i.detail).sort()).toEqual([
      'Följ upp praktik: Uppföljning försenad',
      'Följ upp praktik: Uppföljning idag',
    ]);
    expect(items.find((i) => i.aspirantId === ids.noPlan5)!.name).toMatch(/^Femdagar /);
    for (const key of ['noPlan4', 'reviewFresh', 'createdFresh', 'notNearing', 'otherCoach', 'exited']) {
      expect(items.some((i) => i.aspirantId === ids[key]), key).toBe(false);
    }

    const logged = await auditRows('aspirant.due-list-viewed');
    expect(logged).toHaveLength(auditBefore + 1);
    const row = logged[logged.length - 1]!;
    expect(row).toMatchObject({ actorUserId: user.id, subjectType: 'aspirant', subjectId: null, ip: '192.0.2.77' });
    expect([...(row.details!.ids as string[])].sort()).toEqual([...new Set(expected.map((e) => e.aspirantId))].sort());
  });

  it('writes no audit row when nothing is due, and is empty for other roles', async () => {
    const auditBefore = await auditCount('aspirant.due-list-viewed');
    expect(await dueList(user, '192.0.2.77', '2000-01-01')).toEqual([]);
    expect(await dueList(await sessionUser(admin), '192.0.2.77', TODAY)).toEqual([]);
    expect(await auditCount('aspirant.due-list-viewed')).toBe(auditBefore);
  });

  it('is on the coach\'s start page, for coaches only', async () => {
    const r = await callLoader(coachHome.loader, '/coach', { cookie: coach });
    expect(r.status).toBe(200);
    const body = await jsonOf<{ due: DueItem[]; today: string }>(r);
    expect(body.today).toBe(today);
    // Seen from the real today, months after TODAY: both aspirants without a plan are overdue.
    expect(body.due).toContainEqual(expect.objectContaining({ aspirantId: ids.noPlan5, kind: 'plan-missing', dueOn: addDays(TODAY, 0) }));
    expect(body.due).toContainEqual(expect.objectContaining({ aspirantId: ids.noPlan4, kind: 'plan-missing', dueOn: addDays(TODAY, 1) }));
    const ownIds = new Set(Object.entries(ids).filter(([k]) => k !== 'otherCoach' && k !== 'exited').map(([, v]) => v));
    expect(body.due.every((i) => ownIds.has(i.aspirantId))).toBe(true);
    const [logged] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'aspirant.due-list-viewed'), eq(auditLog.actorUserId, user.id)))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect([...(logged!.details!.ids as string[])].sort()).toEqual([...new Set(body.due.map((i) => i.aspirantId))].sort());

    for (const cookie of [admin, employer, coordinator]) expect((await callLoader(coachHome.loader, '/coach', { cookie })).status).toBe(403);
  });
});

describe('editing an aspirant', () => {
  it('shows the own coach the form with the current values, logged as a view and a reveal', async () => {
    const form = await enrolForm({ firstName: 'Redigera', lastName: 'Formsson', notes: 'Första anteckningen' });
    const id = await enrolAs(kistaCoach, form);
    const r = await editLoader(kistaCoach, id);
    expect(r.status).toBe(200);
    const body = await jsonOf<{ id: string; name: string; defaults: Record<string, unknown> }>(r);
    expect(body.id).toBe(id);
    expect(body.name).toBe('Redigera Formsson');
    expect(body.defaults).toEqual({
      firstName: 'Redigera',
      lastName: 'Formsson',
      personnummer: form.personnummer,
      gender: 'kvinna',
      district: 'utanfor',
      targetGroups: [],
      languages: 'arabiska: modersmål\nengelska: god',
      swedishLevel: 'basic',
      education: 'gymnasial',
      completedUpperSecondary: 'on',
      occupations: '5321: 2',
      drivingLicence: '',
      availableFrom: today,
      hoursPerWeek: '30',
      adaptationNeeds: '',
      enrolledOn: today,
      notes: 'Första anteckningen',
      consent: '',
    });
    const viewed = await auditRows('aspirant.viewed', id);
    const revealed = await auditRows('aspirant.personnummer-revealed', id);
    expect(viewed).toHaveLength(1);
    expect(revealed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({ actorUserId: kistaCoachUserId, details: { for: 'edit' } });
    expect(revealed[0]).toMatchObject({ actorUserId: kistaCoachUserId, details: { for: 'edit' } });

    // Another Jobbtorg: not found, nothing logged; employers: forbidden.
    expect((await editLoader(farstaCoach, id)).status).toBe(404);
    expect((await editLoader(employer, id)).status).toBe(403);
    expect((await editLoader(kistaCoach, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect(await auditCount('aspirant.viewed', id)).toBe(1);
    expect(await auditCount('aspirant.personnummer-revealed', id)).toBe(1);
  });

  it('is for coaches only: an admin may not see the whole personnummer the form shows (403)', async () => {
    const form = await enrolForm();
    const id = await enrolAs(kistaCoach, form);
    const before = await aspirantRow(id);
    const page = await editLoader(admin, id);
    expect(page.status).toBe(403);
    expect(await page.text()).not.toContain(form.personnummer.slice(9));
    expect((await postEdit(admin, id, { ...form, firstName: 'Admin' })).status).toBe(403);
    expect(await aspirantRow(id)).toEqual(before);
    expect(await auditCount('aspirant.personnummer-revealed', id)).toBe(0);
    expect(await auditCount('aspirant.viewed', id)).toBe(0);
    // The profile offers the admin no edit link.
    const profile = await jsonOf<{ canManage: boolean; canReveal: boolean }>(await viewProfile(admin, id));
    expect(profile).toMatchObject({ canManage: true, canReveal: false });
  });

  it('refuses invalid input with every error in Swedish next to its field, and changes nothing', async () => {
    const form = await enrolForm({ firstName: 'Ogiltig' });
    const id = await enrolAs(kistaCoach, form);
    const before = await aspirantRow(id);
    const r = await postEdit(kistaCoach, id, { ...form, firstName: ' ', personnummer: '19900101-1235', hoursPerWeek: '41' });
    expect(r.status).toBe(400);
    expect((await jsonOf<Reply>(r)).error).toEqual({
      firstName: ['Ange förnamn'],
      personnummer: ['Personnumret är inte giltigt: kontrollera datum och kontrollsiffra'],
      hoursPerWeek: ['Timmar per vecka får vara högst 40'],
    });
    expect(await aspirantRow(id)).toEqual(before);
    expect(await auditCount('aspirant.updated', id)).toBe(0);

    // Another aspirant's personnummer, in either form.
    const [taken] = await getDb().select().from(aspirants).where(sql`${aspirants.personnummer} is not null and ${aspirants.id} <> ${id}`).limit(1);
    for (const personnummer of [taken!.personnummer!, `${taken!.personnummer!.slice(2, 8)}-${taken!.personnummer!.slice(8)}`]) {
      const dup = await postEdit(kistaCoach, id, { ...form, personnummer });
      expect(dup.status).toBe(400);
      expect((await jsonOf<Reply>(dup)).error).toEqual({ personnummer: [PERSONNUMMER_TAKEN] });
    }
    // Its own personnummer is of course allowed (checked by the valid edit below).
    expect(await aspirantRow(id)).toEqual(before);
    expect(await auditCount('aspirant.updated', id)).toBe(0);
  });

  it('saves a valid edit, re-indexes it and redirects to the profile; consent is not touched', async () => {
    const form = await enrolForm({ firstName: 'Gammal', lastName: 'Namnsson', consent: 'on' });
    const id = await enrolAs(kistaCoach, form);
    const before = await aspirantRow(id);
    await drainSearchOutbox();
    const newPnr = await uniquePersonnummer();

    // Another Jobbtorg cannot save over it.
    expect((await postEdit(farstaCoach, id, { ...form, firstName: 'Kapad' })).status).toBe(404);
    expect((await postEdit(employer, id, { ...form, firstName: 'Kapad' })).status).toBe(403);
    expect(await aspirantRow(id)).toEqual(before);

    const r = await postEdit(
      kistaCoach,
      id,
      toFormData({ ...form, firstName: 'Ny', lastName: 'Vombatsson', personnummer: formatPersonnummer(newPnr), hoursPerWeek: '20', notes: 'Ändrad', consent: '' }, [['targetGroups', 'uvas']]),
    );
    expect(r.status).toBe(302);
    expect(r.headers.get('Location')).toBe(`/coach/aspiranter/${id}?sparad=1`);
    const after = await aspirantRow(id);
    expect(after).toMatchObject({
      firstName: 'Ny',
      lastName: 'Vombatsson',
      personnummer: newPnr,
      birthDate: birthDateOf(newPnr),
      hoursPerWeek: 20,
      notes: 'Ändrad',
      targetGroups: ['uvas'],
      jobbtorgId: kistaId,
      coachUserId: kistaCoachUserId,
      consentAt: before.consentAt,
      consentScope: 'profile_summary',
      consentWithdrawnAt: null,
    });
    const updated = await auditRows('aspirant.updated', id);
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ actorUserId: kistaCoachUserId });

    await drainSearchOutbox();
    const search = await jsonOf<{ result: { hits: Array<{ id: string }> } }>(await callLoader(caseloadPage.loader, '/coach/aspiranter?q=Vombatsson', { cookie: kistaCoach }));
    expect(search.result.hits.map((h) => h.id)).toEqual([id]);
  });

  it('cannot edit an aspirant who has left', async () => {
    const form = await enrolForm({ firstName: 'Lämnat' });
    const id = await enrolAs(kistaCoach, form);
    expect((await postProfile(kistaCoach, id, { intent: 'exit', exitedOn: today, exitReason: 'arbete' })).status).toBe(200);
    const before = await aspirantRow(id);
    const outboxBefore = await getDb().select().from(searchOutbox).where(eq(searchOutbox.documentId, id));

    const page = await editLoader(kistaCoach, id);
    expect(page.status).toBe(302);
    expect(page.headers.get('Location')).toBe(`/coach/aspiranter/${id}`);

    const r = await postEdit(kistaCoach, id, { ...form, firstName: 'Ändrad' });
    expect(r.status).toBe(400);
    expect((await jsonOf<Reply>(r)).error).toEqual({ '': ['Aspiranten är utskriven och kan inte ändras.'] });
    expect(await aspirantRow(id)).toEqual(before);
    expect(await auditCount('aspirant.updated', id)).toBe(0);
    expect(await getDb().select().from(searchOutbox).where(eq(searchOutbox.documentId, id))).toEqual(outboxBefore);
  });
});
