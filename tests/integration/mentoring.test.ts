/**
 * Stockholmsmentor through the pages the coordinator uses, against the real PostgreSQL of the test
 * setup: registering mentors and adepts (bad input refused next to the field, nothing written),
 * approving mentors, suggestions limited to approved mentors with free places who offer the
 * programme and the wished-for gender, the pair lifecycle (suggest → confirm with introduction
 * e-mails → meetings → end, or a suggestion cancelled) guarded by a database trigger, a mentor's
 * capacity and an adept's single open pair under concurrency, pair health at exactly five weeks
 * with the coordinator's reminder, the yearly follow-up, and who may use the pages at all.
 */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../app/aspirants/aspirant-bands';
import { todayInStockholm } from '../../app/dates';
import { sendHealthReminders } from '../../app/mentoring/mentoring.server';
import * as homePage from '../../app/routes/mentorskap._index';
import * as adeptPage from '../../app/routes/mentorskap.adepter.$id';
import * as adeptsPage from '../../app/routes/mentorskap.adepter._index';
import * as mentorPage from '../../app/routes/mentorskap.mentorer.$id';
import * as mentorsPage from '../../app/routes/mentorskap.mentorer._index';
import * as pairPage from '../../app/routes/mentorskap.par.$id';
import * as cohortPage from '../../app/routes/mentorskap.kohort';
import { getDb } from '../../app/services.server';
import { isCheckViolation } from '../../db/errors';
import { adepts, auditLog, emailOutbox, mentorMeetings, mentorPairs, mentors, occupations, openings } from '../../db/schema';
import { auditRows } from '../setup/aspirants';
import { orgId } from '../setup/openings';
import { callAction, callLoader, jsonOf, loginAs } from '../setup/remix';

const today = todayInStockholm();
const YEAR = Number(today.slice(0, 4));
const COORDINATOR_EMAIL = 'mentor.samordnare@insteg.test';
const INTRODUCTION_SUBJECT = 'Välkommen till Stockholmsmentor – ni är ett mentorpar';
const db = () => getDb();

let coordinator: string;
let plusOrg: string;
let supplierOrg: string;
let creditedOrg: string;
let occupationA: string;
let occupationB: string;

