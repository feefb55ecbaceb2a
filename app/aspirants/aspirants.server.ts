import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.server';
import { isUniqueViolation } from '../../db/errors';
import { actionPlans, activities, aspirants, districts, jobbtorg, occupations, users } from '../../db/schema';
import { audit } from '../audit/audit-log.server';
import type { SessionUser } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { todayInStockholm } from '../openings/openings.server';
import { getDb } from '../services.server';
import type { ActionPlanInput, ActivityInput, AspirantInput, ExitInput } from './aspirant-schema';
import { ageOn, formatPersonnummer, maskPersonnummer } from './personnummer';

export type FieldErrors = Record<string, string[]>;
export type WriteResult = { ok: true; id: string } | { ok: false; fieldErrors?: FieldErrors; formError?: string };

/**
 * The rows of `aspirants` the user may touch, as a condition for the query itself: a coach their
 * own Jobbtorg's, an admin all, everybody else none (null: do not even query).
 */
function scope(user: SessionUser): SQL | undefined | null {
  if (!can(user, 'read:aspirant:own-jobbtorg')) return null;
  if (user.role === 'admin') return undefined;
  if (user.role === 'coach' && user.jobbtorgId !== null) return eq(aspirants.jobbtorgId, user.jobbtorgId);
  return null;
}

/** The aspirant's id if the user may change it, locked for the rest of the transaction. */
async function lockOwn(tx: DbOrTx, user: SessionUser, id: string) {
  const where = scope(user);
  if (where === null || !can(user, 'write:aspirant:own-jobbtorg') || !isUuid(id)) return null;
  const [row] = await tx
    .select({ id: aspirants.id, enrolledOn: aspirants.enrolledOn, exitedOn: aspirants.exitedOn })
    .from(aspirants)
    .where(and(eq(aspirants.id, id), where))
    .for('update');
  return row ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string) {
  return UUID.test(value);
}

/** Checks the input against the database: the district and the SSYK codes exist. */
async function referenceErrors(tx: DbOrTx, input: AspirantInput): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (input.district !== 'utanfor') {
    const [d] = await tx.select({ id: districts.id }).from(districts).where(eq(districts.id, Number(input.district)));
    if (!d) errors.district = ['Välj ett stadsdelsområde i listan'];
  }
  const codes = input.occupations.map((o) => o.code);
  if (codes.length) {
    const found = await tx
      .select({ code: occupations.code })
      .from(occupations)
      .where(and(inArray(occupations.code, codes), eq(occupations.level, 4)));
    const known = new Set(found.map((f) => f.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) errors.occupations = [`Okänd SSYK-kod: ${unknown.join(', ')}`];
  }
  return errors;
}

const PERSONNUMMER_TAKEN = 'Det finns redan en aspirant inskriven med det här personnumret';

/** A coach enrols an aspirant at their own Jobbtorg and becomes the aspirant's coach. */
export async function enrolAspirant(user: SessionUser, input: AspirantInput, ip: string): Promise<WriteResult> {
  if (!can(user, 'enrol:aspirant') || user.jobbtorgId === null) return { ok: false, formError: 'Bara jobbcoacher kan skriva in aspiranter.' };
  const jobbtorgId = user.jobbtorgId;
  try {
    return await getDb().transaction(async (tx): Promise<WriteResult> => {
      const errors = await referenceErrors(tx, input);
      if (input.enrolledOn > todayInStockholm()) errors.enrolledOn = ['Inskrivningsdatum kan inte vara i framtiden'];
      // Uniqueness is global (one person, one enrolment), but the answer says nothing about where.
      const [taken] = await tx.select({ id: aspirants.id }).from(aspirants).where(eq(aspirants.personnummer, input.personnummer.normalized));
      if (taken) errors.personnummer = [PERSONNUMMER_TAKEN];
      if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
      const [row] = await tx
        .insert(aspirants)
        .values({
          jobbtorgId,
          coachUserId: user.id,
          firstName: input.firstName,
          lastName: input.lastName,
          personnummer: input.personnummer.normalized,
          birthDate: input.personnummer.birthDate,
          gender: input.gender,
          districtId: input.district === 'utanfor' ? null : Number(input.district),
          targetGroups: input.targetGroups,
          languages: input.languages,
          swedishLevel: input.swedishLevel,
          education: input.education,
          completedUpperSecondary: input.completedUpperSecondary,
          occupations: input.occupations,
          drivingLicence: input.drivingLicence,
          availableFrom: input.availableFrom ?? null,
          hoursPerWeek: input.hoursPerWeek ?? null,
          adaptationNeeds: input.adaptationNeeds || null,
          consentAt: input.consent ? sql`now()` : null,
          consentScope: input.consent ? 'profile_summary' : null,
          enrolledOn: input.enrolledOn,
          notes: input.notes || null,
        })
        .returning({ id: aspirants.id });
      await audit(tx, { actorUserId: user.id, action: 'aspirant.enrolled', subjectType: 'aspirant', subjectId: row!.id, ip, details: { jobbtorgId } });
      return { ok: true, id: row!.id };
    });
  } catch (error) {
    // Two coaches enrolling the same person at once: the unique index decides.
    if (isUniqueViolation(error, 'aspirants_personnummer_key')) return { ok: false, fieldErrors: { personnummer: [PERSONNUMMER_TAKEN] } };
    throw error;
  }
}

