/**
 * Feriejobb through the pages people use, against the real PostgreSQL of the test setup: a youth
 * applies on the public page and confirms by the e-mailed link (once, before it expires; a second
 * application replaces the first, never duplicates it); the coordinator checks priority groups,
 * runs an allocation as a background job, reviews and publishes it; the youth answers the offer by
 * its link (once, before the deadline); a second round hands out what was declined or left
 * unanswered. Also: reproducibility from the stored seed and input, capacity 0 and no places,
 * seats never oversold (database trigger, concurrent answers and publishes), an interrupted run
 * is computed again without duplicates, a worker that lost its run to another writes nothing (and
 * a live worker's heartbeat keeps it from losing it), and bad input changes nothing.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../app/aspirants/aspirant-bands';
import { deferredAcceptance } from '../../app/feriejobb/allocation';
import { computeRunResult, expireOffers, processAllocationRuns, processClaimedRun, saveRunResult } from '../../app/feriejobb/allocation.server';
import { ClaimLost, claimNextRun, requeueStaleRuns, withHeartbeat } from '../../app/feriejobb/run-claim.server';
import { applicationYear } from '../../app/feriejobb/feriejobb-rules';
import { todayInStockholm } from '../../app/dates';
import * as applyPage from '../../app/routes/feriejobb.ansok';
import * as confirmPage from '../../app/routes/feriejobb.bekrafta.$token';
import * as offerPage from '../../app/routes/feriejobb.erbjudande.$token';
import * as applicationPage from '../../app/routes/feriejobb.ansokningar.$id';
import * as runsPage from '../../app/routes/feriejobb.fordelning._index';
import * as runPage from '../../app/routes/feriejobb.fordelning.$id';
import { getDb } from '../../app/services.server';
import { isCheckViolation } from '../../db/errors';
import {
  districts,
  emailOutbox,
  feriejobbApplications,
  feriejobbEvents,
  feriejobbOffers,
  feriejobbRunResults,
  feriejobbRuns,
  feriejobbSubmissions,
  occupations,
  openings,
  type NewFeriejobbApplication,
} from '../../db/schema';
import { testPersonnummer } from '../../db/seed/random';
import { auditRows } from '../setup/aspirants';
import { orgId } from '../setup/openings';
import { callAction, callLoader, jsonOf, loginAs } from '../setup/remix';

const today = todayInStockholm();
const YEAR = applicationYear(today);
const db = () => getDb();

let coordinator: string;
let districtIds: number[];
let occupationCode: string;
let orgIds: string[];

beforeAll(async () => {
  coordinator = await loginAs('feriejobb.samordnare@insteg.test');
  districtIds = (await db().select({ id: districts.id }).from(districts).orderBy(asc(districts.id))).map((d) => d.id);
  const [occupation] = await db().select({ code: occupations.code }).from(occupations).where(eq(occupations.level, 4)).limit(1);
  occupationCode = occupation!.code;
  orgIds = await Promise.all(['Rinkeby-Kista stadsdelsförvaltning', 'Hallonbergens Vård och Omsorg AB'].map(orgId));
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** A birth date making the youth `age` on 1 June of `year`, `shift` days after the earliest such date. */
function bornFor(age: number, year: number, shift = 100) {
  return addDays(`${year - age - 1}-06-02`, shift);
}

let serialCursor = 0;
/** A test-series personnummer for a birth date, not handed out before in this file. */
function pnrFor(birthDate: string) {
  return testPersonnummer(birthDate, 980 + (serialCursor++ % 10));
}

function applicationForm(overrides: Record<string, string> = {}, birthDate = bornFor(17, YEAR)) {
  const pnr = pnrFor(birthDate);
  return {
    personnummer: `${pnr.slice(0, 8)}-${pnr.slice(8)}`,
    firstName: 'Nora',
    lastName: 'Feriesson',
    gender: 'kvinna',
    email: `nora.${serialCursor}@exempel.se`,
    phone: '070-123 45 67',
    districtId: String(districtIds[0]),
    area1: 'park_och_miljo',
    area2: 'kultur_och_fritid',
    months: '7',
    languages: 'arabiska, engelska',
    guardianName: 'Sara Feriesson',
    guardianEmail: `sara.${serialCursor}@exempel.se`,
    consent: 'on',
    ...overrides,
  };
}

async function apply(form: Record<string, string>) {
  return callAction(applyPage.action, '/feriejobb/ansok', form);
}

/** The link token in the latest e-mail to `to` whose text contains `path`. */
async function tokenFromEmail(to: string, path: string) {
  const [mail] = await db()
    .select({ text: emailOutbox.text })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.to, to), sql`${emailOutbox.text} like ${`%${path}%`}`))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  if (!mail) throw new Error(`no e-mail to ${to} with ${path}`);
  return new RegExp(`${path}([A-Za-z0-9_-]+)`).exec(mail.text)![1]!;
}

