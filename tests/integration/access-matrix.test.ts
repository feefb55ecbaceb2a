/**
 * The access matrix (ASVS 5.0 V8): every route module in app/routes × every role and ownership
 * case, against the expected outcome written down below. The route list is read from the
 * directory, so a new route file without an entry here fails ("has no access expectation").
 *
 * Every response is also searched for what the caller must never receive: aspirants'
 * personnummer, names, target groups and notes for employers, coordinators and visitors; another
 * Jobbtorg's aspirants for coaches; rows (ids) outside the caller's scope for everyone but admins.
 *
 * Actions are called only where the expected answer is a refusal (then with a real request that
 * would change something if let through) or with input that fails validation; each test checks
 * that the domain tables are unchanged afterwards, so the tests do not depend on their order.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { and, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUserSchema } from '../../app/admin/user-schema';
import { targetGroups } from '../../app/aspirants/aspirant-rules';
import { actionPlanSchema, aspirantSchema, exitSchema } from '../../app/aspirants/aspirant-schema';
import { anonymiseAspirant } from '../../app/aspirants/retention.server';
import { changePasswordSchema } from '../../app/auth/schemas';
import { parseSubmission } from '../../app/forms/submission';
import { openingSchema, unpublishSchema } from '../../app/openings/opening-schema';
import { createOrganizationSchema } from '../../app/organizations/organization-schema';
import { todayInStockholm } from '../../app/dates';
import { getDb, getSearch } from '../../app/services.server';
import { actionPlans, adepts, aspirants, emailOutbox, feriejobbApplications, feriejobbRuns, matches, mentorPairs, mentors, openings, organizations, searchOutbox, users } from '../../db/schema';
import { computeRun } from '../../app/feriejobb/allocation.server';
import { defaultMatchWeights, matchWeightsSchema } from '../../app/matching/match-weights';
import { moveSchema, proposeSchema } from '../../app/matching/match-schema';
import { DEMO_PASSWORD } from '../../db/seed/reference-data';
import { applyIndexSettings } from '../../search/sync.server';
import { enrolFormFor, jobbtorgId, nextPersonnummer } from '../setup/aspirants';
import { createOpeningAs, openingForm, orgId, publishAs, SUPPLIER } from '../setup/openings';
import { callAction, callLoader, loginAs } from '../setup/remix';
import { drainSearchOutbox } from '../setup/search';

const ROUTES_DIR = fileURLToPath(new URL('../../app/routes', import.meta.url));
const routeFiles = readdirSync(ROUTES_DIR)
  .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))
  .map((f) => f.replace(/\.tsx?$/, ''))
  .sort();

const today = todayInStockholm();
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

// ---------------------------------------------------------------------------------------------
// Actors and outcomes
// ---------------------------------------------------------------------------------------------

const ACTORS = ['anonymous', 'admin', 'coachKista', 'coachFarsta', 'employerPlus', 'employerCity', 'coordinator', 'summerCoordinator'] as const;
type Actor = (typeof ACTORS)[number];
type SignedIn = Exclude<Actor, 'anonymous'>;

const EMAILS: Record<SignedIn, string> = {
  admin: 'admin@insteg.test',
  coachKista: 'coach.kista@insteg.test',
  coachFarsta: 'coach.farsta@insteg.test',
  employerPlus: 'arbetsgivare.plus@insteg.test', // Hallonbergens Vård och Omsorg AB (Plusmedlem)
  employerCity: 'arbetsgivare.stad@insteg.test', // Rinkeby-Kista stadsdelsförvaltning (city unit)
  coordinator: 'mentor.samordnare@insteg.test',
  summerCoordinator: 'feriejobb.samordnare@insteg.test',
};

/** 'ok' is any 2xx; 'redirect-login' a redirect to /login…; 'redirect:/x' a redirect elsewhere (":param" is filled in). */
type Outcome = 'ok' | 'redirect-login' | `redirect:${string}` | 400 | 403 | 404 | 410;
type Row = Record<Actor, Outcome>;
type Form = Record<string, string>;

const REFUSALS: readonly Outcome[] = ['redirect-login', 403, 404];

interface ActionSpec {
  name: string;
  expect: Row;
  /** Sent by actors expected to be let in: harmless, or failing validation (400/410). */
  body: () => Form;
  /** Sent by actors expected to be refused: a real request that would change something if let through. */
  attack?: () => Form;
  /** Use a fresh session of the actor for this call (logging out ends it). */
  freshSession?: boolean;
  /** Leak labels that are expected in this action's answer, with the reason next to the spec. */
  allow?: string[];
}

interface Case {
  name: string;
  params?: () => Record<string, string>;
  query?: () => string;
  loader: Row;
  actions?: ActionSpec[];
}

/** Anonymous visitors are sent to log in; every signed-in actor gets `rest` unless listed. */
function signedIn(rest: Outcome, listed: Partial<Record<SignedIn, Outcome>> = {}): Row {
  return {
    anonymous: 'redirect-login',
    admin: rest,
    coachKista: rest,
    coachFarsta: rest,
    employerPlus: rest,
    employerCity: rest,
    coordinator: rest,
    summerCoordinator: rest,
    ...listed,
  };
}
function everyone(outcome: Outcome, listed: Partial<Row> = {}): Row {
  return { ...signedIn(outcome), anonymous: outcome, ...listed };
}
function page(loader: Row, actions?: ActionSpec[]): Case[] {
  return [{ name: 'page', loader, actions }];
}

const START_PAGES = {
  admin: 'redirect:/admin',
  coachKista: 'redirect:/coach',
  coachFarsta: 'redirect:/coach',
  employerPlus: 'redirect:/arbetsgivare',
  employerCity: 'redirect:/arbetsgivare',
  coordinator: 'redirect:/mentorskap',
  summerCoordinator: 'redirect:/feriejobb',
} as const satisfies Record<SignedIn, Outcome>;

/** Only `actors` are let in (with `outcome`); every other signed-in actor gets 403, visitors the login. */
const only = (outcome: Outcome, ...actors: SignedIn[]) => signedIn(403, Object.fromEntries(actors.map((a) => [a, outcome])));
/**
 * An action let through for `actors` only, who send an invalid body (400); everyone else is
 * refused while sending `attack`, a request that would change something if let through.
 */
const actionOf = (actors: SignedIn[], name: string, attack: () => Form, body: () => Form = () => ({})): ActionSpec => ({
  name,
  expect: only(400, ...actors),
  body,
  attack,
});

const adminOnly = () => only('ok', 'admin');
const feriejobbStaff = () => only('ok', 'admin', 'summerCoordinator');
const feriejobbNotFound = () => only(404, 'admin', 'summerCoordinator');
const feriejobbAction = (name: string, attack: () => Form, body: () => Form) => actionOf(['admin', 'summerCoordinator'], name, attack, body);
const TOKEN = 'A'.repeat(43);
const mentoringStaff = () => only('ok', 'admin', 'coordinator');
const mentoringNotFound = () => only(404, 'admin', 'coordinator');
const mentoringAction = (name: string, attack: () => Form, body: () => Form) => actionOf(['admin', 'coordinator'], name, attack, body);
const employersOnly = () => only('ok', 'employerPlus', 'employerCity');
const coachesOnly = () => only('ok', 'coachKista', 'coachFarsta');
const staffReaders = () => signedIn('ok', { employerPlus: 403, employerCity: 403 }); // read:organizations
/** Admins, coaches and employers read statistics (each within their scope); `listed` overrides. */
function statisticsReaders(listed: Partial<Record<SignedIn, Outcome>>): Row {
  return signedIn(403, { admin: 'ok', coachKista: 'ok', coachFarsta: 'ok', employerPlus: 'ok', employerCity: 'ok', ...listed });
}
/** A dashboard case: employers are always sent to their own partner page (built once the fixtures exist). */
function dashboardCase(name: string, query: () => string, listed: Partial<Record<SignedIn, Outcome>>, keptQuery = ''): Case {
  return {
    name,
    query,
    get loader() {
      return statisticsReaders({
        employerPlus: `redirect:/statistik/organisation/${fx.plusOrg}${keptQuery}`,
        employerCity: `redirect:/statistik/organisation/${fx.cityOrg}${keptQuery}`,
        ...listed,
      });
    },
  };
}
const adminAction = (attack: () => Form, body: () => Form = () => ({})) => actionOf(['admin'], 'post', attack, body);

