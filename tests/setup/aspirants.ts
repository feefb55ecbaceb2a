/**
 * Helpers for the aspirant tests: the seeded users and ids they act with, fresh test-series
 * personnummer, a valid enrolment form, the coach's enrol and profile steps through the real
 * route actions, and audit-log reads.
 */
import { and, count, eq } from 'drizzle-orm';
import * as profilePage from '../../app/routes/coach.aspiranter.$id._index';
import * as enrolPage from '../../app/routes/coach.aspiranter.ny';
import { todayInStockholm } from '../../app/dates';
import { getDb } from '../../app/services.server';
import { aspirants, auditLog, jobbtorg, users } from '../../db/schema';
import { testPersonnummer } from '../../db/seed/random';
import { callAction, callLoader, loginAs } from './remix';

const today = todayInStockholm();

export async function jobbtorgId(slug: string) {
  const [row] = await getDb().select({ id: jobbtorg.id }).from(jobbtorg).where(eq(jobbtorg.slug, slug));
  return row!.id;
}

export async function userId(email: string) {
  const [row] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

/** Logs in the seeded users the aspirant tests act as: a coach at Kista and one at Farsta, an admin, an employer and a mentorship coordinator. */
export async function loginAspirantRoles() {
  const [kistaCoach, farstaCoach, admin, employer, coordinator] = await Promise.all([
    loginAs('coach.kista@insteg.test'),
    loginAs('coach.farsta@insteg.test'),
    loginAs('admin@insteg.test'),
    loginAs('arbetsgivare.plus@insteg.test'),
    loginAs('mentor.samordnare@insteg.test'),
  ]);
  return { kistaCoach, farstaCoach, admin, employer, coordinator };
}

/** The seeded Kista and Farsta Jobbtorg, and the user ids of their coaches and of the admin. */
export async function seededAspirantIds() {
  const [kistaId, farstaId, kistaCoachUserId, farstaCoachUserId, adminUserId] = await Promise.all([
    jobbtorgId('kista'),
    jobbtorgId('farsta'),
    userId('coach.kista@insteg.test'),
    userId('coach.farsta@insteg.test'),
    userId('admin@insteg.test'),
  ]);
  return { kistaId, farstaId, kistaCoachUserId, farstaCoachUserId, adminUserId };
}

/** Adds a coach at the Jobbtorg with the demo password (that of a seeded coach) and logs them in; returns the cookie. */
export async function addCoach(email: string, name: string, officeId: number) {
  const [template] = await getDb().select().from(users).where(eq(users.email, 'coach.kista@insteg.test'));
  await getDb().insert(users).values({
    email,
    name,
    role: 'coach',
    jobbtorgId: officeId,
    passwordHash: template!.passwordHash,
    passwordChangedAt: template!.passwordChangedAt,
  });
  return loginAs(email);
}

// Personnummer are handed out once per test file (each file has its own module state and its own
// database cloned from the seed, so uniqueness matters within the file plus the seeded rows).
const handedOut = new Set<string>();
let sequence = 0;
const SEQUENCE_LENGTH = 12 * 28 * 10;

function handOut(pnr: string) {
  handedOut.add(pnr);
  return pnr;
}

/**
 * A test-series personnummer (12 digits) not handed out before in this file: for `birthDate`
 * the first free serial, otherwise the next of a sequence born in 1994. Not checked against the
 * database: for forms that must never be stored; see uniquePersonnummer.
 */
export function nextPersonnummer(birthDate?: string) {
  if (birthDate) {
    for (let serial = 980; serial <= 989; serial++) {
      const pnr = testPersonnummer(birthDate, serial);
      if (!handedOut.has(pnr)) return handOut(pnr);
    }
    throw new Error(`no free test personnummer for ${birthDate}`);
  }
  while (sequence < SEQUENCE_LENGTH) {
    const i = sequence++;
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    const pnr = testPersonnummer(`1994-${month}-${day}`, 980 + Math.floor(i / 336));
    if (!handedOut.has(pnr)) return handOut(pnr);
  }
  throw new Error('the test personnummer sequence is used up');
}

/** Like nextPersonnummer, but also one no aspirant in the database has (the seed draws from the same series). */
export async function uniquePersonnummer(birthDate?: string) {
  for (;;) {
    const pnr = nextPersonnummer(birthDate);
    const [taken] = await getDb().select({ id: aspirants.id }).from(aspirants).where(eq(aspirants.personnummer, pnr));
    if (!taken) return pnr;
  }
}

/** The 12-digit stored form as typed in the form: YYYYMMDD-XXXX. */
export const formatPersonnummer = (pnr: string) => `${pnr.slice(0, 8)}-${pnr.slice(8)}`;

/** A valid enrolment form for the personnummer (12 digits), available and enrolled today. */
export function enrolFormFor(personnummer: string, overrides: Record<string, string> = {}) {
  return {
    firstName: 'Testa',
    lastName: 'Testsson',
    personnummer: formatPersonnummer(personnummer),
    gender: 'kvinna',
    district: 'utanfor',
    languages: 'arabiska: modersmål\nengelska: god',
    swedishLevel: 'basic',
    education: 'gymnasial',
    completedUpperSecondary: 'on',
    occupations: '5321: 2',
    availableFrom: today,
    hoursPerWeek: '30',
    enrolledOn: today,
    consent: 'on',
    ...overrides,
  };
}

/** A valid enrolment form with a personnummer nobody has yet (born on `birthDate` if given). */
export async function enrolForm(overrides: Record<string, string> = {}, birthDate?: string) {
  return enrolFormFor(await uniquePersonnummer(birthDate), overrides);
}

/** Posts the enrolment form as the user behind `cookie`; returns the response. */
export function enrol(cookie: string, form: Record<string, string> | FormData) {
  return callAction(enrolPage.action, '/coach/aspiranter/ny', form, { cookie });
}

/** The new aspirant's id, from the redirect of a successful enrolment. */
export function enrolledId(response: Response) {
  return /aspiranter\/([0-9a-f-]{36})/.exec(response.headers.get('Location')!)![1]!;
}

/** Enrols through the real route action as the coach behind `cookie`; returns the new id. */
export async function enrolAs(cookie: string, form: Record<string, string> | FormData) {
  const response = await enrol(cookie, form);
  if (response.status !== 302) throw new Error(`enrolment answered ${response.status}: ${await response.text()}`);
  return enrolledId(response);
}

export function viewProfile(cookie: string, id: string) {
  return callLoader(profilePage.loader, `/coach/aspiranter/${id}`, { cookie, params: { id } });
}

export function postProfile(cookie: string, id: string, form: Record<string, string>) {
  return callAction(profilePage.action, `/coach/aspiranter/${id}`, form, { cookie, params: { id } });
}

function auditFilter(action: string, subjectId?: string) {
  return and(eq(auditLog.action, action), subjectId ? eq(auditLog.subjectId, subjectId) : undefined);
}

/** The audit-log rows of an action (about one subject, if given), oldest first. */
export async function auditRows(action: string, subjectId?: string) {
  return getDb().select().from(auditLog).where(auditFilter(action, subjectId)).orderBy(auditLog.id);
}

/** How many audit-log rows an action has (about one subject, if given). */
export async function auditCount(action: string, subjectId?: string) {
  const [row] = await getDb().select({ n: count() }).from(auditLog).where(auditFilter(action, subjectId));
  return row!.n;
}