/** The caseload of the coach's Jobbtorg (an admin: everyone), current aspirants first. Logged. */
export async function listCaseload(user: SessionUser, options: { includeExited?: boolean; ip: string }) {
  const where = scope(user);
  if (where === null) return [];
  const db = getDb();
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: aspirants.id,
        firstName: aspirants.firstName,
        lastName: aspirants.lastName,
        birthDate: aspirants.birthDate,
        enrolledOn: aspirants.enrolledOn,
        exitedOn: aspirants.exitedOn,
        coachName: users.name,
        jobbtorgName: jobbtorg.name,
        hasPlan: sql<boolean>`exists (select 1 from ${actionPlans} where ${actionPlans.aspirantId} = ${aspirants.id})`,
      })
      .from(aspirants)
      .innerJoin(jobbtorg, eq(jobbtorg.id, aspirants.jobbtorgId))
      .leftJoin(users, eq(users.id, aspirants.coachUserId))
      .where(and(where, options.includeExited ? undefined : isNull(aspirants.exitedOn)))
      .orderBy(asc(aspirants.lastName), asc(aspirants.firstName))
      .limit(1000);
    await audit(tx, {
      actorUserId: user.id,
      action: 'aspirant.caseload-listed',
      subjectType: 'aspirant',
      ip: options.ip,
      details: { ids: rows.map((r) => r.id) },
    });
    const today = todayInStockholm();
    return rows.map(({ birthDate, ...r }) => ({ ...r, age: ageOn(birthDate, today) }));
  });
}

/**
 * One aspirant's profile with the action plan, or null when it does not exist or belongs to
 * another Jobbtorg (the same answer, so the URL reveals nothing). Every read writes an audit row.
 * The personnummer is masked; see revealPersonnummer.
 */
export async function getAspirantProfile(user: SessionUser, id: string, ip: string) {
  const where = scope(user);
  if (where === null || !isUuid(id)) return null;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ aspirant: aspirants, jobbtorgName: jobbtorg.name, districtName: districts.name, coachName: users.name })
      .from(aspirants)
      .innerJoin(jobbtorg, eq(jobbtorg.id, aspirants.jobbtorgId))
      .leftJoin(districts, eq(districts.id, aspirants.districtId))
      .leftJoin(users, eq(users.id, aspirants.coachUserId))
      .where(and(eq(aspirants.id, id), where));
    if (!row) return null;
    await audit(tx, { actorUserId: user.id, action: 'aspirant.viewed', subjectType: 'aspirant', subjectId: id, ip });
    const [plan] = await tx.select().from(actionPlans).where(eq(actionPlans.aspirantId, id));
    const planActivities = plan
      ? await tx.select().from(activities).where(eq(activities.actionPlanId, plan.id)).orderBy(asc(activities.startOn), asc(activities.createdAt))
      : [];
    const occupationCodes = row.aspirant.occupations.map((o) => o.code);
    const occupationNames = occupationCodes.length
      ? await tx.select({ code: occupations.code, nameSv: occupations.nameSv, nameEn: occupations.nameEn }).from(occupations).where(inArray(occupations.code, occupationCodes))
      : [];
    const { personnummer, ...rest } = row.aspirant;
    const a = row.aspirant;
    const canManage = can(user, 'write:aspirant:own-jobbtorg') && a.exitedOn === null;
    return {
      aspirant: {
        ...rest,
        maskedPersonnummer: maskPersonnummer(personnummer),
        age: ageOn(a.birthDate, todayInStockholm()),
        occupations: a.occupations.map((o) => {
          const name = occupationNames.find((n) => n.code === o.code);
          return { ...o, name: name?.nameSv ?? name?.nameEn ?? o.code };
        }),
        consentActive: a.consentAt !== null && a.consentWithdrawnAt === null,
      },
      jobbtorgName: row.jobbtorgName,
      districtName: row.districtName,
      coachName: row.coachName,
      plan: plan ?? null,
      activities: planActivities,
      canReveal: can(user, 'reveal:personnummer'),
      canManage,
    };
  });
}

/** The whole personnummer, for a coach at the aspirant's Jobbtorg; every reveal is logged. */
export async function revealPersonnummer(user: SessionUser, id: string, ip: string): Promise<string | null> {
  const where = scope(user);
  if (where === null || !can(user, 'reveal:personnummer') || !isUuid(id)) return null;
  return getDb().transaction(async (tx) => {
    const [row] = await tx.select({ personnummer: aspirants.personnummer }).from(aspirants).where(and(eq(aspirants.id, id), where));
    if (!row) return null;
    await audit(tx, { actorUserId: user.id, action: 'aspirant.personnummer-revealed', subjectType: 'aspirant', subjectId: id, ip });
    return formatPersonnummer(row.personnummer);
  });
}

