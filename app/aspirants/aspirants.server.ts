import { and, asc, eq, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { enqueueSearchSync } from '../../search/sync.server';
import type { DbOrTx } from '../../db/client.server';
import { isUniqueViolation } from '../../db/errors';
import { actionPlans, activities, aspirants, auditLog, districts, jobbtorg, matches, occupations, openings, placementFollowUps, users } from '../../db/schema';
import { auditActionLabel } from '../audit/audit-labels';
import { aboutAspirant } from '../audit/audit-query.server';
import { occupationNames } from '../occupations/occupation-names.server';
import { roleLabels } from '../auth/roles';
import { OUTSIDE_STOCKHOLM } from '../geography/outside-stockholm';
import { addDays, addMonths } from './aspirant-bands';
import {
  activityStatusLabels,
  activityTypeLabels,
  educationLabels,
  exitReasonLabels,
  genderLabels,
  languageLevelLabels,
  swedishLevelLabels,
  targetGroupLabels,
  type TargetGroup,
} from './aspirant-rules';
import { anonymiseAspirant } from './retention.server';
import { audit } from '../audit/audit-log.server';
import type { SessionUser } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { todayInStockholm } from '../dates';
import { getDb } from '../services.server';
import type { ActionPlanInput, ActivityInput, AspirantInput, ExitInput, SelfSupportInput } from './aspirant-schema';
import { ageOn, formatPersonnummer, maskPersonnummer } from './personnummer';

export type FieldErrors = Record<string, string[]>;
export type WriteResult = { ok: true; id: string } | { ok: false; fieldErrors?: FieldErrors; formError?: string };

/**
 * The rows of `aspirants` the user may touch, as a condition for the query itself: a coach their
 * own Jobbtorg's, an admin all, everybody else none (null: do not even query).
 */
export function aspirantScope(user: SessionUser): SQL | null {
  if (!can(user, 'read:aspirant:own-jobbtorg')) return null;
  // Anonymised aspirants are nobody's to read: what is left of them serves the statistics only.
  const live = isNull(aspirants.anonymisedAt);
  if (user.role === 'admin') return live;
  if (user.role === 'coach' && user.jobbtorgId !== null) return and(live, eq(aspirants.jobbtorgId, user.jobbtorgId))!;
  return null;
}

/** The aspirant's id if the user may change it, locked for the rest of the transaction. */
async function lockOwn(tx: DbOrTx, user: SessionUser, id: string) {
  const where = aspirantScope(user);
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

/** The columns a profile form sets (enrolment and edit). */
function profileValues(input: AspirantInput) {
  return {
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
    enrolledOn: input.enrolledOn,
    notes: input.notes || null,
  };
}

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
          ...profileValues(input),
          jobbtorgId,
          coachUserId: user.id,
          consentAt: input.consent ? sql`now()` : null,
          consentScope: input.consent ? 'profile_summary' : null,
        })
        .returning({ id: aspirants.id });
      await audit(tx, { actorUserId: user.id, action: 'aspirant.enrolled', subjectType: 'aspirant', subjectId: row!.id, ip, details: { jobbtorgId } });
      await enqueueSearchSync(tx, 'aspirants', [row!.id]);
      return { ok: true, id: row!.id };
    });
  } catch (error) {
    // Two coaches enrolling the same person at once: the unique index decides.
    if (isUniqueViolation(error, 'aspirants_personnummer_key')) return { ok: false, fieldErrors: { personnummer: [PERSONNUMMER_TAKEN] } };
    throw error;
  }
}

/**
 * Changes the profile of an aspirant of the coach's Jobbtorg. The personnummer may be corrected
 * (still unique); consent has its own action (setConsent), so the form's consent box is ignored.
 */
