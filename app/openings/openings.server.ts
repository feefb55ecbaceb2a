import { todayInStockholm } from '../dates';
import { and, asc, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.server';
import { isCheckViolation } from '../../db/errors';
import { clusters, districts, occupations, openings, organizations, type Opening } from '../../db/schema';
import {
  OpeningDeadlineReminderEmail,
  OpeningPublishedEmail,
  OpeningUnpublishedEmail,
  openingDeadlineSubject,
  openingPublishedSubject,
  openingUnpublishedSubject,
} from '../../emails/opening-notices';
import { enqueueEmail } from '../../emails/outbox.server';
import { openingSubtypeLabel } from '../../search/documents';
import { enqueueSearchSync } from '../../search/sync.server';
import { audit } from '../audit/audit-log.server';
import type { SessionUser } from '../auth/auth.server';
import { getEnv } from '../env.server';
import { getDb } from '../services.server';
import { canTransition, isEditable, openingKindLabels, postingRefusal, type OpeningStatus } from './opening-rules';
import { daysBetween, kindDetails, kindSubtype, type OpeningInput } from './opening-schema';

export type FieldErrors = Record<string, string[]>;
export type WriteResult = { ok: true; id: string } | { ok: false; fieldErrors?: FieldErrors; formError?: string };


/** Checks the input against the database: SSYK codes exist, the district exists. */
async function referenceErrors(tx: DbOrTx, input: OpeningInput): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const codes = [input.occupationCode, ...(input.kind === 'mentor' ? [input.mentorOccupationCode] : [])];
  const found = await tx
    .select({ code: occupations.code })
    .from(occupations)
    .where(and(inArray(occupations.code, codes), eq(occupations.level, 4)));
  const known = new Set(found.map((f) => f.code));
  if (!known.has(input.occupationCode)) errors.occupationCode = ['Okänd SSYK-kod: välj ett yrke i listan'];
  if (input.kind === 'mentor' && !known.has(input.mentorOccupationCode)) errors.mentorOccupationCode = ['Okänd SSYK-kod: välj ett yrke i listan'];
  if (input.district !== 'utanfor') {
    const [d] = await tx.select({ id: districts.id }).from(districts).where(eq(districts.id, Number(input.district)));
    if (!d) errors.district = ['Välj ett stadsdelsområde i listan'];
  }
  return errors;
}

function columnsFrom(input: OpeningInput) {
  return {
    kind: input.kind,
    subtype: kindSubtype(input),
    title: input.title,
    description: input.description,
    workplaceAddress: input.workplaceAddress,
    districtId: input.district === 'utanfor' ? null : Number(input.district),
    occupationCode: input.occupationCode,
    places: input.places,
    startDate: input.startDate,
    endDate: input.endDate,
    applicationDeadline: input.applicationDeadline,
    ageMin: input.kind === 'mentor' ? null : (input.ageMin ?? null),
    ageMax: input.kind === 'mentor' ? null : (input.ageMax ?? null),
    swedishLevel: input.swedishLevel,
    swedishRequired: input.swedishRequired,
    languages: input.languages,
    drivingLicence: input.drivingLicence,
    criminalRecordRequired: input.criminalRecordRequired,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone || null,
    supervisorName: input.supervisorName,
    supervisorPhone: input.supervisorPhone || null,
    adaptations: input.adaptations || null,
    details: kindDetails(input) as Record<string, unknown>,
  };
}

async function employerOrganization(tx: DbOrTx, user: SessionUser) {
  if (user.role !== 'employer' || !user.organizationId) return null;
  const [org] = await tx
    .select({ id: organizations.id, kind: organizations.kind, active: organizations.active, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, user.organizationId));
  return org?.active ? org : null;
}

/** An employer creates a draft for their own organisation. */
export async function createOpening(user: SessionUser, input: OpeningInput, ip: string): Promise<WriteResult> {
  return getDb().transaction(async (tx) => {
    const org = await employerOrganization(tx, user);
    if (!org) return { ok: false, formError: 'Ditt konto hör inte till en aktiv organisation.' };
    const refusal = postingRefusal(org.kind, input.kind);
    if (refusal) return { ok: false, fieldErrors: { kind: [refusal] } };
    const errors = await referenceErrors(tx, input);
    if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
    const [row] = await tx
      .insert(openings)
      .values({ ...columnsFrom(input), organizationId: org.id, createdBy: user.id })
      .returning({ id: openings.id });
    await enqueueSearchSync(tx, 'openings', [row!.id]);
    await audit(tx, { actorUserId: user.id, action: 'opening.created', subjectType: 'opening', subjectId: row!.id, ip, details: { kind: input.kind } });
    return { ok: true, id: row!.id };
  });
}

