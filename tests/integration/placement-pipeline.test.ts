/**
 * The placement pipeline end to end, through the pages people use, against the real PostgreSQL
 * of the test setup: a Kista coach proposes on the pair page, the employer answers on their
 * proposal page, the coach places, ends and follows up on the match page. Every step allowed to
 * its actor is taken once; every other step is refused from every status without touching the
 * row; people outside the match (another organisation, another Jobbtorg) do not reach it at all.
 * Also: places hold under 50 concurrent placements, one person cannot be placed twice at once,
 * the employer never sees a sensitive field, follow-ups fall due 3 and 6 months after the end
 * (month ends clamped) and remind the coach once, each step e-mails the right people and leaves
 * a match event and an audit row.
 */
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../app/aspirants/aspirant-bands';
import { getUser, type SessionUser } from '../../app/auth/auth.server';
import { todayInStockholm } from '../../app/dates';
import type { MatchStatus } from '../../app/matching/match-rules';
import { propose } from '../../app/matching/matching.server';
import { dueFollowUps } from '../../app/aspirants/aspirants.server';
import { moveMatch, sendFollowUpReminders } from '../../app/matching/pipeline.server';
import * as proposalPage from '../../app/routes/arbetsgivare.forslag.$id';
import * as proposalsPage from '../../app/routes/arbetsgivare.forslag._index';
import * as pairPage from '../../app/routes/matchning.$openingId.$aspirantId';
import * as matchPage from '../../app/routes/matchningar.$id';
import { getDb } from '../../app/services.server';
import { isCheckViolation } from '../../db/errors';
import { auditLog, emailOutbox, jobPartnerships, matchEvents, matches, organizations, placementFollowUps } from '../../db/schema';
import { employerAnswerSubject, followUpSubject, interviewSubject, placementSubject, proposalSubject } from '../../emails/match-notices';
import { auditRows, enrolAs, enrolForm, postProfile } from '../setup/aspirants';
import { addDays, createOpeningAs, openingRow, publishAs } from '../setup/openings';
import { BASE, callAction, callLoader, jsonOf, loginAs } from '../setup/remix';

const today = todayInStockholm();
const IP = '192.0.2.44';

const NOT_FROM_HERE = 'Det steget går inte att ta från förslagets nuvarande läge.';
const ALREADY_TAKEN = 'Steget är redan registrerat.';
const CAPACITY = 'Alla platser är redan tillsatta. Placeringen registrerades inte.';
const OVERLAP = 'Aspiranten har redan en placering under den perioden.';

const COACH_EMAIL = 'coach.kista@insteg.test';
const WALK_CONTACT = 'kontakt.pipeline@exempel.se';
const WALK_TITLE = 'Pipelinepraktik i vården';
/** The placement of the walked match: it began in June and ended on the last of August. */
const WALK_START = '2026-06-01';
const WALK_END = '2026-08-31';
const INTERVIEW_DATE = addDays(today, 7);

let kista: string;
let farsta: string;
let employer: string;
let otherEmployer: string;
let kistaUser: SessionUser;
let farstaUser: SessionUser;
let employerUser: SessionUser;
let kistaCoachId: string;
let employerUserId: string;

let walkOpening: string;

interface Person {
  id: string;
  firstName: string;
  lastName: string;
  /** 12 digits. */
  personnummer: string;
}
const people: Person[] = [];

type Actor = 'employer' | 'coach';
type Target = Exclude<MatchStatus, 'proposed'>;
const targets: Target[] = ['reviewed', 'interview', 'offer', 'placed', 'ended', 'declined', 'withdrawn'];

/** The steps each actor may take from each status; everything else must be refused. */
const allowed: Record<Actor, Partial<Record<MatchStatus, Target[]>>> = {
  employer: { proposed: ['reviewed', 'declined'], reviewed: ['interview', 'declined'], interview: ['offer', 'declined'], offer: ['declined'] },
  coach: { proposed: ['withdrawn'], reviewed: ['withdrawn'], interview: ['offer', 'withdrawn'], offer: ['placed', 'withdrawn'], placed: ['ended'] },
};

type Reply = { status?: string; error?: Record<string, string[] | null> | null };
type MoveBody = { reply: Reply; saved?: boolean; to?: string; intent?: string };

async function sessionUser(cookie: string): Promise<SessionUser> {
  const user = await getUser(new Request(`${BASE}/`, { headers: { Cookie: cookie } }));
  if (!user) throw new Error('no session behind the cookie');
  return user;
}

/** A valid form for each step (valid for the schema: any refusal comes from the pipeline). */
function formFor(to: Target): Record<string, string> {
  switch (to) {
    case 'reviewed':
      return { to, note: 'Vi vill gärna träffa kandidaten.' };
    case 'interview':
      return { to, interviewDate: INTERVIEW_DATE, interviewTime: '10:00', interviewPlace: 'Hallonbergsvägen 3, Sundbyberg' };
    case 'offer':
      return { to };
    case 'placed':
      return { to, startDate: WALK_START, endDate: '2026-12-31', supervisorEmail: 'Handledare.Pipeline@Exempel.se' };
    case 'ended':
      return { to, endDate: WALK_END, endReason: 'enligt_plan' };
    case 'declined':
      return { to, reason: 'sprak' };
    case 'withdrawn':
      return { to, reason: 'annan_plats', comment: 'Återtaget i testet.' };
  }
}