export async function updateAspirant(user: SessionUser, id: string, input: AspirantInput, ip: string): Promise<WriteResult | null> {
  try {
    return await getDb().transaction(async (tx): Promise<WriteResult | null> => {
      const own = await lockOwn(tx, user, id);
      if (!own) return null;
      if (own.exitedOn) return { ok: false, formError: 'Aspiranten är utskriven och kan inte ändras.' };
      const errors = await referenceErrors(tx, input);
      if (input.enrolledOn > todayInStockholm()) errors.enrolledOn = ['Inskrivningsdatum kan inte vara i framtiden'];
      const [plan] = await tx.select({ createdOn: actionPlans.createdOn }).from(actionPlans).where(eq(actionPlans.aspirantId, id));
      if (plan && input.enrolledOn > plan.createdOn) errors.enrolledOn = ['Inskrivningen kan inte vara efter handlingsplanens datum'];
      const [taken] = await tx
        .select({ id: aspirants.id })
        .from(aspirants)
        .where(and(eq(aspirants.personnummer, input.personnummer.normalized), ne(aspirants.id, id)));
      if (taken) errors.personnummer = [PERSONNUMMER_TAKEN];
      if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
      await tx.update(aspirants).set({ ...profileValues(input), updatedAt: sql`now()` }).where(eq(aspirants.id, id));
      await audit(tx, { actorUserId: user.id, action: 'aspirant.updated', subjectType: 'aspirant', subjectId: id, ip });
      await enqueueSearchSync(tx, 'aspirants', [id]);
      return { ok: true, id };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'aspirants_personnummer_key')) return { ok: false, fieldErrors: { personnummer: [PERSONNUMMER_TAKEN] } };
    throw error;
  }
}

/** The profile as the edit form shows it (personnummer in full: the coach is correcting it). Logged. */
export async function getAspirantForEdit(user: SessionUser, id: string, ip: string) {
  const where = aspirantScope(user);
  // The whole personnummer is in the form: only those who may reveal it (coaches) get it.
  if (where === null || !can(user, 'write:aspirant:own-jobbtorg') || !can(user, 'reveal:personnummer') || !isUuid(id)) return null;
  return getDb().transaction(async (tx) => {
    const [row] = await tx.select().from(aspirants).where(and(eq(aspirants.id, id), where));
    if (!row) return null;
    // Someone who has left cannot be edited: the page redirects and shows nothing, so log nothing.
    if (row.exitedOn) return { ...row, personnummer: null, notes: null, adaptationNeeds: null };
    await audit(tx, { actorUserId: user.id, action: 'aspirant.viewed', subjectType: 'aspirant', subjectId: id, ip, details: { for: 'edit' } });
    await audit(tx, { actorUserId: user.id, action: 'aspirant.personnummer-revealed', subjectType: 'aspirant', subjectId: id, ip, details: { for: 'edit' } });
    return row;
  });
}

/**
 * Records that the aspirant gave, or withdrew, consent to share a profile summary with employers.
 * A withdrawal takes effect at once: the employer projection reads only active consents.
 */
export async function setConsent(user: SessionUser, id: string, give: boolean, ip: string): Promise<WriteResult | null> {
  return getDb().transaction(async (tx): Promise<WriteResult | null> => {
    const own = await lockOwn(tx, user, id);
    if (!own) return null;
    const [current] = await tx
      .select({ consentAt: aspirants.consentAt, withdrawnAt: aspirants.consentWithdrawnAt })
      .from(aspirants)
      .where(eq(aspirants.id, id));
    const active = current!.consentAt !== null && current!.withdrawnAt === null;
    if (give) {
      if (own.exitedOn) return { ok: false, formError: 'Aspiranten är utskriven.' };
      if (active) return { ok: true, id };
      await tx
        .update(aspirants)
        .set({ consentAt: sql`now()`, consentScope: 'profile_summary', consentWithdrawnAt: null, updatedAt: sql`now()` })
        .where(eq(aspirants.id, id));
    } else {
      if (!active) return { ok: false, formError: 'Det finns inget samtycke att återkalla.' };
      await tx.update(aspirants).set({ consentWithdrawnAt: sql`now()`, updatedAt: sql`now()` }).where(eq(aspirants.id, id));
    }
    // Matching retrieves only consenting aspirants from the index.
    await enqueueSearchSync(tx, 'aspirants', [id]);
    await audit(tx, { actorUserId: user.id, action: give ? 'aspirant.consent-given' : 'aspirant.consent-withdrawn', subjectType: 'aspirant', subjectId: id, ip });
    return { ok: true, id };
  });
}

