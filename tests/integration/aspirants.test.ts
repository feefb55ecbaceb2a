import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { employerAspirantSummaries } from '../../app/aspirants/employer-projection';
import * as caseloadPage from '../../app/routes/coach.aspiranter._index';
import * as enrolPage from '../../app/routes/coach.aspiranter.ny';
import { todayInStockholm } from '../../app/dates';
import { getDb } from '../../app/services.server';
import { isCheckViolation } from '../../db/errors';
import { actionPlans, activities, aspirants, auditLog } from '../../db/schema';
import { auditCount, enrol, enrolForm, enrolledId, loginAspirantRoles, postProfile, seededAspirantIds, viewProfile } from '../setup/aspirants';
import { callLoader, jsonOf } from '../setup/remix';

const today = todayInStockholm();
let kistaCoach: string;
let farstaCoach: string;
let admin: string;
let employer: string;
let coordinator: string;
let kistaId: number;
let farstaId: number;
let kistaCoachUserId: string;
let farstaCoachUserId: string;

type Reply = { status: string; error?: Record<string, string[] | null> };

async function someAspirant(officeId: number) {
  const [row] = await getDb().select().from(aspirants).where(and(eq(aspirants.jobbtorgId, officeId), sql`${aspirants.exitedOn} is null`)).limit(1);
  return row!;
}
async function aspirantCount() {
  const [row] = await getDb().select({ n: count() }).from(aspirants);
  return row!.n;
}

beforeAll(async () => {
  ({ kistaCoach, farstaCoach, admin, employer, coordinator } = await loginAspirantRoles());
  ({ kistaId, farstaId, kistaCoachUserId, farstaCoachUserId } = await seededAspirantIds());
});

describe('the demo seed', () => {
  it('spreads test-series aspirants over every Jobbtorg, most at Kista and Farsta', async () => {
    const rows = await getDb().select({ jobbtorgId: aspirants.jobbtorgId, personnummer: aspirants.personnummer }).from(aspirants);
    expect(rows.length).toBeGreaterThanOrEqual(80);
    expect(new Set(rows.map((r) => r.jobbtorgId)).size).toBe(8);
    expect(rows.filter((r) => r.jobbtorgId === kistaId).length).toBeGreaterThanOrEqual(10);
    expect(rows.filter((r) => r.jobbtorgId === farstaId).length).toBeGreaterThanOrEqual(10);
    for (const r of rows) expect(r.personnummer!.slice(8, 10)).toBe('98');
  });
});