function postMove(actor: Actor, id: string, form: Record<string, string>, cookie?: string) {
  return actor === 'employer'
    ? callAction(proposalPage.action, `/arbetsgivare/forslag/${id}`, form, { cookie: cookie ?? employer, params: { id }, ip: IP })
    : callAction(matchPage.action, `/matchningar/${id}`, { intent: 'move', ...form }, { cookie: cookie ?? kista, params: { id }, ip: IP });
}

function postFollowUp(followUpId: string, matchId: string, outcome: string, employerOrganizationId = '') {
  return callAction(matchPage.action, `/matchningar/${matchId}`, { intent: 'follow-up', followUpId, outcome, employerOrganizationId }, { cookie: kista, params: { id: matchId }, ip: IP });
}

function proposalJson(id: string, cookie = employer) {
  return callLoader(proposalPage.loader, `/arbetsgivare/forslag/${id}`, { cookie, params: { id } });
}
function proposalsJson(cookie = employer) {
  return callLoader(proposalsPage.loader, '/arbetsgivare/forslag', { cookie });
}

async function matchRow(id: string) {
  const [row] = await getDb().select().from(matches).where(eq(matches.id, id));
  return row!;
}
async function eventsOf(id: string) {
  return getDb()
    .select({ fromStatus: matchEvents.fromStatus, toStatus: matchEvents.toStatus, actorUserId: matchEvents.actorUserId })
    .from(matchEvents)
    .where(eq(matchEvents.matchId, id))
    .orderBy(asc(matchEvents.id));
}
async function followUpsOf(matchId: string) {
  return getDb().select().from(placementFollowUps).where(eq(placementFollowUps.matchId, matchId)).orderBy(asc(placementFollowUps.checkpoint));
}
async function outboxIds() {
  return new Set((await getDb().select({ id: emailOutbox.id }).from(emailOutbox)).map((r) => r.id));
}
async function emailsSince(before: Set<string>) {
  const rows = await getDb().select().from(emailOutbox);
  return rows.filter((r) => !before.has(r.id));
}
async function totals(matchId: string) {
  const [[events], [audits], [emails]] = await Promise.all([
    getDb().select({ n: count() }).from(matchEvents).where(eq(matchEvents.matchId, matchId)),
    getDb().select({ n: count() }).from(auditLog).where(and(eq(auditLog.subjectId, matchId), eq(auditLog.action, 'match.status-changed'))),
    getDb().select({ n: count() }).from(emailOutbox),
  ]);
  return { events: events!.n, audits: audits!.n, emails: emails!.n };
}

const formErrors = (body: MoveBody) => body.reply.error?.[''] ?? null;

/** Enrols an aspirant with consent at Kista through the real enrolment action. */
async function enrolPerson(firstName: string, lastName: string, overrides: Record<string, string> = {}, targetGroups: string[] = []) {
  const form = await enrolForm({ firstName, lastName, ...overrides });
  let body: Record<string, string> | FormData = form;
  if (targetGroups.length) {
    const fd = new FormData();
    for (const [k, v] of Object.entries(form)) fd.append(k, v);
    for (const g of targetGroups) fd.append('targetGroups', g);
    body = fd;
  }
  const id = await enrolAs(kista, body);
  const person = { id, firstName, lastName, personnummer: form.personnummer.replace('-', '') };
  people.push(person);
  return person;
}

/** Proposes through the pair page's action as the Kista coach; returns the match id. */
async function proposeOnPage(openingId: string, aspirantId: string, message = 'Noggrann, punktlig och van vid kundkontakt.') {
  const response = await callAction(pairPage.action, `/matchning/${openingId}/${aspirantId}`, { message }, { cookie: kista, params: { openingId, aspirantId }, ip: IP });
  expect(response.status, await response.clone().text()).toBe(302);
  const id = /^\/matchningar\/([0-9a-f-]{36})\?foreslagen=1$/.exec(response.headers.get('Location') ?? '')?.[1];
  expect(id).toBeTruthy();
  return id!;
}

/** Moves a match along the pages (employer: interest, interview; coach: offer). */
async function advance(id: string, to: 'reviewed' | 'interview' | 'offer') {
  const path: Array<[Actor, Target]> = [
    ['employer', 'reviewed'],
    ['employer', 'interview'],
    ['coach', 'offer'],
  ];
  for (const [actor, step] of path) {
    const response = await postMove(actor, id, formFor(step));
    expect(response.status, `${step}: ${await response.clone().text()}`).toBe(200);
    if (step === to) return;
  }
}

async function placeOnPage(id: string, startDate: string, endDate: string, supervisorEmail = '') {
  return postMove('coach', id, { to: 'placed', startDate, endDate, supervisorEmail });
}

/**
 * Tries every step neither actor may take from the match's current status: each answers 409 with
 * the Swedish message, and nothing changes (row, events, audit, outbox). A step back to
 * "proposed" is not a step at all (400).
 */
async function expectEverythingElseRefused(id: string) {
  const before = await matchRow(id);
  const totalsBefore = await totals(id);
  for (const actor of ['employer', 'coach'] as const) {
    for (const to of targets) {
      if (allowed[actor][before.status]?.includes(to)) continue;
      const response = await postMove(actor, id, formFor(to));
      const label = `${actor} ${before.status} → ${to}`;
      expect(response.status, label).toBe(409);
      expect(formErrors(await jsonOf<MoveBody>(response)), label).toEqual([to === before.status ? ALREADY_TAKEN : NOT_FROM_HERE]);
      expect(await matchRow(id), label).toEqual(before);
    }
    const back = await postMove(actor, id, { to: 'proposed' });
    expect(back.status, `${actor} → proposed`).toBe(400);
    expect(JSON.stringify(await back.json())).toContain('Okänt steg');
  }
  expect(await matchRow(id)).toEqual(before);
  expect(await totals(id)).toEqual(totalsBefore);
}

