import { and, asc, count, desc, eq, inArray, max, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { createElement } from 'react';
import type { Database, DbOrTx } from '../../db/client.server';
import { isCheckViolation, isUniqueViolation } from '../../db/errors';
import { adepts, districts, mentorMeetings, mentorPairs, mentors, occupations, openings, organizations, users } from '../../db/schema';
import { FollowUpReminderEmail, followUpReminderSubject, IntroductionEmail, introductionSubject } from '../../emails/mentor-notices';
import { enqueueEmail } from '../../emails/outbox.server';
import { audit } from '../audit/audit-log.server';
import type { SessionUser } from '../auth/auth.server';
import { getEnv } from '../env.server';
import { mentorProgrammeLabels, type MentorProgramme } from '../openings/opening-rules';
import { getDb } from '../services.server';
import { CohortRefused, optimalCohort } from './cohort.server';
import {
  capacityPairStatuses,
  mayMovePair,
  pairHealth,
  pairRefusal,
  scorePair,
  type MentorStatus,
  type PairOutcome,
  type PairStatus,
  type ScoringAdept,
  type ScoringMentor,
} from './mentor-rules';

export { CohortRefused };

type Result = { ok: true } | { ok: false; formError?: string; fieldErrors?: Record<string, string[]> };

// ---------------------------------------------------------------------------------------------
// Mentors and adepts
// ---------------------------------------------------------------------------------------------

/** Organisations that may offer mentors: Integrationspakten members and city units. */
export async function mentorOrganizationOptions() {
  const rows = await getDb()
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.active, true), inArray(organizations.kind, ['integrationspakt_member', 'city_unit'])))
    .orderBy(asc(organizations.name));
  return rows.map((r) => ({ value: r.id, label: r.name }));
}

export interface MentorInput {
  firstName: string;
  lastName: string;
  gender: (typeof mentors.$inferInsert)['gender'];
  email: string;
  phone?: string;
  organizationId: string;
  occupationCode: string;
  districtId?: number;
  languages: string[];
  programmes: string[];
  availability: string[];
  maxAdepts: number;
  trainingCompletedOn?: string;
  interviewedOn?: string;
  openingId?: string;
}

/** What a published mentor slot fills in on the registration form (its organisation, programme and occupation). */
export async function mentorSlotDefaults(openingId: string) {
  const [slot] = await getDb()
    .select({ id: openings.id, title: openings.title, organizationId: openings.organizationId, details: openings.details })
    .from(openings)
    .where(and(eq(openings.id, openingId), eq(openings.kind, 'mentor'), eq(openings.status, 'published')));
  if (!slot) return null;
  return {
    openingId: slot.id,
    title: slot.title,
    organizationId: slot.organizationId,
    programmes: typeof slot.details.programme === 'string' ? [slot.details.programme] : [],
    occupationCode: typeof slot.details.mentorOccupationCode === 'string' ? slot.details.mentorOccupationCode : '',
  };
}

/**
 * The district and the SSYK code a form names must exist: the schema only checks their shape, and
 * an unknown one would otherwise fail the insert on its foreign key (a 500, not a field error).
 */
async function unknownReferences(db: DbOrTx, refs: { districtId?: number; occupationCode?: string }, occupationField: string) {
  const fieldErrors: Record<string, string[]> = {};
  if (refs.districtId !== undefined) {
    const [district] = await db.select({ id: districts.id }).from(districts).where(eq(districts.id, refs.districtId));
    if (!district) fieldErrors.districtId = ['Välj ett stadsdelsområde i listan'];
  }
  if (refs.occupationCode !== undefined) {
    const [occupation] = await db.select({ code: occupations.code }).from(occupations).where(and(eq(occupations.code, refs.occupationCode), eq(occupations.level, 4)));
    if (!occupation) fieldErrors[occupationField] = ['Okänd SSYK-kod: välj ett yrke i listan'];
  }
  return Object.keys(fieldErrors).length ? fieldErrors : null;
}