beforeAll(async () => {
  coordinator = await loginAs(COORDINATOR_EMAIL);
  [plusOrg, supplierOrg, creditedOrg] = await Promise.all(['Hallonbergens Vård och Omsorg AB', 'Arbetsträning Söder AB', 'Mälarstrands Fastighetsservice AB'].map(orgId)) as [string, string, string];
  const codes = await db().select({ code: occupations.code }).from(occupations).where(eq(occupations.level, 4)).orderBy(occupations.code).limit(2);
  [occupationA, occupationB] = codes.map((c) => c.code) as [string, string];
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

let counter = 0;
const next = () => ++counter;

type Form = Record<string, string | string[]>;
type Reply = { result: { error?: Record<string, string[] | null> | null } | null; message?: string | null; ok?: boolean };

/** A FormData with one entry per value (checkbox groups post the same name several times). */
function formData(form: Form) {
  const data = new FormData();
  for (const [name, value] of Object.entries(form)) for (const item of [value].flat()) data.append(name, item);
  return data;
}

function without(form: Form, ...names: string[]) {
  const copy = { ...form };
  for (const name of names) delete copy[name];
  return copy;
}

function mentorForm(overrides: Form = {}): Form {
  const i = next();
  return {
    firstName: `Mentorn${i}`,
    lastName: `Testsson${i}`,
    gender: 'kvinna',
    email: `testmentor.${i}@exempel.se`,
    phone: '070-111 22 33',
    organizationId: plusOrg,
    occupationCode: occupationA,
    languages: 'engelska',
    programmes: ['sprakmentor'],
    availability: ['weekday_evening'],
    maxAdepts: '2',
    ...overrides,
  };
}

function adeptForm(overrides: Form = {}): Form {
  const i = next();
  return {
    firstName: `Adepten${i}`,
    lastName: `Provsson${i}`,
    gender: 'man',
    birthYear: String(YEAR - 35),
    email: `testadept.${i}@exempel.se`,
    programme: 'sprakmentor',
    languages: 'engelska',
    swedishLevel: 'basic',
    availability: ['weekday_evening'],
    ...overrides,
  };
}

/** The id at the end of a redirect to `prefix`. */
function idFrom(response: Response, prefix: string) {
  const location = response.headers.get('Location') ?? '';
  const id = new RegExp(`^${prefix}([0-9a-f-]{36})$`).exec(location)?.[1];
  expect(id, `redirect ${response.status} to ${location}`).toBeTruthy();
  return id!;
}

const postMentor = (form: Form, cookie = coordinator) => callAction(mentorsPage.action, '/mentorskap/mentorer', formData(form), { cookie });
const postAdept = (form: Form, cookie = coordinator) => callAction(adeptsPage.action, '/mentorskap/adepter', formData(form), { cookie });

/** Registers a mentor through the list page's action; returns the id from the redirect. */
async function registerMentor(overrides: Form = {}) {
  const response = await postMentor(mentorForm(overrides));
  if (response.status !== 302) throw new Error(`registering a mentor answered ${response.status}: ${await response.text()}`);
  return idFrom(response, '/mentorskap/mentorer/');
}

const approve = (id: string, form: Form = { interviewedOn: today }) =>
  callAction(mentorPage.action, `/mentorskap/mentorer/${id}`, formData({ intent: 'approve', ...form }), { cookie: coordinator, params: { id } });

/** Registers and approves a mentor through the pages. */
async function approvedMentor(overrides: Form = {}) {
  const id = await registerMentor(overrides);
  const response = await approve(id);
  expect(response.status, 'approving').toBe(200);
  return id;
}

async function registerAdept(overrides: Form = {}) {
  const response = await postAdept(adeptForm(overrides));
  if (response.status !== 302) throw new Error(`registering an adept answered ${response.status}: ${await response.text()}`);
  return idFrom(response, '/mentorskap/adepter/');
}

const suggest = (adeptId: string, mentorId: string) =>
  callAction(adeptPage.action, `/mentorskap/adepter/${adeptId}`, { intent: 'suggest', mentorId }, { cookie: coordinator, params: { id: adeptId } });

/** Suggests the pair on the adept's page; returns the pair id from the redirect. */
async function suggested(adeptId: string, mentorId: string) {
  return idFrom(await suggest(adeptId, mentorId), '/mentorskap/par/');
}

const onPair = (id: string, form: Form) => callAction(pairPage.action, `/mentorskap/par/${id}`, formData(form), { cookie: coordinator, params: { id } });
const confirm = (id: string) => onPair(id, { intent: 'confirm' });
const cancel = (id: string) => onPair(id, { intent: 'cancel' });
const meeting = (id: string, overrides: Form = {}) => onPair(id, { intent: 'meeting', metOn: today, minutes: '60', topic: 'CV och nätverk i branschen', ...overrides });
const endForm = (overrides: Form = {}): Form => ({ intent: 'end', endedOn: today, outcome: 'work', reason: 'Adepten fick en anställning', ...overrides });
const end = (id: string, overrides: Form = {}) => onPair(id, endForm(overrides));

/** A confirmed pair of a fresh approved mentor and a fresh adept, through the pages. */
async function confirmedPair(mentorOverrides: Form = {}, adeptOverrides: Form = {}) {
  const mentorId = await approvedMentor(mentorOverrides);
  const adeptId = await registerAdept(adeptOverrides);
  const pairId = await suggested(adeptId, mentorId);
  expect((await confirm(pairId)).status, 'confirming').toBe(200);
  return { mentorId, adeptId, pairId };
}

async function suggestionsFor(adeptId: string) {
  const response = await callLoader(adeptPage.loader, `/mentorskap/adepter/${adeptId}`, { cookie: coordinator, params: { id: adeptId } });
  expect(response.status).toBe(200);
  return (await jsonOf<{ suggestions: { mentorId: string }[] }>(response)).suggestions.map((s) => s.mentorId);
}

type Home = {
  pairs: { id: string; status: string; health: string; mentorName: string; adeptName: string }[];
  followUp: {
    byTertial: { tertial: number; gender: string; n: number }[];
    outcomes: { outcome: string | null; n: number }[];
    organizationsCredited: { name: string; n: number }[];
  };
};
async function home() {
  const response = await callLoader(homePage.loader, '/mentorskap', { cookie: coordinator });
  expect(response.status).toBe(200);
  return jsonOf<Home>(response);
}

async function pairRow(id: string) {
  const [row] = await db().select().from(mentorPairs).where(eq(mentorPairs.id, id));
  return row!;
}

async function rowsIn(table: PgTable, where?: SQL) {
  const [row] = await db().select({ n: count() }).from(table).where(where);
  return row!.n;
}

/** How many rows the mentoring tables (and the audit log and outbox) hold: equal before and after means nothing was written. */
async function rowCounts() {
  const [m, a, p, mm, al, e] = await Promise.all([rowsIn(mentors), rowsIn(adepts), rowsIn(mentorPairs), rowsIn(mentorMeetings), rowsIn(auditLog), rowsIn(emailOutbox)]);
  return { mentors: m, adepts: a, pairs: p, meetings: mm, audit: al, emails: e };
}

function errorsOf(reply: Reply) {
  return reply.result?.error ?? {};
}

/** Direct inserts for pairs whose dates lie in the past (health, follow-up). */
async function insertMentor(overrides: Partial<typeof mentors.$inferInsert> = {}) {
  const i = next();
  const values = {
    firstName: `Direktmentor${i}`,
    lastName: `Lagersson${i}`,
    gender: 'man' as const,
    email: `direkt.mentor.${i}@exempel.se`,
    organizationId: plusOrg,
    occupationCode: occupationA,
    programmes: ['sprakmentor'],
    availability: ['weekday_evening'],
    maxAdepts: 5,
    status: 'approved' as const,
    interviewedOn: addDays(today, -400),
    ...overrides,
  };
  const [row] = await db().insert(mentors).values(values).returning({ id: mentors.id });
  return { id: row!.id, name: `${values.firstName} ${values.lastName}` };
}

async function insertAdept(overrides: Partial<typeof adepts.$inferInsert> = {}) {
  const i = next();
  const values = {
    firstName: `Direktadept${i}`,
    lastName: `Radsson${i}`,
    gender: 'man' as const,
    birthYear: YEAR - 30,
    email: `direkt.adept.${i}@exempel.se`,
    programme: 'sprakmentor',
    swedishLevel: 'basic',
    availability: ['weekday_evening'],
    ...overrides,
  };
  const [row] = await db().insert(adepts).values(values).returning({ id: adepts.id });
  return { id: row!.id, name: `${values.firstName} ${values.lastName}` };
}

async function insertPair(mentorId: string, adeptId: string, values: Partial<typeof mentorPairs.$inferInsert>) {
  const [row] = await db()
    .insert(mentorPairs)
    .values({ mentorId, adeptId, programme: 'sprakmentor', score: 10, explanation: [], ...values })
    .returning({ id: mentorPairs.id });
  return row!.id;
}

// ---------------------------------------------------------------------------------------------
// 1. Validation
// ---------------------------------------------------------------------------------------------

describe('validation: bad input is refused next to the field and nothing is written', () => {
  it('refuses a mentor registration with missing names, a bad e-mail, no programme or time, 0 or 6 adepts, a supplier or a future training date', async () => {
    const cases: { name: string; form: Form; field: string; message: string }[] = [
      { name: 'no first name', form: mentorForm({ firstName: '' }), field: 'firstName', message: 'Ange förnamn' },
      { name: 'blank last name', form: mentorForm({ lastName: '   ' }), field: 'lastName', message: 'Ange efternamn' },
      { name: 'bad e-mail', form: mentorForm({ email: 'inte-en-adress' }), field: 'email', message: 'giltig e-postadress' },
      { name: 'no programme', form: without(mentorForm(), 'programmes'), field: 'programmes', message: 'Välj minst ett program' },
      { name: 'no availability', form: without(mentorForm(), 'availability'), field: 'availability', message: 'Välj när mentorn kan träffas' },
      { name: '0 adepts', form: mentorForm({ maxAdepts: '0' }), field: 'maxAdepts', message: 'Minst 1 adept' },
      { name: '6 adepts', form: mentorForm({ maxAdepts: '6' }), field: 'maxAdepts', message: 'Högst 5 adepter' },
      { name: 'a supplier', form: mentorForm({ organizationId: supplierOrg }), field: 'organizationId', message: 'Integrationspakten' },
      { name: 'future training', form: mentorForm({ trainingCompletedOn: addDays(today, 1) }), field: 'trainingCompletedOn', message: 'senare än i dag' },
    ];
    const before = await rowCounts();
    for (const c of cases) {
      const response = await postMentor(c.form);
      expect(response.status, c.name).toBe(400);
      const errors = errorsOf(await jsonOf<Reply>(response));
      expect(errors[c.field]?.join(' '), `${c.name}: ${JSON.stringify(errors)}`).toContain(c.message);
    }
    expect(await rowCounts()).toEqual(before);
    // The same form without the fault is accepted (the cases fail for their one reason).
    expect((await postMentor(mentorForm())).status).toBe(302);
    expect((await rowCounts()).mentors).toBe(before.mentors + 1);
  });

  it('refuses an adept registration: yrkesmentor without a goal, an ungdomsmentor of 40, a 15-year-old, no availability', async () => {
    const cases: { name: string; form: Form; field: string; message: string }[] = [
      { name: 'yrkesmentor without goal', form: adeptForm({ programme: 'yrkesmentor' }), field: 'goalOccupationCode', message: 'Yrkesmentor kräver ett yrkesmål' },
      { name: 'ungdomsmentor at 40', form: adeptForm({ programme: 'ungdomsmentor', birthYear: String(YEAR - 40) }), field: 'birthYear', message: 'upp till 29 år' },
      { name: '15 years old', form: adeptForm({ birthYear: String(YEAR - 15) }), field: 'birthYear', message: 'minst 16 år' },
      { name: 'no availability', form: without(adeptForm(), 'availability'), field: 'availability', message: 'Välj när adepten kan träffas' },
    ];
    const before = await rowCounts();
    for (const c of cases) {
      const response = await postAdept(c.form);
      expect(response.status, c.name).toBe(400);
      const errors = errorsOf(await jsonOf<Reply>(response));
      expect(errors[c.field]?.join(' '), `${c.name}: ${JSON.stringify(errors)}`).toContain(c.message);
    }
    expect(await rowCounts()).toEqual(before);
    expect((await postAdept(adeptForm({ programme: 'yrkesmentor', goalOccupationCode: occupationB }))).status).toBe(302);
  });

  it('refuses an ungdomsmentor adept whom pairing would never serve (30 by birth year, over the 29-year limit)', async () => {
    // Pairing (pairRefusal) refuses an ungdomsmentor adept whose age (year − birth year) is over 29;
    // registration must not accept one it can never pair.
    const before = await rowCounts();
    const response = await postAdept(adeptForm({ programme: 'ungdomsmentor', birthYear: String(YEAR - 30) }));
    expect(response.status).toBe(400);
    expect(errorsOf(await jsonOf<Reply>(response)).birthYear?.join(' ')).toContain('upp till 29 år');
    expect(await rowCounts()).toEqual(before);
    // 29 by birth year is fine.
    expect((await postAdept(adeptForm({ programme: 'ungdomsmentor', birthYear: String(YEAR - 29) }))).status).toBe(302);
  });

  it('refuses an approval without an interview date', async () => {
    const id = await registerMentor();
    const before = await rowCounts();
    for (const form of [{}, { interviewedOn: '' }, { interviewedOn: addDays(today, 1) }] as Form[]) {
      const response = await approve(id, form);
      expect(response.status, JSON.stringify(form)).toBe(400);
      expect(errorsOf(await jsonOf<Reply>(response)).interviewedOn?.join(' '), JSON.stringify(form)).toMatch(/Ange datum för intervjun|senare än i dag/);
    }
    expect(await rowCounts()).toEqual(before);
    const [row] = await db().select().from(mentors).where(eq(mentors.id, id));
    expect(row).toMatchObject({ status: 'registered', interviewedOn: null, approvedAt: null });
    expect(await auditRows('mentor.approved', id)).toHaveLength(0);
  });

  it('refuses a meeting in the future, of 4 or 601 minutes, without a topic, or before the pair was confirmed (409)', async () => {
    const { pairId } = await confirmedPair();
    const before = await rowCounts();
    const cases: { name: string; form: Form; field: string; message: string }[] = [
      { name: 'future', form: { metOn: addDays(today, 1) }, field: 'metOn', message: 'senare än i dag' },
      { name: '4 minutes', form: { minutes: '4' }, field: 'minutes', message: 'Minst 5 minuter' },
      { name: '601 minutes', form: { minutes: '601' }, field: 'minutes', message: 'Högst 600 minuter' },
      { name: 'empty topic', form: { topic: '  ' }, field: 'topic', message: 'Beskriv kort vad ni pratade om' },
    ];
    for (const c of cases) {
      const response = await meeting(pairId, c.form);
      expect(response.status, c.name).toBe(400);
      const errors = errorsOf(await jsonOf<Reply>(response));
      expect(errors[c.field]?.join(' '), `${c.name}: ${JSON.stringify(errors)}`).toContain(c.message);
    }
    const early = await meeting(pairId, { metOn: addDays(today, -1) });
    expect(early.status).toBe(409);
    const body = await jsonOf<Reply>(early);
    expect(body.ok).toBe(false);
    expect(errorsOf(body).metOn?.join(' ')).toContain('före att paret bekräftades');
    expect(await rowCounts()).toEqual(before);
    expect((await pairRow(pairId)).status).toBe('confirmed');
  });

  it('refuses ending a pair without an outcome, without a reason, or in the future', async () => {
    const { pairId } = await confirmedPair();
    const before = await rowCounts();
    const cases: { name: string; form: Form; field: string; message: string }[] = [
      { name: 'no outcome', form: without(endForm(), 'outcome'), field: 'outcome', message: 'Välj utfall' },
      { name: 'unknown outcome', form: endForm({ outcome: 'lottovinst' }), field: 'outcome', message: 'Välj utfall' },
      { name: 'empty reason', form: endForm({ reason: '' }), field: 'reason', message: 'Beskriv varför paret avslutas' },
      { name: 'future', form: endForm({ endedOn: addDays(today, 1) }), field: 'endedOn', message: 'senare än i dag' },
    ];
    for (const c of cases) {
      const response = await onPair(pairId, c.form);
      expect(response.status, c.name).toBe(400);
      const errors = errorsOf(await jsonOf<Reply>(response));
      expect(errors[c.field]?.join(' '), `${c.name}: ${JSON.stringify(errors)}`).toContain(c.message);
    }
    expect(await rowCounts()).toEqual(before);
    expect(await pairRow(pairId)).toMatchObject({ status: 'confirmed', endedOn: null, outcome: null, endReason: null });
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Suggestions
// ---------------------------------------------------------------------------------------------

describe('suggestions', () => {
  it('list only approved mentors with a free place who offer the adept’s programme', async () => {
    // A language only this test's people share puts its mentors at the top of the (capped) list.
    const language = `testspråk${next()}`;
    const registered = await registerMentor({ languages: language });
    const full = await approvedMentor({ maxAdepts: '1', languages: language });
    const free = await approvedMentor({ maxAdepts: '1', languages: language });
    const otherProgramme = await approvedMentor({ programmes: ['yrkesmentor', 'ungdomsmentor'], languages: language });
    const adept = await registerAdept({ languages: language });

    const partner = await registerAdept();
    const taken = await suggested(partner, full);
    // A suggestion holds no place: the mentor is still suggested until the pair is confirmed.
    expect(await suggestionsFor(adept)).toContain(full);
    expect((await confirm(taken)).status).toBe(200);

    const whileFull = await suggestionsFor(adept);
    expect(whileFull).toContain(free);
    expect(whileFull).not.toContain(registered);
    expect(whileFull).not.toContain(full);
    expect(whileFull).not.toContain(otherProgramme);

    expect((await end(taken)).status).toBe(200);
    const afterEnd = await suggestionsFor(adept);
    expect(afterEnd).toContain(full);
    expect(afterEnd).toContain(free);
    expect(afterEnd).not.toContain(registered);
    expect(afterEnd).not.toContain(otherProgramme);

    // Approving the registered mentor brings them in.
    expect((await approve(registered)).status).toBe(200);
    expect(await suggestionsFor(adept)).toContain(registered);
  });

  it('respect the adept’s wish for the mentor’s gender', async () => {
    const language = `testspråk${next()}`;
    const woman = await approvedMentor({ gender: 'kvinna', languages: language });
    const man = await approvedMentor({ gender: 'man', languages: language });
    const picky = await registerAdept({ preferredMentorGender: 'kvinna', languages: language });
    const open = await registerAdept({ languages: language });

    const forPicky = await suggestionsFor(picky);
    expect(forPicky).toContain(woman);
    expect(forPicky).not.toContain(man);
    const forOpen = await suggestionsFor(open);
    expect(forOpen).toContain(woman);
    expect(forOpen).toContain(man);

    const before = await rowCounts();
    const refused = await suggest(picky, man);
    expect(refused.status).toBe(409);
    expect((await jsonOf<{ message: string }>(refused)).message).toContain('annat kön');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuse a mentor who is not approved, or does not offer the programme, when the action is posted directly', async () => {
    const registered = await registerMentor();
    const otherProgramme = await approvedMentor({ programmes: ['yrkesmentor'] });
    const adept = await registerAdept();
    const before = await rowCounts();

    const notApproved = await suggest(adept, registered);
    expect(notApproved.status).toBe(409);
    expect((await jsonOf<{ message: string }>(notApproved)).message).toContain('inte godkänd');
    const wrongProgramme = await suggest(adept, otherProgramme);
    expect(wrongProgramme.status).toBe(409);
    expect((await jsonOf<{ message: string }>(wrongProgramme)).message).toContain('programmet');

    expect(await rowCounts()).toEqual(before);
    expect(await db().select().from(mentorPairs).where(eq(mentorPairs.adeptId, adept))).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Lifecycle
// ---------------------------------------------------------------------------------------------

describe('the pair lifecycle', () => {
  it('suggest → confirm with introduction e-mails → meeting makes it active → end with an outcome; then nothing more', async () => {
    const i = next();
    const mentorEmail = `astrid.lindqvist.${i}@exempel.se`;
    const adeptEmail = `yonas.haile.${i}@exempel.se`;
    const language = `testspråk${i}`;
    const mentorId = await approvedMentor({ firstName: 'Astrid', lastName: `Lindqvist${i}`, email: mentorEmail, phone: '070-555 66 77', languages: language });
    const adeptId = await registerAdept({ firstName: 'Yonas', lastName: `Haile${i}`, email: adeptEmail, languages: language });
    expect(await auditRows('mentor.registered', mentorId)).toHaveLength(1);
    expect(await auditRows('mentor.approved', mentorId)).toHaveLength(1);
    expect(await auditRows('adept.registered', adeptId)).toHaveLength(1);

    const response = await suggest(adeptId, mentorId);
    expect(response.status).toBe(302);
    const pairId = idFrom(response, '/mentorskap/par/');
    expect(await pairRow(pairId)).toMatchObject({ mentorId, adeptId, status: 'suggested', programme: 'sprakmentor', confirmedOn: null });
    expect(await auditRows('mentor-pair.suggested', pairId)).toHaveLength(1);
    // While the pair is open, the adept page suggests nobody else.
    expect(await suggestionsFor(adeptId)).toEqual([]);

    const confirmed = await confirm(pairId);
    expect(confirmed.status).toBe(200);
    expect(await jsonOf<Reply>(confirmed)).toMatchObject({ ok: true });
    expect(await pairRow(pairId)).toMatchObject({ status: 'confirmed', confirmedOn: today });
    expect(await auditRows('mentor-pair.confirmed', pairId)).toHaveLength(1);

    const mailsTo = (to: string) => db().select().from(emailOutbox).where(and(eq(emailOutbox.to, to), eq(emailOutbox.subject, INTRODUCTION_SUBJECT)));
    const toMentor = await mailsTo(mentorEmail);
    const toAdept = await mailsTo(adeptEmail);
    expect(toMentor).toHaveLength(1);
    expect(toAdept).toHaveLength(1);
    expect(toMentor[0]!.text).toContain(`Yonas Haile${i}`);
    expect(toMentor[0]!.text).toContain(adeptEmail);
    expect(toMentor[0]!.text).toContain('Inför första mötet');
    expect(toAdept[0]!.text).toContain(`Astrid Lindqvist${i}`);
    expect(toAdept[0]!.text).toContain(mentorEmail);
    expect(toAdept[0]!.text).toContain('Inför första mötet');
    expect(toAdept[0]!.text).toContain('Leila Ahmadi');

    const met = await meeting(pairId);
    expect(met.status).toBe(200);
    expect(await pairRow(pairId)).toMatchObject({ status: 'active' });
    expect(await db().select().from(mentorMeetings).where(eq(mentorMeetings.pairId, pairId))).toHaveLength(1);
    // A second meeting keeps it active.
    expect((await meeting(pairId, { topic: 'Intervjuträning' })).status).toBe(200);
    expect(await pairRow(pairId)).toMatchObject({ status: 'active' });

    const ended = await end(pairId, { outcome: 'work', reason: 'Adepten fick jobb som undersköterska' });
    expect(ended.status).toBe(200);
    expect(await pairRow(pairId)).toMatchObject({ status: 'ended', outcome: 'work', endedOn: today, endReason: 'Adepten fick jobb som undersköterska' });
    expect(await auditRows('mentor-pair.ended', pairId)).toHaveLength(1);

    const before = await rowCounts();
    expect((await confirm(pairId)).status).toBe(409);
    expect((await meeting(pairId)).status).toBe(409);
    expect((await end(pairId)).status).toBe(409);
    expect((await cancel(pairId)).status).toBe(409);
    expect(await rowCounts()).toEqual(before);
    expect(await pairRow(pairId)).toMatchObject({ status: 'ended', outcome: 'work' });
    // No second introduction.
    expect(await mailsTo(mentorEmail)).toHaveLength(1);
    // The adept is free for a new mentor.
    expect(await suggestionsFor(adeptId)).toContain(mentorId);
  });

  it('cancels a suggestion once; a cancelled pair cannot be confirmed and the adept can be suggested again', async () => {
    const mentorId = await approvedMentor();
    const adeptId = await registerAdept();
    const pairId = await suggested(adeptId, mentorId);
    const cancelled = await cancel(pairId);
    expect(cancelled.status).toBe(200);
    expect(await pairRow(pairId)).toMatchObject({ status: 'cancelled', confirmedOn: null });
    expect(await auditRows('mentor-pair.cancelled', pairId)).toHaveLength(1);

    const before = await rowCounts();
    expect((await cancel(pairId)).status).toBe(409);
    expect((await confirm(pairId)).status).toBe(409);
    expect((await meeting(pairId)).status).toBe(409);
    expect(await rowCounts()).toEqual(before);
    expect((await pairRow(pairId)).status).toBe('cancelled');

    const again = await suggested(adeptId, mentorId);
    expect(again).not.toBe(pairId);
  });

  it('cannot be skipped by writing the status directly (database trigger)', async () => {
    const mentorId = await approvedMentor();
    const adeptId = await registerAdept();
    const pairId = await suggested(adeptId, mentorId);
    await expect(
      db().update(mentorPairs).set({ status: 'ended', confirmedOn: today, endedOn: today, outcome: 'work' }).where(eq(mentorPairs.id, pairId)),
    ).rejects.toSatisfy((e) => isCheckViolation(e, 'mentor_pairs_transition'));
    await expect(db().update(mentorPairs).set({ status: 'active', confirmedOn: today }).where(eq(mentorPairs.id, pairId))).rejects.toSatisfy((e) =>
      isCheckViolation(e, 'mentor_pairs_transition'),
    );
    expect(await pairRow(pairId)).toMatchObject({ status: 'suggested', endedOn: null, outcome: null });

    // Once ended, never back.
    expect((await confirm(pairId)).status).toBe(200);
    expect((await end(pairId)).status).toBe(200);
    await expect(db().update(mentorPairs).set({ status: 'active' }).where(eq(mentorPairs.id, pairId))).rejects.toSatisfy((e) => isCheckViolation(e, 'mentor_pairs_transition'));
    expect((await pairRow(pairId)).status).toBe('ended');
  });
});

// ---------------------------------------------------------------------------------------------
// 4–5. Concurrency
// ---------------------------------------------------------------------------------------------

describe('under concurrency', () => {
  it('never lets a mentor have more confirmed pairs than their max adepts', async () => {
    const mentorEmail = `kapacitet.${next()}@exempel.se`;
    const mentorId = await approvedMentor({ maxAdepts: '2', email: mentorEmail });
    const pairIds: string[] = [];
    for (let k = 0; k < 5; k++) pairIds.push(await suggested(await registerAdept(), mentorId));

    const responses = await Promise.all(pairIds.map((id) => confirm(id)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 409, 409, 409]);
    for (const r of responses.filter((r) => r.status === 409)) expect((await jsonOf<{ message: string }>(r)).message).toContain('inga lediga platser');

    const confirmed = await db().select().from(mentorPairs).where(and(eq(mentorPairs.mentorId, mentorId), eq(mentorPairs.status, 'confirmed')));
    expect(confirmed).toHaveLength(2);
    expect(await db().select().from(mentorPairs).where(and(eq(mentorPairs.mentorId, mentorId), eq(mentorPairs.status, 'suggested')))).toHaveLength(3);
    // Only the confirmed pairs sent introductions (the refused ones rolled theirs back).
    expect(await db().select().from(emailOutbox).where(and(eq(emailOutbox.to, mentorEmail), eq(emailOutbox.subject, INTRODUCTION_SUBJECT)))).toHaveLength(2);

    // A full mentor cannot be suggested any more.
    const late = await suggest(await registerAdept(), mentorId);
    expect(late.status).toBe(409);
    expect((await jsonOf<{ message: string }>(late)).message).toContain('inga lediga platser');
  });

  it('keeps one open pair per adept: a second suggestion is refused, and of two at once exactly one is stored', async () => {
    const [a, b] = [await approvedMentor(), await approvedMentor()];
    const adept = await registerAdept();
    await suggested(adept, a);
    const before = await rowCounts();
    const second = await suggest(adept, b);
    expect(second.status).toBe(409);
    expect((await jsonOf<{ message: string }>(second)).message).toContain('redan ett par');
    expect(await rowCounts()).toEqual(before);

    const racing = await registerAdept();
    const both = await Promise.all([suggest(racing, a), suggest(racing, b)]);
    expect(both.map((r) => r.status).sort()).toEqual([302, 409]);
    expect(await db().select().from(mentorPairs).where(eq(mentorPairs.adeptId, racing))).toHaveLength(1);
    expect(await auditRows('mentor-pair.suggested', (await db().select().from(mentorPairs).where(eq(mentorPairs.adeptId, racing)))[0]!.id)).toHaveLength(1);

    // The same mentor twice at once: still one.
    const again = await registerAdept();
    const twice = await Promise.all([suggest(again, a), suggest(again, a)]);
    expect(twice.map((r) => r.status).sort()).toEqual([302, 409]);
    expect(await db().select().from(mentorPairs).where(eq(mentorPairs.adeptId, again))).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Health and reminders
// ---------------------------------------------------------------------------------------------

describe('pair health', () => {
  it('needs follow-up at exactly five weeks without a meeting; the coordinator is reminded once; a meeting resets it', async () => {
    // Today's housekeeping has already reminded about what was due before (the seed's demo pairs).
    await sendHealthReminders(getDb(), today);
    const mentor = await insertMentor();
    const [fresh, stale] = [await insertAdept(), await insertAdept()];
    const onTrack = await insertPair(mentor.id, fresh.id, { status: 'confirmed', confirmedOn: addDays(today, -34) });
    const due = await insertPair(mentor.id, stale.id, { status: 'confirmed', confirmedOn: addDays(today, -35) });

    const page = await home();
    expect(page.pairs.find((p) => p.id === onTrack)).toMatchObject({ health: 'on-track', status: 'confirmed' });
    expect(page.pairs.find((p) => p.id === due)).toMatchObject({ health: 'needs-follow-up', status: 'confirmed' });
    // Those needing follow-up come first.
    expect(page.pairs[0]!.health).toBe('needs-follow-up');

    const reminders = () => db().select().from(emailOutbox).where(and(eq(emailOutbox.to, COORDINATOR_EMAIL), eq(emailOutbox.template, 'mentor-follow-up'))).orderBy(desc(emailOutbox.createdAt));
    const before = (await reminders()).length;
    expect(await sendHealthReminders(getDb(), today)).toBe(1);
    const sent = await reminders();
    expect(sent).toHaveLength(before + 1);
    expect(sent[0]!.subject).toBe('1 mentorpar behöver uppföljning');
    expect(sent[0]!.text).toContain(`${mentor.name} och ${stale.name}`);
    expect(sent[0]!.text).not.toContain(fresh.name);
    expect((await pairRow(due)).followUpReminderSentAt).not.toBeNull();
    expect((await pairRow(onTrack)).followUpReminderSentAt).toBeNull();

    // Again the same day: nothing new.
    const emails = await rowsIn(emailOutbox);
    expect(await sendHealthReminders(getDb(), today)).toBe(0);
    expect(await rowsIn(emailOutbox)).toBe(emails);

    // A meeting today: active, on track, and the reminder flag cleared for the next time.
    expect((await meeting(due)).status).toBe(200);
    expect(await pairRow(due)).toMatchObject({ status: 'active', followUpReminderSentAt: null });
    expect((await home()).pairs.find((p) => p.id === due)).toMatchObject({ health: 'on-track', status: 'active' });
    expect(await sendHealthReminders(getDb(), today)).toBe(0);

  });
});

// ---------------------------------------------------------------------------------------------
// 7. Follow-up
// ---------------------------------------------------------------------------------------------

describe('the yearly follow-up on the start page', () => {
  it('counts confirmed pairs per tertial and adept gender, outcomes of ended pairs, and credits the mentor’s organisation', async () => {
    const key = (r: { tertial: number; gender: string }) => `T${r.tertial}|${r.gender}`;
    const tally = <T,>(rows: T[], by: (r: T) => string, n: (r: T) => number) => {
      const map = new Map<string, number>();
      for (const r of rows) map.set(by(r), (map.get(by(r)) ?? 0) + n(r));
      return map;
    };
    const snapshot = async () => {
      const { followUp } = await home();
      return {
        tertials: tally(followUp.byTertial, key, (r) => r.n),
        outcomes: tally(followUp.outcomes, (r) => String(r.outcome), (r) => r.n),
        organizations: tally(followUp.organizationsCredited, (r) => r.name, (r) => r.n),
      };
    };
    const delta = (after: Map<string, number>, before: Map<string, number>) => {
      const d: Record<string, number> = {};
      for (const k of new Set([...after.keys(), ...before.keys()])) {
        const change = (after.get(k) ?? 0) - (before.get(k) ?? 0);
        if (change) d[k] = change;
      }
      return d;
    };

    const before = await snapshot();
    const mentor = await insertMentor({ organizationId: creditedOrg, maxAdepts: 5 });
    const adept = (gender: 'kvinna' | 'man' | 'annat') => insertAdept({ gender }).then((a) => a.id);
    // T1 is January–April, T2 May–August, T3 September–December.
    // 15 January (T1), a woman: ended with work; 30 April (T1), a man: active.
    await insertPair(mentor.id, await adept('kvinna'), { status: 'ended', confirmedOn: `${YEAR}-01-15`, endedOn: `${YEAR}-04-30`, outcome: 'work', endReason: 'Jobb' });
    const april = await insertPair(mentor.id, await adept('man'), { status: 'active', confirmedOn: `${YEAR}-04-30` });
    // 2 May (T2), a man: active; 31 August (T2), another gender: ended with studies.
    const may = await insertPair(mentor.id, await adept('man'), { status: 'active', confirmedOn: `${YEAR}-05-02` });
    await insertPair(mentor.id, await adept('annat'), { status: 'ended', confirmedOn: `${YEAR}-08-31`, endedOn: `${YEAR}-10-15`, outcome: 'studies', endReason: 'Studier' });
    // 1 September (T3), a woman: active.
    const september = await insertPair(mentor.id, await adept('kvinna'), { status: 'active', confirmedOn: `${YEAR}-09-01` });
    await db().insert(mentorMeetings).values([april, may, september].map((pairId) => ({ pairId, metOn: today, minutes: 45, topic: 'Uppföljning' })));
    // Confirmed last year, ended this year: its outcome counts, its confirmation does not.
    await insertPair(mentor.id, await adept('man'), { status: 'ended', confirmedOn: `${YEAR - 1}-11-20`, endedOn: `${YEAR}-02-10`, outcome: 'other', endReason: 'Flyttade' });
    // A suggestion and a cancelled one are not matched pairs.
    await insertPair(mentor.id, await adept('kvinna'), { status: 'suggested' });
    await insertPair(mentor.id, await adept('man'), { status: 'cancelled' });

    const after = await snapshot();
    expect(delta(after.tertials, before.tertials)).toEqual({ 'T1|kvinna': 1, 'T1|man': 1, 'T2|man': 1, 'T2|annat': 1, 'T3|kvinna': 1 });
    expect(delta(after.outcomes, before.outcomes)).toEqual({ work: 1, studies: 1, other: 1 });
    expect(delta(after.organizations, before.organizations)).toEqual({ 'Mälarstrands Fastighetsservice AB': 5 });
  });
});

// ---------------------------------------------------------------------------------------------
// 8. Permissions
// ---------------------------------------------------------------------------------------------

describe('permissions', () => {
  it('turn away employers and coaches from the mentor list and registration (403), writing nothing', async () => {
    const [employer, coach, admin] = await Promise.all([loginAs('arbetsgivare.plus@insteg.test'), loginAs('coach.kista@insteg.test'), loginAs('admin@insteg.test')]);
    const before = await rowCounts();
    for (const [who, cookie] of [
      ['employer', employer],
      ['coach', coach],
    ] as const) {
      expect((await callLoader(mentorsPage.loader, '/mentorskap/mentorer', { cookie })).status, who).toBe(403);
      expect((await postMentor(mentorForm(), cookie)).status, who).toBe(403);
      expect((await callLoader(homePage.loader, '/mentorskap', { cookie })).status, who).toBe(403);
      expect((await postAdept(adeptForm(), cookie)).status, who).toBe(403);
    }
    expect(await rowCounts()).toEqual(before);
    // Not logged in: sent to the login page.
    const anonymous = await callLoader(mentorsPage.loader, '/mentorskap/mentorer');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toContain('/login');
    // The coordinator and an admin may.
    expect((await callLoader(mentorsPage.loader, '/mentorskap/mentorer', { cookie: coordinator })).status).toBe(200);
    expect((await callLoader(mentorsPage.loader, '/mentorskap/mentorer', { cookie: admin })).status).toBe(200);
  });
});

describe('cohort pairing through its page', () => {
  it('proposes the best total within capacities, keeps a locked pair, and saves the pairing as suggestions once', async () => {
    // An intake of its own: ungdomsmentor with a language nobody else in the database has.
    const language = `kohortspråk${next()}`;
    const strong = await approvedMentor({ programmes: ['ungdomsmentor'], languages: language, maxAdepts: '1', availability: ['weekend'] });
    const weak = await approvedMentor({ programmes: ['ungdomsmentor'], languages: 'engelska', maxAdepts: '1', availability: ['weekday_daytime'] });
    const youth = { programme: 'ungdomsmentor', birthYear: String(YEAR - 20), languages: language, availability: ['weekend'] };
    const a1 = await registerAdept(youth);
    const a2 = await registerAdept(youth);
    const url = (query: string) => `/mentorskap/kohort?program=ungdomsmentor${query}`;
    const read = async (query = '') => jsonOf<{ candidates: { mentors: { id: string; capacity: number }[] }; result: { pairs: { adept: string; mentor: string; score: number; locked: boolean }[]; total: number }; error: string | null }>(await callLoader(cohortPage.loader, url(query), { cookie: coordinator }));

    const free = await read();
    // The whole intake (demo adepts and mentors of the programme too): within capacities, one mentor per adept.
    type View = Awaited<ReturnType<typeof read>> & { candidates: { mentors: { id: string; capacity: number }[] } };
    const checkFeasible = (view: View) => {
      const perMentor = new Map<string, number>();
      for (const p of view.result.pairs) perMentor.set(p.mentor, (perMentor.get(p.mentor) ?? 0) + 1);
      for (const m of view.candidates.mentors) expect(perMentor.get(m.id) ?? 0).toBeLessThanOrEqual(m.capacity);
      expect(new Set(view.result.pairs.map((p) => p.adept)).size).toBe(view.result.pairs.length);
      expect(view.result.total).toBe(view.result.pairs.reduce((sum, p) => sum + p.score, 0));
    };
    checkFeasible(free as View);
    expect(free.result.pairs.length).toBeGreaterThan(0);

    // Lock a2 with the strong mentor (capacity 1): the pair is in, and the mentor takes nobody else.
    const lockedView = await read(`&las=${a2}:${strong}`);
    checkFeasible(lockedView as View);
    expect(lockedView.result.pairs).toContainEqual(expect.objectContaining({ adept: a2, mentor: strong, locked: true }));
    expect(lockedView.result.pairs.filter((p) => p.mentor === strong)).toHaveLength(1);
    expect(lockedView.result.total).toBeLessThanOrEqual(free.result.total);

    // A lock the intake cannot hold is refused with a message.
    const refused = await callLoader(cohortPage.loader, url(`&las=${a1}:${strong}&las=${a2}:${strong}`), { cookie: coordinator });
    expect(refused.status).toBe(400);
    expect((await jsonOf<{ error: string }>(refused)).error).toContain('fler låsta par än lediga platser');

    const save = () => callAction(cohortPage.action, '/mentorskap/kohort', formData({ intent: 'save', program: 'ungdomsmentor', las: [`${a2}:${strong}`] }), { cookie: coordinator });
    const saved = await save();
    expect(saved.status).toBe(302);
    const [savedPair] = await db().select().from(mentorPairs).where(and(eq(mentorPairs.adeptId, a2), eq(mentorPairs.fromCohort, true)));
    expect(savedPair).toMatchObject({ mentorId: strong, status: 'suggested', programme: 'ungdomsmentor' });
    expect(savedPair!.explanation.length).toBeGreaterThan(0);
    expect(await auditRows('mentor-cohort.saved')).not.toHaveLength(0);
    // Saving again finds the adepts paired: nothing more for them.
    await save();
    expect((await db().select().from(mentorPairs).where(eq(mentorPairs.adeptId, a2))).length).toBe(1);
    expect((await db().select().from(mentorPairs).where(eq(mentorPairs.adeptId, a1))).length).toBeLessThanOrEqual(1);
    expect(weak).toBeTruthy();
  });
});

describe('a mentor registered from a published mentor slot', () => {
  it('gets the slot’s organisation, programme and occupation filled in, and keeps the link; another organisation is refused', async () => {
    const [slot] = await db()
      .insert(openings)
      .values({
        organizationId: plusOrg,
        kind: 'mentor',
        subtype: 'yrkesmentor',
        title: 'Mentor inom vården',
        description: 'Erfaren undersköterska som vill vara mentor.',
        workplaceAddress: 'Hallonbergsplan 3',
        occupationCode: occupationA,
        places: 1,
        startDate: addDays(today, 30),
        endDate: addDays(today, 230),
        applicationDeadline: addDays(today, 20),
        contactName: 'Maria Nilsson',
        contactEmail: 'maria@exempel.se',
        supervisorName: 'Maria Nilsson',
        details: { programme: 'yrkesmentor', mentorOccupationCode: occupationA, meetingFrequency: 'monthly' },
        status: 'published',
        publishedAt: new Date(),
      })
      .returning({ id: openings.id });
    const page = await jsonOf<{ slot: { organizationId: string; programmes: string[]; occupationCode: string } | null }>(
      await callLoader(mentorsPage.loader, `/mentorskap/mentorer?plats=${slot!.id}`, { cookie: coordinator }),
    );
    expect(page.slot).toMatchObject({ organizationId: plusOrg, programmes: ['yrkesmentor'], occupationCode: occupationA });
    const id = await registerMentor({ openingId: slot!.id, programmes: ['yrkesmentor'] });
    expect((await db().select({ openingId: mentors.openingId }).from(mentors).where(eq(mentors.id, id)))[0]!.openingId).toBe(slot!.id);
    const other = await postMentor(mentorForm({ openingId: slot!.id, organizationId: creditedOrg }));
    if (creditedOrg !== plusOrg) {
      expect(other.status).toBe(400);
      expect((await jsonOf<Reply>(other)).result!.error!.organizationId!.join(' ')).toContain('annan organisation');
    }
  });
});

describe('deactivating a mentor', () => {
  it('cancels open suggestions, keeps confirmed pairs, takes the mentor out of suggestions, and can be undone', async () => {
    const language = `inaktivspråk${next()}`;
    const mentor = await approvedMentor({ languages: language, maxAdepts: '3' });
    const [a1, a2] = [await registerAdept({ languages: language }), await registerAdept({ languages: language })];
    const suggest = (adept: string) => callAction(adeptPage.action, `/mentorskap/adepter/${adept}`, formData({ intent: 'suggest', mentorId: mentor }), { cookie: coordinator, params: { id: adept } });
    const pair1 = idFrom(await suggest(a1), '/mentorskap/par/');
    const pair2 = idFrom(await suggest(a2), '/mentorskap/par/');
    expect((await callAction(pairPage.action, `/mentorskap/par/${pair1}`, formData({ intent: 'confirm' }), { cookie: coordinator, params: { id: pair1 } })).status).toBe(200);

    const post = (intent: string) => callAction(mentorPage.action, `/mentorskap/mentorer/${mentor}`, formData({ intent }), { cookie: coordinator, params: { id: mentor } });
    expect((await post('deactivate')).status).toBe(200);
    expect((await post('deactivate')).status).toBe(409);
    const status = async (id: string) => (await db().select({ status: mentorPairs.status }).from(mentorPairs).where(eq(mentorPairs.id, id)))[0]!.status;
    expect(await status(pair1)).toBe('confirmed');
    expect(await status(pair2)).toBe('cancelled');
    const a3 = await registerAdept({ languages: language });
    const suggestions = async () =>
      (await jsonOf<{ suggestions: { mentorId: string }[] }>(await callLoader(adeptPage.loader, `/mentorskap/adepter/${a3}`, { cookie: coordinator, params: { id: a3 } }))).suggestions.map((s) => s.mentorId);
    expect(await suggestions()).not.toContain(mentor);
    expect((await suggest(a3)).status).toBe(409);
    expect((await auditRows('mentor.deactivated', mentor)).length).toBe(1);

    expect((await post('reactivate')).status).toBe(200);
    expect((await db().select({ status: mentors.status }).from(mentors).where(eq(mentors.id, mentor)))[0]!.status).toBe('approved');
    expect(await suggestions()).toContain(mentor);
  });
});