// ---------------------------------------------------------------------------------------------
// Fixtures: seeded rows plus a few made in beforeAll (the file has its own database)
// ---------------------------------------------------------------------------------------------

interface Fixtures {
  kistaId: number;
  farstaId: number;
  kistaAspirant: { id: string; lastName: string };
  farstaAspirant: { id: string; lastName: string };
  exitedKista: string;
  anonymisedKista: string;
  plusOrg: string;
  cityOrg: string;
  supplierOrg: string;
  inactiveOrg: string;
  plusDraft: string;
  plusPublished: string;
  cityDraft: string;
  email: string;
  targetUser: string;
  kistaMatch: string;
  farstaMatch: string;
  feriejobbApplication: string;
  feriejobbRun: string;
  mentor: string;
  adept: string;
  mentorPair: string;
}
const fx = {} as Fixtures;
const cookies = {} as Record<SignedIn, string>;
const modules = new Map<string, { loader?: unknown; action?: unknown }>();

/** A valid aspirant form with a fresh test-series personnummer (for requests that must be refused). */
function aspirantForm(overrides: Form = {}): Form {
  return enrolFormFor(nextPersonnummer(), {
    firstName: 'Kapad',
    lastName: 'Matrisson',
    languages: 'arabiska: modersmål',
    notes: 'Skrivet av någon som inte får.',
    ...overrides,
  });
}
const NEW_PASSWORD = { password: 'Matris-losenord-2026', confirm: 'Matris-losenord-2026' };

// ---------------------------------------------------------------------------------------------
// The expected table: one entry per file in app/routes
// ---------------------------------------------------------------------------------------------

const aspirantCases = (loaders: {
  kista: Row;
  farsta: Row;
  exited: Row;
  anonymised: Row;
  unknown: Row;
  malformed: Row;
}, actions: { kista?: ActionSpec[]; farsta?: ActionSpec[] } = {}): Case[] => [
  { name: 'a Kista aspirant', params: () => ({ id: fx.kistaAspirant.id }), loader: loaders.kista, actions: actions.kista },
  { name: 'a Farsta aspirant', params: () => ({ id: fx.farstaAspirant.id }), loader: loaders.farsta, actions: actions.farsta },
  { name: 'an exited Kista aspirant', params: () => ({ id: fx.exitedKista }), loader: loaders.exited },
  { name: 'an anonymised Kista aspirant', params: () => ({ id: fx.anonymisedKista }), loader: loaders.anonymised },
  { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: loaders.unknown },
  { name: 'a malformed id', params: () => ({ id: 'not-a-uuid' }), loader: loaders.malformed },
];

/** Kista coach and admin read Kista's aspirants; the Farsta coach gets 404; nobody else is let in. */
const kistaReadable = () => signedIn(403, { admin: 'ok', coachKista: 'ok', coachFarsta: 404 });
const farstaReadable = () => signedIn(403, { admin: 'ok', coachKista: 404, coachFarsta: 'ok' });
const readerNotFound = () => signedIn(403, { admin: 404, coachKista: 404, coachFarsta: 404 });

/** A module with neither loader nor action: nothing runs on the server, so nothing can leak. */
const STATIC = 'static: no loader, no action' as const;