export async function createMentor(user: SessionUser, input: MentorInput, ip: string) {
  const db = getDb();
  const [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, input.organizationId), eq(organizations.active, true), inArray(organizations.kind, ['integrationspakt_member', 'city_unit'])));
  if (!org) return { ok: false as const, fieldErrors: { organizationId: ['Välj en medlem i Integrationspakten eller en av stadens enheter'] } };
  const unknown = await unknownReferences(db, { districtId: input.districtId, occupationCode: input.occupationCode }, 'occupationCode');
  if (unknown) return { ok: false as const, fieldErrors: unknown };
  if (input.openingId) {
    const slot = await mentorSlotDefaults(input.openingId);
    if (!slot) return { ok: false as const, fieldErrors: { organizationId: ['Mentorskapsplatsen är inte längre publicerad'] } };
    if (slot.organizationId !== input.organizationId) return { ok: false as const, fieldErrors: { organizationId: ['Mentorn registreras från en plats hos en annan organisation'] } };
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(mentors)
      .values({ ...input, openingId: input.openingId ?? null, phone: input.phone ?? null, districtId: input.districtId ?? null, trainingCompletedOn: input.trainingCompletedOn ?? null, interviewedOn: input.interviewedOn ?? null, createdBy: user.id })
      .returning({ id: mentors.id });
    await audit(tx, { actorUserId: user.id, action: 'mentor.registered', subjectType: 'mentor', subjectId: row!.id, ip });
    return { ok: true as const, id: row!.id };
  });
}

/** Approves a mentor after the interview (only approved mentors are paired). */
export async function approveMentor(user: SessionUser, id: string, input: { interviewedOn: string; trainingCompletedOn?: string }, ip: string) {
  const db = getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(mentors)
      .set({
        status: 'approved',
        interviewedOn: input.interviewedOn,
        ...(input.trainingCompletedOn ? { trainingCompletedOn: input.trainingCompletedOn } : {}),
        approvedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(mentors.id, id), ne(mentors.status, 'approved')))
      .returning({ id: mentors.id });
    if (!row) return false;
    await audit(tx, { actorUserId: user.id, action: 'mentor.approved', subjectType: 'mentor', subjectId: id, ip });
    return true;
  });
}

/**
 * Takes a mentor out of pairing (status inactive): open suggestions are cancelled, confirmed and
 * active pairs go on until they end. Reactivating returns them to approved (they were interviewed).
 */
export async function setMentorActive(user: SessionUser, id: string, active: boolean, ip: string) {
  const db = getDb();
  return db.transaction(async (tx) => {
    const [mentor] = await tx.select({ status: mentors.status, interviewedOn: mentors.interviewedOn }).from(mentors).where(eq(mentors.id, id)).for('update');
    if (!mentor) return null;
    if (active ? mentor.status !== 'inactive' : mentor.status === 'inactive') return false;
    const status = active ? (mentor.interviewedOn ? ('approved' as const) : ('registered' as const)) : ('inactive' as const);
    await tx.update(mentors).set({ status, updatedAt: sql`now()` }).where(eq(mentors.id, id));
    let cancelled = 0;
    if (!active) {
      const rows = await tx
        .update(mentorPairs)
        .set({ status: 'cancelled' })
        .where(and(eq(mentorPairs.mentorId, id), eq(mentorPairs.status, 'suggested')))
        .returning({ id: mentorPairs.id });
      cancelled = rows.length;
    }
    await audit(tx, { actorUserId: user.id, action: active ? 'mentor.reactivated' : 'mentor.deactivated', subjectType: 'mentor', subjectId: id, ip, details: { cancelled } });
    return true;
  });
}

const takenSql = sql<number>`(select count(*) from mentor_pairs p where p.mentor_id = mentors.id and p.status in ('confirmed', 'active'))::int`;

export async function listMentors() {
  return getDb()
    .select({
      id: mentors.id,
      firstName: mentors.firstName,
      lastName: mentors.lastName,
      organizationName: organizations.name,
      programmes: mentors.programmes,
      status: mentors.status,
      maxAdepts: mentors.maxAdepts,
      taken: takenSql,
      trainingCompletedOn: mentors.trainingCompletedOn,
    })
    .from(mentors)
    .innerJoin(organizations, eq(organizations.id, mentors.organizationId))
    .orderBy(asc(mentors.lastName), asc(mentors.firstName));
}

export async function getMentor(id: string) {
  const db = getDb();
  const [row] = await db
    .select({ mentor: mentors, organizationName: organizations.name, taken: takenSql })
    .from(mentors)
    .innerJoin(organizations, eq(organizations.id, mentors.organizationId))
    .where(eq(mentors.id, id));
  if (!row) return null;
  const pairs = await pairList(eq(mentorPairs.mentorId, id));
  return { ...row.mentor, organizationName: row.organizationName, taken: row.taken, pairs };
}