/**
 * Takes one allowed step through the page and checks what every step leaves: the new status, one
 * match event and one audit row naming the actor and both statuses. Returns the e-mails queued.
 */
async function takeStep(actor: Actor, id: string, form: Record<string, string>) {
  const before = await matchRow(id);
  const eventsBefore = await eventsOf(id);
  const auditsBefore = await auditRows('match.status-changed', id);
  const mailsBefore = await outboxIds();
  const response = await postMove(actor, id, form);
  expect(response.status, await response.clone().text()).toBe(200);
  expect(await jsonOf<MoveBody>(response)).toMatchObject({ saved: true, to: form.to });
  const after = await matchRow(id);
  expect(after.status).toBe(form.to);
  const actorId = actor === 'employer' ? employerUserId : kistaCoachId;
  expect(await eventsOf(id)).toEqual([...eventsBefore, { fromStatus: before.status, toStatus: form.to, actorUserId: actorId }]);
  const audits = await auditRows('match.status-changed', id);
  expect(audits).toHaveLength(auditsBefore.length + 1);
  expect(audits.at(-1)).toMatchObject({
    actorUserId: actorId,
    subjectType: 'match',
    subjectId: id,
    ip: IP,
    details: { from: before.status, to: form.to, ids: [before.aspirantId] },
  });
  const mails = await emailsSince(mailsBefore);
  return { before, after, mails: mails.map((m) => ({ to: m.to, subject: m.subject, html: m.html, text: m.text, template: m.template })) };
}

const recipients = (mails: Array<{ to: string }>) => mails.map((m) => m.to).sort();

beforeAll(async () => {
  [kista, farsta, employer, otherEmployer] = await Promise.all([
    loginAs(COACH_EMAIL),
    loginAs('coach.farsta@insteg.test'),
    loginAs('arbetsgivare.plus@insteg.test'),
    loginAs('arbetsgivare.stad@insteg.test'),
  ]);
  [kistaUser, farstaUser, employerUser] = await Promise.all([sessionUser(kista), sessionUser(farsta), sessionUser(employer)]);
  kistaCoachId = kistaUser.id;
  employerUserId = employerUser.id;
  walkOpening = await createOpeningAs(employer, 'praktik', today, { title: WALK_TITLE, places: '5', contactEmail: WALK_CONTACT, contactName: 'Karin Kontakt' });
  await publishAs(employer, walkOpening);
});