describe('Jobbtorg isolation', () => {
  it('gives a Farsta coach 404 for a Kista aspirant, and the Kista coach the profile', async () => {
    const kistaAspirant = await someAspirant(kistaId);
    const denied = await viewProfile(farstaCoach, kistaAspirant.id);
    expect(denied.status).toBe(404);
    expect(await auditCount('aspirant.viewed', kistaAspirant.id)).toBe(0);
    // Writing and revealing are refused the same way.
    expect((await postProfile(farstaCoach, kistaAspirant.id, { intent: 'reveal' })).status).toBe(404);
    expect((await postProfile(farstaCoach, kistaAspirant.id, { intent: 'exit', exitedOn: today, exitReason: 'arbete' })).status).toBe(404);
    expect((await postProfile(farstaCoach, kistaAspirant.id, { intent: 'plan', goal: 'Kapat', createdOn: today })).status).toBe(404);
    const [after] = await getDb().select().from(aspirants).where(eq(aspirants.id, kistaAspirant.id));
    expect(after!.exitedOn).toBeNull();

    const allowed = await viewProfile(kistaCoach, kistaAspirant.id);
    expect(allowed.status).toBe(200);
    const body = await jsonOf<{ aspirant: Record<string, unknown> }>(allowed);
    expect(body.aspirant.id).toBe(kistaAspirant.id);
    expect(body.aspirant).not.toHaveProperty('personnummer');
    expect(body.aspirant.maskedPersonnummer).toBe(`${kistaAspirant.personnummer!.slice(0, 8)}-****`);
    expect(JSON.stringify(body)).not.toContain(kistaAspirant.personnummer);
  });

  it('gives 404 for an unknown or malformed id, like for another Jobbtorg', async () => {
    expect((await viewProfile(kistaCoach, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await viewProfile(kistaCoach, 'not-a-uuid')).status).toBe(404);
  });
});

describe('audit of sensitive reads', () => {
  it("offers the aspirant's access log to admins only", async () => {
    const a = await someAspirant(kistaId);
    const asAdmin = await jsonOf<{ canReadLog: boolean; canExport: boolean }>(await viewProfile(admin, a.id));
    const asCoach = await jsonOf<{ canReadLog: boolean; canExport: boolean }>(await viewProfile(kistaCoach, a.id));
    expect([asAdmin.canReadLog, asCoach.canReadLog]).toEqual([true, false]);
    expect([asAdmin.canExport, asCoach.canExport]).toEqual([true, true]);
  });

  it('writes one aspirant.viewed row per profile view, with the viewer and the subject', async () => {
    const a = await someAspirant(farstaId);
    const before = await auditCount('aspirant.viewed', a.id);
    for (let i = 0; i < 3; i++) expect((await viewProfile(farstaCoach, a.id)).status).toBe(200);
    expect(await auditCount('aspirant.viewed', a.id)).toBe(before + 3);
    const rows = await getDb().select().from(auditLog).where(and(eq(auditLog.action, 'aspirant.viewed'), eq(auditLog.subjectId, a.id)));
    expect(rows.every((r) => r.actorUserId === farstaCoachUserId && r.subjectType === 'aspirant')).toBe(true);
  });

  it('reveals the whole personnummer on request and logs every reveal', async () => {
    const a = await someAspirant(kistaId);
    const r = await postProfile(kistaCoach, a.id, { intent: 'reveal' });
    expect(r.status).toBe(200);
    expect(await jsonOf(r)).toEqual({ intent: 'reveal', personnummer: `${a.personnummer!.slice(0, 8)}-${a.personnummer!.slice(8)}` });
    await postProfile(kistaCoach, a.id, { intent: 'reveal' });
    const rows = await getDb().select().from(auditLog).where(and(eq(auditLog.action, 'aspirant.personnummer-revealed'), eq(auditLog.subjectId, a.id)));
    expect(rows).toHaveLength(2);
    expect(rows[0]!.actorUserId).toBe(kistaCoachUserId);
  });
});

describe('who may use the aspirant pages', () => {
  it('refuses employers and mentorship coordinators with 403, everywhere', async () => {
    const a = await someAspirant(kistaId);
    const viewsBefore = await auditCount('aspirant.viewed', a.id);
    const revealsBefore = await auditCount('aspirant.personnummer-revealed', a.id);
    for (const cookie of [employer, coordinator]) {
      const before = await aspirantCount();
      expect((await callLoader(caseloadPage.loader, '/coach/aspiranter', { cookie })).status).toBe(403);
      expect((await callLoader(enrolPage.loader, '/coach/aspiranter/ny', { cookie })).status).toBe(403);
      expect((await enrol(cookie, await enrolForm())).status).toBe(403);
      expect((await viewProfile(cookie, a.id)).status).toBe(403);
      expect((await postProfile(cookie, a.id, { intent: 'reveal' })).status).toBe(403);
      expect((await postProfile(cookie, a.id, { intent: 'exit', exitedOn: today, exitReason: 'arbete' })).status).toBe(403);
      expect(await aspirantCount()).toBe(before);
    }
    expect(await auditCount('aspirant.viewed', a.id)).toBe(viewsBefore);
    expect(await auditCount('aspirant.personnummer-revealed', a.id)).toBe(revealsBefore);
  });

  it('lets an admin read any profile but not reveal the personnummer or enrol', async () => {
    const a = await someAspirant(farstaId);
    expect((await viewProfile(admin, a.id)).status).toBe(200);
    expect((await postProfile(admin, a.id, { intent: 'reveal' })).status).toBe(403);
    expect((await callLoader(enrolPage.loader, '/coach/aspiranter/ny', { cookie: admin })).status).toBe(403);
  });

  it('sends anonymous visitors to the login page', async () => {
    const r = await callLoader(caseloadPage.loader, '/coach/aspiranter');
    expect(r.status).toBe(302);
    expect(r.headers.get('Location')).toMatch(/^\/login\?redirectTo=/);
  });
});

describe('enrolment', () => {
  it('enrols at the coach\'s own Jobbtorg with the coach as the aspirant\'s coach', async () => {
    const form = await enrolForm({ firstName: 'Hodan', lastName: 'Warsame' });
    const r = await enrol(farstaCoach, form);
    expect(r.status).toBe(302);
    const id = enrolledId(r);
    const [row] = await getDb().select().from(aspirants).where(eq(aspirants.id, id));
    expect(row).toMatchObject({
      jobbtorgId: farstaId,
      coachUserId: farstaCoachUserId,
      firstName: 'Hodan',
      lastName: 'Warsame',
      personnummer: form.personnummer.replace('-', ''),
      birthDate: form.personnummer.slice(0, 4) + '-' + form.personnummer.slice(4, 6) + '-' + form.personnummer.slice(6, 8),
      districtId: null,
      languages: [
        { language: 'arabiska', level: 'modersmal' },
        { language: 'engelska', level: 'god' },
      ],
      occupations: [{ code: '5321', years: 2 }],
      hoursPerWeek: 30,
      consentScope: 'profile_summary',
    });
    expect(await auditCount('aspirant.enrolled', id)).toBe(1);
  });

  it('accepts a single checked target group', async () => {
    const r = await enrol(kistaCoach, await enrolForm({ targetGroups: 'uvas' }));
    expect(r.status).toBe(302);
    const id = enrolledId(r);
    const [row] = await getDb().select({ targetGroups: aspirants.targetGroups }).from(aspirants).where(eq(aspirants.id, id));
    expect(row!.targetGroups).toEqual(['uvas']);
  });

  it('accepts target groups as a checkbox collection', async () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(await enrolForm())) fd.append(k, v);
    fd.append('targetGroups', 'forsorjningsstod');
    fd.append('targetGroups', 'nyanland');
    const r = await enrol(kistaCoach, fd);
    expect(r.status).toBe(302);
    const id = enrolledId(r);
    const [row] = await getDb().select({ targetGroups: aspirants.targetGroups }).from(aspirants).where(eq(aspirants.id, id));
    expect(row!.targetGroups).toEqual(['forsorjningsstod', 'nyanland']);
  });

  it('writes nothing on invalid input and returns every error in Swedish next to its field', async () => {
    const before = await aspirantCount();
    const enrolmentsBefore = await auditCount('aspirant.enrolled');
    const r = await enrol(kistaCoach, {
      firstName: '',
      lastName: ' ',
      personnummer: '19900101-1235',
      gender: 'okand',
      district: 'x',
      languages: 'klingonska',
      swedishLevel: 'perfekt',
      education: '',
      occupations: '53',
      hoursPerWeek: '45',
      availableFrom: '2026-13-01',
      enrolledOn: '',
    });
    expect(r.status).toBe(400);
    const reply = await jsonOf<Reply>(r);
    expect(reply.error).toEqual({
      firstName: ['Ange förnamn'],
      lastName: ['Ange efternamn'],
      personnummer: ['Personnumret är inte giltigt: kontrollera datum och kontrollsiffra'],
      gender: ['Välj kön'],
      district: ['Välj stadsdelsområde, eller "Utanför Stockholm"'],
      languages: ['Skriv "språk: nivå" med nivån grundläggande, god, flytande eller modersmål (rad "klingonska")'],
      swedishLevel: ['Välj nivå i svenska'],
      education: ['Välj utbildningsnivå'],
      occupations: ['Skriv en SSYK-kod med fyra siffror och antal år, till exempel "5321: 3" (rad "53")'],
      hoursPerWeek: ['Timmar per vecka får vara högst 40'],
      availableFrom: ['Ange ett datum som ÅÅÅÅ-MM-DD'],
      enrolledOn: ['Ange inskrivningsdatum'],
    });
    expect(await aspirantCount()).toBe(before);
    expect(await auditCount('aspirant.enrolled')).toBe(enrolmentsBefore);
  });

  it('refuses a personnummer that is already enrolled, on that field, whatever the Jobbtorg', async () => {
    const farstaAspirant = await someAspirant(farstaId);
    const before = await aspirantCount();
    for (const personnummer of [farstaAspirant.personnummer!, `${farstaAspirant.personnummer!.slice(2, 8)}-${farstaAspirant.personnummer!.slice(8)}`]) {
      const r = await enrol(kistaCoach, await enrolForm({ personnummer }));
      expect(r.status).toBe(400);
      expect((await jsonOf<Reply>(r)).error).toEqual({ personnummer: ['Det finns redan en aspirant inskriven med det här personnumret'] });
    }
    expect(await aspirantCount()).toBe(before);
  });

  it('checks references and dates in the service', async () => {
    const r = await enrol(kistaCoach, await enrolForm({ occupations: '0000: 1', district: '9999', enrolledOn: '2999-01-01' }));
    expect(r.status).toBe(400);
    expect((await jsonOf<Reply>(r)).error).toEqual({
      occupations: ['Okänd SSYK-kod: 0000'],
      district: ['Välj ett stadsdelsområde i listan'],
      enrolledOn: ['Inskrivningsdatum kan inte vara i framtiden'],
    });
  });
});