const confirm = (token: string) => callAction(confirmPage.action, `/feriejobb/bekrafta/${token}`, {}, { params: { token } });
const answer = (token: string, value: string) => callAction(offerPage.action, `/feriejobb/erbjudande/${token}`, { answer: value }, { params: { token } });

async function place(year: number, overrides: Partial<typeof openings.$inferInsert> = {}) {
  const start = `${year}-07-06`;
  const [row] = await db()
    .insert(openings)
    .values({
      organizationId: orgIds[0]!,
      kind: 'feriejobb',
      subtype: 'park_och_miljo',
      title: 'Parkarbetare sommar',
      description: 'Skötsel av parker.',
      workplaceAddress: 'Rinkebystråket 1',
      districtId: districtIds[0]!,
      occupationCode,
      places: 1,
      startDate: start,
      endDate: addDays(start, 18),
      applicationDeadline: `${year}-04-30`,
      ageMin: 16,
      ageMax: 19,
      contactName: 'Kim Kontakt',
      contactEmail: 'kim.kontakt@exempel.se',
      supervisorName: 'Hanna Handledare',
      details: { interestArea: 'park_och_miljo', totalHours: 60, dailyStart: '08:00', dailyEnd: '15:00', languageSupport: false, adaptedPlace: false },
      status: 'published',
      publishedAt: new Date(),
      ...overrides,
    })
    .returning({ id: openings.id });
  return row!.id;
}

async function youth(year: number, overrides: Partial<NewFeriejobbApplication> = {}) {
  const birthDate = overrides.birthDate ?? bornFor(17, year);
  const [row] = await db()
    .insert(feriejobbApplications)
    .values({
      year,
      personnummer: pnrFor(birthDate),
      birthDate,
      firstName: 'Elias',
      lastName: `Testsson${serialCursor}`,
      gender: 'man',
      email: `elias.${serialCursor}.${year}@exempel.se`,
      districtId: districtIds[0]!,
      interestAreas: ['park_och_miljo'],
      months: [6, 7, 8],
      consentAt: new Date(),
      ...overrides,
    })
    .returning({ id: feriejobbApplications.id });
  return row!.id;
}

async function startRunAs(year: number, form: Record<string, string> = {}) {
  return callAction(runsPage.action, `/feriejobb/fordelning?ar=${year}`, { answerDeadline: addDays(today, 7), ...form }, { cookie: coordinator });
}

/** Starts a run through the page and lets the background job compute it. */
async function runAllocation(year: number, form: Record<string, string> = {}) {
  const response = await startRunAs(year, form);
  expect(response.status).toBe(302);
  const id = response.headers.get('Location')!.split('/').pop()!;
  while (await processAllocationRuns(db())) {
    // until the queue is empty
  }
  const [run] = await db().select().from(feriejobbRuns).where(eq(feriejobbRuns.id, id));
  return run!;
}

const publish = (runId: string) => callAction(runPage.action, `/feriejobb/fordelning/${runId}`, { intent: 'publish' }, { cookie: coordinator, params: { id: runId } });

async function resultsOf(runId: string) {
  const rows = await db()
    .select({ applicationId: feriejobbRunResults.applicationId, openingId: feriejobbRunResults.openingId })
    .from(feriejobbRunResults)
    .where(eq(feriejobbRunResults.runId, runId));
  return new Map(rows.map((r) => [r.applicationId, r.openingId]));
}

// ---------------------------------------------------------------------------------------------
// Applying
// ---------------------------------------------------------------------------------------------