/**
 * The opening as the user may see it, or null. Ownership is part of the query: an employer
 * gets their own organisation's openings in any status and others' only when published, so
 * another organisation's draft is simply not found.
 */
export async function getOpening(user: SessionUser, id: string) {
  const db = getDb();
  const visibility: SQL | undefined =
    user.role === 'admin'
      ? undefined
      : user.role === 'employer'
        ? or(eq(openings.organizationId, user.organizationId!), eq(openings.status, 'published'))
        : eq(openings.status, 'published');
  const [row] = await db
    .select({
      opening: openings,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
      membershipLevel: organizations.membershipLevel,
      districtName: districts.name,
      clusterName: clusters.name,
      occupationSv: occupations.nameSv,
      occupationEn: occupations.nameEn,
    })
    .from(openings)
    .innerJoin(organizations, eq(organizations.id, openings.organizationId))
    .innerJoin(occupations, eq(occupations.code, openings.occupationCode))
    .leftJoin(districts, eq(districts.id, openings.districtId))
    .leftJoin(clusters, eq(clusters.id, districts.clusterId))
    .where(and(eq(openings.id, id), visibility));
  if (!row) return null;
  const own = user.role === 'employer' && row.opening.organizationId === user.organizationId;
  // Only what a page shows: who created it and when reminders went out stay in the database;
  // the reason for an unpublishing is for the organisation and the admins.
  const { createdBy: _createdBy, deadlineReminderSentAt: _reminded, unpublishReason, ...shown } = row.opening;
  return {
    ...shown,
    unpublishReason: own || user.role === 'admin' ? unpublishReason : null,
    organizationName: row.organizationName,
    membershipLevel: row.membershipLevel,
    districtName: row.districtName,
    clusterName: row.clusterName,
    occupationName: row.occupationSv ?? row.occupationEn,
    subtypeLabel: openingSubtypeLabel(row.opening.kind, row.opening.subtype),
    canEdit: own && isEditable(row.opening.status),
    canManage: own,
    canUnpublish: user.role === 'admin' && (row.opening.status === 'published' || row.opening.status === 'paused'),
  };
}

/** An employer's own openings, newest first, optionally by status. */
export async function listOwnOpenings(user: SessionUser, status?: OpeningStatus) {
  if (user.role !== 'employer' || !user.organizationId) return [];
  return getDb()
    .select({
      id: openings.id,
      title: openings.title,
      kind: openings.kind,
      subtype: openings.subtype,
      status: openings.status,
      places: openings.places,
      startDate: openings.startDate,
      applicationDeadline: openings.applicationDeadline,
      unpublishReason: openings.unpublishReason,
    })
    .from(openings)
    .where(and(eq(openings.organizationId, user.organizationId), status ? eq(openings.status, status) : undefined))
    .orderBy(desc(openings.createdAt))
    .limit(500);
}

async function lockOwn(tx: DbOrTx, user: SessionUser, id: string) {
  if (user.role !== 'employer' || !user.organizationId) return null;
  const [row] = await tx
    .select()
    .from(openings)
    .where(and(eq(openings.id, id), eq(openings.organizationId, user.organizationId)))
    .for('update');
  return row ?? null;
}

export async function updateOpening(user: SessionUser, id: string, input: OpeningInput, ip: string): Promise<WriteResult | null> {
  return getDb().transaction(async (tx) => {
    const current = await lockOwn(tx, user, id);
    if (!current) return null;
    if (!isEditable(current.status)) return { ok: false, formError: 'En stängd, tillsatt eller utgången plats kan inte ändras.' };
    if (input.kind !== current.kind) return { ok: false, fieldErrors: { kind: ['Sorten av plats kan inte ändras; skapa en ny plats i stället.'] } };
    const org = await employerOrganization(tx, user);
    if (!org) return { ok: false, formError: 'Ditt konto hör inte till en aktiv organisation.' };
    const errors = await referenceErrors(tx, input);
    if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
    if (current.status !== 'draft' && input.applicationDeadline < todayInStockholm()) {
      return { ok: false, fieldErrors: { applicationDeadline: ['Sista ansökningsdag har redan passerat för en publicerad plats'] } };
    }
    await tx
      .update(openings)
      .set({ ...columnsFrom(input), updatedAt: sql`now()`, deadlineReminderSentAt: input.applicationDeadline !== current.applicationDeadline ? null : current.deadlineReminderSentAt })
      .where(eq(openings.id, id));
    await enqueueSearchSync(tx, 'openings', [id]);
    await audit(tx, { actorUserId: user.id, action: 'opening.updated', subjectType: 'opening', subjectId: id, ip });
    return { ok: true, id };
  });
}