/**
 * Notes the day the coach saw the aspirant's criminal-record extract (some openings require one),
 * or removes the note (null). Only the date is kept, never the extract's contents.
 */
export async function setCriminalRecordCheck(user: SessionUser, id: string, checkedOn: string | null, ip: string): Promise<WriteResult | null> {
  return getDb().transaction(async (tx): Promise<WriteResult | null> => {
    const own = await lockOwn(tx, user, id);
    if (!own) return null;
    if (own.exitedOn) return { ok: false, formError: 'Aspiranten är utskriven.' };
    if (checkedOn !== null && checkedOn > todayInStockholm()) {
      return { ok: false, fieldErrors: { checkedOn: ['Datumet kan inte ligga i framtiden'] } };
    }
    await tx.update(aspirants).set({ criminalRecordCheckedOn: checkedOn, updatedAt: sql`now()` }).where(eq(aspirants.id, id));
    await enqueueSearchSync(tx, 'aspirants', [id]);
    await audit(tx, { actorUserId: user.id, action: 'aspirant.criminal-record-noted', subjectType: 'aspirant', subjectId: id, ip, details: { removed: checkedOn === null } });
    return { ok: true, id };
  });
}

/**
 * The aspirant row within `where`, with the names it refers to, the action plan, its activities
 * and the names of the aspirant's occupations: what the profile page and the extract both show.
 */
async function loadRecord(tx: DbOrTx, id: string, where: SQL) {
  const [row] = await tx
    .select({ aspirant: aspirants, jobbtorgName: jobbtorg.name, districtName: districts.name, coachName: users.name })
    .from(aspirants)
    .innerJoin(jobbtorg, eq(jobbtorg.id, aspirants.jobbtorgId))
    .leftJoin(districts, eq(districts.id, aspirants.districtId))
    .leftJoin(users, eq(users.id, aspirants.coachUserId))
    .where(and(eq(aspirants.id, id), where));
  if (!row) return null;
  const [plan] = await tx.select().from(actionPlans).where(eq(actionPlans.aspirantId, id));
  const planActivities = plan
    ? await tx.select().from(activities).where(eq(activities.actionPlanId, plan.id)).orderBy(asc(activities.startOn), asc(activities.createdAt))
    : [];
  const names = await occupationNames(row.aspirant.occupations.map((o) => o.code), tx);
  return { ...row, plan: plan ?? null, activities: planActivities, occupationName: (code: string) => names[code] ?? code };
}

/**
 * One aspirant's profile with the action plan, or null when it does not exist or belongs to
 * another Jobbtorg (the same answer, so the URL reveals nothing). Every read writes an audit row.
 * The personnummer is masked; see revealPersonnummer.
 */
export async function getAspirantProfile(user: SessionUser, id: string, ip: string) {
  const where = aspirantScope(user);
  if (where === null || !isUuid(id)) return null;
  return getDb().transaction(async (tx) => {
    const row = await loadRecord(tx, id, where);
    if (!row) return null;
    await audit(tx, { actorUserId: user.id, action: 'aspirant.viewed', subjectType: 'aspirant', subjectId: id, ip });
    const { personnummer, anonymisedAt: _anonymised, ...rest } = row.aspirant;
    const a = row.aspirant;
    const canManage = can(user, 'write:aspirant:own-jobbtorg') && a.exitedOn === null;
    return {
      aspirant: {
        ...rest,
        firstName: rest.firstName ?? '',
        lastName: rest.lastName ?? '',
        maskedPersonnummer: maskPersonnummer(personnummer ?? ''),
        age: ageOn(a.birthDate, todayInStockholm()),
        occupations: a.occupations.map((o) => ({ ...o, name: row.occupationName(o.code) })),
        consentActive: a.consentAt !== null && a.consentWithdrawnAt === null,
      },
      jobbtorgName: row.jobbtorgName,
      districtName: row.districtName,
      coachName: row.coachName,
      plan: row.plan,
      activities: row.activities,
      canReveal: can(user, 'reveal:personnummer'),
      canManage,
    };
  });
}