describe('the path: action plan, activities, exit', () => {
  it('writes a plan, adds and updates an activity, and exits with a reason', async () => {
    const created = await enrol(kistaCoach, await enrolForm({ firstName: 'Planera' }));
    const id = enrolledId(created);

    const noPlan = await postProfile(kistaCoach, id, { intent: 'activity', type: 'praktik', description: 'Praktik', startOn: today, endOn: today, status: 'planned' });
    expect(noPlan.status).toBe(400);

    const badPlan = await postProfile(kistaCoach, id, { intent: 'plan', goal: '', createdOn: 'igår' });
    expect(badPlan.status).toBe(400);
    expect((await jsonOf<{ reply: Reply }>(badPlan)).reply.error).toEqual({ goal: ['Beskriv målet med handlingsplanen'], createdOn: ['Ange ett datum som ÅÅÅÅ-MM-DD'] });

    expect((await postProfile(kistaCoach, id, { intent: 'plan', goal: 'Arbete inom vården', createdOn: today })).status).toBe(200);
    expect((await postProfile(kistaCoach, id, { intent: 'plan', goal: 'Arbete inom vården, via praktik', createdOn: today })).status).toBe(200);
    const plans = await getDb().select().from(actionPlans).where(eq(actionPlans.aspirantId, id));
    expect(plans).toHaveLength(1);
    expect(plans[0]!.goal).toBe('Arbete inom vården, via praktik');

    const badActivity = await postProfile(kistaCoach, id, { intent: 'activity', type: 'praktik', description: 'Praktik', startOn: '2026-05-10', endOn: '2026-05-01', status: 'planned' });
    expect((await jsonOf<{ reply: Reply }>(badActivity)).reply.error).toEqual({ endOn: ['Slutdatum kan inte vara före startdatum'] });

    const added = await postProfile(kistaCoach, id, { intent: 'activity', type: 'praktik', description: 'Praktik på förskola', startOn: today, endOn: today, status: 'planned' });
    expect(added.status).toBe(200);
    const [activity] = await getDb().select().from(activities).where(eq(activities.actionPlanId, plans[0]!.id));
    const updated = await postProfile(kistaCoach, id, {
      intent: 'activity',
      activityId: activity!.id,
      type: 'praktik',
      description: 'Praktik på förskola',
      startOn: today,
      endOn: today,
      status: 'done',
      followUpOn: today,
      followUpResult: 'Gick bra',
    });
    expect(updated.status).toBe(200);
    const [after] = await getDb().select().from(activities).where(eq(activities.id, activity!.id));
    expect(after).toMatchObject({ status: 'done', followUpResult: 'Gick bra' });

    const profile = await jsonOf<{ plan: { goal: string }; activities: unknown[] }>(await viewProfile(kistaCoach, id));
    expect(profile.plan.goal).toBe('Arbete inom vården, via praktik');
    expect(profile.activities).toHaveLength(1);

    const badExit = await postProfile(kistaCoach, id, { intent: 'exit', exitedOn: today });
    expect((await jsonOf<{ reply: Reply }>(badExit)).reply.error).toEqual({ exitReason: ['Välj orsak till utskrivningen'] });
    expect((await postProfile(kistaCoach, id, { intent: 'exit', exitedOn: today, exitReason: 'arbete' })).status).toBe(200);
    const [exited] = await getDb().select().from(aspirants).where(eq(aspirants.id, id));
    expect(exited).toMatchObject({ exitedOn: today, exitReason: 'arbete' });
    const again = await postProfile(kistaCoach, id, { intent: 'exit', exitedOn: today, exitReason: 'studier' });
    expect(again.status).toBe(400);
    expect(await auditCount('aspirant.exited', id)).toBe(1);
  });
});