function openingUrl(id: string) {
  return `${getEnv().APP_URL}/arbetsgivare/platser/${id}`;
}

async function organizationName(tx: DbOrTx, id: string) {
  const [o] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id));
  return o?.name ?? '';
}

export type TransitionResult = { ok: true; message: string } | { ok: false; message: string };

/** An employer moves their opening along the lifecycle (publish, pause, fill, close). */
export async function transitionOpening(user: SessionUser, id: string, to: Exclude<OpeningStatus, 'expired' | 'draft'>, ip: string): Promise<TransitionResult | null> {
  try {
    return await getDb().transaction(async (tx): Promise<TransitionResult | null> => {
      const current = await lockOwn(tx, user, id);
      if (!current) return null;
      if (!canTransition(current.status, to)) return { ok: false, message: 'Det går inte att göra så med platsen i dess nuvarande läge.' };
      if (to === 'published') {
        if (current.applicationDeadline < todayInStockholm()) {
          return { ok: false, message: 'Sista ansökningsdag har passerat. Ändra datumet innan du publicerar.' };
        }
        const org = await employerOrganization(tx, user);
        if (!org) return { ok: false, message: 'Ditt konto hör inte till en aktiv organisation.' };
        const refusal = postingRefusal(org.kind, current.kind);
        if (refusal) return { ok: false, message: refusal };
      }
      await tx
        .update(openings)
        .set({
          status: to,
          updatedAt: sql`now()`,
          publishedAt: to === 'published' ? sql`coalesce(${openings.publishedAt}, now())` : undefined,
          closedAt: to === 'closed' ? sql`now()` : undefined,
          unpublishReason: to === 'published' ? null : undefined,
        })
        .where(eq(openings.id, id));
      if (to === 'published' && current.status === 'draft') {
        await enqueueEmail(tx, {
          to: current.contactEmail,
          subject: openingPublishedSubject(current.title),
          template: 'opening-published',
          element: OpeningPublishedEmail({
            contactName: current.contactName,
            title: current.title,
            kindLabel: openingKindLabels[current.kind],
            organizationName: await organizationName(tx, current.organizationId),
            url: openingUrl(id),
            deadline: current.applicationDeadline,
          }),
        });
      }
      await enqueueSearchSync(tx, 'openings', [id]);
      await audit(tx, { actorUserId: user.id, action: `opening.${to}`, subjectType: 'opening', subjectId: id, ip, details: { from: current.status } });
      const messages: Record<typeof to, string> = {
        published: 'Platsen är publicerad.',
        paused: 'Platsen är pausad och syns inte i sökningen.',
        filled: 'Platsen är markerad som tillsatt.',
        closed: 'Platsen är stängd.',
      };
      return { ok: true, message: messages[to] };
    });
  } catch (error) {
    // A concurrent change won the race; the trigger refused the now-invalid transition.
    if (isCheckViolation(error, 'openings_status_transition')) return { ok: false, message: 'Platsen har ändrats av någon annan. Ladda om sidan.' };
    throw error;
  }
}

/** An admin takes a published or paused opening back to draft, with a reason e-mailed to the contact. */
export async function unpublishOpening(admin: SessionUser, id: string, reason: string, ip: string): Promise<TransitionResult | null> {
  if (admin.role !== 'admin') return null;
  return getDb().transaction(async (tx): Promise<TransitionResult | null> => {
    const [current] = await tx.select().from(openings).where(eq(openings.id, id)).for('update');
    if (!current) return null;
    if (current.status !== 'published' && current.status !== 'paused') return { ok: false, message: 'Bara publicerade eller pausade platser kan avpubliceras.' };
    await tx.update(openings).set({ status: 'draft', unpublishReason: reason, updatedAt: sql`now()` }).where(eq(openings.id, id));
    await enqueueEmail(tx, {
      to: current.contactEmail,
      subject: openingUnpublishedSubject(current.title),
      template: 'opening-unpublished',
      element: OpeningUnpublishedEmail({
        contactName: current.contactName,
        title: current.title,
        kindLabel: openingKindLabels[current.kind],
        organizationName: await organizationName(tx, current.organizationId),
        url: openingUrl(id),
        reason,
      }),
    });
    await enqueueSearchSync(tx, 'openings', [id]);
    await audit(tx, { actorUserId: admin.id, action: 'opening.unpublished', subjectType: 'opening', subjectId: id, ip, details: { reason } });
    return { ok: true, message: 'Platsen är avpublicerad och kontaktpersonen har fått ett meddelande.' };
  });
}