/** The whole personnummer, for a coach at the aspirant's Jobbtorg; every reveal is logged. */
export async function revealPersonnummer(user: SessionUser, id: string, ip: string): Promise<string | null> {
  const where = aspirantScope(user);
  if (where === null || !can(user, 'reveal:personnummer') || !isUuid(id)) return null;
  return getDb().transaction(async (tx) => {
    const [row] = await tx.select({ personnummer: aspirants.personnummer }).from(aspirants).where(and(eq(aspirants.id, id), where));
    if (!row?.personnummer) return null;
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
    // "Has an action plan" is a search facet.
    await enqueueSearchSync(tx, 'aspirants', [aspirantId]);
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
    await enqueueSearchSync(tx, 'aspirants', [id]);
    return { ok: true, id };
  });
}

/** Records the follow-up six months after exit (replacing an earlier answer). */
export async function recordSelfSupport(user: SessionUser, id: string, input: SelfSupportInput, ip: string): Promise<WriteResult | null> {
  return getDb().transaction(async (tx): Promise<WriteResult | null> => {
    const own = await lockOwn(tx, user, id);
    if (!own) return null;
    if (!own.exitedOn) return { ok: false, formError: 'Uppföljningen görs efter utskrivningen.' };
    if (input.checkedOn < own.exitedOn) return { ok: false, fieldErrors: { checkedOn: ['Uppföljningen kan inte vara före utskrivningen'] } };
    if (input.checkedOn > todayInStockholm()) return { ok: false, fieldErrors: { checkedOn: ['Datumet kan inte ligga i framtiden'] } };
    await tx
      .update(aspirants)
      .set({ selfSupporting6m: input.selfSupporting === 'ja', selfSupportingCheckedOn: input.checkedOn, updatedAt: sql`now()` })
      .where(eq(aspirants.id, id));
    await audit(tx, { actorUserId: user.id, action: 'aspirant.self-support-recorded', subjectType: 'aspirant', subjectId: id, ip, details: { selfSupporting: input.selfSupporting === 'ja' } });
    return { ok: true, id };
  });
}

/** The districts for the enrolment form. */
export async function aspirantFormOptions() {
  const rows = await getDb().select({ id: districts.id, name: districts.name }).from(districts).orderBy(asc(districts.name));
  return { districts: rows.map((d) => ({ value: String(d.id), label: d.name })) };
}


/**
 * Everything held about one aspirant, for a register extract (GDPR art. 15) handed to the
 * person: the profile with labels, the action plan and activities, and who has read or changed
 * the record (roles, not names). Logged as an export. Null when not the user's to read.
 */
export async function registerExtract(user: SessionUser, id: string, ip: string) {
  const where = aspirantScope(user);
  if (where === null || !can(user, 'export:aspirant') || !isUuid(id)) return null;
  return getDb().transaction(async (tx) => {
    const row = await loadRecord(tx, id, where);
    if (!row) return null;
    const { aspirant: a, plan } = row;
    const log = await tx
      .select({ at: auditLog.at, action: auditLog.action, role: users.role })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(aboutAspirant(id))
      .orderBy(asc(auditLog.at));
    await audit(tx, { actorUserId: user.id, action: 'aspirant.exported', subjectType: 'aspirant', subjectId: id, ip });
    // The extract holds the whole personnummer: for whoever downloads it, that is a reveal too.
    if (a.personnummer) await audit(tx, { actorUserId: user.id, action: 'aspirant.personnummer-revealed', subjectType: 'aspirant', subjectId: id, ip, details: { for: 'export' } });
    return {
      registerutdrag: {
        framställt: new Date().toISOString(),
        personuppgiftsansvarig: 'Stockholms stad, arbetsmarknadsnämnden',
        system: 'Insteg',
      },
      personuppgifter: {
        förnamn: a.firstName,
        efternamn: a.lastName,
        personnummer: a.personnummer ? formatPersonnummer(a.personnummer) : null,
        födelsedatum: a.birthDate,
        kön: genderLabels[a.gender],
        bostadsområde: row.districtName ?? OUTSIDE_STOCKHOLM,
      },
      inskrivning: {
        jobbtorg: row.jobbtorgName,
        jobbcoach: row.coachName,
        inskriven: a.enrolledOn,
        utskriven: a.exitedOn,
        orsakTillUtskrivning: a.exitReason ? exitReasonLabels[a.exitReason] : null,
      },
      målgrupper: a.targetGroups.map((g) => targetGroupLabels[g as TargetGroup] ?? g),
      språk: a.languages.map((l) => ({ språk: l.language, nivå: languageLevelLabels[l.level] })),
      svenska: swedishLevelLabels[a.swedishLevel],
      utbildning: { nivå: educationLabels[a.education], fullföljtGymnasium: a.completedUpperSecondary },
      yrken: a.occupations.map((o) => ({ ssyk: o.code, yrke: row.occupationName(o.code), årsErfarenhet: o.years })),
      körkort: a.drivingLicence,
      tillgänglighet: { från: a.availableFrom, timmarPerVecka: a.hoursPerWeek },
      behovAvAnpassning: a.adaptationNeeds,
      anteckningar: a.notes,
      samtyckeProfilsammanfattning: {
        lämnat: a.consentAt?.toISOString() ?? null,
        återkallat: a.consentWithdrawnAt?.toISOString() ?? null,
      },
      handlingsplan: plan
        ? {
            mål: plan.goal,
            upprättad: plan.createdOn,
            senastUppföljd: plan.reviewedOn,
            aktiviteter: row.activities.map((x) => ({
              typ: activityTypeLabels[x.type],
              beskrivning: x.description,
              start: x.startOn,
              slut: x.endOn,
              status: activityStatusLabels[x.status],
              uppföljning: x.followUpOn,
              resultat: x.followUpResult,
            })),
          }
        : null,
      åtkomstlogg: log.map((l) => ({ tid: l.at.toISOString(), händelse: auditActionLabel(l.action), roll: l.role ? roleLabels[l.role] : 'systemet' })),
    };
  });
}