describe('database constraints', () => {
  it('keeps exit fields consistent, hours within 1–40 and activities ending after they start', async () => {
    const db = getDb();
    const a = await someAspirant(kistaId);
    await expect(db.update(aspirants).set({ exitedOn: today }).where(eq(aspirants.id, a.id))).rejects.toSatisfy((e) => isCheckViolation(e, 'aspirants_exit_consistent'));
    await expect(db.update(aspirants).set({ hoursPerWeek: 41 }).where(eq(aspirants.id, a.id))).rejects.toSatisfy((e) => isCheckViolation(e, 'aspirants_hours_range'));
    await expect(db.update(aspirants).set({ targetGroups: ['okand'] }).where(eq(aspirants.id, a.id))).rejects.toSatisfy((e) => isCheckViolation(e, 'aspirants_target_groups_known'));
    const [plan] = await db.select().from(actionPlans).limit(1);
    await expect(
      db.insert(activities).values({ actionPlanId: plan!.id, type: 'praktik', description: 'x', startOn: '2026-05-10', endOn: '2026-05-01' }),
    ).rejects.toSatisfy((e) => isCheckViolation(e, 'activities_dates'));
  });
});

describe('the employer projection', () => {
  it('returns only consenting, enrolled aspirants, without sensitive fields', async () => {
    const db = getDb();
    const rows = await db.select().from(aspirants).limit(200);
    const summaries = await employerAspirantSummaries(db, rows.map((r) => r.id));
    const visible = rows.filter((r) => r.consentAt && !r.consentWithdrawnAt && !r.exitedOn);
    expect(summaries.map((s) => s.id).sort()).toEqual(visible.map((r) => r.id).sort());
    expect(summaries.length).toBeGreaterThan(0);
    const json = JSON.stringify(summaries);
    for (const r of rows) {
      expect(json).not.toContain(r.personnummer);
      if (r.notes) expect(json).not.toContain(r.notes);
    }
    const one = summaries[0]!;
    const source = rows.find((r) => r.id === one.id)!;
    expect(one.displayName).toBe(`${source.firstName} ${source.lastName!.charAt(0)}.`);

    // Withdrawing consent removes the aspirant at once.
    await db.update(aspirants).set({ consentWithdrawnAt: sql`now()` }).where(eq(aspirants.id, one.id));
    expect(await employerAspirantSummaries(db, [one.id])).toEqual([]);
  });
});