/** Creates or updates the aspirant's action plan. Null when the aspirant is not the user's to change. */
export async function saveActionPlan(user: SessionUser, aspirantId: string, input: ActionPlanInput, ip: string): Promise<WriteResult | null> {
  return getDb().transaction(async (tx): Promise<WriteResult | null> => {
    const own = await lockOwn(tx, user, aspirantId);
    if (!own) return null;
    if (own.exitedOn) return { ok: false, formError: 'Aspiranten är utskriven.' };
    if (input.createdOn < own.enrolledOn) return { ok: false, fieldErrors: { createdOn: ['Handlingsplanen kan inte vara från före inskrivningen'] } };
    if (input.reviewedOn && input.reviewedOn > todayInStockholm()) return { ok: false, fieldErrors: { reviewedOn: ['Uppföljningsdatum kan inte vara i framtiden'] } };
    const [row] = await tx
      .insert(actionPlans)
      .values({ aspirantId, goal: input.goal, createdOn: input.createdOn, reviewedOn: input.reviewedOn ?? null })
      .onConflictDoUpdate({
        target: actionPlans.aspirantId,
        set: { goal: input.goal, createdOn: input.createdOn, reviewedOn: input.reviewedOn ?? null, updatedAt: sql`now()` },
      })
      .returning({ id: actionPlans.id });
    await audit(tx, { actorUserId: user.id, action: 'aspirant.plan-saved', subjectType: 'aspirant', subjectId: aspirantId, ip });
    return { ok: true, id: row!.id };
  });
}

/** Adds an activity to the plan, or updates one of its activities (status, follow-up, …). */
export async function saveActivity(user: SessionUser, aspirantId: string, input: ActivityInput, ip: string): Promise<WriteResult | null> {
  return getDb().transaction(async (tx): Promise<WriteResult | null> => {
    const own = await lockOwn(tx, user, aspirantId);
    if (!own) return null;
    if (own.exitedOn) return { ok: false, formError: 'Aspiranten är utskriven.' };
    const [plan] = await tx.select({ id: actionPlans.id }).from(actionPlans).where(eq(actionPlans.aspirantId, aspirantId));
    if (!plan) return { ok: false, formError: 'Skriv handlingsplanen innan du lägger till aktiviteter.' };
    const values = {
      type: input.type,
      description: input.description,
      startOn: input.startOn,
      endOn: input.endOn,
      status: input.status,
      followUpOn: input.followUpOn ?? null,
      followUpResult: input.followUpResult || null,
    };
    let id: string;
    if (input.activityId) {
      const [row] = await tx
        .update(activities)
        .set({ ...values, updatedAt: sql`now()` })
        .where(and(eq(activities.id, input.activityId), eq(activities.actionPlanId, plan.id)))
        .returning({ id: activities.id });
      if (!row) return null;
      id = row.id;
    } else {
      const [row] = await tx.insert(activities).values({ ...values, actionPlanId: plan.id }).returning({ id: activities.id });
      id = row!.id;
    }
    await audit(tx, {
      actorUserId: user.id,
      action: input.activityId ? 'aspirant.activity-updated' : 'aspirant.activity-added',
      subjectType: 'aspirant',
      subjectId: aspirantId,
      ip,
      details: { activityId: id },
    });
    return { ok: true, id };
  });
}

/** Ends the enrolment with a reason (the statistics count exits to work or studies). */
export async function exitAspirant(user: SessionUser, id: string, input: ExitInput, ip: string): Promise<WriteResult | null> {
  return getDb().transaction(async (tx): Promise<WriteResult | null> => {
    const own = await lockOwn(tx, user, id);
    if (!own) return null;
    if (own.exitedOn) return { ok: false, formError: 'Aspiranten är redan utskriven.' };
    if (input.exitedOn < own.enrolledOn) return { ok: false, fieldErrors: { exitedOn: ['Utskrivningen kan inte vara före inskrivningen'] } };
    if (input.exitedOn > todayInStockholm()) return { ok: false, fieldErrors: { exitedOn: ['Utskrivningsdatum kan inte vara i framtiden'] } };
    await tx.update(aspirants).set({ exitedOn: input.exitedOn, exitReason: input.exitReason, updatedAt: sql`now()` }).where(eq(aspirants.id, id));
    await audit(tx, { actorUserId: user.id, action: 'aspirant.exited', subjectType: 'aspirant', subjectId: id, ip, details: { reason: input.exitReason } });
    return { ok: true, id };
  });
}

/** The districts for the enrolment form. */
export async function aspirantFormOptions() {
  const rows = await getDb().select({ id: districts.id, name: districts.name }).from(districts).orderBy(asc(districts.name));
  return { districts: rows.map((d) => ({ value: String(d.id), label: d.name })) };
}