describe('the pipeline walked through the pages, every other step refused from every status', () => {
  let walker: Person;
  let id: string;

  beforeAll(async () => {
    walker = await enrolPerson('Wilma', 'Vandrarsdottir');
  });

  it('proposed: the coach proposes on the pair page; one event, an audit row, one e-mail to the contact naming "Wilma V." only', async () => {
    const mailsBefore = await outboxIds();
    id = await proposeOnPage(walkOpening, walker.id, 'Wilma har två års erfarenhet av omsorg.');
    const row = await matchRow(id);
    expect(row).toMatchObject({ status: 'proposed', openingId: walkOpening, aspirantId: walker.id, proposedBy: kistaCoachId, message: 'Wilma har två års erfarenhet av omsorg.' });
    expect(await eventsOf(id)).toEqual([{ fromStatus: null, toStatus: 'proposed', actorUserId: kistaCoachId }]);
    expect(await auditRows('match.proposed', id)).toEqual([expect.objectContaining({ actorUserId: kistaCoachId, details: expect.objectContaining({ ids: [walker.id], openingId: walkOpening }) })]);

    const mails = await emailsSince(mailsBefore);
    expect(mails.map((m) => ({ to: m.to, subject: m.subject }))).toEqual([{ to: WALK_CONTACT, subject: proposalSubject(WALK_TITLE) }]);
    expect(mails[0]!.subject).toContain(WALK_TITLE);
    expect(mails[0]!.text).toContain('Wilma V.');
    for (const body of [mails[0]!.html, mails[0]!.text]) {
      expect(body).not.toContain(walker.lastName);
      expect(body).not.toContain(walker.personnummer.slice(2, 8));
    }

    await expectEverythingElseRefused(id);
  });

  it('nobody outside the match reaches it: another organisation\'s employer and a Farsta coach get 404, the row stays', async () => {
    const before = await matchRow(id);
    expect((await proposalJson(id, otherEmployer)).status).toBe(404);
    expect((await postMove('employer', id, formFor('reviewed'), otherEmployer)).status).toBe(404);
    expect((await postMove('employer', id, formFor('declined'), otherEmployer)).status).toBe(404);
    const theirList = await jsonOf<{ rows: Array<{ id: string }> }>(await proposalsJson(otherEmployer));
    expect(theirList.rows.map((r) => r.id)).not.toContain(id);

    expect((await callLoader(matchPage.loader, `/matchningar/${id}`, { cookie: farsta, params: { id } })).status).toBe(404);
    expect((await postMove('coach', id, formFor('withdrawn'), farsta)).status).toBe(404);
    expect((await postMove('coach', id, formFor('offer'), farsta)).status).toBe(404);
    expect(await matchRow(id)).toEqual(before);

    // The ones who do reach it see it.
    expect((await proposalJson(id)).status).toBe(200);
    expect((await callLoader(matchPage.loader, `/matchningar/${id}`, { cookie: kista, params: { id } })).status).toBe(200);
  });

  it('reviewed: the employer shows interest; the coach gets one e-mail', async () => {
    const { after, mails } = await takeStep('employer', id, formFor('reviewed'));
    expect(after.employerNote).toBe('Vi vill gärna träffa kandidaten.');
    expect(after.answeredAt).not.toBeNull();
    expect(mails.map((m) => ({ to: m.to, subject: m.subject }))).toEqual([{ to: COACH_EMAIL, subject: employerAnswerSubject(WALK_TITLE, 'reviewed') }]);
    expect(mails[0]!.subject).toContain(WALK_TITLE);
    await expectEverythingElseRefused(id);
  });

  it('interview: an interview in the past is refused next to its field; a booked one e-mails the contact and the coach', async () => {
    const before = await matchRow(id);
    const past = await postMove('employer', id, { ...formFor('interview'), interviewDate: addDays(today, -1) });
    expect(past.status).toBe(400);
    expect((await jsonOf<MoveBody>(past)).reply.error?.interviewDate).toEqual(['Intervjun kan inte bokas bakåt i tiden']);
    expect(await matchRow(id)).toEqual(before);

    const { after, mails } = await takeStep('employer', id, formFor('interview'));
    expect(after.interviewPlace).toBe('Hallonbergsvägen 3, Sundbyberg');
    // 10:00 Stockholm time on the chosen day.
    expect(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(after.interviewAt!)).toBe(`${INTERVIEW_DATE} 10:00`);
    expect(recipients(mails)).toEqual([COACH_EMAIL, WALK_CONTACT].sort());
    for (const m of mails) expect(m.subject).toBe(interviewSubject(WALK_TITLE));
    for (const m of mails) expect(m.text).not.toContain(walker.lastName);
    await expectEverythingElseRefused(id);
  });

  it('offer: the employer makes an offer; the coach gets one e-mail', async () => {
    const { mails } = await takeStep('employer', id, formFor('offer'));
    expect(mails.map((m) => ({ to: m.to, subject: m.subject }))).toEqual([{ to: COACH_EMAIL, subject: employerAnswerSubject(WALK_TITLE, 'offer') }]);
    await expectEverythingElseRefused(id);
  });

  it('placed: the coach records the placement; the contact and the supervisor get a confirmation', async () => {
    const { after, mails } = await takeStep('coach', id, formFor('placed'));
    expect(after).toMatchObject({ startDate: WALK_START, endDate: '2026-12-31', supervisorEmail: 'handledare.pipeline@exempel.se', endReason: null });
    expect(recipients(mails)).toEqual(['handledare.pipeline@exempel.se', WALK_CONTACT].sort());
    for (const m of mails) expect(m.subject).toBe(placementSubject(WALK_TITLE));
    for (const m of mails) expect(m.html).not.toContain(walker.lastName);
    await expectEverythingElseRefused(id);
  });

  it('ended: a last day in the future is refused; the real one ends the placement and creates follow-ups at +3 and +6 months, month ends clamped', async () => {
    const before = await matchRow(id);
    const future = await postMove('coach', id, { ...formFor('ended'), endDate: addDays(today, 1) });
    expect(future.status).toBe(409);
    expect((await jsonOf<MoveBody>(future)).reply.error?.endDate).toEqual(['Registrera avslutet när placeringen har slutat (sista dagen kan inte ligga i framtiden)']);
    const beforeStart = await postMove('coach', id, { ...formFor('ended'), endDate: '2026-05-31' });
    expect(beforeStart.status).toBe(409);
    expect((await jsonOf<MoveBody>(beforeStart)).reply.error?.endDate?.[0]).toContain(WALK_START);
    expect(await matchRow(id)).toEqual(before);
    expect(await followUpsOf(id)).toEqual([]);

    const { after } = await takeStep('coach', id, formFor('ended'));
    expect(after).toMatchObject({ endDate: WALK_END, endReason: 'enligt_plan', startDate: WALK_START });
    const followUps = await followUpsOf(id);
    expect(followUps.map((f) => ({ checkpoint: f.checkpoint, dueOn: f.dueOn, outcome: f.outcome, reminderSentAt: f.reminderSentAt }))).toEqual([
      { checkpoint: 3, dueOn: '2026-11-30', outcome: null, reminderSentAt: null },
      { checkpoint: 6, dueOn: '2027-02-28', outcome: null, reminderSentAt: null },
    ]);
    await expectEverythingElseRefused(id);
  });

  it('left one event and one status audit row per step, in order', async () => {
    const steps: MatchStatus[] = ['proposed', 'reviewed', 'interview', 'offer', 'placed', 'ended'];
    expect(await eventsOf(id)).toEqual(
      steps.map((to, i) => ({ fromStatus: i === 0 ? null : steps[i - 1], toStatus: to, actorUserId: ['reviewed', 'interview', 'offer'].includes(to) ? employerUserId : kistaCoachId })),
    );
    expect((await auditRows('match.status-changed', id)).map((a) => a.details)).toEqual(
      steps.slice(1).map((to, i) => ({ from: steps[i], to, ids: [walker.id] })),
    );
  });

  it('the database itself refuses a step outside the table and a match that does not start as proposed', async () => {
    // Another match, placed, on an opening with free places.
    const person = await enrolPerson('Tove', 'Triggersdottir');
    const placedId = await proposeOnPage(walkOpening, person.id);
    await advance(placedId, 'offer');
    expect((await placeOnPage(placedId, '2028-01-01', '2028-03-31')).status).toBe(200);
    const before = await matchRow(placedId);
    expect(before.status).toBe('placed');

    const constraintOf = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        return isCheckViolation(error, 'matches_status_transition') ? 'matches_status_transition' : `other: ${String(error)}`;
      }
      return 'no error';
    };
    expect(await constraintOf(() => getDb().execute(sql`update matches set status = 'proposed' where id = ${placedId}`))).toBe('matches_status_transition');
    expect(await constraintOf(() => getDb().execute(sql`update matches set status = 'withdrawn', closed_reason = 'annat' where id = ${placedId}`))).toBe('matches_status_transition');
    expect(await matchRow(placedId)).toEqual(before);
    // A new match straight into 'placed' (free place, no overlapping placement of the person).
    const fresh = await enrolPerson('Ulla', 'Insattsdottir');
    expect(
      await constraintOf(() =>
        getDb().insert(matches).values({ openingId: walkOpening, aspirantId: fresh.id, status: 'placed', score: 1, explanation: [], weightsVersion: 1, startDate: '2028-01-01', endDate: '2028-02-01' }),
      ),
    ).toBe('matches_status_transition');
    const [{ n } = { n: -1 }] = await getDb().select({ n: count() }).from(matches).where(eq(matches.aspirantId, fresh.id));
    expect(n).toBe(0);
  });
});