const expectations: Record<string, Case[] | typeof STATIC> = {
  _index: page(everyone('ok', START_PAGES)),

  'admin._index': page(adminOnly()),
  'admin.anvandare._index': [
    { name: 'page', loader: adminOnly(), actions: [adminAction(() => ({ intent: 'deactivate', userId: fx.targetUser }))] },
    { name: 'filtered by role', query: () => '?role=coach&q=insteg', loader: adminOnly() },
  ],
  'admin.anvandare.ny': page(adminOnly(), [adminAction(() => ({ name: 'Kapad Admin', email: 'kapad.admin@insteg.test', role: 'admin' }))]),
  'admin.e-post.$id': [
    { name: 'a message in the outbox', params: () => ({ id: fx.email }), loader: adminOnly() },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: signedIn(403, { admin: 404 }) },
    { name: 'a malformed id', params: () => ({ id: 'not-a-uuid' }), loader: signedIn(403, { admin: 404 }) },
  ],
  'admin.e-post._index': page(adminOnly(), [
    adminAction(
      () => ({ intent: 'retry', id: fx.email }),
      () => ({ intent: 'retry', id: 'not-a-uuid' }),
    ),
  ]),
  'admin.logg': [
    { name: 'page', loader: adminOnly() },
    { name: "one aspirant's reads", query: () => `?aspirant=${fx.kistaAspirant.id}`, loader: adminOnly() },
  ],
  'admin.organisationer._index': page(adminOnly(), [adminAction(() => ({ intent: 'deactivate', organizationId: fx.supplierOrg }))]),
  'admin.organisationer.ny': page(adminOnly(), [
    adminAction(() => ({ name: 'Kapad nämnd', kind: 'city_unit', cityUnitType: 'namnd', districtId: '1' })),
  ]),
  'admin.sokindex': page(adminOnly()),
  'admin.mal': page(adminOnly(), [
    adminAction(
      () => ({ intent: 'save-target', indicator: 'mentor_pairs', year: '2026', setBy: 'namnd', value: '999' }),
      () => ({ intent: 'save-target', indicator: 'mentor_pairs', year: '2026', setBy: 'namnd', value: 'många' }),
    ),
  ]),
  'admin.matchningsvikter': page(adminOnly(), [
    adminAction(() => ({ ...Object.fromEntries(Object.entries(defaultMatchWeights).map(([k, v]) => [k, String(v + 1)])), note: 'Kapade vikter' })),
  ]),

  'arbetsgivare._index': page(employersOnly()),
  'arbetsgivare.platser._index': [
    { name: 'page', loader: employersOnly() },
    { name: 'drafts only', query: () => '?status=draft', loader: employersOnly() },
  ],
  'arbetsgivare.platser.ny': page(employersOnly(), [
    {
      name: 'create',
      expect: signedIn(403, { employerPlus: 400, employerCity: 400 }),
      body: () => ({ kind: 'praktik' }),
      attack: () => openingForm('praktik', today, { title: 'Kapad plats' }),
    },
  ]),
  'arbetsgivare.platser.$id._index': [
    {
      name: "the plus employer's draft",
      params: () => ({ id: fx.plusDraft }),
      loader: signedIn(403, { employerPlus: 'ok', employerCity: 404 }),
      actions: [{ name: 'delete', expect: signedIn(403, { employerPlus: 400, employerCity: 404 }), body: () => ({ intent: 'nonsense' }), attack: () => ({ intent: 'delete' }) }],
    },
    {
      name: "the plus employer's published opening",
      params: () => ({ id: fx.plusPublished }),
      loader: signedIn(403, { employerPlus: 'ok', employerCity: 404 }),
      actions: [
        {
          name: 'close',
          expect: signedIn(403, { employerPlus: 400, employerCity: 404 }),
          body: () => ({ intent: 'transition', to: 'nonsense' }),
          attack: () => ({ intent: 'transition', to: 'closed' }),
        },
      ],
    },
    {
      name: "the city unit's draft",
      params: () => ({ id: fx.cityDraft }),
      loader: signedIn(403, { employerPlus: 404, employerCity: 'ok' }),
      actions: [
        {
          name: 'publish',
          expect: signedIn(403, { employerPlus: 404, employerCity: 400 }),
          body: () => ({ intent: 'transition' }),
          attack: () => ({ intent: 'transition', to: 'published' }),
        },
      ],
    },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: signedIn(403, { employerPlus: 404, employerCity: 404 }) },
    { name: 'a malformed id', params: () => ({ id: 'not-a-uuid' }), loader: signedIn(403, { employerPlus: 404, employerCity: 404 }) },
  ],
  'arbetsgivare.platser.$id.redigera': [
    {
      name: "the plus employer's draft",
      params: () => ({ id: fx.plusDraft }),
      loader: signedIn(403, { employerPlus: 'ok', employerCity: 404 }),
      actions: [
        {
          name: 'save',
          expect: signedIn(403, { employerPlus: 400, employerCity: 404 }),
          body: () => ({ kind: 'praktik', title: '' }),
          attack: () => openingForm('praktik', today, { title: 'Kapad rubrik' }),
        },
      ],
    },
    { name: "the plus employer's published opening", params: () => ({ id: fx.plusPublished }), loader: signedIn(403, { employerPlus: 'ok', employerCity: 404 }) },
    { name: "the city unit's draft", params: () => ({ id: fx.cityDraft }), loader: signedIn(403, { employerPlus: 404, employerCity: 'ok' }) },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: signedIn(403, { employerPlus: 404, employerCity: 404 }) },
  ],

  'arbetsgivare.forslag._index': page(employersOnly()),
  'arbetsgivare.forslag.$id': [
    {
      name: "a proposal on the plus employer's opening",
      params: () => ({ id: fx.kistaMatch }),
      loader: signedIn(403, { employerPlus: 'ok', employerCity: 404 }),
      actions: [
        {
          name: 'answer',
          expect: signedIn(403, { employerPlus: 400, employerCity: 404 }),
          body: () => ({ to: 'nonsense' }),
          attack: () => ({ to: 'declined', reason: 'annat' }),
        },
      ],
    },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: signedIn(403, { employerPlus: 404, employerCity: 404 }) },
    { name: 'a malformed id', params: () => ({ id: 'not-a-uuid' }), loader: signedIn(403, { employerPlus: 404, employerCity: 404 }) },
  ],

  'aterstall-losenord.$token': [
    {
      name: 'an unknown token',
      params: () => ({ token: 'A'.repeat(43) }),
      loader: everyone('ok'),
      actions: [{ name: 'set password', expect: everyone(410), body: () => NEW_PASSWORD }],
    },
    {
      name: 'a malformed token',
      params: () => ({ token: 'bad' }),
      loader: everyone('ok'),
      actions: [{ name: 'set password', expect: everyone(410), body: () => NEW_PASSWORD }],
    },
  ],

  'coach._index': page(coachesOnly()),
  'coach.aspiranter._index': [
    { name: 'the caseload', loader: signedIn(403, { admin: 'ok', coachKista: 'ok', coachFarsta: 'ok' }) },
    {
      name: "everyone with a Kista aspirant's surname, exited too",
      query: () => `?alla=1&q=${encodeURIComponent(fx.kistaAspirant.lastName)}`,
      loader: signedIn(403, { admin: 'ok', coachKista: 'ok', coachFarsta: 'ok' }),
    },
    {
      name: "everyone with a Farsta aspirant's surname, exited too",
      query: () => `?alla=1&q=${encodeURIComponent(fx.farstaAspirant.lastName)}`,
      loader: signedIn(403, { admin: 'ok', coachKista: 'ok', coachFarsta: 'ok' }),
    },
    {
      name: 'filter values that try to widen the scope',
      query: () => `?alla=1&language=${encodeURIComponent('x" OR jobbtorgId EXISTS OR language = "x')}&district=${encodeURIComponent('x"] OR active = false OR district IN ["x')}`,
      loader: signedIn(403, { admin: 'ok', coachKista: 'ok', coachFarsta: 'ok' }),
    },
  ],
  'coach.aspiranter.ny': page(coachesOnly(), [
    { name: 'enrol', expect: signedIn(403, { coachKista: 400, coachFarsta: 400 }), body: () => ({ firstName: 'Ofullständig' }), attack: () => aspirantForm() },
  ]),
  'coach.aspiranter.$id._index': aspirantCases(
    {
      kista: kistaReadable(),
      farsta: farstaReadable(),
      exited: kistaReadable(),
      anonymised: readerNotFound(),
      unknown: readerNotFound(),
      malformed: readerNotFound(),
    },
    {
      kista: [
        {
          name: 'exit',
          expect: signedIn(403, { admin: 400, coachKista: 400, coachFarsta: 404 }),
          body: () => ({ intent: 'exit' }),
          attack: () => ({ intent: 'exit', exitedOn: today, exitReason: 'arbete' }),
        },
        { name: 'withdraw consent', expect: signedIn(403, { admin: 400, coachKista: 400, coachFarsta: 404 }), body: () => ({ intent: 'nonsense' }), attack: () => ({ intent: 'consent-withdraw' }) },
        {
          name: 'six-month follow-up',
          expect: signedIn(403, { admin: 400, coachKista: 400, coachFarsta: 404 }),
          body: () => ({ intent: 'self-support' }),
          attack: () => ({ intent: 'self-support', checkedOn: today, selfSupporting: 'ja' }),
        },
        // Revealing is the coach's alone; it writes only the audit log.
        { name: 'reveal personnummer', expect: signedIn(403, { coachKista: 'ok', coachFarsta: 404 }), body: () => ({ intent: 'reveal' }) },
        // Erasure is the admin's alone, and only after exit: an active aspirant is refused with 400.
        { name: 'erase', expect: signedIn(403, { admin: 400 }), body: () => ({ intent: 'erase' }) },
      ],
      farsta: [
        {
          name: 'plan',
          expect: signedIn(403, { admin: 400, coachKista: 404, coachFarsta: 400 }),
          body: () => ({ intent: 'plan' }),
          attack: () => ({ intent: 'plan', goal: 'Kapad plan', createdOn: today }),
        },
        { name: 'reveal personnummer', expect: signedIn(403, { coachKista: 404, coachFarsta: 'ok' }), body: () => ({ intent: 'reveal' }) },
      ],
    },
  ),
  // Editing shows the whole personnummer: only coaches (who may reveal it) edit, admins included out.
  'coach.aspiranter.$id.redigera': aspirantCases(
    {
      kista: signedIn(403, { coachKista: 'ok', coachFarsta: 404 }),
      farsta: signedIn(403, { coachKista: 404, coachFarsta: 'ok' }),
      exited: signedIn(403, { coachKista: 'redirect:/coach/aspiranter/:id', coachFarsta: 404 }),
      anonymised: signedIn(403, { coachKista: 404, coachFarsta: 404 }),
      unknown: signedIn(403, { coachKista: 404, coachFarsta: 404 }),
      malformed: signedIn(403, { coachKista: 404, coachFarsta: 404 }),
    },
    {
      kista: [{ name: 'save', expect: signedIn(403, { coachKista: 400, coachFarsta: 404 }), body: () => ({ firstName: '' }), attack: () => aspirantForm() }],
      farsta: [{ name: 'save', expect: signedIn(403, { coachKista: 404, coachFarsta: 400 }), body: () => ({ firstName: '' }), attack: () => aspirantForm() }],
    },
  ),
  'coach.aspiranter.$id.utdrag': aspirantCases({
    kista: kistaReadable(),
    farsta: farstaReadable(),
    exited: kistaReadable(),
    anonymised: readerNotFound(),
    unknown: readerNotFound(),
    malformed: readerNotFound(),
  }),

  // Feriejobb: the public application and the youth's links work without an account (unknown or
  // malformed tokens change nothing); the coordinator's pages are the coordinator's and admins'.
  // The refusal names the form's own fields (personnummer, adaptationNeeds) in its error list.
  'feriejobb.ansok': page(everyone('ok'), [{ name: 'apply', expect: everyone(400), body: () => ({ firstName: 'Ofullständig' }), allow: ['a sensitive aspirant field name'] }]),
  'feriejobb.bekrafta.$token': [
    { name: 'an unknown token', params: () => ({ token: TOKEN }), loader: everyone('ok'), actions: [{ name: 'confirm', expect: everyone(404), body: () => ({}) }] },
    { name: 'a malformed token', params: () => ({ token: 'bad' }), loader: everyone('ok'), actions: [{ name: 'confirm', expect: everyone(404), body: () => ({}) }] },
  ],
  'feriejobb.erbjudande.$token': [
    { name: 'an unknown token', params: () => ({ token: TOKEN }), loader: everyone(404), actions: [{ name: 'accept', expect: everyone(404), body: () => ({ answer: 'accept' }) }] },
    { name: 'a malformed token', params: () => ({ token: 'bad' }), loader: everyone(404), actions: [{ name: 'decline', expect: everyone(404), body: () => ({ answer: 'decline' }) }] },
  ],
  'feriejobb._index': [
    { name: 'page', loader: feriejobbStaff() },
    { name: 'another summer', query: () => '?ar=2020', loader: feriejobbStaff() },
  ],
  'feriejobb.ansokningar._index': [
    { name: 'page', loader: feriejobbStaff() },
    { name: 'searching', query: () => '?visa=ej-granskade&q=a', loader: feriejobbStaff() },
  ],
  'feriejobb.ansokningar.$id': [
    {
      name: 'an application',
      params: () => ({ id: fx.feriejobbApplication }),
      loader: feriejobbStaff(),
      actions: [
        feriejobbAction('check priority', () => ({ intent: 'priority', priorityGroups: 'disability' }), () => ({ intent: 'priority', priorityGroups: 'nonsense' })),
        feriejobbAction('withdraw', () => ({ intent: 'withdraw' }), () => ({ intent: 'nonsense' })),
      ],
    },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: feriejobbNotFound() },
    { name: 'a malformed id', params: () => ({ id: 'not-a-uuid' }), loader: feriejobbNotFound() },
  ],
  'feriejobb.fordelning._index': page(feriejobbStaff(), [
    feriejobbAction('start a run', () => ({ answerDeadline: '2099-12-31' }), () => ({ answerDeadline: '' })),
  ]),
  'feriejobb.fordelning.$id': [
    {
      name: 'a run waiting for review',
      params: () => ({ id: fx.feriejobbRun }),
      loader: feriejobbStaff(),
      actions: [feriejobbAction('publish', () => ({ intent: 'publish' }), () => ({ intent: 'nonsense' }))],
    },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: feriejobbNotFound() },
    { name: 'a malformed id', params: () => ({ id: 'not-a-uuid' }), loader: feriejobbNotFound() },
  ],

  'glomt-losenord': page(everyone('ok'), [{ name: 'request', expect: everyone(400), body: () => ({ email: 'inte-en-adress' }) }]),
  healthz: page(everyone('ok')),
  konto: page(signedIn('ok'), [
    {
      name: 'change password',
      expect: signedIn(400),
      body: () => ({ current: DEMO_PASSWORD, password: 'kort', confirm: 'kort' }),
      attack: () => ({ current: DEMO_PASSWORD, ...NEW_PASSWORD }),
    },
  ]),
  login: page(everyone('ok', START_PAGES), [{ name: 'log in', expect: everyone(400), body: () => ({ email: 'inte-en-adress' }) }]),
  logout: page(everyone('redirect:/'), [{ name: 'log out', expect: everyone('redirect-login'), body: () => ({}), freshSession: true }]),
  'mentorskap._index': page(mentoringStaff()),
  'mentorskap.mentorer._index': page(mentoringStaff(), [
    mentoringAction('register', () => ({ firstName: 'Kapad', lastName: 'Mentor', gender: 'kvinna', email: 'kapad.mentor@exempel.se', organizationId: fx.plusOrg, occupationCode: '5321', programmes: 'yrkesmentor', availability: 'weekend', maxAdepts: '2' }), () => ({ firstName: '' })),
  ]),
  'mentorskap.mentorer.$id': [
    {
      name: 'a registered mentor',
      params: () => ({ id: fx.mentor }),
      loader: mentoringStaff(),
      actions: [mentoringAction('approve', () => ({ intent: 'approve', interviewedOn: today }), () => ({ intent: 'approve', interviewedOn: '' }))],
    },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: mentoringNotFound() },
    { name: 'a malformed id', params: () => ({ id: 'not-a-uuid' }), loader: mentoringNotFound() },
  ],
  'mentorskap.adepter._index': page(mentoringStaff(), [
    mentoringAction('register', () => ({ firstName: 'Kapad', lastName: 'Adept', gender: 'man', birthYear: '1990', email: 'kapad.adept@exempel.se', programme: 'sprakmentor', swedishLevel: 'basic', availability: 'weekend' }), () => ({ firstName: '' })),
  ]),
  'mentorskap.adepter.$id': [
    {
      name: 'an adept',
      params: () => ({ id: fx.adept }),
      loader: mentoringStaff(),
      actions: [mentoringAction('suggest', () => ({ intent: 'suggest', mentorId: fx.mentor }), () => ({ intent: 'suggest', mentorId: 'not-a-uuid' }))],
    },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: mentoringNotFound() },
  ],
  'mentorskap.kohort': [
    {
      name: 'page',
      loader: mentoringStaff(),
      actions: [mentoringAction('save', () => ({ intent: 'save', program: 'yrkesmentor' }), () => ({ intent: 'save', program: 'nonsense' }))],
    },
    { name: 'a lock naming nobody in the intake', query: () => `?program=sprakmentor&las=${UNKNOWN_ID}:${UNKNOWN_ID}`, loader: signedIn(403, { admin: 400, coordinator: 400 }) },
  ],
  'mentorskap.par.$id': [
    {
      name: 'a suggested pair',
      params: () => ({ id: fx.mentorPair }),
      loader: mentoringStaff(),
      actions: [mentoringAction('cancel', () => ({ intent: 'cancel' }), () => ({ intent: 'nonsense' }))],
    },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: mentoringNotFound() },
    { name: 'a malformed id', params: () => ({ id: 'not-a-uuid' }), loader: mentoringNotFound() },
  ],

  // Matching: coaches their own Jobbtorg's aspirants, admins all (read only); nobody else.
  'matchning.plats.$id': [
    { name: 'a published opening', params: () => ({ id: fx.plusPublished }), loader: signedIn(403, { admin: 'ok', coachKista: 'ok', coachFarsta: 'ok' }) },
    { name: 'a draft', params: () => ({ id: fx.plusDraft }), loader: readerNotFound() },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: readerNotFound() },
    { name: 'a malformed id', params: () => ({ id: 'not-a-uuid' }), loader: readerNotFound() },
  ],
  'matchning.aspirant.$id': aspirantCases({
    kista: kistaReadable(),
    farsta: farstaReadable(),
    exited: kistaReadable(),
    anonymised: readerNotFound(),
    unknown: readerNotFound(),
    malformed: readerNotFound(),
  }),
  'matchning.$openingId.$aspirantId': [
    {
      name: 'a Kista aspirant and a published opening',
      params: () => ({ openingId: fx.plusPublished, aspirantId: fx.kistaAspirant.id }),
      loader: kistaReadable(),
      actions: [
        {
          name: 'propose',
          expect: signedIn(403, { coachKista: 400, coachFarsta: 404 }),
          body: () => ({ message: 'x'.repeat(2001) }),
          attack: () => ({ message: 'Kapat förslag' }),
        },
      ],
    },
    { name: 'a Farsta aspirant and a published opening', params: () => ({ openingId: fx.plusPublished, aspirantId: fx.farstaAspirant.id }), loader: farstaReadable() },
    { name: 'a Kista aspirant and a draft', params: () => ({ openingId: fx.plusDraft, aspirantId: fx.kistaAspirant.id }), loader: readerNotFound() },
    { name: 'an anonymised aspirant', params: () => ({ openingId: fx.plusPublished, aspirantId: fx.anonymisedKista }), loader: readerNotFound() },
    { name: 'malformed ids', params: () => ({ openingId: 'x', aspirantId: 'y' }), loader: readerNotFound() },
  ],
  'matchningar._index': [
    { name: 'page', loader: signedIn(403, { admin: 'ok', coachKista: 'ok', coachFarsta: 'ok' }) },
    { name: 'every match', query: () => '?visa=all', loader: signedIn(403, { admin: 'ok', coachKista: 'ok', coachFarsta: 'ok' }) },
  ],
  'matchningar.$id': [
    {
      name: "a Kista aspirant's match",
      params: () => ({ id: fx.kistaMatch }),
      loader: kistaReadable(),
      actions: [
        {
          name: 'withdraw',
          expect: signedIn(403, { coachKista: 400, coachFarsta: 404 }),
          body: () => ({ intent: 'move', to: 'nonsense' }),
          attack: () => ({ intent: 'move', to: 'withdrawn', reason: 'annat' }),
        },
      ],
    },
    { name: "a Farsta aspirant's match", params: () => ({ id: fx.farstaMatch }), loader: farstaReadable() },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: readerNotFound() },
    { name: 'a malformed id', params: () => ({ id: 'not-a-uuid' }), loader: readerNotFound() },
  ],
  tillganglighet: STATIC, // the accessibility statement

  'organisationer._index': [
    { name: 'page', loader: staffReaders() },
    { name: 'searching an inactive name', query: () => '?q=Matrisens', loader: staffReaders() },
  ],
  'organisationer.$id': [
    { name: 'the plus member', params: () => ({ id: fx.plusOrg }), loader: signedIn('ok', { employerCity: 404 }) },
    { name: 'the city unit', params: () => ({ id: fx.cityOrg }), loader: signedIn('ok', { employerPlus: 404 }) },
    { name: 'an inactive organisation', params: () => ({ id: fx.inactiveOrg }), loader: signedIn(404, { admin: 'ok' }) },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: signedIn(404) },
    { name: 'a malformed id', params: () => ({ id: 'not-a-uuid' }), loader: signedIn(404) },
  ],

  // Statistics: admins every scope; a coach their own Jobbtorg; an employer their own
  // organisation's partner page (the dashboard sends them there); coordinators nothing.
  'statistik._index': [
    {
      name: 'the dashboard',
      get loader() {
        return signedIn(403, {
          admin: 'ok',
          coachKista: 'ok',
          coachFarsta: 'ok',
          employerPlus: `redirect:/statistik/organisation/${fx.plusOrg}`,
          employerCity: `redirect:/statistik/organisation/${fx.cityOrg}`,
        });
      },
    },
    dashboardCase("Kista's Jobbtorg", () => `?jobbtorg=${fx.kistaId}`, { coachFarsta: 403 }),
    dashboardCase('a cluster', () => '?kluster=1', { coachKista: 403, coachFarsta: 403 }),
    dashboardCase('an unknown Jobbtorg', () => '?jobbtorg=9999', { admin: 404, coachKista: 403, coachFarsta: 403 }),
    dashboardCase('a malformed period', () => '?period=20x6', { admin: 400, coachKista: 400, coachFarsta: 400 }, '?period=20x6'),
  ],
  'statistik.organisation.$id': [
    { name: 'the plus member', params: () => ({ id: fx.plusOrg }), loader: signedIn(403, { admin: 'ok', employerPlus: 'ok' }) },
    { name: 'the city unit', params: () => ({ id: fx.cityOrg }), loader: signedIn(403, { admin: 'ok', employerCity: 'ok' }) },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: signedIn(403, { admin: 404 }) },
    { name: 'a malformed id', params: () => ({ id: 'not-a-uuid' }), loader: signedIn(403, { admin: 404, coachKista: 404, coachFarsta: 404, employerPlus: 404, employerCity: 404 }) },
  ],
  'statistik.export': [
    { name: 'a table of the own scope', query: () => '?tabell=stockholmsjobb_aspirants.tertial&format=xlsx', loader: statisticsReaders({}) },
    { name: "Farsta's Jobbtorg", query: () => `?jobbtorg=${fx.farstaId}&tabell=stockholmsjobb_aspirants.tertial&format=csv`, loader: statisticsReaders({ coachKista: 403, employerPlus: 403, employerCity: 403 }) },
    { name: "the city unit's partner table", query: () => `?organisation=${fx.cityOrg}&tabell=partner.placeringar&format=csv`, loader: statisticsReaders({ coachKista: 403, coachFarsta: 403, employerPlus: 403 }) },
    { name: 'an unknown table', query: () => '?tabell=nonsense.tertial&format=csv', loader: statisticsReaders({ admin: 404, coachKista: 404, coachFarsta: 404, employerPlus: 404, employerCity: 404 }) },
    { name: 'no format', query: () => '?tabell=stockholmsjobb_aspirants.tertial', loader: statisticsReaders({ admin: 400, coachKista: 400, coachFarsta: 400, employerPlus: 400, employerCity: 400 }) },
  ],
  'statistik.rapport': [
    { name: 'the report', query: () => '?period=2026-T2', loader: statisticsReaders({}) },
    { name: "the city unit's report", query: () => `?organisation=${fx.cityOrg}`, loader: statisticsReaders({ coachKista: 403, coachFarsta: 403, employerPlus: 403 }) },
  ],
  'platser._index': [
    { name: 'page', loader: signedIn('ok') },
    { name: 'searching the drafts by title', query: () => '?q=Matrisutkast', loader: signedIn('ok') },
    { name: 'asking for drafts', query: () => '?status=draft&status=paused', loader: signedIn('ok') },
    {
      name: 'filter values that try to widen the scope',
      query: () => `?q=Matris&organization=${encodeURIComponent('x" OR status EXISTS OR organization = "x')}&kind=${encodeURIComponent('praktik" OR status = "draft')}`,
      loader: signedIn('ok'),
    },
  ],
  'platser.$id': [
    {
      name: 'a published opening',
      params: () => ({ id: fx.plusPublished }),
      loader: signedIn('ok'),
      actions: [adminAction(() => ({ reason: 'Kapad avpublicering' }), () => ({ reason: '' }))],
    },
    { name: "the plus employer's draft", params: () => ({ id: fx.plusDraft }), loader: signedIn(404, { admin: 'ok', employerPlus: 'ok' }) },
    { name: "the city unit's draft", params: () => ({ id: fx.cityDraft }), loader: signedIn(404, { admin: 'ok', employerCity: 'ok' }) },
    { name: 'an unknown id', params: () => ({ id: UNKNOWN_ID }), loader: signedIn(404) },
  ],
};