export interface AdeptInput {
  firstName: string;
  lastName: string;
  gender: (typeof adepts.$inferInsert)['gender'];
  birthYear: number;
  email: string;
  phone?: string;
  programme: MentorProgramme;
  goalOccupationCode?: string;
  languages: string[];
  swedishLevel: string;
  districtId?: number;
  availability: string[];
  studying: boolean;
  preferredMentorGender?: (typeof adepts.$inferInsert)['gender'];
  coordinatorNotes: string | null;
}

export async function createAdept(user: SessionUser, input: AdeptInput, ip: string) {
  const db = getDb();
  const unknown = await unknownReferences(db, { districtId: input.districtId, occupationCode: input.goalOccupationCode }, 'goalOccupationCode');
  if (unknown) return { ok: false as const, fieldErrors: unknown };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(adepts)
      .values({
        ...input,
        phone: input.phone ?? null,
        goalOccupationCode: input.goalOccupationCode ?? null,
        districtId: input.districtId ?? null,
        preferredMentorGender: input.preferredMentorGender ?? null,
        createdBy: user.id,
      })
      .returning({ id: adepts.id });
    await audit(tx, { actorUserId: user.id, action: 'adept.registered', subjectType: 'adept', subjectId: row!.id, ip });
    return { ok: true as const, id: row!.id };
  });
}

const openPairSql = sql<string | null>`(select p.status from mentor_pairs p where p.adept_id = adepts.id and p.status in ('suggested', 'confirmed', 'active') limit 1)`;

export async function listAdepts() {
  return getDb()
    .select({
      id: adepts.id,
      firstName: adepts.firstName,
      lastName: adepts.lastName,
      programme: adepts.programme,
      birthYear: adepts.birthYear,
      openPair: openPairSql,
      createdAt: adepts.createdAt,
    })
    .from(adepts)
    .orderBy(asc(adepts.lastName), asc(adepts.firstName));
}

export async function getAdept(id: string) {
  const db = getDb();
  const [adept] = await db.select().from(adepts).where(eq(adepts.id, id));
  if (!adept) return null;
  return { ...adept, pairs: await pairList(eq(mentorPairs.adeptId, id)) };
}

// ---------------------------------------------------------------------------------------------
// Suggestions
// ---------------------------------------------------------------------------------------------

function scoringMentor(m: typeof mentors.$inferSelect & { taken: number }): ScoringMentor {
  return { ...m, status: m.status as MentorStatus, freeCapacity: m.maxAdepts - m.taken };
}
function scoringAdept(a: typeof adepts.$inferSelect, year: number): ScoringAdept {
  return {
    id: a.id,
    programme: a.programme as MentorProgramme,
    goalOccupationCode: a.goalOccupationCode,
    languages: a.languages,
    availability: a.availability,
    districtId: a.districtId,
    age: year - a.birthYear,
    studying: a.studying,
    preferredMentorGender: a.preferredMentorGender,
  };
}

async function mentorsWithTaken(db: DbOrTx, where = eq(mentors.status, 'approved')) {
  const rows = await db
    .select({ mentor: mentors, taken: takenSql, organizationName: organizations.name })
    .from(mentors)
    .innerJoin(organizations, eq(organizations.id, mentors.organizationId))
    .where(where);
  return rows.map((r) => ({ ...r.mentor, taken: r.taken, organizationName: r.organizationName }));
}

/** Approved mentors with free capacity for an adept, best first, with explanations. */
export async function suggestionsForAdept(adeptId: string, today: string) {
  const db = getDb();
  const [adept] = await db.select().from(adepts).where(eq(adepts.id, adeptId));
  if (!adept) return null;
  const a = scoringAdept(adept, Number(today.slice(0, 4)));
  return (await mentorsWithTaken(db))
    .filter((m) => pairRefusal(scoringMentor(m), a) === null)
    .map((m) => ({ mentorId: m.id, name: `${m.firstName} ${m.lastName}`, organizationName: m.organizationName, free: m.maxAdepts - m.taken, ...scorePair(scoringMentor(m), a) }))
    .sort((x, y) => y.score - x.score || x.name.localeCompare(y.name, 'sv'))
    .slice(0, 20);
}