/** Deletes a draft that was never published (employer). Null when it is not the user's own opening. */
export async function deleteDraft(user: SessionUser, id: string, ip: string): Promise<boolean | null> {
  return getDb().transaction(async (tx) => {
    const current = await lockOwn(tx, user, id);
    if (!current) return null;
    if (current.status !== 'draft' || current.publishedAt) return false;
    await tx.delete(openings).where(eq(openings.id, id));
    await enqueueSearchSync(tx, 'openings', [id], 'delete');
    await audit(tx, { actorUserId: user.id, action: 'opening.deleted', subjectType: 'opening', subjectId: id, ip });
    return true;
  });
}

/**
 * Expires published and paused openings whose application deadline or end date has passed,
 * in one statement, and queues their index updates. Returns how many expired.
 */
export async function expireOpenings(db: DbOrTx, today: string) {
  const expired = await db
    .update(openings)
    .set({ status: 'expired', updatedAt: sql`now()` })
    .where(
      and(
        inArray(openings.status, ['published', 'paused']),
        or(sql`${openings.applicationDeadline} < ${today}::date`, sql`${openings.endDate} < ${today}::date`),
      ),
    )
    .returning({ id: openings.id });
  await enqueueSearchSync(db, 'openings', expired.map((e) => e.id));
  return expired.length;
}

/** Queues the reminder three days before the deadline, once per deadline. */
export async function sendDeadlineReminders(db: DbOrTx, today: string) {
  const due = await db
    .select({ opening: openings, organizationName: organizations.name })
    .from(openings)
    .innerJoin(organizations, eq(organizations.id, openings.organizationId))
    .where(
      and(
        eq(openings.status, 'published'),
        isNull(openings.deadlineReminderSentAt),
        lte(openings.applicationDeadline, sql`${today}::date + 3`),
        sql`${openings.applicationDeadline} >= ${today}::date`,
      ),
    )
    .orderBy(asc(openings.applicationDeadline))
    .limit(500);
  for (const { opening: o, organizationName: orgName } of due) {
    await enqueueEmail(db, {
      to: o.contactEmail,
      subject: openingDeadlineSubject(o.title, daysBetween(today, o.applicationDeadline)),
      template: 'opening-deadline-reminder',
      element: OpeningDeadlineReminderEmail({
        contactName: o.contactName,
        title: o.title,
        kindLabel: openingKindLabels[o.kind],
        organizationName: orgName,
        url: openingUrl(o.id),
        deadline: o.applicationDeadline,
      }),
    });
  }
  if (due.length) {
    await db.update(openings).set({ deadlineReminderSentAt: sql`now()` }).where(inArray(openings.id, due.map((d) => d.opening.id)));
  }
  return due.length;
}

/** The daily housekeeping, run by the background worker: expiry and reminders, in one transaction. */
export async function runOpeningHousekeeping(today = todayInStockholm()) {
  return getDb().transaction(async (tx) => ({ expired: await expireOpenings(tx, today), reminded: await sendDeadlineReminders(tx, today) }));
}

/** The form's initial values for editing an opening. */
export function formValues(o: Omit<Opening, 'createdBy' | 'deadlineReminderSentAt'>): Record<string, string | string[] | boolean | number | null> {
  const d = o.details;
  const base: Record<string, string | string[] | boolean | number | null> = {
    kind: o.kind,
    title: o.title,
    description: o.description,
    workplaceAddress: o.workplaceAddress,
    district: o.districtId === null ? 'utanfor' : String(o.districtId),
    occupationCode: o.occupationCode,
    places: String(o.places),
    startDate: o.startDate,
    endDate: o.endDate,
    applicationDeadline: o.applicationDeadline,
    ageMin: o.ageMin === null ? '' : String(o.ageMin),
    ageMax: o.ageMax === null ? '' : String(o.ageMax),
    swedishLevel: o.swedishLevel,
    swedishRequired: o.swedishRequired ? 'on' : '',
    languages: o.languages.join(', '),
    drivingLicence: o.drivingLicence ? 'on' : '',
    criminalRecordRequired: o.criminalRecordRequired ? 'on' : '',
    contactName: o.contactName,
    contactEmail: o.contactEmail,
    contactPhone: o.contactPhone ?? '',
    supervisorName: o.supervisorName,
    supervisorPhone: o.supervisorPhone ?? '',
    adaptations: o.adaptations ?? '',
  };
  for (const [k, v] of Object.entries(d)) {
    base[k] = Array.isArray(v) ? v.join('\n') : typeof v === 'boolean' ? (v ? 'on' : '') : (v as string | number | null);
  }
  return base;
}
