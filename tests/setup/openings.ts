/**
 * Helpers for the openings tests: valid forms of each kind with dates relative to a day, and
 * the employer's create / transition steps through the real route actions.
 */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import * as ownOpening from '../../app/routes/arbetsgivare.platser.$id._index';
import * as newOpening from '../../app/routes/arbetsgivare.platser.ny';
import type { OpeningKind } from '../../app/openings/opening-rules';
import { getDb } from '../../app/services.server';
import { openings, organizations, users } from '../../db/schema';
import { callAction, jsonOf, loginAs } from './remix';

export function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The next summer whose feriejobb can still be applied for (after mid-May, the next year's). */
export function nextSummer(today: string) {
  return Number(today.slice(0, 4)) + (today.slice(5) > '05-15' ? 1 : 0);
}

/** A valid opening form of the kind, with dates laid out from `today`. */
export function openingForm(kind: OpeningKind, today: string, overrides: Record<string, string> = {}): Record<string, string> {
  const common = {
    kind,
    title: `Testplats ${kind}`,
    description: 'Arbetsuppgifter, handledning och introduktion på arbetsplatsen.',
    workplaceAddress: 'Kistagången 12, Stockholm',
    district: '1',
    occupationCode: '5311',
    places: '2',
    swedishLevel: 'basic',
    languages: 'arabiska, somaliska',
    contactName: 'Erik Johansson',
    contactEmail: 'kontakt@exempel.se',
    supervisorName: 'Anna Ek',
    startDate: addDays(today, 20),
    endDate: addDays(today, 200),
    applicationDeadline: addDays(today, 10),
  };
  switch (kind) {
    case 'stockholmsjobb':
      return { ...common, subtype: 'ungdomsanstallning', hoursPerWeek: '40', ageMin: '18', ageMax: '29', ...overrides };
    case 'praktik':
      return { ...common, level: 'arbetstraning', lengthWeeks: '12', ...overrides };
    case 'mentor':
      return { ...common, programme: 'sprakmentor', mentorOccupationCode: '2512', meetingFrequency: 'biweekly', ...overrides };
    case 'feriejobb': {
      const year = nextSummer(today);
      return {
        ...common,
        interestArea: 'barn_och_unga',
        totalHours: '75',
        dailyStart: '08:00',
        dailyEnd: '15:00',
        ageMin: '16',
        ageMax: '19',
        startDate: `${year}-06-14`,
        endDate: `${year}-06-30`,
        applicationDeadline: `${year}-05-31`,
        ...overrides,
      };
    }
  }
}

export type Reply = { status?: string; error?: Record<string, string[] | null> | null };

/** Creates a draft through the route action as the employer behind `cookie`; returns its id. */
export async function createOpeningAs(cookie: string, kind: OpeningKind, today: string, overrides: Record<string, string> = {}) {
  const response = await callAction(newOpening.action, '/arbetsgivare/platser/ny', openingForm(kind, today, overrides), { cookie });
  if (response.status !== 302) throw new Error(`create ${kind} answered ${response.status}: ${await response.text()}`);
  const location = response.headers.get('Location')!;
  const id = /^\/arbetsgivare\/platser\/([0-9a-f-]{36})\?skapad=1$/.exec(location)?.[1];
  expect(id, location).toBeTruthy();
  return id!;
}

/** Asks for a status change through the employer's action; returns the status and body. */
export async function transitionAs(cookie: string, id: string, to: string) {
  const response = await callAction(ownOpening.action, `/arbetsgivare/platser/${id}`, { intent: 'transition', to }, { cookie, params: { id } });
  const body = response.headers.get('Content-Type')?.includes('json') ? await jsonOf<{ ok: boolean; message: string }>(response) : null;
  return { status: response.status, body };
}

export async function publishAs(cookie: string, id: string) {
  const result = await transitionAs(cookie, id, 'published');
  expect(result, `publishing ${id}`).toMatchObject({ status: 200, body: { ok: true } });
}

export async function openingRow(id: string) {
  const [row] = await getDb().select().from(openings).where(eq(openings.id, id));
  return row;
}

/** A supplier organisation of the seed (kind 'supplier': feriejobb and praktik only). */
export const SUPPLIER = 'Arbetsträning Söder AB';

export async function orgId(name: string) {
  const [row] = await getDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  return row!.id;
}

/**
 * Logs in one user of each kind the openings tests need. The seed has no user at a supplier,
 * so one is created (with the demo password) under `supplierEmail`.
 */
export async function loginOpeningRoles(supplierEmail: string, supplierName: string) {
  const [template] = await getDb().select().from(users).where(eq(users.email, 'arbetsgivare.plus@insteg.test'));
  await getDb().insert(users).values({
    email: supplierEmail,
    name: supplierName,
    role: 'employer',
    organizationId: await orgId(SUPPLIER),
    passwordHash: template!.passwordHash,
    passwordChangedAt: template!.passwordChangedAt,
  });
  const [cityEmployer, plusEmployer, supplierEmployer, coach, coordinator, admin] = await Promise.all([
    loginAs('arbetsgivare.stad@insteg.test'),
    loginAs('arbetsgivare.plus@insteg.test'),
    loginAs(supplierEmail),
    loginAs('coach.kista@insteg.test'),
    loginAs('mentor.samordnare@insteg.test'),
    loginAs('admin@insteg.test'),
  ]);
  return { cityEmployer, plusEmployer, supplierEmployer, coach, coordinator, admin };
}