// ---------------------------------------------------------------------------------------------
// What each actor must never receive
// ---------------------------------------------------------------------------------------------

interface Forbidden {
  /** Plain substrings, each with a label for the failure message (not the value itself). */
  strings: Array<{ value: string; label: string }>;
  patterns: Array<{ re: RegExp; label: string }>;
  /** Pairs that must not both occur as JSON strings (an aspirant's first and last name as fields). */
  namePairs: Array<{ first: string; last: string; label: string }>;
}
const forbidden = {} as Record<Actor, Forbidden>;

async function buildForbidden() {
  const db = getDb();
  const people = await db
    .select({
      id: aspirants.id,
      jobbtorgId: aspirants.jobbtorgId,
      firstName: aspirants.firstName,
      lastName: aspirants.lastName,
      personnummer: aspirants.personnummer,
      notes: aspirants.notes,
      adaptationNeeds: aspirants.adaptationNeeds,
    })
    .from(aspirants);
  const goals = (await db.selectDistinct({ goal: actionPlans.goal }).from(actionPlans)).map((g) => g.goal);
  // Names that legitimately appear elsewhere (users, opening contacts) are not evidence of a leak.
  const publicNames = new Set<string>();
  for (const u of await db.select({ name: users.name }).from(users)) publicNames.add(u.name);
  for (const o of await db.select({ a: openings.contactName, b: openings.supervisorName }).from(openings)) {
    publicNames.add(o.a);
    publicNames.add(o.b);
  }
  const hidden = await db.select({ id: openings.id, organizationId: openings.organizationId }).from(openings).where(ne(openings.status, 'published'));

  function aspirantSecrets(of: typeof people, ownNames: Set<string>, full: boolean): Forbidden {
    const out: Forbidden = { strings: [], patterns: [], namePairs: [] };
    for (const a of of) {
      const who = `aspirant ${a.id.slice(0, 8)}`;
      out.strings.push({ value: a.id, label: `the id of ${who}` });
      if (a.personnummer) {
        const p = a.personnummer;
        out.strings.push({ value: p, label: `the personnummer of ${who}` });
        out.strings.push({ value: `${p.slice(0, 8)}-${p.slice(8)}`, label: `the formatted personnummer of ${who}` });
        out.strings.push({ value: `${p.slice(2, 8)}-${p.slice(8)}`, label: `the 10-digit personnummer of ${who}` });
      }
      if (a.firstName && a.lastName) {
        const name = `${a.firstName} ${a.lastName}`;
        if (!ownNames.has(name) && !publicNames.has(name)) {
          out.strings.push({ value: name, label: `the full name of ${who}` });
          out.strings.push({ value: `${a.lastName}, ${a.firstName}`, label: `the full name (last, first) of ${who}` });
          if (full) out.namePairs.push({ first: a.firstName, last: a.lastName, label: `the first and last name fields of ${who}` });
        }
      }
    }
    return out;
  }

  const allSecrets = aspirantSecrets(people, new Set(), true);
  // Feriejobb applicants: only the feriejobb coordinator and admins see them.
  const youths = await db
    .select({ id: feriejobbApplications.id, personnummer: feriejobbApplications.personnummer, email: feriejobbApplications.email, firstName: feriejobbApplications.firstName, lastName: feriejobbApplications.lastName })
    .from(feriejobbApplications);
  const youthSecrets = youths.flatMap((y) => {
    const who = `feriejobb applicant ${y.id.slice(0, 8)}`;
    const name = `${y.firstName} ${y.lastName}`;
    return [
      { value: y.id, label: `the id of ${who}` },
      { value: y.personnummer, label: `the personnummer of ${who}` },
      { value: y.email, label: `the e-mail of ${who}` },
      ...(publicNames.has(name) ? [] : [{ value: name, label: `the full name of ${who}` }]),
    ];
  });
  const texts = new Set<string>();
  for (const a of people) {
    if (a.notes) texts.add(a.notes);
    if (a.adaptationNeeds) texts.add(a.adaptationNeeds);
  }
  for (const g of goals) texts.add(g);
  const outsiders = (ownOrg: string | null): Forbidden => ({
    strings: [
      ...allSecrets.strings,
      ...youthSecrets,
      ...[...texts].map((t, i) => ({ value: t, label: `aspirant free text #${i + 1}` })),
      ...hidden.filter((o) => o.organizationId !== ownOrg).map((o) => ({ value: o.id, label: `unpublished opening ${o.id.slice(0, 8)} of another organisation` })),
      { value: fx.inactiveOrg, label: 'the id of an inactive organisation' },
    ],
    patterns: [
      ...targetGroups.map((key) => ({ re: new RegExp(`\\b${key}\\b`), label: `the target-group key ${key}` })),
      { re: /\b(?:19|20)\d{6}-?(?:\d{4}|\*{4})\b/, label: 'something shaped like a personnummer' },
      { re: /"(?:personnummer|maskedPersonnummer|targetGroups|adaptationNeeds|notes)"/, label: 'a sensitive aspirant field name' },
    ],
    namePairs: allSecrets.namePairs,
  });
  const coachOf = (officeId: number): Forbidden => {
    const ownNames = new Set(people.filter((a) => a.jobbtorgId === officeId).map((a) => `${a.firstName} ${a.lastName}`));
    const others = aspirantSecrets(
      people.filter((a) => a.jobbtorgId !== officeId),
      ownNames,
      false,
    );
    return {
      strings: [
        ...others.strings,
        ...youthSecrets,
        ...hidden.map((o) => ({ value: o.id, label: `unpublished opening ${o.id.slice(0, 8)}` })),
        { value: fx.inactiveOrg, label: 'the id of an inactive organisation' },
      ],
      patterns: [],
      namePairs: [],
    };
  };
  forbidden.anonymous = outsiders(null);
  forbidden.employerPlus = outsiders(fx.plusOrg);
  forbidden.employerCity = outsiders(fx.cityOrg);
  forbidden.coordinator = outsiders(null);
  // The feriejobb coordinator sees youths' applications (personnummer included), never aspirants.
  forbidden.summerCoordinator = {
    strings: [
      ...allSecrets.strings,
      ...[...texts].map((t, i) => ({ value: t, label: `aspirant free text #${i + 1}` })),
      ...hidden.map((o) => ({ value: o.id, label: `unpublished opening ${o.id.slice(0, 8)}` })),
    ],
    patterns: targetGroups.map((key) => ({ re: new RegExp(`\\b${key}\\b`), label: `the target-group key ${key}` })),
    // Not the separate first/last-name check: youths' names are fields on these pages, and some
    // share a first name and a surname with aspirants. Aspirants' full names stay forbidden above.
    namePairs: [],
  };
  forbidden.coachKista = coachOf(fx.kistaId);
  forbidden.coachFarsta = coachOf(fx.farstaId);
  forbidden.admin = { strings: [], patterns: [], namePairs: [] };
}