/** An admin erases (anonymises) an aspirant who has left, before the retention period ends. */
export async function eraseAspirant(user: SessionUser, id: string, ip: string): Promise<WriteResult | null> {
  if (!can(user, 'erase:aspirant')) return null;
  return getDb().transaction(async (tx): Promise<WriteResult | null> => {
    const own = await lockOwn(tx, user, id);
    if (!own) return null;
    if (!own.exitedOn) return { ok: false, formError: 'Skriv ut aspiranten innan uppgifterna raderas.' };
    await anonymiseAspirant(tx, id, { actorUserId: user.id, ip, reason: 'erasure-request' });
    return { ok: true, id };
  });
}

export interface DueItem {
  aspirantId: string;
  name: string;
  kind: 'plan-missing' | 'plan-review' | 'nearing-limit' | 'follow-up' | 'placement-follow-up';
  /** The day it was or is due. */
  dueOn: string;
  detail: string;
  /** Where to act on it, when not the aspirant's profile (a placement's follow-up: the match). */
  href?: string;
}

/**
 * Placement follow-ups (3 and 6 months after a placement ended) due on or before `today` for the
 * coach: those of matches they proposed or of aspirants they hold, exited ones included (the
 * follow-up usually comes after the exit).
 */
export async function dueFollowUps(user: SessionUser, today = todayInStockholm(), db: DbOrTx = getDb()) {
  if (user.role !== 'coach' || user.jobbtorgId === null) return [];
  const rows = await db
    .select({
      id: placementFollowUps.id,
      matchId: placementFollowUps.matchId,
      checkpoint: placementFollowUps.checkpoint,
      dueOn: placementFollowUps.dueOn,
      aspirantId: aspirants.id,
      firstName: aspirants.firstName,
      lastName: aspirants.lastName,
      openingTitle: openings.title,
    })
    .from(placementFollowUps)
    .innerJoin(matches, eq(matches.id, placementFollowUps.matchId))
    .innerJoin(aspirants, eq(aspirants.id, matches.aspirantId))
    .innerJoin(openings, eq(openings.id, matches.openingId))
    .where(
      and(
        isNull(placementFollowUps.outcome),
        lte(placementFollowUps.dueOn, today),
        isNull(aspirants.anonymisedAt),
        eq(aspirants.jobbtorgId, user.jobbtorgId),
        or(eq(matches.proposedBy, user.id), eq(aspirants.coachUserId, user.id)),
      ),
    )
    .orderBy(asc(placementFollowUps.dueOn));
  return rows.map(({ firstName, lastName, ...r }) => ({ ...r, name: `${firstName ?? ''} ${lastName ?? ''}`.trim() }));
}