describe('declined by the employer and withdrawn by the coach, from every status before a placement', () => {
  for (const status of ['proposed', 'reviewed', 'interview', 'offer'] as const) {
    it(`from ${status}: both close the match with their reason, the employer's "no" reaches the coach, and nothing moves afterwards`, async () => {
      const [a, b] = await Promise.all([enrolPerson('Dina', `Nejsdottir-${status}`), enrolPerson('Rasmus', `Tillbakasson-${status}`)]);
      const declinedId = await proposeOnPage(walkOpening, a.id);
      const withdrawnId = await proposeOnPage(walkOpening, b.id);
      if (status !== 'proposed') {
        await advance(declinedId, status);
        await advance(withdrawnId, status);
      }
      expect((await matchRow(declinedId)).status).toBe(status);

      // The coach cannot say no for the employer, nor the employer withdraw for the coach.
      for (const [actor, matchId, to] of [
        ['coach', declinedId, 'declined'],
        ['employer', withdrawnId, 'withdrawn'],
      ] as const) {
        const wrong = await postMove(actor, matchId, formFor(to));
        expect(wrong.status).toBe(409);
        expect(formErrors(await jsonOf<MoveBody>(wrong))).toEqual([NOT_FROM_HERE]);
      }

      const declined = await takeStep('employer', declinedId, { to: 'declined', reason: 'sprak', comment: 'Svenska på högre nivå behövs.' });
      expect(declined.after).toMatchObject({ status: 'declined', closedReason: 'sprak', closedComment: 'Svenska på högre nivå behövs.' });
      expect(declined.mails.map((m) => ({ to: m.to, subject: m.subject }))).toEqual([{ to: COACH_EMAIL, subject: employerAnswerSubject(WALK_TITLE, 'declined') }]);

      const withdrawn = await takeStep('coach', withdrawnId, { to: 'withdrawn', reason: 'annan_plats', comment: 'Har fått en annan plats.' });
      expect(withdrawn.after).toMatchObject({ status: 'withdrawn', closedReason: 'annan_plats', closedComment: 'Har fått en annan plats.' });

      await expectEverythingElseRefused(declinedId);
      await expectEverythingElseRefused(withdrawnId);
    });
  }

  it('a reason is required: without one the step is refused next to its field', async () => {
    const person = await enrolPerson('Signe', 'Skälsdottir');
    const matchId = await proposeOnPage(walkOpening, person.id);
    const before = await matchRow(matchId);
    const noReason = await postMove('employer', matchId, { to: 'declined' });
    expect(noReason.status).toBe(400);
    expect((await jsonOf<MoveBody>(noReason)).reply.error?.reason).toEqual(['Välj ett skäl']);
    const noWithdrawReason = await postMove('coach', matchId, { to: 'withdrawn' });
    expect(noWithdrawReason.status).toBe(400);
    expect((await jsonOf<MoveBody>(noWithdrawReason)).reply.error?.reason).toEqual(['Välj ett skäl']);
    expect(await matchRow(matchId)).toEqual(before);
  });
});