describe('the public application', () => {
  it('waits for the e-mailed link: nothing is an application until it is confirmed, once', async () => {
    const form = applicationForm();
    const response = await apply(form);
    expect(response.status).toBe(200);
    expect((await jsonOf<{ sent: boolean }>(response)).sent).toBe(true);
    const pnr = form.personnummer.replace('-', '');
    const stored = () => db().select().from(feriejobbApplications).where(eq(feriejobbApplications.personnummer, pnr));
    expect(await stored()).toHaveLength(0);

    const token = await tokenFromEmail(form.email, '/feriejobb/bekrafta/');
    // Opening the link (a mail client's preview) changes nothing.
    expect((await callLoader(confirmPage.loader, `/feriejobb/bekrafta/${token}`, { params: { token } })).status).toBe(200);
    expect(await stored()).toHaveLength(0);

    const confirmed = await confirm(token);
    expect(confirmed.status).toBe(200);
    expect(await jsonOf(confirmed)).toMatchObject({ status: 'confirmed', updated: false, firstName: 'Nora', year: YEAR });
    const [row] = await stored();
    expect(row).toMatchObject({ year: YEAR, interestAreas: ['park_och_miljo', 'kultur_och_fritid'], months: [7], languages: ['arabiska', 'engelska'], revision: 1, status: 'active' });
    const [submission] = await db().select().from(feriejobbSubmissions).where(eq(feriejobbSubmissions.applicationId, row!.id));
    expect(submission!.payload).toBeNull();
    const receipts = await db().select({ subject: emailOutbox.subject }).from(emailOutbox).where(eq(emailOutbox.to, form.email));
    expect(receipts.map((r) => r.subject)).toContain(`Din ansökan om feriejobb ${YEAR} är registrerad`);

    const again = await confirm(token);
    expect(again.status).toBe(410);
    expect(await jsonOf(again)).toEqual({ status: 'already-confirmed' });
    expect(await stored()).toHaveLength(1);
  });

  it('replaces the earlier application on a second confirmed one with the same personnummer, never duplicating it', async () => {
    const first = applicationForm();
    await apply(first);
    await confirm(await tokenFromEmail(first.email, '/feriejobb/bekrafta/'));
    const pnr = first.personnummer.replace('-', '');

    const second = { ...first, area1: 'lss', area2: '', months: '6', email: `ny.${first.email}` };
    await apply(second);
    const secondToken = await tokenFromEmail(second.email, '/feriejobb/bekrafta/');
    // Until it is confirmed, the first application stands as it was.
    const before = await db().select().from(feriejobbApplications).where(eq(feriejobbApplications.personnummer, pnr));
    expect(before).toHaveLength(1);
    expect(before[0]!.interestAreas).toEqual(['park_och_miljo', 'kultur_och_fritid']);

    expect(await jsonOf(await confirm(secondToken))).toMatchObject({ status: 'confirmed', updated: true });
    const after = await db().select().from(feriejobbApplications).where(eq(feriejobbApplications.personnummer, pnr));
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before[0]!.id, interestAreas: ['lss'], months: [6], email: second.email, revision: 2 });
    const events = await db().select({ kind: feriejobbEvents.kind }).from(feriejobbEvents).where(eq(feriejobbEvents.applicationId, before[0]!.id));
    expect(events.map((e) => e.kind).sort()).toEqual(['confirmed', 'updated']);
  });

  it('keeps the coordinator’s priority check when a youth applies again', async () => {
    const form = applicationForm();
    await apply(form);
    await confirm(await tokenFromEmail(form.email, '/feriejobb/bekrafta/'));
    const [row] = await db().select({ id: feriejobbApplications.id }).from(feriejobbApplications).where(eq(feriejobbApplications.email, form.email));
    await callAction(applicationPage.action, `/feriejobb/ansokningar/${row!.id}`, { intent: 'priority', priorityGroups: 'newcomer' }, { cookie: coordinator, params: { id: row!.id } });
    const again = { ...form, email: `igen.${form.email}` };
    await apply(again);
    await confirm(await tokenFromEmail(again.email, '/feriejobb/bekrafta/'));
    const [after] = await db().select().from(feriejobbApplications).where(eq(feriejobbApplications.id, row!.id));
    expect(after!.priorityGroups).toEqual(['newcomer']);
    expect(after!.priorityCheckedAt).not.toBeNull();
  });

  it('refuses an expired link and an unknown one, and writes nothing', async () => {
    const form = applicationForm();
    await apply(form);
    const token = await tokenFromEmail(form.email, '/feriejobb/bekrafta/');
    await db().update(feriejobbSubmissions).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(feriejobbSubmissions.email, form.email));
    const expired = await confirm(token);
    expect(expired.status).toBe(410);
    expect(await jsonOf(expired)).toEqual({ status: 'expired' });
    expect((await confirm('B'.repeat(43))).status).toBe(404);
    expect(await db().select().from(feriejobbApplications).where(eq(feriejobbApplications.personnummer, form.personnummer.replace('-', '')))).toHaveLength(0);
  });

  it.each([
    ['15 on 1 June', { birth: bornFor(15, YEAR) }, 'personnummer', `Du behöver ha fyllt 16 år senast den 1 juni ${YEAR}`],
    ['turning 16 on 2 June', { birth: addDays(`${YEAR - 16}-06-01`, 1) }, 'personnummer', 'Du behöver ha fyllt 16 år'],
    ['turning 20 on 1 June', { birth: `${YEAR - 20}-06-01` }, 'personnummer', 'Feriejobb är för dig som är 16–19 år'],
    ['under 18 without a guardian', { form: { guardianName: '', guardianEmail: '' } }, 'guardianName', 'ange namnet på en vårdnadshavare'],
    ['under 18 without a guardian contact', { form: { guardianEmail: '' } }, 'guardianPhone', 'vårdnadshavarens e-postadress eller telefonnummer'],
    ['the same area twice', { form: { area2: 'park_och_miljo' } }, 'area2', 'redan valt'],
    ['a gap between choices', { form: { area2: '', area3: 'lss' } }, 'area3', 'i ordning'],
    ['no month', { form: { months: '' } }, 'months', 'Välj minst en månad'],
    ['no consent', { form: { consent: '' } }, 'consent', 'samtycka'],
    ['an unknown district', { form: { districtId: '99999' } }, 'districtId', 'Välj stadsdelsområdet'],
  ])('refuses %s next to the field, and stores nothing', async (_name, c, field, message) => {
    const form = applicationForm((c as { form?: Record<string, string> }).form ?? {}, (c as { birth?: string }).birth);
    if (form.months === '') delete (form as Record<string, string>).months;
    const response = await apply(form);
    expect(response.status).toBe(400);
    const body = await jsonOf<{ result: { error: Record<string, string[]> } }>(response);
    expect(body.result.error[field]?.join(' ')).toContain(message);
    const [{ n }] = (await db().select({ n: count() }).from(feriejobbSubmissions).where(eq(feriejobbSubmissions.email, form.email))) as [{ n: number }];
    expect(n).toBe(0);
  });

  it.each([
    ['turning 16 on 1 June', `${YEAR - 16}-06-01`],
    ['turning 20 on 2 June (19 on 1 June)', `${YEAR - 20}-06-02`],
  ])('accepts someone %s', async (_name, birth) => {
    const response = await apply(applicationForm({}, birth));
    expect(response.status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// Allocation runs
// ---------------------------------------------------------------------------------------------

describe('an allocation run', () => {
  it('runs as a background job, is stable, explained, reproducible from its seed and stored input, and audit-logged', async () => {
    const year = YEAR + 10;
    const places = await Promise.all([place(year, { places: 2 }), place(year, { subtype: 'lss', places: 1, details: { interestArea: 'lss', adaptedPlace: true } })]);
    const kids = await Promise.all([
      youth(year, { interestAreas: ['park_och_miljo', 'lss'] }),
      youth(year, { interestAreas: ['lss', 'park_och_miljo'], priorityGroups: ['disability'] }),
      youth(year, { interestAreas: ['lss'] }),
      youth(year, { interestAreas: ['park_och_miljo'] }),
      youth(year, { interestAreas: ['park_och_miljo'], priorityGroups: ['first_time'] }),
    ]);
    const response = await startRunAs(year, { seed: '4242' });
    const id = response.headers.get('Location')!.split('/').pop()!;
    const [queued] = await db().select({ status: feriejobbRuns.status }).from(feriejobbRuns).where(eq(feriejobbRuns.id, id));
    expect(queued!.status).toBe('queued');
    expect(await processAllocationRuns(db())).toBe(true);
    const [run] = await db().select().from(feriejobbRuns).where(eq(feriejobbRuns.id, id));
    expect(run).toMatchObject({ status: 'review', progress: 100, seed: 4242, applicants: 5, places: 2, seats: 3, daPlaced: 3, maxPlaced: 3, blockingPairs: 0 });
    const results = await resultsOf(id);
    // The adapted LSS place puts the youth with a disability first; the first-time applicant is prioritised at the park.
    expect(results.get(kids[1]!)).toBe(places[1]);
    expect(results.get(kids[4]!)).toBe(places[0]);
    expect([...results.values()].filter(Boolean)).toHaveLength(3);

    // The stored input alone reproduces the result.
    const again = deferredAcceptance(run!.input!);
    run!.input!.applicants.forEach((a, i) => expect(again[i]! >= 0 ? run!.input!.places[again[i]!]!.id : null).toBe(results.get(a.id)));

    // Discard, run again with the same seed: the same result.
    await callAction(runPage.action, `/feriejobb/fordelning/${id}`, { intent: 'discard' }, { cookie: coordinator, params: { id } });
    const second = await runAllocation(year, { seed: '4242' });
    expect(await resultsOf(second.id)).toEqual(results);

    // The page explains each youth's result and its reads are logged.
    const page = await callLoader(runPage.loader, `/feriejobb/fordelning/${second.id}?visa=utan-plats`, { cookie: coordinator, params: { id: second.id } });
    const body = await jsonOf<{ results: { rows: { applicationId: string; explanation: { refusals: { reason: string; placeId: string }[] } }[] } }>(page);
    expect(body.results.rows).toHaveLength(2);
    for (const row of body.results.rows) expect(row.explanation.refusals.length).toBeGreaterThan(0);
    expect((await auditRows('feriejobb.run-results-viewed', second.id)).length).toBe(1);
  });

  it('handles no places at all and places with no free seats: nobody placed, each told why', async () => {
    const year = YEAR + 11;
    const kid = await youth(year);
    const empty = await runAllocation(year);
    expect(empty).toMatchObject({ status: 'review', places: 0, seats: 0, daPlaced: 0, maxPlaced: 0, blockingPairs: 0 });
    const [result] = await db().select().from(feriejobbRunResults).where(eq(feriejobbRunResults.runId, empty.id));
    expect(result).toMatchObject({ applicationId: kid, openingId: null, listLength: 0 });
    expect(result!.explanation.noEligiblePlaces).toBe(true);
    await callAction(runPage.action, `/feriejobb/fordelning/${empty.id}`, { intent: 'discard' }, { cookie: coordinator, params: { id: empty.id } });

    // A place whose only seat is already taken by an offer in force has capacity 0.
    const full = await place(year);
    const other = await youth(year);
    await db().insert(feriejobbOffers).values({ runId: empty.id, applicationId: other, openingId: full, tokenHash: `x-${full}`, deadline: addDays(today, 5) });
    const run = await runAllocation(year);
    expect(run).toMatchObject({ places: 1, seats: 0, daPlaced: 0, applicants: 1 });
  });

  it('refuses a second run while one is queued, and a start with bad input, next to the field', async () => {
    const year = YEAR + 12;
    expect((await startRunAs(year)).status).toBe(302);
    const refused = await startRunAs(year);
    expect(refused.status).toBe(409);
    expect((await jsonOf<{ result: { error: Record<string, string[]> } }>(refused)).result.error['']?.[0]).toContain('körs redan');
    const bad = await startRunAs(year + 1, { answerDeadline: today, seed: '-1' });
    expect(bad.status).toBe(400);
    const errors = (await jsonOf<{ result: { error: Record<string, string[]> } }>(bad)).result.error;
    expect(errors.answerDeadline?.[0]).toContain('efter i dag');
    expect(errors.seed?.[0]).toContain('heltal');
    expect(await db().select().from(feriejobbRuns).where(eq(feriejobbRuns.year, year + 1))).toHaveLength(0);
    while (await processAllocationRuns(db())) {
      // drain
    }
  });

  it('computes an interrupted run again from the start, without duplicate results', async () => {
    const year = YEAR + 13;
    await place(year);
    await youth(year);
    await youth(year);
    const [run] = await db()
      .insert(feriejobbRuns)
      .values({ year, round: 1, seed: 9, answerDeadline: addDays(today, 7), status: 'running', heartbeatAt: sql`now() - interval '10 minutes'`, progress: 50 })
      .returning({ id: feriejobbRuns.id });
    // What a dead process may have left: part of the results.
    const [someone] = await db().select({ id: feriejobbApplications.id }).from(feriejobbApplications).where(eq(feriejobbApplications.year, year)).limit(1);
    await db().insert(feriejobbRunResults).values({ runId: run!.id, applicationId: someone!.id, lottery: 0.5, priorityGroups: [], listLength: 0, explanation: { position: null, lottery: 0.5, refusals: [], noEligiblePlaces: true } });
    expect(await processAllocationRuns(db())).toBe(true);
    const [after] = await db().select().from(feriejobbRuns).where(eq(feriejobbRuns.id, run!.id));
    expect(after).toMatchObject({ status: 'review', applicants: 2, daPlaced: 1 });
    expect(await db().select().from(feriejobbRunResults).where(eq(feriejobbRunResults.runId, run!.id))).toHaveLength(2);
  });

  it('lets a worker that lost its run to another write nothing: the other’s result stands, even once published', async () => {
    const year = YEAR + 14;
    await place(year, { places: 2 });
    await youth(year);
    await youth(year);
    const [queued] = await db().insert(feriejobbRuns).values({ year, round: 1, seed: 14, answerDeadline: addDays(today, 7) }).returning({ id: feriejobbRuns.id });
    const id = queued!.id;
    const runRow = async () => (await db().select().from(feriejobbRuns).where(eq(feriejobbRuns.id, id)))[0]!;

    // Worker A takes the run and computes it, but is slow to save (a long phase without heartbeats).
    const a = await claimNextRun(db());
    expect(a).toEqual({ runId: id, attempt: 1 });
    const computedByA = await computeRunResult(db(), a!);
    expect(computedByA.instance.applicants).toHaveLength(2);

    // Meanwhile a youth applies, and A's heartbeat goes stale: worker B queues the run again,
    // takes it and computes it to the end, with the new youth in its input.
    const late = await youth(year);
    await db().update(feriejobbRuns).set({ heartbeatAt: sql`now() - interval '10 minutes'` }).where(eq(feriejobbRuns.id, id));
    expect(await processAllocationRuns(db())).toBe(true);
    expect(await runRow()).toMatchObject({ status: 'review', attempt: 2, applicants: 3, daPlaced: 2 });
    expect((await publish(id)).status).toBe(200);
    const published = await runRow();
    expect(published.status).toBe('published');
    const resultsOfB = await resultsOf(id);
    expect(resultsOfB.size).toBe(3);
    expect(resultsOfB.has(late)).toBe(true);

    // A's save comes now: refused under the run's row lock, nothing written.
    await expect(saveRunResult(db(), a!, computedByA)).rejects.toBeInstanceOf(ClaimLost);
    expect(await runRow()).toEqual(published);
    expect(await resultsOf(id)).toEqual(resultsOfB);

    // A's whole step as the worker runs it ends the same way: one line in the log, nothing
    // written, the run not marked failed.
    const warn = vi.mocked(console.warn);
    warn.mockClear();
    await processClaimedRun(db(), a!);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain(`feriejobb run ${id}: attempt 1 no longer holds the run (it is published under attempt 2)`);
    expect(await runRow()).toEqual(published);
    expect(await resultsOf(id)).toEqual(resultsOfB);
  });

  it('refuses the save of a worker that lost its run while the run is running again under another worker', async () => {
    const year = YEAR + 15;
    await place(year);
    await youth(year);
    const [queued] = await db().insert(feriejobbRuns).values({ year, round: 1, seed: 15, answerDeadline: addDays(today, 7) }).returning({ id: feriejobbRuns.id });
    const id = queued!.id;
    const a = await claimNextRun(db());
    const computedByA = await computeRunResult(db(), a!);
    await db().update(feriejobbRuns).set({ heartbeatAt: sql`now() - interval '10 minutes'` }).where(eq(feriejobbRuns.id, id));
    // Worker B's step, up to taking the run.
    await requeueStaleRuns(db());
    const b = await claimNextRun(db());
    expect(b).toEqual({ runId: id, attempt: 2 });

    // The run is running, but not under A's claim: A's save and progress write nothing.
    await expect(saveRunResult(db(), a!, computedByA)).rejects.toBeInstanceOf(ClaimLost);
    await expect(computeRunResult(db(), a!)).rejects.toBeInstanceOf(ClaimLost);
    expect(await db().select().from(feriejobbRunResults).where(eq(feriejobbRunResults.runId, id))).toHaveLength(0);
    const [running] = await db().select().from(feriejobbRuns).where(eq(feriejobbRuns.id, id));
    expect(running).toMatchObject({ status: 'running', attempt: 2, progress: 1, input: null });

    await processClaimedRun(db(), b!);
    const [done] = await db().select().from(feriejobbRuns).where(eq(feriejobbRuns.id, id));
    expect(done).toMatchObject({ status: 'review', attempt: 2, applicants: 1, daPlaced: 1 });
    expect(await db().select().from(feriejobbRunResults).where(eq(feriejobbRunResults.runId, id))).toHaveLength(1);
  });

  it('keeps the heartbeat of a running run fresh during a long phase, under its own claim only, and stops beating when the phase ends', async () => {
    const year = YEAR + 16;
    const [queued] = await db().insert(feriejobbRuns).values({ year, round: 1, seed: 16, answerDeadline: addDays(today, 7) }).returning({ id: feriejobbRuns.id });
    const id = queued!.id;
    const runRow = async () => (await db().select().from(feriejobbRuns).where(eq(feriejobbRuns.id, id)))[0]!;
    const heartbeat = async () => (await runRow()).heartbeatAt!.getTime();
    const makeStale = async () => {
      await db().update(feriejobbRuns).set({ heartbeatAt: sql`now() - interval '10 minutes'` }).where(eq(feriejobbRuns.id, id));
      return heartbeat();
    };
    const a = await claimNextRun(db());

    // A phase of 600 ms with a beat every 50 ms: the heartbeat keeps moving.
    const stale = await makeStale();
    const seen: number[] = [];
    await withHeartbeat(db(), a!, 50, async () => {
      for (let i = 0; i < 3; i++) {
        await sleep(200);
        seen.push(await heartbeat());
      }
    });
    expect(seen[0]!).toBeGreaterThan(stale + 9 * 60_000);
    expect(seen[1]!).toBeGreaterThan(seen[0]!);
    expect(seen[2]!).toBeGreaterThan(seen[1]!);
    // Its heartbeat fresh, the run is not taken from its live worker.
    expect(await processAllocationRuns(db())).toBe(false);
    expect(await runRow()).toMatchObject({ status: 'running', attempt: 1 });

    // Once the phase is over the beating stops, also when the phase fails.
    await expect(withHeartbeat(db(), a!, 50, () => Promise.reject(new Error('the phase failed')))).rejects.toThrow('the phase failed');
    const afterPhase = await makeStale();
    await sleep(200);
    expect(await heartbeat()).toBe(afterPhase);

    // Another worker takes the run over: A's beats no longer touch it (they would keep B's run
    // looking alive if B died).
    await requeueStaleRuns(db());
    const b = await claimNextRun(db());
    expect(b).toEqual({ runId: id, attempt: 2 });
    const staleB = await makeStale();
    await withHeartbeat(db(), a!, 50, () => sleep(200));
    expect(await heartbeat()).toBe(staleB);
    await processClaimedRun(db(), b!);
    expect(await runRow()).toMatchObject({ status: 'review', attempt: 2 });
  });
});

// ---------------------------------------------------------------------------------------------
// Publishing, answering, the second round
// ---------------------------------------------------------------------------------------------

describe('offers', () => {
  it('are e-mailed on publishing (with a guardian copy under 18), answered once by link before the deadline, and the rest goes to a second round', async () => {
    const year = YEAR + 20;
    const park = await place(year, { places: 2 });
    const lss = await place(year, { subtype: 'lss', details: { interestArea: 'lss' } });
    // Everyone lists both areas, so any seat freed in round 1 can go to either youth still waiting.
    const minor = await youth(year, { interestAreas: ['park_och_miljo', 'lss'], guardianEmail: 'vardnadshavare.test@exempel.se', guardianName: 'V. Vårdnadshavare' });
    const adult = await youth(year, { interestAreas: ['park_och_miljo', 'lss'], birthDate: bornFor(18, year) });
    const third = await youth(year, { interestAreas: ['lss', 'park_och_miljo'] });
    const more = [await youth(year, { interestAreas: ['park_och_miljo', 'lss'] }), await youth(year, { interestAreas: ['lss', 'park_och_miljo'] })];
    const everyone = [minor, adult, third, ...more];
    const run = await runAllocation(year, { answerDeadline: addDays(today, 3) });
    expect(run.daPlaced).toBe(3);

    const published = await publish(run.id);
    expect(published.status).toBe(200);
    const offers = await db().select().from(feriejobbOffers).where(eq(feriejobbOffers.runId, run.id));
    expect(offers).toHaveLength(3);
    expect(new Set(offers.map((o) => o.openingId))).toEqual(new Set([park, lss].filter((p) => offers.some((o) => o.openingId === p))));
    const emailOf = async (applicationId: string) => (await db().select({ email: feriejobbApplications.email }).from(feriejobbApplications).where(eq(feriejobbApplications.id, applicationId)))[0]!.email;
    const offered = offers.map((o) => o.applicationId);
    const waiting = everyone.filter((id) => !offered.includes(id));
    expect(waiting).toHaveLength(2);
    // Publishing again is refused; nothing is sent twice.
    expect((await publish(run.id)).status).toBe(409);
    expect(await db().select().from(feriejobbOffers).where(eq(feriejobbOffers.runId, run.id))).toHaveLength(3);
    if (offered.includes(minor)) {
      const copies = await db().select().from(emailOutbox).where(and(eq(emailOutbox.to, 'vardnadshavare.test@exempel.se'), eq(emailOutbox.template, 'feriejobb-offer-guardian')));
      expect(copies).toHaveLength(1);
    }

    // Accept once: the link then says it is answered, and the answer stands.
    const [firstOffered, secondOffered, thirdOffered] = offered as [string, string, string];
    const acceptToken = await tokenFromEmail(await emailOf(firstOffered), '/feriejobb/erbjudande/');
    const view = await callLoader(offerPage.loader, `/feriejobb/erbjudande/${acceptToken}`, { params: { token: acceptToken } });
    expect(view.status).toBe(200);
    const both = await Promise.all([answer(acceptToken, 'accept'), answer(acceptToken, 'decline')]);
    const statuses = both.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 410]);
    const [accepted] = await db().select().from(feriejobbOffers).where(eq(feriejobbOffers.applicationId, firstOffered));
    expect(['accepted', 'declined']).toContain(accepted!.status);
    expect((await answer(acceptToken, 'accept')).status).toBe(410);
    expect((await callLoader(offerPage.loader, `/feriejobb/erbjudande/${acceptToken}`, { params: { token: acceptToken } })).status).toBe(410);

    // Decline one; let the third lapse.
    const declineToken = await tokenFromEmail(await emailOf(secondOffered), '/feriejobb/erbjudande/');
    expect((await answer(declineToken, 'decline')).status).toBe(200);
    const lapseToken = await tokenFromEmail(await emailOf(thirdOffered), '/feriejobb/erbjudande/');
    await db().update(feriejobbOffers).set({ deadline: addDays(today, -1) }).where(eq(feriejobbOffers.applicationId, thirdOffered));
    const late = await answer(lapseToken, 'accept');
    expect(late.status).toBe(410);
    expect(await jsonOf(late)).toEqual({ status: 'expired' });
    expect((await db().select().from(feriejobbOffers).where(eq(feriejobbOffers.applicationId, thirdOffered)))[0]!.status).toBe('expired');
    expect(await expireOffers(db(), today)).toBe(0);

    // Round 2: the seats of the declined and lapsed offers, for those who have had no offer.
    const round2 = await runAllocation(year);
    expect(round2.round).toBe(2);
    expect(round2.applicants).toBe(2);
    expect(round2.seats).toBe(accepted!.status === 'accepted' ? 2 : 3);
    const results = await resultsOf(round2.id);
    expect([...results.keys()].sort()).toEqual([...waiting].sort());
    expect([...results.values()].filter(Boolean)).toHaveLength(2);
    expect((await publish(round2.id)).status).toBe(200);
    expect(await db().select().from(feriejobbOffers).where(and(eq(feriejobbOffers.runId, round2.id), inArray(feriejobbOffers.applicationId, waiting)))).toHaveLength(2);
  });

  it('lapse in housekeeping after the deadline', async () => {
    const year = YEAR + 21;
    await place(year);
    const kid = await youth(year);
    const run = await runAllocation(year, { answerDeadline: addDays(today, 1) });
    await publish(run.id);
    expect(await expireOffers(db(), addDays(today, 1))).toBe(0);
    expect(await expireOffers(db(), addDays(today, 2))).toBe(1);
    const [offer] = await db().select().from(feriejobbOffers).where(eq(feriejobbOffers.applicationId, kid));
    expect(offer!.status).toBe('expired');
  });

  it('never exceed an opening’s places, whoever writes them (database trigger)', async () => {
    const year = YEAR + 22;
    const opening = await place(year, { places: 1 });
    const [a, b] = [await youth(year), await youth(year)];
    const [run] = await db().insert(feriejobbRuns).values({ year, round: 1, seed: 1, answerDeadline: addDays(today, 7), status: 'published' }).returning({ id: feriejobbRuns.id });
    const insert = (applicationId: string, n: number) =>
      db().insert(feriejobbOffers).values({ runId: run!.id, applicationId, openingId: opening, tokenHash: `cap-${opening}-${n}`, deadline: addDays(today, 7) });
    const settled = await Promise.allSettled([insert(a!, 1), insert(b!, 2)]);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    const failure = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult;
    expect(isCheckViolation(failure.reason, 'feriejobb_offers_opening_capacity')).toBe(true);
    // An answered offer never changes.
    await db().update(feriejobbOffers).set({ status: 'declined' }).where(eq(feriejobbOffers.openingId, opening));
    await expect(db().update(feriejobbOffers).set({ status: 'accepted' }).where(eq(feriejobbOffers.openingId, opening))).rejects.toSatisfy((e) => isCheckViolation(e, 'feriejobb_offers_transition'));
  });

  it('keep an opening’s places from dropping below the offers in force (database trigger)', async () => {
    const year = YEAR + 24;
    const opening = await place(year, { places: 3 });
    const kids = [await youth(year), await youth(year)];
    const [run] = await db().insert(feriejobbRuns).values({ year, round: 1, seed: 1, answerDeadline: addDays(today, 7), status: 'published' }).returning({ id: feriejobbRuns.id });
    await db()
      .insert(feriejobbOffers)
      .values(kids.map((applicationId, n) => ({ runId: run!.id, applicationId, openingId: opening, tokenHash: `drop-${opening}-${n}`, deadline: addDays(today, 7) })));
    await expect(db().update(openings).set({ places: 1 }).where(eq(openings.id, opening))).rejects.toSatisfy((e) => isCheckViolation(e, 'openings_places_cover_placements'));
    await db().update(openings).set({ places: 2 }).where(eq(openings.id, opening));
    expect((await db().select({ places: openings.places }).from(openings).where(eq(openings.id, opening)))[0]!.places).toBe(2);
  });

  it('publishes a run once even when two coordinators press at the same time', async () => {
    const year = YEAR + 23;
    await place(year, { places: 3 });
    await Promise.all([youth(year), youth(year)]);
    const run = await runAllocation(year);
    const [one, two] = await Promise.all([publish(run.id), publish(run.id)]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    expect(await db().select().from(feriejobbOffers).where(eq(feriejobbOffers.runId, run.id))).toHaveLength(2);
    expect((await auditRows('feriejobb.run-published', run.id)).length).toBe(1);
  });
});

describe('the coordinator’s application page', () => {
  it('records checked priority groups with an event and an audit row, and refuses unknown groups', async () => {
    const id = await youth(YEAR + 30);
    const url = `/feriejobb/ansokningar/${id}`;
    const bad = await callAction(applicationPage.action, url, { intent: 'priority', priorityGroups: 'vip' }, { cookie: coordinator, params: { id } });
    expect(bad.status).toBe(400);
    const [unchanged] = await db().select().from(feriejobbApplications).where(eq(feriejobbApplications.id, id));
    expect(unchanged!.priorityCheckedAt).toBeNull();
    const form = new FormData();
    form.append('intent', 'priority');
    form.append('priorityGroups', 'disability');
    form.append('priorityGroups', 'newcomer');
    expect((await callAction(applicationPage.action, url, form, { cookie: coordinator, params: { id } })).status).toBe(200);
    const [row] = await db().select().from(feriejobbApplications).where(eq(feriejobbApplications.id, id));
    expect(row!.priorityGroups).toEqual(['disability', 'newcomer']);
    expect(row!.priorityCheckedAt).not.toBeNull();
    expect(await db().select().from(feriejobbEvents).where(and(eq(feriejobbEvents.applicationId, id), eq(feriejobbEvents.kind, 'priority-checked')))).toHaveLength(1);
    expect((await auditRows('feriejobb.priority-checked', id)).length).toBe(1);
    await callLoader(applicationPage.loader, url, { cookie: coordinator, params: { id } });
    expect((await auditRows('feriejobb.application-viewed', id)).length).toBe(1);
  });

  it('withdraws an application: it takes no part in later runs', async () => {
    const year = YEAR + 31;
    await place(year);
    const id = await youth(year);
    await callAction(applicationPage.action, `/feriejobb/ansokningar/${id}`, { intent: 'withdraw' }, { cookie: coordinator, params: { id } });
    const run = await runAllocation(year);
    expect(run.applicants).toBe(0);
    expect(await db().select().from(feriejobbRunResults).where(and(eq(feriejobbRunResults.runId, run.id), isNotNull(feriejobbRunResults.openingId)))).toHaveLength(0);
  });
});