/**
 * The coach's start page: what is due among their own current aspirants. An action plan within
 * 5 days of enrolment; a plan reviewed at least every 6 months; enrolments nearing 18 months
 * (a month ahead); activity follow-ups and placement follow-ups on or before today. Oldest first.
 * Logged like a caseload, in one audit row.
 */
export async function dueList(user: SessionUser, ip: string, today = todayInStockholm()): Promise<DueItem[]> {
  if (user.role !== 'coach') return [];
  return getDb().transaction(async (tx) => {
    const own = and(eq(aspirants.coachUserId, user.id), isNull(aspirants.exitedOn), isNull(aspirants.anonymisedAt));
    const rows = await tx
      .select({
        id: aspirants.id,
        firstName: aspirants.firstName,
        lastName: aspirants.lastName,
        enrolledOn: aspirants.enrolledOn,
        planCreatedOn: actionPlans.createdOn,
        planReviewedOn: actionPlans.reviewedOn,
      })
      .from(aspirants)
      .leftJoin(actionPlans, eq(actionPlans.aspirantId, aspirants.id))
      .where(own);
    const followUps = await tx
      .select({ aspirantId: aspirants.id, followUpOn: activities.followUpOn, description: activities.description, type: activities.type })
      .from(activities)
      .innerJoin(actionPlans, eq(actionPlans.id, activities.actionPlanId))
      .innerJoin(aspirants, eq(aspirants.id, actionPlans.aspirantId))
      .where(
        and(
          own,
          lte(activities.followUpOn, today),
          isNull(activities.followUpResult),
          inArray(activities.status, ['planned', 'ongoing']),
        ),
      );
    const items: DueItem[] = [];
    const nameOf = new Map(rows.map((r) => [r.id, `${r.firstName ?? ''} ${r.lastName ?? ''}`.trim()]));
    for (const r of rows) {
      const name = nameOf.get(r.id)!;
      if (!r.planCreatedOn) {
        const due = addDays(r.enrolledOn, 5);
        if (due <= today) items.push({ aspirantId: r.id, name, kind: 'plan-missing', dueOn: due, detail: `Inskriven ${r.enrolledOn}, handlingsplan saknas` });
      } else {
        const last = r.planReviewedOn ?? r.planCreatedOn;
        const due = addMonths(last, 6);
        if (due <= today) items.push({ aspirantId: r.id, name, kind: 'plan-review', dueOn: due, detail: `Handlingsplanen följdes senast upp ${last}` });
      }
      const limit = addMonths(r.enrolledOn, 18);
      if (addMonths(limit, -1) <= today) {
        const detail = limit <= today ? `18 månader passerades ${limit}: skriv ut eller dokumentera skälet att fortsätta` : `18 månader nås ${limit} (inskriven ${r.enrolledOn})`;
        items.push({ aspirantId: r.id, name, kind: 'nearing-limit', dueOn: limit, detail });
      }
    }
    for (const f of followUps) {
      items.push({
        aspirantId: f.aspirantId,
        name: nameOf.get(f.aspirantId) ?? '',
        kind: 'follow-up',
        dueOn: f.followUpOn!,
        detail: `Följ upp ${activityTypeLabels[f.type].toLowerCase()}: ${f.description.slice(0, 80)}`,
      });
    }
    for (const f of await dueFollowUps(user, today, tx)) {
      items.push({
        aspirantId: f.aspirantId,
        name: f.name,
        kind: 'placement-follow-up',
        dueOn: f.dueOn,
        detail: `${f.checkpoint} månader efter placeringen: ${f.openingTitle}`,
        href: `/matchningar/${f.matchId}`,
      });
    }
    items.sort((x, y) => x.dueOn.localeCompare(y.dueOn) || x.name.localeCompare(y.name, 'sv'));
    if (items.length) {
      await audit(tx, { actorUserId: user.id, action: 'aspirant.due-list-viewed', subjectType: 'aspirant', ip, details: { ids: [...new Set(items.map((i) => i.aspirantId))] } });
    }
    return items;
  });
}