describe('capacity and overlap', () => {
  it('50 concurrent placements into a 10-place opening: exactly 10 go through, 40 get the capacity message, the opening is filled', async () => {
    const opening = await createOpeningAs(employer, 'praktik', today, { title: 'Kapacitetspraktik', places: '10', contactEmail: 'kontakt.kapacitet@exempel.se' });
    await publishAs(employer, opening);
    const crowd: Person[] = [];
    for (let i = 0; i < 50; i++) crowd.push(await enrolPerson('Kapa', `Citetsson${i}`));
    const proposed = await Promise.all(crowd.map((p) => propose(kistaUser, { openingId: opening, aspirantId: p.id, message: null }, IP)));
    const ids = proposed.map((r) => {
      if (!r?.ok) throw new Error(`proposal refused: ${JSON.stringify(r)}`);
      return r.matchId;
    });
    for (const [user, input] of [
      [employerUser, { to: 'reviewed', note: null }],
      [employerUser, { to: 'interview', interviewDate: INTERVIEW_DATE, interviewTime: '09:00', interviewPlace: 'Kontoret', note: null }],
      [kistaUser, { to: 'offer', note: null }],
    ] as const) {
      const moved = await Promise.all(ids.map((id) => moveMatch(user, id, input, IP)));
      expect(moved.every((r) => r?.ok)).toBe(true);
    }

    const mailsBefore = await outboxIds();
    const responses = await Promise.all(ids.map((id) => placeOnPage(id, '2027-01-10', '2027-03-31')));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const response of responses.filter((r) => r.status === 409)) expect(formErrors(await jsonOf<MoveBody>(response))).toEqual([CAPACITY]);

    const [placed] = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from matches where opening_id = ${opening} and status = 'placed'`);
    expect(placed!.n).toBe(10);
    const [offers] = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from matches where opening_id = ${opening} and status = 'offer'`);
    expect(offers!.n).toBe(40);
    expect((await openingRow(opening))!.status).toBe('filled');
    expect(await auditRows('opening.filled', opening)).toHaveLength(1);
    // Only the ten that went through left a step, an audit row and a confirmation.
    const [events] = await getDb().select({ n: count() }).from(matchEvents).where(and(inArray(matchEvents.matchId, ids), eq(matchEvents.toStatus, 'placed')));
    expect(events!.n).toBe(10);
    const placedAudits = (await getDb().select({ details: auditLog.details }).from(auditLog).where(and(eq(auditLog.action, 'match.status-changed'), inArray(auditLog.subjectId, ids)))).filter(
      (a) => (a.details as { to: string }).to === 'placed',
    );
    expect(placedAudits).toHaveLength(10);
    const mails = await emailsSince(mailsBefore);
    expect(mails).toHaveLength(10);
    for (const m of mails) expect(m).toMatchObject({ to: 'kontakt.kapacitet@exempel.se', subject: placementSubject('Kapacitetspraktik') });
  });

  it('one person cannot be placed in two openings at overlapping times: refused next to the start date, the row unchanged', async () => {
    const [first, second] = [
      await createOpeningAs(employer, 'praktik', today, { title: 'Överlapp A', places: '5' }),
      await createOpeningAs(employer, 'praktik', today, { title: 'Överlapp B', places: '5' }),
    ];
    await publishAs(employer, first);
    await publishAs(employer, second);
    const person = await enrolPerson('Olle', 'Överlappsson');
    const inFirst = await proposeOnPage(first, person.id);
    const inSecond = await proposeOnPage(second, person.id);
    await advance(inFirst, 'offer');
    await advance(inSecond, 'offer');
    expect((await placeOnPage(inFirst, '2027-01-10', '2027-03-31')).status).toBe(200);

    const before = await matchRow(inSecond);
    const totalsBefore = await totals(inSecond);
    const overlapping = await placeOnPage(inSecond, '2027-03-01', '2027-05-31');
    expect(overlapping.status).toBe(409);
    const body = await jsonOf<MoveBody>(overlapping);
    expect(body.reply.error?.startDate).toEqual([OVERLAP]);
    expect(formErrors(body)).toBeNull();
    expect(await matchRow(inSecond)).toEqual(before);
    expect(await totals(inSecond)).toEqual(totalsBefore);

    // Right after the first one ends, it goes through.
    expect((await placeOnPage(inSecond, '2027-04-01', '2027-05-31')).status).toBe(200);
    expect((await matchRow(inSecond)).status).toBe('placed');
  });
});

describe('the employer sees the candidate only through the projection', () => {
  let sensitive: Person;
  let shownId: string;
  let withdrawnId: string;
  const NOTES = 'Anteckning: skuldsanering pågår hos kronofogden';
  const NEEDS = 'Behöver höj- och sänkbart skrivbord på grund av ryggskada';
  const WITHDRAW_COMMENT = 'Samira mår dåligt och har sjukskrivits, se journal';
  const MESSAGE = 'Samira är noggrann och har erfarenhet av äldreomsorg.';

  beforeAll(async () => {
    sensitive = await enrolPerson('Samira', 'Hemligsson-Karlberg', { gender: 'kvinna', notes: NOTES, adaptationNeeds: NEEDS }, ['forsorjningsstod', 'funktionsnedsattning']);
    shownId = await proposeOnPage(walkOpening, sensitive.id, MESSAGE);
    const other = await createOpeningAs(employer, 'praktik', today, { title: 'Återtagen praktik', places: '2' });
    await publishAs(employer, other);
    withdrawnId = await proposeOnPage(other, sensitive.id, MESSAGE);
    expect((await postMove('coach', withdrawnId, { to: 'withdrawn', reason: 'halsa', comment: WITHDRAW_COMMENT })).status).toBe(200);
  });

  function expectNothingSensitive(serialized: string) {
    const pnr = sensitive.personnummer;
    const forms = [pnr, `${pnr.slice(0, 8)}-${pnr.slice(8)}`, pnr.slice(2), `${pnr.slice(2, 8)}-${pnr.slice(8)}`, `${pnr.slice(0, 4)}-${pnr.slice(4, 6)}-${pnr.slice(6, 8)}`];
    for (const f of forms) expect(serialized, `personnummer as ${f}`).not.toContain(f);
    for (const p of people) expect(serialized, `last name of ${p.firstName}`).not.toContain(p.lastName);
    expect(serialized).not.toContain('Hemligsson');
    for (const code of ['forsorjningsstod', 'funktionsnedsattning', 'targetGroups']) expect(serialized).not.toContain(code);
    expect(serialized).not.toContain(NOTES);
    expect(serialized).not.toContain('skuldsanering');
    expect(serialized).not.toContain(NEEDS);
    expect(serialized).not.toContain('ryggskada');
    expect(serialized).not.toContain('kvinna');
    expect(serialized).not.toContain('"gender"');
    expect(serialized).not.toContain(WITHDRAW_COMMENT);
    expect(serialized).not.toContain('sjukskrivits');
    expect(serialized).not.toContain('"halsa"');
    expect(serialized).not.toContain('"explanation"');
    expect(serialized).not.toContain('"score"');
    expect(serialized).not.toContain('"weightsVersion"');
    expect(serialized).not.toContain(sensitive.id);
  }

  it('the list and both proposal pages carry the display name and the message, never a sensitive field or the score explanation', async () => {
    const explanation = (await matchRow(shownId)).explanation;
    expect(explanation.length).toBeGreaterThan(0);

    const list = await proposalsJson();
    expect(list.status).toBe(200);
    const listText = await list.text();
    expectNothingSensitive(listText);
    for (const part of explanation) expect(listText).not.toContain(part.text);
    const rows = (JSON.parse(listText) as { rows: Array<{ id: string; candidate: { displayName: string } | null }> }).rows;
    expect(rows.find((r) => r.id === shownId)?.candidate?.displayName).toBe('Samira H.');

    for (const matchId of [shownId, withdrawnId]) {
      const page = await proposalJson(matchId);
      expect(page.status).toBe(200);
      const text = await page.text();
      expectNothingSensitive(text);
      for (const part of explanation) expect(text).not.toContain(part.text);
      expect(text).toContain('Samira H.');
      expect(text).toContain(MESSAGE);
      const { proposal } = JSON.parse(text) as { proposal: { candidate: { displayName: string } | null; closedReason: string | null; message: string } };
      expect(proposal.candidate?.displayName).toBe('Samira H.');
      expect(proposal.message).toBe(MESSAGE);
      // The coach's reason for withdrawing is not the employer's business.
      expect(proposal.closedReason).toBeNull();
    }
  });

  it('after the aspirant withdraws consent the proposal shows no candidate', async () => {
    const response = await postProfile(kista, sensitive.id, { intent: 'consent-withdraw' });
    expect(response.status).toBe(200);
    for (const matchId of [shownId, withdrawnId]) {
      const text = await (await proposalJson(matchId)).text();
      expect((JSON.parse(text) as { proposal: { candidate: unknown } }).proposal.candidate).toBeNull();
      expect(text).not.toContain('Samira H.');
      expectNothingSensitive(text);
    }
    const list = await jsonOf<{ rows: Array<{ id: string; candidate: unknown }> }>(await proposalsJson());
    expect(list.rows.find((r) => r.id === shownId)).toMatchObject({ candidate: null });
    expect(list.rows.find((r) => r.id === withdrawnId)).toMatchObject({ candidate: null });
    expect(JSON.stringify(list)).not.toContain('Samira H.');
  });
});