/** Adepts without an open pair that a mentor can take, best first. */
export async function suggestionsForMentor(mentorId: string, today: string) {
  const db = getDb();
  const [mentor] = await mentorsWithTaken(db, eq(mentors.id, mentorId));
  if (!mentor) return null;
  const m = scoringMentor(mentor);
  const year = Number(today.slice(0, 4));
  const free = await db
    .select()
    .from(adepts)
    .where(sql`not exists (select 1 from mentor_pairs p where p.adept_id = adepts.id and p.status in ('suggested', 'confirmed', 'active'))`);
  return free
    .map((a) => ({ adept: a, s: scoringAdept(a, year) }))
    .filter(({ s }) => pairRefusal(m, s) === null)
    .map(({ adept, s }) => ({ adeptId: adept.id, name: `${adept.firstName} ${adept.lastName}`, programme: adept.programme, ...scorePair(m, s) }))
    .sort((x, y) => y.score - x.score || x.name.localeCompare(y.name, 'sv'))
    .slice(0, 20);
}

/** Records a suggested pair after checking the rules again under the mentor's row lock. */
export async function suggestPair(user: SessionUser, adeptId: string, mentorId: string, today: string, ip: string): Promise<Result & { id?: string }> {
  const db = getDb();
  try {
    return await db.transaction(async (tx) => {
      await tx.select({ id: mentors.id }).from(mentors).where(eq(mentors.id, mentorId)).for('update');
      const [mentor] = await mentorsWithTaken(tx, eq(mentors.id, mentorId));
      const [adept] = await tx.select().from(adepts).where(eq(adepts.id, adeptId));
      if (!mentor || !adept) return { ok: false as const, formError: 'Mentorn eller adepten finns inte.' };
      const a = scoringAdept(adept, Number(today.slice(0, 4)));
      const refusal = pairRefusal(scoringMentor(mentor), a);
      if (refusal) return { ok: false as const, formError: `${refusal}.` };
      const { score, parts } = scorePair(scoringMentor(mentor), a);
      const [row] = await tx
        .insert(mentorPairs)
        .values({ mentorId, adeptId, programme: adept.programme, score, explanation: parts, suggestedBy: user.id })
        .returning({ id: mentorPairs.id });
      await audit(tx, { actorUserId: user.id, action: 'mentor-pair.suggested', subjectType: 'mentor_pair', subjectId: row!.id, ip });
      return { ok: true as const, id: row!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'mentor_pairs_open_adept_key')) return { ok: false, formError: 'Adepten har redan ett par eller ett förslag.' };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Pairs
// ---------------------------------------------------------------------------------------------

const pairMentor = alias(mentors, 'pair_mentor');

async function pairList(where: ReturnType<typeof eq>) {
  return getDb()
    .select({
      id: mentorPairs.id,
      status: mentorPairs.status,
      programme: mentorPairs.programme,
      score: mentorPairs.score,
      confirmedOn: mentorPairs.confirmedOn,
      endedOn: mentorPairs.endedOn,
      mentorName: sql<string>`${pairMentor.firstName} || ' ' || ${pairMentor.lastName}`,
      adeptName: sql<string>`${adepts.firstName} || ' ' || ${adepts.lastName}`,
    })
    .from(mentorPairs)
    .innerJoin(pairMentor, eq(pairMentor.id, mentorPairs.mentorId))
    .innerJoin(adepts, eq(adepts.id, mentorPairs.adeptId))
    .where(where)
    .orderBy(desc(mentorPairs.suggestedAt));
}

export async function getPair(id: string, today: string) {
  const db = getDb();
  const [row] = await db
    .select({ pair: mentorPairs, mentor: pairMentor, adept: adepts, organizationName: organizations.name })
    .from(mentorPairs)
    .innerJoin(pairMentor, eq(pairMentor.id, mentorPairs.mentorId))
    .innerJoin(adepts, eq(adepts.id, mentorPairs.adeptId))
    .innerJoin(organizations, eq(organizations.id, pairMentor.organizationId))
    .where(eq(mentorPairs.id, id));
  if (!row) return null;
  const meetings = await db.select().from(mentorMeetings).where(eq(mentorMeetings.pairId, id)).orderBy(desc(mentorMeetings.metOn), desc(mentorMeetings.createdAt));
  const health = row.pair.status === 'active' || row.pair.status === 'confirmed' ? pairHealth(meetings[0]?.metOn ?? null, row.pair.confirmedOn!, today) : null;
  return { ...row, meetings, health };
}

async function movePair(tx: DbOrTx, id: string, from: PairStatus, to: PairStatus, set: Partial<typeof mentorPairs.$inferInsert>) {
  if (!mayMovePair(from, to)) return false;
  const [row] = await tx
    .update(mentorPairs)
    .set({ ...set, status: to })
    .where(and(eq(mentorPairs.id, id), eq(mentorPairs.status, from)))
    .returning({ id: mentorPairs.id });
  return Boolean(row);
}

/** Confirms a suggested pair and sends both an introduction e-mail with guidance for the first meeting. */
export async function confirmPair(user: SessionUser, id: string, today: string, ip: string): Promise<Result> {
  const db = getDb();
  try {
    return await db.transaction(async (tx) => {
      const moved = await movePair(tx, id, 'suggested', 'confirmed', { confirmedOn: today });
      if (!moved) return { ok: false as const, formError: 'Bara ett föreslaget par kan bekräftas.' };
      const [row] = await tx
        .select({ mentor: pairMentor, adept: adepts, programme: mentorPairs.programme })
        .from(mentorPairs)
        .innerJoin(pairMentor, eq(pairMentor.id, mentorPairs.mentorId))
        .innerJoin(adepts, eq(adepts.id, mentorPairs.adeptId))
        .where(eq(mentorPairs.id, id));
      const { mentor, adept } = row!;
      const programmeLabel = mentorProgrammeLabels[row!.programme as MentorProgramme] ?? row!.programme;
      const contact = (p: { email: string; phone: string | null }) => [p.email, p.phone].filter(Boolean).join(', ');
      for (const [to, props] of [
        [mentor.email, { recipientName: mentor.firstName, role: 'mentor' as const, otherName: `${adept.firstName} ${adept.lastName}`, otherContact: contact(adept) }],
        [adept.email, { recipientName: adept.firstName, role: 'adept' as const, otherName: `${mentor.firstName} ${mentor.lastName}`, otherContact: contact(mentor) }],
      ] as const) {
        await enqueueEmail(tx, {
          to,
          subject: introductionSubject,
          template: 'mentor-introduction',
          element: createElement(IntroductionEmail, { ...props, programmeLabel, coordinatorName: user.name }),
        });
      }
      await audit(tx, { actorUserId: user.id, action: 'mentor-pair.confirmed', subjectType: 'mentor_pair', subjectId: id, ip });
      return { ok: true as const };
    });
  } catch (error) {
    if (isCheckViolation(error, 'mentor_pairs_capacity')) return { ok: false, formError: 'Mentorn har inga lediga platser längre.' };
    throw error;
  }
}

export async function cancelPair(user: SessionUser, id: string, ip: string): Promise<Result> {
  const db = getDb();
  return db.transaction(async (tx) => {
    if (!(await movePair(tx, id, 'suggested', 'cancelled', {}))) return { ok: false as const, formError: 'Bara ett förslag kan avbrytas.' };
    await audit(tx, { actorUserId: user.id, action: 'mentor-pair.cancelled', subjectType: 'mentor_pair', subjectId: id, ip });
    return { ok: true as const };
  });
}

/** Logs a meeting; the first one makes a confirmed pair active. */
export async function logMeeting(user: SessionUser, id: string, input: { metOn: string; minutes: number; topic: string }, ip: string): Promise<Result> {
  const db = getDb();
  return db.transaction(async (tx) => {
    const [pair] = await tx.select({ status: mentorPairs.status, confirmedOn: mentorPairs.confirmedOn }).from(mentorPairs).where(eq(mentorPairs.id, id)).for('update');
    if (!pair || (pair.status !== 'confirmed' && pair.status !== 'active')) return { ok: false as const, formError: 'Möten loggas för bekräftade och aktiva par.' };
    if (input.metOn < pair.confirmedOn!) return { ok: false as const, fieldErrors: { metOn: ['Mötet kan inte vara före att paret bekräftades'] } };
    await tx.insert(mentorMeetings).values({ pairId: id, ...input, createdBy: user.id });
    if (pair.status === 'confirmed') await movePair(tx, id, 'confirmed', 'active', {});
    await tx.update(mentorPairs).set({ followUpReminderSentAt: null }).where(eq(mentorPairs.id, id));
    await audit(tx, { actorUserId: user.id, action: 'mentor-pair.meeting-logged', subjectType: 'mentor_pair', subjectId: id, ip });
    return { ok: true as const };
  });
}

export async function endPair(user: SessionUser, id: string, input: { endedOn: string; outcome: PairOutcome; reason: string }, ip: string): Promise<Result> {
  const db = getDb();
  return db.transaction(async (tx) => {
    const [pair] = await tx.select({ status: mentorPairs.status, confirmedOn: mentorPairs.confirmedOn }).from(mentorPairs).where(eq(mentorPairs.id, id)).for('update');
    if (!pair || (pair.status !== 'confirmed' && pair.status !== 'active')) return { ok: false as const, formError: 'Bara bekräftade och aktiva par kan avslutas.' };
    if (input.endedOn < pair.confirmedOn!) return { ok: false as const, fieldErrors: { endedOn: ['Slutdatum kan inte vara före att paret bekräftades'] } };
    await movePair(tx, id, pair.status, 'ended', { endedOn: input.endedOn, outcome: input.outcome, endReason: input.reason });
    await audit(tx, { actorUserId: user.id, action: 'mentor-pair.ended', subjectType: 'mentor_pair', subjectId: id, ip, details: { outcome: input.outcome } });
    return { ok: true as const };
  });
}

/** Confirmed and active pairs with their health, those needing follow-up first. */
export async function pairsWithHealth(today: string, db: DbOrTx = getDb()) {
  const rows = await db
    .select({
      id: mentorPairs.id,
      status: mentorPairs.status,
      confirmedOn: mentorPairs.confirmedOn,
      lastMeeting: max(mentorMeetings.metOn),
      mentorName: sql<string>`${pairMentor.firstName} || ' ' || ${pairMentor.lastName}`,
      adeptName: sql<string>`${adepts.firstName} || ' ' || ${adepts.lastName}`,
      reminderSentAt: mentorPairs.followUpReminderSentAt,
    })
    .from(mentorPairs)
    .innerJoin(pairMentor, eq(pairMentor.id, mentorPairs.mentorId))
    .innerJoin(adepts, eq(adepts.id, mentorPairs.adeptId))
    .leftJoin(mentorMeetings, eq(mentorMeetings.pairId, mentorPairs.id))
    .where(inArray(mentorPairs.status, [...capacityPairStatuses]))
    .groupBy(mentorPairs.id, pairMentor.firstName, pairMentor.lastName, adepts.firstName, adepts.lastName);
  return rows
    .map((r) => ({ ...r, health: pairHealth(r.lastMeeting, r.confirmedOn!, today) }))
    .sort((a, b) => (a.health === b.health ? a.adeptName.localeCompare(b.adeptName, 'sv') : a.health === 'needs-follow-up' ? -1 : 1));
}

/** Housekeeping: one e-mail to each coordinator listing pairs that newly need follow-up. */
export async function sendHealthReminders(db: Database, today: string) {
  const due = (await pairsWithHealth(today, db)).filter((p) => p.health === 'needs-follow-up' && !p.reminderSentAt);
  if (!due.length) return 0;
  await db.transaction(async (tx) => {
    const coordinators = await tx.select({ email: users.email, name: users.name }).from(users).where(and(eq(users.role, 'mentor_coordinator'), eq(users.active, true)));
    for (const c of coordinators) {
      await enqueueEmail(tx, {
        to: c.email,
        subject: followUpReminderSubject(due.length),
        template: 'mentor-follow-up',
        element: createElement(FollowUpReminderEmail, { coordinatorName: c.name, pairs: due.map((p) => `${p.mentorName} och ${p.adeptName}`), url: `${getEnv().APP_URL}/mentorskap` }),
      });
    }
    await tx.update(mentorPairs).set({ followUpReminderSentAt: sql`now()` }).where(inArray(mentorPairs.id, due.map((p) => p.id)));
  });
  return due.length;
}

// ---------------------------------------------------------------------------------------------
// Cohort pairing and follow-up
// ---------------------------------------------------------------------------------------------

/** Everyone a cohort of one programme can pair: adepts without an open pair, approved mentors with free places. */
export async function cohortCandidates(programme: MentorProgramme, today: string) {
  const db = getDb();
  const year = Number(today.slice(0, 4));
  const [adeptRows, mentorRows] = await Promise.all([
    db
      .select()
      .from(adepts)
      .where(and(eq(adepts.programme, programme), sql`not exists (select 1 from mentor_pairs p where p.adept_id = adepts.id and p.status in ('suggested', 'confirmed', 'active'))`))
      .orderBy(asc(adepts.lastName)),
    mentorsWithTaken(db),
  ]);
  const usable = mentorRows.filter((m) => m.programmes.includes(programme) && m.maxAdepts - m.taken > 0);
  const pairs = adeptRows.flatMap((a) => {
    const s = scoringAdept(a, year);
    return usable.filter((m) => pairRefusal(scoringMentor(m), s) === null).map((m) => ({ adept: a.id, mentor: m.id, ...scorePair(scoringMentor(m), s) }));
  });
  return {
    adepts: adeptRows.map((a) => ({ id: a.id, name: `${a.firstName} ${a.lastName}` })),
    mentors: usable.map((m) => ({ id: m.id, name: `${m.firstName} ${m.lastName}`, capacity: m.maxAdepts - m.taken })),
    pairs,
  };
}

/** The best pairing of a programme's intake within capacities, keeping the locked pairs. */
export async function proposeCohort(programme: MentorProgramme, locked: { adept: string; mentor: string }[], today: string) {
  const candidates = await cohortCandidates(programme, today);
  const result = await optimalCohort({ adepts: candidates.adepts.map((a) => a.id), mentors: candidates.mentors, pairs: candidates.pairs, locked });
  return { candidates, result };
}

/** Saves a cohort's pairs as suggestions, all or nothing. */
export async function saveCohort(user: SessionUser, programme: MentorProgramme, locked: { adept: string; mentor: string }[], today: string, ip: string) {
  const { candidates, result } = await proposeCohort(programme, locked, today);
  const explanation = new Map(candidates.pairs.map((p) => [`${p.adept}|${p.mentor}`, p.parts]));
  const db = getDb();
  try {
    await db.transaction(async (tx) => {
      if (result.pairs.length) {
        await tx.insert(mentorPairs).values(
          result.pairs.map((p) => ({
            mentorId: p.mentor,
            adeptId: p.adept,
            programme,
            score: p.score,
            explanation: explanation.get(`${p.adept}|${p.mentor}`) ?? [],
            fromCohort: true,
            suggestedBy: user.id,
          })),
        );
      }
      await audit(tx, { actorUserId: user.id, action: 'mentor-cohort.saved', subjectType: 'mentor_cohort', ip, details: { programme, pairs: result.pairs.length, total: result.total } });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'mentor_pairs_open_adept_key')) return { ok: false as const, formError: 'Någon adept fick ett par under tiden. Räkna om kohorten.' };
    throw error;
  }
  return { ok: true as const, saved: result.pairs.length };
}

/** Confirmed pairs per tertial of a year against the target, split by the adept's gender; outcomes of ended pairs. */
export async function mentoringFollowUp(year: number) {
  const db = getDb();
  const [byTertial, outcomes, organizationsCredited] = await Promise.all([
    db
      .select({
        tertial: sql<number>`(extract(month from ${mentorPairs.confirmedOn})::int - 1) / 4 + 1`,
        gender: adepts.gender,
        n: count(),
      })
      .from(mentorPairs)
      .innerJoin(adepts, eq(adepts.id, mentorPairs.adeptId))
      .where(and(sql`extract(year from ${mentorPairs.confirmedOn}) = ${year}`, inArray(mentorPairs.status, ['confirmed', 'active', 'ended'])))
      .groupBy(sql`1`, adepts.gender),
    db
      .select({ outcome: mentorPairs.outcome, n: count() })
      .from(mentorPairs)
      .where(and(eq(mentorPairs.status, 'ended'), sql`extract(year from ${mentorPairs.endedOn}) = ${year}`))
      .groupBy(mentorPairs.outcome),
    db
      .select({ name: organizations.name, n: count() })
      .from(mentorPairs)
      .innerJoin(pairMentor, eq(pairMentor.id, mentorPairs.mentorId))
      .innerJoin(organizations, eq(organizations.id, pairMentor.organizationId))
      .where(and(sql`extract(year from ${mentorPairs.confirmedOn}) = ${year}`, inArray(mentorPairs.status, ['confirmed', 'active', 'ended'])))
      .groupBy(organizations.name)
      .orderBy(desc(count()), asc(organizations.name)),
  ]);
  return { byTertial, outcomes, organizationsCredited };
}


