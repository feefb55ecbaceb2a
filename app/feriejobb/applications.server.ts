import { and, asc, count, desc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { createElement } from 'react';
import type { DbOrTx } from '../../db/client.server';
import { containsPattern } from '../../db/like-pattern';
import { districts, feriejobbApplications, feriejobbEvents, feriejobbOffers, feriejobbRunResults, feriejobbRuns, feriejobbSubmissions, openings, organizations } from '../../db/schema';
import { ApplicationReceivedEmail, applicationReceivedSubject, ConfirmApplicationEmail, confirmApplicationSubject } from '../../emails/feriejobb';
import { enqueueEmail } from '../../emails/outbox.server';
import { audit } from '../audit/audit-log.server';
import type { SessionUser } from '../auth/auth.server';
import { genderLabels } from '../aspirants/aspirant-rules';
import { getEnv } from '../env.server';
import { TOKEN_SHAPE } from '../forms/validation';
import { hashToken, newToken } from '../lib/tokens.server';
import { feriejobbInterestAreaLabels, type FeriejobbInterestArea } from '../openings/opening-rules';
import { getDb } from '../services.server';
import type { ApplicationInput } from './application-schema';
import { ageOnSummerStart, CONFIRMATION_VALID_HOURS, summerMonthLabels, type SummerMonth } from './feriejobb-rules';
import type { ApplicationFilter } from './feriejobb-status';

/** At most this many unconfirmed submissions per e-mail address and hour (more are dropped silently). */
const SUBMISSIONS_PER_HOUR = 5;


/** The application's answers as lines for e-mails and pages. */
export function applicationSummary(
  a: Pick<ApplicationInput, 'interestAreas' | 'months' | 'languages'> & { districtName: string; preferredDistrictName: string | null },
) {
  return [
    `Intresseområden i ordning: ${a.interestAreas.map((x, i) => `${i + 1}. ${feriejobbInterestAreaLabels[x as FeriejobbInterestArea] ?? x}`).join(', ')}`,
    `Bor i: ${a.districtName}`,
    `Önskat område: ${a.preferredDistrictName ?? 'inget särskilt'}`,
    `Kan arbeta: ${a.months.map((m) => summerMonthLabels[m as SummerMonth].toLowerCase()).join(', ')}`,
    a.languages.length ? `Språk: ${a.languages.join(', ')}` : null,
  ]
    .filter(Boolean)
    .join('\n');
}

async function districtNames(db: DbOrTx, ids: (number | null)[]) {
  const wanted = ids.filter((x): x is number => x !== null);
  if (!wanted.length) return new Map<number, string>();
  const rows = await db.select({ id: districts.id, name: districts.name }).from(districts).where(inArray(districts.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * A youth submits the public form: the answers wait, with a confirmation link sent to the given
 * address. Nothing about an earlier application changes until the link is used. A flood of
 * submissions for one address is dropped without telling the sender (the page looks the same).
 */
export async function submitApplication(input: ApplicationInput, year: number, ip: string) {
  const db = getDb();
  const names = await districtNames(db, [input.districtId, input.preferredDistrictId]);
  const fieldErrors: Record<string, string[]> = {};
  if (!names.has(input.districtId)) fieldErrors.districtId = ['Välj stadsdelsområdet där du bor'];
  if (input.preferredDistrictId !== null && !names.has(input.preferredDistrictId)) fieldErrors.preferredDistrictId = ['Välj ett stadsdelsområde i listan'];
  if (Object.keys(fieldErrors).length) return { ok: false as const, fieldErrors };
  const token = newToken();
  await db.transaction(async (tx) => {
    const [recent] = await tx
      .select({ n: count() })
      .from(feriejobbSubmissions)
      .where(and(eq(feriejobbSubmissions.email, input.email), gt(feriejobbSubmissions.createdAt, sql`now() - interval '1 hour'`)));
    if ((recent?.n ?? 0) >= SUBMISSIONS_PER_HOUR) return;
    const payload = { ...input, personnummer: input.personnummer.normalized, birthDate: input.personnummer.birthDate, year };
    await tx.insert(feriejobbSubmissions).values({
      tokenHash: hashToken(token),
      email: input.email,
      payload,
      expiresAt: sql`now() + make_interval(hours => ${CONFIRMATION_VALID_HOURS})`,
      ip,
    });
    await enqueueEmail(tx, {
      to: input.email,
      subject: confirmApplicationSubject(year),
      template: 'feriejobb-confirm',
      element: createElement(ConfirmApplicationEmail, {
        firstName: input.firstName,
        year,
        url: `${getEnv().APP_URL}/feriejobb/bekrafta/${token}`,
        validHours: CONFIRMATION_VALID_HOURS,
      }),
    });
  });
  return { ok: true as const };
}

type StoredPayload = Omit<ApplicationInput, 'personnummer'> & { personnummer: string; birthDate: string; year: number };

export type ConfirmResult =
  | { status: 'confirmed'; updated: boolean; firstName: string; year: number }
  | { status: 'already-confirmed' | 'expired' | 'invalid' };

/**
 * Uses a confirmation link once: the waiting answers become the application for that
 * personnummer and year (a new one, or replacing the earlier one's answers: never a second row).
 * The answers are removed from the submission, and a receipt goes to the youth.
 */
export async function confirmApplication(token: string): Promise<ConfirmResult> {
  if (!TOKEN_SHAPE.test(token)) return { status: 'invalid' };
  const db = getDb();
  return db.transaction(async (tx) => {
    const [submission] = await tx
      .select({
        id: feriejobbSubmissions.id,
        payload: feriejobbSubmissions.payload,
        confirmedAt: feriejobbSubmissions.confirmedAt,
        expired: sql<boolean>`${feriejobbSubmissions.expiresAt} < now()`,
      })
      .from(feriejobbSubmissions)
      .where(eq(feriejobbSubmissions.tokenHash, hashToken(token)))
      .for('update');
    if (!submission) return { status: 'invalid' as const };
    if (submission.confirmedAt) return { status: 'already-confirmed' as const };
    if (submission.expired || !submission.payload) return { status: 'expired' as const };
    const p = submission.payload as unknown as StoredPayload;
    const values = {
      year: p.year,
      personnummer: p.personnummer,
      birthDate: p.birthDate,
      firstName: p.firstName,
      lastName: p.lastName,
      gender: p.gender,
      email: p.email,
      phone: p.phone,
      districtId: p.districtId,
      preferredDistrictId: p.preferredDistrictId,
      interestAreas: p.interestAreas,
      months: p.months,
      languages: p.languages,
      adaptationNeeds: p.adaptationNeeds,
      guardianName: p.guardianName,
      guardianEmail: p.guardianEmail,
      guardianPhone: p.guardianPhone,
      consentAt: sql`now()`,
      status: 'active' as const,
      updatedAt: sql`now()`,
    };
    const [row] = await tx
      .insert(feriejobbApplications)
      .values(values)
      .onConflictDoUpdate({
        target: [feriejobbApplications.year, feriejobbApplications.personnummer],
        set: { ...values, revision: sql`${feriejobbApplications.revision} + 1` },
      })
      .returning({ id: feriejobbApplications.id, revision: feriejobbApplications.revision });
    const updated = row!.revision > 1;
    await tx
      .update(feriejobbSubmissions)
      .set({ confirmedAt: sql`now()`, payload: null, applicationId: row!.id })
      .where(eq(feriejobbSubmissions.id, submission.id));
    await tx.insert(feriejobbEvents).values({ applicationId: row!.id, kind: updated ? 'updated' : 'confirmed', details: { revision: row!.revision } });
    const names = await districtNames(tx, [p.districtId, p.preferredDistrictId]);
    await enqueueEmail(tx, {
      to: p.email,
      subject: applicationReceivedSubject(p.year),
      template: 'feriejobb-received',
      element: createElement(ApplicationReceivedEmail, {
        firstName: p.firstName,
        year: p.year,
        updated,
        summary: applicationSummary({
          ...p,
          districtName: names.get(p.districtId) ?? '',
          preferredDistrictName: p.preferredDistrictId !== null ? names.get(p.preferredDistrictId) ?? null : null,
        }),
      }),
    });
    return { status: 'confirmed' as const, updated, firstName: p.firstName, year: p.year };
  });
}

// ---------------------------------------------------------------------------------------------
// The coordinator's side
// ---------------------------------------------------------------------------------------------

const PAGE_SIZE = 50;

export async function listApplications(user: SessionUser, options: { year: number; q?: string; filter: ApplicationFilter; page: number; ip: string }) {
  const db = getDb();
  const liveOffer = sql`exists (select 1 from ${feriejobbOffers} o where o.application_id = feriejobb_applications.id and o.status in ('pending', 'accepted'))`;
  const conditions: SQL[] = [eq(feriejobbApplications.year, options.year), eq(feriejobbApplications.status, 'active')];
  if (options.filter === 'ej-granskade') conditions.push(sql`${feriejobbApplications.priorityCheckedAt} is null`);
  if (options.filter === 'prioriterade') conditions.push(sql`cardinality(${feriejobbApplications.priorityGroups}) > 0`);
  if (options.filter === 'erbjudna') conditions.push(liveOffer);
  if (options.filter === 'utan-plats') conditions.push(sql`not ${liveOffer}`);
  const q = options.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    conditions.push(
      or(
        ilike(feriejobbApplications.firstName, pattern),
        ilike(feriejobbApplications.lastName, pattern),
        ilike(sql`${feriejobbApplications.firstName} || ' ' || ${feriejobbApplications.lastName}`, pattern),
        ilike(feriejobbApplications.email, pattern),
        /^[0-9-]{6,13}$/.test(q) ? ilike(feriejobbApplications.personnummer, containsPattern(q.replace('-', ''))) : undefined,
      )!,
    );
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: feriejobbApplications.id,
        firstName: feriejobbApplications.firstName,
        lastName: feriejobbApplications.lastName,
        birthDate: feriejobbApplications.birthDate,
        districtName: districts.name,
        interestAreas: feriejobbApplications.interestAreas,
        priorityGroups: feriejobbApplications.priorityGroups,
        priorityCheckedAt: feriejobbApplications.priorityCheckedAt,
        offerStatus: sql<string | null>`(select o.status from ${feriejobbOffers} o where o.application_id = feriejobb_applications.id order by o.created_at desc limit 1)`,
        updatedAt: feriejobbApplications.updatedAt,
      })
      .from(feriejobbApplications)
      .innerJoin(districts, eq(districts.id, feriejobbApplications.districtId))
      .where(where)
      .orderBy(asc(feriejobbApplications.lastName), asc(feriejobbApplications.firstName), asc(feriejobbApplications.id))
      .limit(PAGE_SIZE)
      .offset((options.page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(feriejobbApplications).where(where),
  ]);
  await audit(db, {
    actorUserId: user.id,
    action: 'feriejobb.applications-listed',
    subjectType: 'feriejobb_application',
    ip: options.ip,
    details: { ids: rows.map((r) => r.id), filter: options.filter, q: q ?? null },
  });
  return {
    rows: rows.map((r) => ({ ...r, age: ageOnSummerStart(r.birthDate, options.year) })),
    total: total?.n ?? 0,
    pageSize: PAGE_SIZE,
  };
}

/** One application with its history, offers and run results; the read is audit-logged. */
export async function getApplication(user: SessionUser, id: string, ip: string) {
  const db = getDb();
  const [row] = await db
    .select({ application: feriejobbApplications, districtName: districts.name })
    .from(feriejobbApplications)
    .innerJoin(districts, eq(districts.id, feriejobbApplications.districtId))
    .where(eq(feriejobbApplications.id, id));
  if (!row) return null;
  const a = row.application;
  const [preferred, events, offers, results] = await Promise.all([
    a.preferredDistrictId ? db.select({ name: districts.name }).from(districts).where(eq(districts.id, a.preferredDistrictId)) : Promise.resolve([]),
    db.select().from(feriejobbEvents).where(eq(feriejobbEvents.applicationId, id)).orderBy(desc(feriejobbEvents.at), desc(feriejobbEvents.id)),
    db
      .select({
        id: feriejobbOffers.id,
        status: feriejobbOffers.status,
        deadline: feriejobbOffers.deadline,
        respondedAt: feriejobbOffers.respondedAt,
        createdAt: feriejobbOffers.createdAt,
        openingId: openings.id,
        openingTitle: openings.title,
        organizationName: organizations.name,
        round: feriejobbRuns.round,
      })
      .from(feriejobbOffers)
      .innerJoin(openings, eq(openings.id, feriejobbOffers.openingId))
      .innerJoin(organizations, eq(organizations.id, openings.organizationId))
      .innerJoin(feriejobbRuns, eq(feriejobbRuns.id, feriejobbOffers.runId))
      .where(eq(feriejobbOffers.applicationId, id))
      .orderBy(desc(feriejobbOffers.createdAt)),
    db
      .select({ runId: feriejobbRunResults.runId, round: feriejobbRuns.round, status: feriejobbRuns.status, openingId: feriejobbRunResults.openingId, createdAt: feriejobbRuns.createdAt })
      .from(feriejobbRunResults)
      .innerJoin(feriejobbRuns, eq(feriejobbRuns.id, feriejobbRunResults.runId))
      .where(eq(feriejobbRunResults.applicationId, id))
      .orderBy(desc(feriejobbRuns.createdAt)),
  ]);
  await audit(db, { actorUserId: user.id, action: 'feriejobb.application-viewed', subjectType: 'feriejobb_application', subjectId: id, ip });
  return {
    ...a,
    age: ageOnSummerStart(a.birthDate, a.year),
    districtName: row.districtName,
    preferredDistrictName: preferred[0]?.name ?? null,
    genderLabel: genderLabels[a.gender],
    events,
    offers,
    results,
  };
}

/** The coordinator records which priority groups they have checked (an empty list is a check too). */
export async function setPriorityGroups(user: SessionUser, id: string, groups: string[], ip: string) {
  const db = getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ groups: feriejobbApplications.priorityGroups }).from(feriejobbApplications).where(eq(feriejobbApplications.id, id)).for('update');
    if (!before) return false;
    await tx
      .update(feriejobbApplications)
      .set({ priorityGroups: groups, priorityCheckedBy: user.id, priorityCheckedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(feriejobbApplications.id, id));
    await tx.insert(feriejobbEvents).values({ applicationId: id, kind: 'priority-checked', actorUserId: user.id, details: { before: before.groups, after: groups } });
    await audit(tx, { actorUserId: user.id, action: 'feriejobb.priority-checked', subjectType: 'feriejobb_application', subjectId: id, ip, details: { groups } });
    return true;
  });
}

/** Withdraws an application (the youth asked to): it takes no part in later runs. Live offers stay as they are. */
export async function withdrawApplication(user: SessionUser, id: string, ip: string) {
  const db = getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(feriejobbApplications)
      .set({ status: 'withdrawn', updatedAt: sql`now()` })
      .where(and(eq(feriejobbApplications.id, id), eq(feriejobbApplications.status, 'active')))
      .returning({ id: feriejobbApplications.id });
    if (!row) return false;
    await tx.insert(feriejobbEvents).values({ applicationId: id, kind: 'withdrawn', actorUserId: user.id });
    await audit(tx, { actorUserId: user.id, action: 'feriejobb.application-withdrawn', subjectType: 'feriejobb_application', subjectId: id, ip });
    return true;
  });
}