describe('outcome follow-ups', () => {
  let openingId: string;
  let plusOrgId: string;
  let memberOrgId: string;
  /** Ended four months ago: the 3-month follow-up is due, the 6-month one not yet. */
  let recent: { matchId: string; person: Person; three: string; six: string; sixDue: string };
  /** Ended seven months ago: both are due. */
  let older: { matchId: string; person: Person; three: string; six: string };

  async function endedPlacement(firstName: string, lastName: string, start: string, end: string) {
    const person = await enrolPerson(firstName, lastName);
    const matchId = await proposeOnPage(openingId, person.id);
    await advance(matchId, 'offer');
    expect((await placeOnPage(matchId, start, end)).status).toBe(200);
    const ended = await postMove('coach', matchId, { to: 'ended', endDate: end, endReason: 'arbete' });
    expect(ended.status, await ended.clone().text()).toBe(200);
    const [three, six] = await followUpsOf(matchId);
    expect([three!.checkpoint, six!.checkpoint]).toEqual([3, 6]);
    return { matchId, person, three: three!.id, six: six!.id, threeDue: three!.dueOn, sixDue: six!.dueOn };
  }

  beforeAll(async () => {
    openingId = await createOpeningAs(employer, 'praktik', today, { title: 'Uppföljningspraktik', places: '5' });
    await publishAs(employer, openingId);
    plusOrgId = employerUser.organizationId!;
    const [plus] = await getDb().select({ level: organizations.membershipLevel }).from(organizations).where(eq(organizations.id, plusOrgId));
    expect(plus!.level).toBe('plus');
    const [member] = await getDb()
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.membershipLevel, 'member'), sql`not exists (select 1 from ${jobPartnerships} where ${jobPartnerships.organizationId} = ${organizations.id})`))
      .limit(1);
    memberOrgId = member!.id;
    const r = await endedPlacement('Rut', 'Nyligensdottir', addMonths(today, -6), addMonths(today, -4));
    expect(r.threeDue <= today && r.sixDue > today).toBe(true);
    recent = r;
    const o = await endedPlacement('Otto', 'Tidigaresson', addMonths(today, -9), addMonths(today, -7));
    expect(o.threeDue <= today && o.sixDue <= today).toBe(true);
    older = o;
  });

  it('dueFollowUps lists the due ones for the proposing coach, none for a Farsta coach', async () => {
    const due = await dueFollowUps(kistaUser, today);
    const ids = due.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining([recent.three, older.three, older.six]));
    expect(ids).not.toContain(recent.six);
    expect(due.find((d) => d.id === recent.three)).toMatchObject({ matchId: recent.matchId, checkpoint: 3, openingTitle: 'Uppföljningspraktik', aspirantId: recent.person.id });
    // On the day the walked placement's follow-ups fall due, they are listed too.
    const walked = await dueFollowUps(kistaUser, '2027-02-28');
    expect(walked.filter((d) => d.openingTitle === WALK_TITLE).map((d) => d.dueOn)).toEqual(['2026-11-30', '2027-02-28']);
    expect(await dueFollowUps(farstaUser, '2027-12-31')).toEqual([]);
  });

  it('sendFollowUpReminders queues one e-mail to the coach per due follow-up, naming the opening and not the person, and none the second time', async () => {
    const all = await getDb().select().from(placementFollowUps);
    const expected = all.filter((f) => f.outcome === null && f.reminderSentAt === null && f.dueOn <= today);
    expect(expected.map((f) => f.id)).toEqual(expect.arrayContaining([recent.three, older.three, older.six]));

    const mailsBefore = await outboxIds();
    expect(await sendFollowUpReminders(getDb(), today)).toBe(expected.length);
    const mails = (await emailsSince(mailsBefore)).filter((m) => m.template === 'match-follow-up');
    expect(mails).toHaveLength(expected.length);
    expect((await emailsSince(mailsBefore)).length).toBe(expected.length);
    for (const m of mails) expect(m.to).toBe(COACH_EMAIL);
    expect(mails.map((m) => m.subject).sort()).toEqual(expected.map((f) => followUpSubject(f.checkpoint as 3 | 6)).sort());
    for (const m of mails) {
      for (const p of [recent.person, older.person]) {
        expect(m.text).not.toContain(p.lastName);
        expect(m.html).not.toContain(p.lastName);
      }
    }
    expect(mails.filter((m) => m.text.includes('Uppföljningspraktik'))).toHaveLength(3);
    const after = await getDb().select().from(placementFollowUps);
    for (const f of after) expect(f.reminderSentAt !== null, `${f.checkpoint} due ${f.dueOn}`).toBe(f.dueOn <= today);

    const again = await outboxIds();
    expect(await sendFollowUpReminders(getDb(), today)).toBe(0);
    expect(await emailsSince(again)).toEqual([]);

    // Later, the walked placement's 6-month follow-up falls due: one more e-mail, once.
    const walkedSix = after.find((f) => f.dueOn === '2027-02-28')!;
    if (walkedSix.reminderSentAt === null) {
      const later = await outboxIds();
      const pending = after.filter((f) => f.reminderSentAt === null && f.dueOn <= '2027-02-28');
      expect(await sendFollowUpReminders(getDb(), '2027-02-28')).toBe(pending.length);
      expect((await emailsSince(later)).map((m) => m.to)).toEqual(pending.map(() => COACH_EMAIL));
      expect(await sendFollowUpReminders(getDb(), '2027-02-28')).toBe(0);
    }
  });

  it('an outcome cannot be recorded before its day', async () => {
    const before = (await followUpsOf(recent.matchId))[1]!;
    const response = await postFollowUp(recent.six, recent.matchId, 'arbete', plusOrgId);
    expect(response.status).toBe(409);
    expect(formErrors(await jsonOf<MoveBody>(response))).toEqual([`Uppföljningen kan registreras från ${recent.sixDue}.`]);
    expect((await followUpsOf(recent.matchId))[1]).toEqual(before);
  });

  it('work at a plain member is not work through partnership; at the Plusmedlem it is', async () => {
    const atMember = await postFollowUp(recent.three, recent.matchId, 'arbete', memberOrgId);
    expect(atMember.status, await atMember.clone().text()).toBe(200);
    expect((await followUpsOf(recent.matchId))[0]).toMatchObject({ outcome: 'arbete', employerOrganizationId: memberOrgId, workThroughPartnership: false, recordedBy: kistaCoachId });
    expect((await followUpsOf(recent.matchId))[0]!.recordedAt).not.toBeNull();

    const atPlus = await postFollowUp(older.three, older.matchId, 'arbete', plusOrgId);
    expect(atPlus.status, await atPlus.clone().text()).toBe(200);
    expect((await followUpsOf(older.matchId))[0]).toMatchObject({ outcome: 'arbete', employerOrganizationId: plusOrgId, workThroughPartnership: true, recordedBy: kistaCoachId });
    expect(await auditRows('match.follow-up-recorded', older.matchId)).toEqual([
      expect.objectContaining({ actorUserId: kistaCoachId, details: { outcome: 'arbete', ids: [older.person.id] } }),
    ]);
  });

  it('studies with an employer are refused next to the employer field; studies alone are recorded', async () => {
    const before = (await followUpsOf(older.matchId))[1]!;
    const response = await postFollowUp(older.six, older.matchId, 'studier', plusOrgId);
    expect(response.status).toBe(400);
    expect((await jsonOf<MoveBody>(response)).reply.error?.employerOrganizationId).toEqual(['Arbetsgivare anges bara när personen arbetar']);
    expect((await followUpsOf(older.matchId))[1]).toEqual(before);

    expect((await postFollowUp(older.six, older.matchId, 'studier')).status).toBe(200);
    expect((await followUpsOf(older.matchId))[1]).toMatchObject({ outcome: 'studier', employerOrganizationId: null, workThroughPartnership: false });
    // Recorded follow-ups are no longer due.
    const due = (await dueFollowUps(kistaUser, today)).map((d) => d.id);
    expect(due).not.toContain(older.six);
    expect(due).not.toContain(older.three);
    expect(due).not.toContain(recent.three);
  });

  it('a Farsta coach cannot record an outcome of a Kista aspirant (404)', async () => {
    const before = (await followUpsOf(recent.matchId))[1]!;
    const response = await callAction(
      matchPage.action,
      `/matchningar/${recent.matchId}`,
      { intent: 'follow-up', followUpId: recent.six, outcome: 'varken' },
      { cookie: farsta, params: { id: recent.matchId } },
    );
    expect(response.status).toBe(404);
    expect((await followUpsOf(recent.matchId))[1]).toEqual(before);
  });
});