function leaksIn(actor: Actor, body: string): string[] {
  const f = forbidden[actor];
  const found: string[] = [];
  for (const s of f.strings) if (body.includes(s.value)) found.push(s.label);
  for (const p of f.patterns) if (p.re.test(body)) found.push(p.label);
  for (const n of f.namePairs) if (body.includes(JSON.stringify(n.first)) && body.includes(JSON.stringify(n.last))) found.push(n.label);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Running the cells
// ---------------------------------------------------------------------------------------------

type Loader = (args: LoaderFunctionArgs) => Promise<Response> | Response;
type Action = (args: ActionFunctionArgs) => Promise<Response> | Response;

/** The URL of a route file: dots are slashes, `_index` is dropped, `$param` is filled in. */
function urlOf(file: string, params: Record<string, string>) {
  const segments = file
    .split('.')
    .filter((s) => s !== '_index')
    .map((s) => (s.startsWith('$') ? encodeURIComponent(params[s.slice(1)] ?? `<missing ${s}>`) : s));
  return `/${segments.join('/')}`;
}
function paramNames(file: string) {
  return file
    .split('.')
    .filter((s) => s.startsWith('$'))
    .map((s) => s.slice(1))
    .sort();
}

function outcomeOf(response: Response): Outcome | `status ${number}` {
  if (response.status >= 200 && response.status < 300) return 'ok';
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('Location') ?? '';
    return /^\/login(?:[?#]|$)/.test(location) ? 'redirect-login' : `redirect:${location}`;
  }
  return [400, 403, 404, 410].includes(response.status) ? (response.status as Outcome) : `status ${response.status}`;
}

function expand(expected: Outcome, params: Record<string, string>): Outcome {
  if (typeof expected !== 'string' || !expected.startsWith('redirect:')) return expected;
  const target = expected.slice('redirect:'.length).replace(/:([a-z]+)/gi, (whole, name: string) => params[name] ?? whole);
  return `redirect:${target}`;
}

interface Cell {
  label: string;
  actor: Actor;
  expected: Outcome;
  run: () => Promise<Response>;
  allow?: string[];
}

function casesOf(file: string): Case[] {
  const spec = expectations[file];
  return spec === undefined || spec === STATIC ? [] : spec;
}

function cellsFor(file: string): Cell[] {
  const mod = modules.get(file)!;
  const cells: Cell[] = [];
  for (const c of casesOf(file)) {
    const params = c.params?.() ?? {};
    const url = `${urlOf(file, params)}${c.query?.() ?? ''}`;
    for (const actor of ACTORS) {
      const cookie = actor === 'anonymous' ? undefined : cookies[actor];
      cells.push({
        label: `${file} [${c.name}] loader as ${actor}`,
        actor,
        expected: expand(c.loader[actor], params),
        run: () => callLoader(mod.loader as Loader, url, { cookie, params }),
      });
      for (const a of c.actions ?? []) {
        const expected = expand(a.expect[actor], params);
        const form = REFUSALS.includes(expected) && a.attack ? a.attack() : a.body();
        cells.push({
          label: `${file} [${c.name}] action "${a.name}" as ${actor}`,
          actor,
          expected,
          allow: a.allow,
          run: async () => {
            const session = actor !== 'anonymous' && a.freshSession ? await loginAs(EMAILS[actor]) : cookie;
            return callAction(mod.action as Action, url, form, { cookie: session, params });
          },
        });
      }
    }
  }
  return cells;
}

/** Checks cells in parallel; returns every mismatch and leak, each on one line. */
async function check(cells: Cell[]): Promise<string[]> {
  const problems = await Promise.all(
    cells.map(async (cell) => {
      let response: Response;
      try {
        response = await cell.run();
      } catch (error) {
        return [`${cell.label}: expected ${cell.expected}, threw ${error instanceof Error ? error.message : String(error)}`];
      }
      const got = outcomeOf(response);
      const body = await response.text();
      const out: string[] = [];
      if (got !== cell.expected) out.push(`${cell.label}: expected ${cell.expected}, got ${got}`);
      for (const leak of leaksIn(cell.actor, body).filter((l) => !cell.allow?.includes(l))) out.push(`${cell.label} (${got}): the response contains ${leak}`);
      return out;
    }),
  );
  return problems.flat();
}

/** A fingerprint of the domain tables (not audit log, sessions or login times, which reads may write). */
async function stateDigest() {
  const rows = await getDb().execute<Record<string, string>>(sql`
    select
      (select md5(coalesce(string_agg((u.id, u.email, u.name, u.role, u.jobbtorg_id, u.organization_id, u.password_hash, u.active)::text, '|' order by u.id), '')) from users u) as users,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from organizations t) as organizations,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from job_partnerships t) as job_partnerships,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from openings t) as openings,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from aspirants t) as aspirants,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from action_plans t) as action_plans,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from activities t) as activities,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from email_outbox t) as email_outbox,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from matches t) as matches,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from match_events t) as match_events,
      (select md5(coalesce(string_agg(t::text, '|' order by t.version), '')) from match_weight_versions t) as match_weight_versions,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from password_tokens t) as password_tokens,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from feriejobb_applications t) as feriejobb_applications,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from feriejobb_submissions t) as feriejobb_submissions,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from feriejobb_runs t) as feriejobb_runs,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from feriejobb_offers t) as feriejobb_offers,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from mentors t) as mentors,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from adepts t) as adepts,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from mentor_pairs t) as mentor_pairs,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from mentor_meetings t) as mentor_meetings,
      (select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from statistics_targets t) as statistics_targets,
      (select md5(coalesce(string_agg((t.id, t.suppression_threshold)::text, '|' order by t.id), '')) from statistics_settings t) as statistics_settings
  `);
  return { ...rows[0] };
}

beforeAll(async () => {
  const db = getDb();
  const [, logins, loaded] = await Promise.all([
    applyIndexSettings(getSearch()),
    Promise.all((Object.keys(EMAILS) as SignedIn[]).map(async (actor) => [actor, await loginAs(EMAILS[actor])] as const)),
    Promise.all(routeFiles.map(async (file) => [file, (await import(path.join(ROUTES_DIR, file))) as { loader?: unknown; action?: unknown }] as const)),
  ]);
  for (const [actor, cookie] of logins) cookies[actor] = cookie;
  for (const [file, mod] of loaded) modules.set(file, mod);

  [fx.kistaId, fx.farstaId, fx.plusOrg, fx.cityOrg, fx.supplierOrg] = await Promise.all([
    jobbtorgId('kista'),
    jobbtorgId('farsta'),
    orgId('Hallonbergens Vård och Omsorg AB'),
    orgId('Rinkeby-Kista stadsdelsförvaltning'),
    orgId(SUPPLIER),
  ]);
  const active = (officeId: number) =>
    db
      .select({ id: aspirants.id, lastName: aspirants.lastName, enrolledOn: aspirants.enrolledOn })
      .from(aspirants)
      .where(and(eq(aspirants.jobbtorgId, officeId), isNull(aspirants.exitedOn), isNotNull(aspirants.personnummer)))
      .orderBy(aspirants.id)
      .limit(3);
  const [kista, farsta] = await Promise.all([active(fx.kistaId), active(fx.farstaId)]);
  fx.kistaAspirant = { id: kista[0]!.id, lastName: kista[0]!.lastName! };
  fx.farstaAspirant = { id: farsta[0]!.id, lastName: farsta[0]!.lastName! };
  // One Kista aspirant exited (kept), one exited and anonymised; both queued for the index.
  fx.exitedKista = kista[1]!.id;
  fx.anonymisedKista = kista[2]!.id;
  for (const a of [kista[1]!, kista[2]!]) {
    await db.update(aspirants).set({ exitedOn: a.enrolledOn, exitReason: 'annat' }).where(eq(aspirants.id, a.id));
  }
  await anonymiseAspirant(db, fx.anonymisedKista, { actorUserId: null, reason: 'retention' });
  await db.insert(searchOutbox).values([fx.exitedKista, fx.anonymisedKista].map((id) => ({ indexName: 'aspirants', documentId: id, op: 'upsert' as const })));

  // Openings: drafts of both employers and a published one of the plus member.
  [fx.plusDraft, fx.plusPublished, fx.cityDraft] = await Promise.all([
    createOpeningAs(cookies.employerPlus, 'praktik', today, { title: 'Matrisutkast Hallonbergen' }),
    createOpeningAs(cookies.employerPlus, 'praktik', today, { title: 'Matrisplats Hallonbergen' }),
    createOpeningAs(cookies.employerCity, 'stockholmsjobb', today, { title: 'Matrisutkast Rinkeby' }),
  ]);
  await publishAs(cookies.employerPlus, fx.plusPublished);

  const [inactive] = await db
    .insert(organizations)
    .values({ name: 'Matrisens Vilande Leverantör AB', kind: 'supplier', active: false, deactivatedAt: new Date() })
    .returning({ id: organizations.id });
  fx.inactiveOrg = inactive!.id;
  await db.insert(searchOutbox).values({ indexName: 'organizations', documentId: fx.inactiveOrg, op: 'upsert' });
  const [mail] = await db
    .insert(emailOutbox)
    .values({ to: 'matris@insteg.test', subject: 'Matristest', html: '<p>Hej</p>', text: 'Hej', template: 'password-reset' })
    .returning({ id: emailOutbox.id });
  fx.email = mail!.id;
  const [target] = await db
    .insert(users)
    .values({ email: 'matris.mal@insteg.test', name: 'Matris Målsson', role: 'employer', organizationId: fx.plusOrg })
    .returning({ id: users.id });
  fx.targetUser = target!.id;

  // One proposal each for a Kista and a Farsta aspirant on the plus member's published opening.
  const [kistaCoach] = await db.select({ id: users.id }).from(users).where(eq(users.email, EMAILS.coachKista));
  const [farstaCoach] = await db.select({ id: users.id }).from(users).where(eq(users.email, EMAILS.coachFarsta));
  const proposals = await db
    .insert(matches)
    .values([
      { openingId: fx.plusPublished, aspirantId: fx.kistaAspirant.id, score: 10, explanation: [], weightsVersion: 1, proposedBy: kistaCoach!.id, message: 'Matrisförslag Kista' },
      { openingId: fx.plusPublished, aspirantId: fx.farstaAspirant.id, score: 10, explanation: [], weightsVersion: 1, proposedBy: farstaCoach!.id, message: 'Matrisförslag Farsta' },
    ])
    .returning({ id: matches.id });
  [fx.kistaMatch, fx.farstaMatch] = proposals.map((p) => p.id) as [string, string];

  // Feriejobb: a demo application and a computed run waiting for review.
  const [application] = await db
    .select({ id: feriejobbApplications.id, year: feriejobbApplications.year })
    .from(feriejobbApplications)
    .orderBy(feriejobbApplications.id)
    .limit(1);
  fx.feriejobbApplication = application!.id;
  const [run] = await db
    .insert(feriejobbRuns)
    .values({ year: application!.year, round: 1, seed: 7, answerDeadline: `${application!.year}-06-01`, status: 'running' })
    .returning({ id: feriejobbRuns.id });
  fx.feriejobbRun = run!.id;
  await computeRun(db, fx.feriejobbRun);

  // Stockholmsmentor: a registered (not approved) mentor, an adept, and a suggested pair.
  const [mentor] = await db
    .insert(mentors)
    .values({ firstName: 'Matris', lastName: 'Mentorsson', gender: 'kvinna', email: 'matris.mentor@exempel.se', organizationId: fx.plusOrg, occupationCode: '5321', programmes: ['yrkesmentor'], availability: ['weekend'], maxAdepts: 2 })
    .returning({ id: mentors.id });
  fx.mentor = mentor!.id;
  const [adept] = await db
    .insert(adepts)
    .values({ firstName: 'Matris', lastName: 'Adeptsson', gender: 'man', birthYear: 1995, email: 'matris.adept@exempel.se', programme: 'yrkesmentor', goalOccupationCode: '5321', swedishLevel: 'basic', availability: ['weekend'] })
    .returning({ id: adepts.id });
  fx.adept = adept!.id;
  const [pair] = await db
    .insert(mentorPairs)
    .values({ mentorId: fx.mentor, adeptId: fx.adept, programme: 'yrkesmentor', score: 50, explanation: [] })
    .returning({ id: mentorPairs.id });
  fx.mentorPair = pair!.id;

  await drainSearchOutbox();
  await buildForbidden();
});

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe('the access matrix covers every route', () => {
  it('has an expectation for every file in app/routes, and none for a file that is gone', () => {
    const missing = routeFiles.filter((f) => !(f in expectations)).map((f) => `route ${f} has no access expectation`);
    const stale = Object.keys(expectations)
      .filter((f) => !routeFiles.includes(f))
      .map((f) => `expectation for ${f}, which is not a file in app/routes`);
    expect([...missing, ...stale]).toEqual([]);
  });

  it("checks each module's loader and action, and fills in exactly its parameters", () => {
    const problems: string[] = [];
    for (const file of routeFiles) {
      const mod = modules.get(file)!;
      const hasAction = typeof mod.action === 'function';
      if (expectations[file] === STATIC) {
        if (typeof mod.loader === 'function' || hasAction) problems.push(`route ${file} is expected to be static but has a loader or an action`);
        continue;
      }
      const cases = casesOf(file);
      if (typeof mod.loader !== 'function') problems.push(`route ${file} has no loader: add a case for what it is`);
      const withActions = cases.some((c) => (c.actions?.length ?? 0) > 0);
      if (hasAction && !withActions) problems.push(`route ${file} has an action but no action expectation`);
      if (!hasAction && withActions) problems.push(`route ${file} has action expectations but no action`);
      for (const c of cases) {
        const given = Object.keys(c.params?.() ?? {}).sort();
        if (given.join() !== paramNames(file).join()) problems.push(`route ${file} [${c.name}] gives params ${given.join() || '-'}, the file has ${paramNames(file).join() || '-'}`);
      }
      if (cases.length === 0) problems.push(`route ${file} has no cases`);
    }
    expect(problems).toEqual([]);
  });
});

describe.each(routeFiles.filter((f) => casesOf(f).length > 0))('%s', (file) => {
  it('answers every actor as expected, leaks nothing and changes nothing', async () => {
    const before = await stateDigest();
    const problems = await check(cellsFor(file));
    expect(problems).toEqual([]);
    expect(await stateDigest()).toEqual(before);
  });
});

describe('the checks are not vacuous', () => {
  it('fingerprint every domain table', async () => {
    const digest = await stateDigest();
    expect(Object.keys(digest)).toHaveLength(22);
    for (const value of Object.values(digest)) expect(value).toMatch(/^[0-9a-f]{32}$/);
  });

  it('catch what an admin may read when it reaches anybody else', async () => {
    const id = fx.kistaAspirant.id;
    const read = async (file: string, url: string) =>
      (await callLoader(modules.get(file)!.loader as Loader, url, { cookie: cookies.admin, params: { id } })).text();
    const [profile, extract] = await Promise.all([
      read('coach.aspiranter.$id._index', `/coach/aspiranter/${id}`),
      read('coach.aspiranter.$id.utdrag', `/coach/aspiranter/${id}/utdrag`),
    ]);
    for (const actor of ['anonymous', 'employerPlus', 'employerCity', 'coordinator', 'coachFarsta'] as const) {
      expect(leaksIn(actor, profile), actor).toContain(`the id of aspirant ${id.slice(0, 8)}`);
      expect(leaksIn(actor, extract), actor).toContain(`the formatted personnummer of aspirant ${id.slice(0, 8)}`);
    }
    expect(leaksIn('employerPlus', profile)).toContain('a sensitive aspirant field name');
    expect(leaksIn('employerPlus', profile)).toContain(`the first and last name fields of aspirant ${id.slice(0, 8)}`);
    expect(leaksIn('coachKista', profile)).toEqual([]);
    expect(leaksIn('admin', extract)).toEqual([]);
  });

  it("catch a feriejobb applicant's data anywhere but the coordinator's and admins' pages, and aspirants on the coordinator's", async () => {
    const id = fx.feriejobbApplication;
    const page = await (
      await callLoader(modules.get('feriejobb.ansokningar.$id')!.loader as Loader, `/feriejobb/ansokningar/${id}`, { cookie: cookies.summerCoordinator, params: { id } })
    ).text();
    for (const actor of ['anonymous', 'employerPlus', 'employerCity', 'coordinator', 'coachKista', 'coachFarsta'] as const) {
      expect(leaksIn(actor, page), actor).toContain(`the id of feriejobb applicant ${id.slice(0, 8)}`);
      expect(leaksIn(actor, page), actor).toContain(`the personnummer of feriejobb applicant ${id.slice(0, 8)}`);
    }
    expect(leaksIn('summerCoordinator', page)).toEqual([]);
    const aspirant = fx.kistaAspirant.id;
    const profile = await (
      await callLoader(modules.get('coach.aspiranter.$id._index')!.loader as Loader, `/coach/aspiranter/${aspirant}`, { cookie: cookies.admin, params: { id: aspirant } })
    ).text();
    expect(leaksIn('summerCoordinator', profile)).toContain(`the id of aspirant ${aspirant.slice(0, 8)}`);
  });

  it('search indexes that hold the rows the others must not find', async () => {
    const body = async (file: string, url: string, actor: SignedIn) =>
      (await callLoader(modules.get(file)!.loader as Loader, url, { cookie: cookies[actor] })).text();
    const kistaQuery = `/coach/aspiranter?alla=1&q=${encodeURIComponent(fx.kistaAspirant.lastName)}`;
    const [kistaSearch, adminSearch, plusOpenings, cityOpenings, adminOrganisations] = await Promise.all([
      body('coach.aspiranter._index', kistaQuery, 'coachKista'),
      body('coach.aspiranter._index', kistaQuery, 'admin'),
      body('platser._index', '/platser?q=Matrisutkast', 'employerPlus'),
      body('platser._index', '/platser?q=Matrisutkast', 'employerCity'),
      body('organisationer._index', '/organisationer?q=Matrisens', 'admin'),
    ]);
    expect(kistaSearch).toContain(fx.kistaAspirant.id);
    expect(adminSearch).toContain(fx.kistaAspirant.id);
    expect(plusOpenings).toContain(fx.plusDraft);
    expect(cityOpenings).toContain(fx.cityDraft);
    expect(adminOrganisations).toContain(fx.inactiveOrg);
  });

  it('send the refused actors requests that would pass validation', () => {
    const valid = (schema: Parameters<typeof parseSubmission>[1]['schema'], form: Form) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(form)) data.append(k, v);
      return parseSubmission(data, { schema }).status;
    };
    expect(valid(aspirantSchema, aspirantForm())).toBe('success');
    expect(valid(openingSchema, openingForm('praktik', today, { title: 'Kapad plats' }))).toBe('success');
    expect(valid(createUserSchema, { name: 'Kapad Admin', email: 'kapad.admin@insteg.test', role: 'admin' })).toBe('success');
    expect(valid(createOrganizationSchema, { name: 'Kapad nämnd', kind: 'city_unit', cityUnitType: 'namnd', districtId: '1' })).toBe('success');
    expect(valid(unpublishSchema, { reason: 'Kapad avpublicering' })).toBe('success');
    expect(valid(changePasswordSchema, { current: DEMO_PASSWORD, ...NEW_PASSWORD })).toBe('success');
    expect(valid(actionPlanSchema, { goal: 'Kapad plan', createdOn: today })).toBe('success');
    expect(valid(exitSchema, { exitedOn: today, exitReason: 'arbete' })).toBe('success');
    expect(valid(moveSchema, { to: 'withdrawn', reason: 'annat' })).toBe('success');
    expect(valid(moveSchema, { to: 'declined', reason: 'annat' })).toBe('success');
    expect(valid(proposeSchema.omit({ openingId: true, aspirantId: true }), { message: 'Kapat förslag' })).toBe('success');
    expect(valid(matchWeightsSchema, { ...Object.fromEntries(Object.entries(defaultMatchWeights).map(([k, v]) => [k, String(v + 1)])), note: 'Kapade vikter' })).toBe('success');
  });
});
