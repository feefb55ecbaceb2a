/**
 * The placement pipeline after a proposal: the employer answers from their own page (seeing the
 * aspirant only through the consented employer projection), the coach records the placement,
 * its end and the outcomes 3 and 6 months later. Every step is one transaction with the match
 * row locked; the database trigger refuses a transition outside the table, a placement beyond
 * the opening's places or overlapping another placement of the same person.
 */
import { and, asc, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.server';
import { isCheckViolation } from '../../db/errors';
import {
  aspirants,
  districts,
  jobPartnerships,
  matchEvents,
  matches,
  openings,
  organizations,
  placementFollowUps,
  users,
} from '../../db/schema';
import {
  EmployerAnswerEmail,
  employerAnswerSubject,
  FollowUpReminderEmail,
  followUpSubject,
  InterviewConfirmationEmail,
  interviewSubject,
  PlacementConfirmationEmail,
  placementSubject,
} from '../../emails/match-notices';
import { enqueueEmail } from '../../emails/outbox.server';
import { enqueueSearchSync } from '../../search/sync.server';
import { addMonths } from '../aspirants/aspirant-bands';
import { aspirantScope, isUuid } from '../aspirants/aspirants.server';
import { employerAspirantSummaries, type EmployerAspirantSummary } from '../aspirants/employer-projection';
import { audit } from '../audit/audit-log.server';
import type { SessionUser } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { todayInStockholm } from '../dates';
import { getEnv } from '../env.server';
import { occupationNames } from '../occupations/occupation-names.server';
import { getDb } from '../services.server';
import {
  declineReasonLabels,
  followUpCheckpoints,
  isWorkThroughPartnership,
  mayMoveMatch,
  type MatchActor,
  type MatchListFilter,
  type MatchStatus,
} from './match-rules';
import type { FollowUpInput, MoveInput } from './match-schema';

export type StepResult = { ok: true } | { ok: false; formError?: string; fieldErrors?: Record<string, string[]> };

const appUrl = () => getEnv().APP_URL;

/** "tisdag 1 december 2026 kl. 10:00" in Stockholm time. */
export function formatInterviewTime(at: Date) {
  const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }).format(at);
  return `${date} kl. ${time}`;
}

/** The actor a user is in the pipeline, and the matches they reach (as a condition). */
function pipelineScope(user: SessionUser): { actor: MatchActor | 'admin'; where: SQL } | null {
  if (user.role === 'employer' && can(user, 'answer:proposals') && user.organizationId) {
    return { actor: 'employer', where: eq(openings.organizationId, user.organizationId) };
  }
  if ((user.role === 'coach' || user.role === 'admin') && can(user, 'read:matches')) {
    const scope = aspirantScope(user);
    if (scope === null) return null;
    return { actor: user.role === 'coach' ? 'coach' : 'admin', where: scope };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Lists and details
// ---------------------------------------------------------------------------------------------

export { matchListFilters, type MatchListFilter } from './match-rules';

function statusCondition(filter: MatchListFilter): SQL | undefined {
  switch (filter) {
    case 'active':
      return inArray(matches.status, ['proposed', 'reviewed', 'interview', 'offer']);
    case 'placed':
      return inArray(matches.status, ['placed', 'ended']);
    case 'closed':
      return inArray(matches.status, ['declined', 'withdrawn']);
    default:
      return undefined;
  }
}

/** Every match of the coach's (Jobbtorg's) aspirants, or of all for an admin. */
export async function coachMatches(user: SessionUser, filter: MatchListFilter, ip: string) {
  const scope = pipelineScope(user);
  if (!scope || scope.actor === 'employer') return null;
  const db = getDb();
  const rows = await db
    .select({
      id: matches.id,
      status: matches.status,
      score: matches.score,
      statusChangedAt: matches.statusChangedAt,
      startDate: matches.startDate,
      endDate: matches.endDate,
      aspirantId: aspirants.id,
      firstName: aspirants.firstName,
      lastName: aspirants.lastName,
      openingId: openings.id,
      openingTitle: openings.title,
      organizationName: organizations.name,
    })
    .from(matches)
    .innerJoin(aspirants, eq(aspirants.id, matches.aspirantId))
    .innerJoin(openings, eq(openings.id, matches.openingId))
    .innerJoin(organizations, eq(organizations.id, openings.organizationId))
    .where(and(scope.where, statusCondition(filter)))
    .orderBy(desc(matches.statusChangedAt))
    .limit(500);
  if (rows.length) {
    await audit(db, { actorUserId: user.id, action: 'aspirant.match-list-viewed', subjectType: 'aspirant', ip, details: { ids: [...new Set(rows.map((r) => r.aspirantId))] } });
  }
  return rows.map(({ firstName, lastName, ...r }) => ({ ...r, aspirantName: `${firstName ?? ''} ${lastName ?? ''}`.trim() || 'Anonymiserad' }));
}

async function eventsOf(db: DbOrTx, matchId: string) {
  return db
    .select({ toStatus: matchEvents.toStatus, fromStatus: matchEvents.fromStatus, at: matchEvents.at, actorName: users.name, actorRole: users.role })
    .from(matchEvents)
    .leftJoin(users, eq(users.id, matchEvents.actorUserId))
    .where(eq(matchEvents.matchId, matchId))
    .orderBy(asc(matchEvents.at), asc(matchEvents.id));
}

const matchColumns = {
  id: matches.id,
  status: matches.status,
  score: matches.score,
  explanation: matches.explanation,
  weightsVersion: matches.weightsVersion,
  message: matches.message,
  closedReason: matches.closedReason,
  closedComment: matches.closedComment,
  interviewAt: matches.interviewAt,
  interviewPlace: matches.interviewPlace,
  employerNote: matches.employerNote,
  startDate: matches.startDate,
  endDate: matches.endDate,
  endReason: matches.endReason,
  supervisorEmail: matches.supervisorEmail,
  createdAt: matches.createdAt,
  statusChangedAt: matches.statusChangedAt,
  aspirantId: matches.aspirantId,
  openingId: openings.id,
  openingTitle: openings.title,
  openingStart: openings.startDate,
  openingEnd: openings.endDate,
  organizationId: organizations.id,
  organizationName: organizations.name,
};

/** One match for the coach (or an admin): the full explanation, the timeline, the follow-ups. */
export async function coachMatch(user: SessionUser, id: string, ip: string) {
  const scope = pipelineScope(user);
  if (!scope || scope.actor === 'employer' || !isUuid(id)) return null;
  const db = getDb();
  const [row] = await db
    .select({
      ...matchColumns,
      firstName: aspirants.firstName,
      lastName: aspirants.lastName,
      proposedByName: users.name,
    })
    .from(matches)
    .innerJoin(aspirants, eq(aspirants.id, matches.aspirantId))
    .innerJoin(openings, eq(openings.id, matches.openingId))
    .innerJoin(organizations, eq(organizations.id, openings.organizationId))
    .leftJoin(users, eq(users.id, matches.proposedBy))
    .where(and(eq(matches.id, id), scope.where));
  if (!row) return null;
  const [events, followUps] = await Promise.all([
    eventsOf(db, id),
    db
      .select({
        id: placementFollowUps.id,
        checkpoint: placementFollowUps.checkpoint,
        dueOn: placementFollowUps.dueOn,
        outcome: placementFollowUps.outcome,
        workThroughPartnership: placementFollowUps.workThroughPartnership,
        employerOrganizationName: organizations.name,
        recordedAt: placementFollowUps.recordedAt,
      })
      .from(placementFollowUps)
      .leftJoin(organizations, eq(organizations.id, placementFollowUps.employerOrganizationId))
      .where(eq(placementFollowUps.matchId, id))
      .orderBy(asc(placementFollowUps.checkpoint)),
  ]);
  await audit(db, { actorUserId: user.id, action: 'aspirant.viewed', subjectType: 'aspirant', subjectId: row.aspirantId, ip, details: { for: 'match', matchId: id } });
  const { firstName, lastName, ...rest } = row;
  return { ...rest, aspirantName: `${firstName ?? ''} ${lastName ?? ''}`.trim() || 'Anonymiserad', events, followUps, actor: scope.actor };
}

export interface EmployerProposalRow {
  id: string;
  status: MatchStatus;
  createdAt: Date;
  statusChangedAt: Date;
  openingId: string;
  openingTitle: string;
  /** Null when the aspirant has withdrawn consent (or left): the summary is no longer shown. */
  candidate: Omit<EmployerAspirantSummary, 'id'> | null;
}

/**
 * The employer's proposals: matches on their organisation's openings, with the candidate seen
 * only through the employer projection (no personnummer, target groups, notes or needs).
 */
export async function employerProposals(user: SessionUser, ip: string): Promise<EmployerProposalRow[] | null> {
  const scope = pipelineScope(user);
  if (!scope || scope.actor !== 'employer') return null;
  const db = getDb();
  const rows = await db
    .select({
      id: matches.id,
      status: matches.status,
      createdAt: matches.createdAt,
      statusChangedAt: matches.statusChangedAt,
      aspirantId: matches.aspirantId,
      openingId: openings.id,
      openingTitle: openings.title,
    })
    .from(matches)
    .innerJoin(openings, eq(openings.id, matches.openingId))
    .where(scope.where)
    .orderBy(desc(matches.statusChangedAt))
    .limit(500);
  const summaries = new Map((await employerAspirantSummaries(db, [...new Set(rows.map((r) => r.aspirantId))])).map((s) => [s.id, s]));
  const shown = rows.filter((r) => summaries.has(r.aspirantId)).map((r) => r.aspirantId);
  if (shown.length) {
    await audit(db, { actorUserId: user.id, action: 'aspirant.summary-listed', subjectType: 'aspirant', ip, details: { ids: [...new Set(shown)] } });
  }
  return rows.map(({ aspirantId, ...r }) => ({ ...r, candidate: employerFacing(summaries.get(aspirantId)) }));
}

/** One proposal for the employer. Nothing about the aspirant beyond the projection. */
export async function employerProposal(user: SessionUser, id: string, ip: string) {
  const scope = pipelineScope(user);
  if (!scope || scope.actor !== 'employer' || !isUuid(id)) return null;
  const db = getDb();
  const [row] = await db
    .select({
      id: matches.id,
      status: matches.status,
      message: matches.message,
      closedReason: matches.closedReason,
      interviewAt: matches.interviewAt,
      interviewPlace: matches.interviewPlace,
      employerNote: matches.employerNote,
      startDate: matches.startDate,
      endDate: matches.endDate,
      createdAt: matches.createdAt,
      aspirantId: matches.aspirantId,
      openingId: openings.id,
      openingTitle: openings.title,
      coachName: users.name,
      coachEmail: users.email,
    })
    .from(matches)
    .innerJoin(openings, eq(openings.id, matches.openingId))
    .leftJoin(users, eq(users.id, matches.proposedBy))
    .where(and(eq(matches.id, id), scope.where));
  if (!row) return null;
  const [[summary], events] = await Promise.all([employerAspirantSummaries(db, [row.aspirantId]), eventsOf(db, id)]);
  const candidate = summary ? employerFacing(await withNames(db, summary)) : null;
  if (candidate) {
    await audit(db, { actorUserId: user.id, action: 'aspirant.summary-viewed', subjectType: 'aspirant', subjectId: row.aspirantId, ip, details: { matchId: id } });
  }
  const { aspirantId: _aspirantId, closedReason, ...rest } = row;
  return {
    ...rest,
    // The employer sees their own reason for a no; a coach's reason for withdrawing is not theirs.
    closedReason: row.status === 'declined' ? closedReason : null,
    candidate: candidate ?? null,
    events: events.map((e) => ({ toStatus: e.toStatus, at: e.at })),
  };
}

/** The summary without the aspirant's id: employers refer to the proposal, never to the person's record. */
function employerFacing<T extends { id: string }>(summary: T | undefined): Omit<T, 'id'> | null {
  if (!summary) return null;
  const { id: _id, ...rest } = summary;
  return rest;
}

/** The summary with the names of its occupations and district, for the employer's page. */
async function withNames(db: DbOrTx, summary: EmployerAspirantSummary) {
  const [names, [district]] = await Promise.all([
    occupationNames(summary.occupations.map((o) => o.code), db),
    summary.districtId !== null ? db.select({ name: districts.name }).from(districts).where(eq(districts.id, summary.districtId)) : Promise.resolve([]),
  ]);
  return {
    ...summary,
    districtName: district?.name ?? null,
    occupations: summary.occupations.map((o) => ({ ...o, name: names[o.code] ?? o.code })),
  };
}

// ---------------------------------------------------------------------------------------------
// Moving a match
// ---------------------------------------------------------------------------------------------

const CONSTRAINT_MESSAGES: Record<string, { field?: string; message: string }> = {
  matches_opening_capacity: { message: 'Alla platser är redan tillsatta. Placeringen registrerades inte.' },
  matches_placement_overlap: { field: 'startDate', message: 'Aspiranten har redan en placering under den perioden.' },
  matches_status_transition: { message: 'Förslaget har redan ändrats av någon annan. Ladda om sidan.' },
};

/**
 * Moves a match one step. The employer may answer (reviewed, interview, offer, declined) on their
 * organisation's openings; the coach records offer, placement, end and withdrawal for their own
 * Jobbtorg's aspirants. Anything else is refused (null: not found for this user).
 */
export async function moveMatch(user: SessionUser, id: string, input: MoveInput, ip: string): Promise<StepResult | null> {
  const scope = pipelineScope(user);
  if (!scope || scope.actor === 'admin' || !isUuid(id)) return null;
  if (scope.actor === 'coach' && !can(user, 'record:placements')) return null;
  const actor = scope.actor;
  try {
    return await getDb().transaction(async (tx): Promise<StepResult | null> => {
      const [current] = await tx
        .select({
          ...matchColumns,
          aspirantExitedOn: aspirants.exitedOn,
          aspirantCoachId: aspirants.coachUserId,
          proposedBy: matches.proposedBy,
          openingStatus: openings.status,
          places: openings.places,
          contactName: openings.contactName,
          contactEmail: openings.contactEmail,
          supervisorName: openings.supervisorName,
        })
        .from(matches)
        .innerJoin(aspirants, eq(aspirants.id, matches.aspirantId))
        .innerJoin(openings, eq(openings.id, matches.openingId))
        .innerJoin(organizations, eq(organizations.id, openings.organizationId))
        .where(and(eq(matches.id, id), scope.where))
        .for('update', { of: matches });
      if (!current) return null;
      const from = current.status;
      if (!mayMoveMatch(actor, from, input.to)) {
        return { ok: false, formError: from === input.to ? 'Steget är redan registrerat.' : 'Det steget går inte att ta från förslagets nuvarande läge.' };
      }
      const today = todayInStockholm();
      const set: PgUpdateSetSource<typeof matches> = { status: input.to, updatedAt: sql`now()` };
      switch (input.to) {
        case 'reviewed':
        case 'offer':
          if (input.note) set.employerNote = input.note;
          break;
        case 'interview': {
          // moveSchema refuses a day in the past.
          set.interviewAt = sql`(${`${input.interviewDate} ${input.interviewTime}`})::timestamp at time zone 'Europe/Stockholm'`;
          set.interviewPlace = input.interviewPlace;
          if (input.note) set.employerNote = input.note;
          break;
        }
        case 'placed':
          if (current.aspirantExitedOn) return { ok: false, formError: 'Aspiranten är utskriven och kan inte placeras.' };
          set.startDate = input.startDate;
          set.endDate = input.endDate;
          set.supervisorEmail = input.supervisorEmail;
          break;
        case 'ended':
          if (input.endDate < current.startDate!) return { ok: false, fieldErrors: { endDate: [`Sista dagen kan inte vara före startdatum ${current.startDate}`] } };
          if (input.endDate > today) return { ok: false, fieldErrors: { endDate: ['Registrera avslutet när placeringen har slutat (sista dagen kan inte ligga i framtiden)'] } };
          set.endDate = input.endDate;
          set.endReason = input.endReason;
          break;
        case 'declined':
        case 'withdrawn':
          set.closedReason = input.reason;
          set.closedComment = input.comment;
          break;
      }
      if (actor === 'employer') set.answeredAt = sql`coalesce(${matches.answeredAt}, now())`;
      const [updated] = await tx.update(matches).set(set).where(eq(matches.id, id)).returning({ interviewAt: matches.interviewAt });
      await tx.insert(matchEvents).values({ matchId: id, fromStatus: from, toStatus: input.to, actorUserId: user.id });
      await audit(tx, { actorUserId: user.id, action: 'match.status-changed', subjectType: 'match', subjectId: id, ip, details: { from, to: input.to, ids: [current.aspirantId] } });

      if (input.to === 'placed') await markFilledIfFull(tx, user, current.openingId, current.places, ip);
      if (input.to === 'ended') {
        await tx.insert(placementFollowUps).values(
          followUpCheckpoints.map((checkpoint) => ({ matchId: id, checkpoint, dueOn: addMonths(input.endDate, checkpoint) })),
        );
      }
      await notify(tx, { ...current, interviewAt: updated!.interviewAt }, input, user);
      return { ok: true };
    });
  } catch (error) {
    for (const [constraint, { field, message }] of Object.entries(CONSTRAINT_MESSAGES)) {
      if (isCheckViolation(error, constraint)) return field ? { ok: false, fieldErrors: { [field]: [message] } } : { ok: false, formError: message };
    }
    throw error;
  }
}

/** The last free place taken: a published or paused opening becomes filled. */
async function markFilledIfFull(tx: DbOrTx, user: SessionUser, openingId: string, places: number, ip: string) {
  const [{ n } = { n: 0 }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(matches)
    .where(and(eq(matches.openingId, openingId), eq(matches.status, 'placed')));
  if (n < places) return;
  const filled = await tx
    .update(openings)
    .set({ status: 'filled', updatedAt: sql`now()` })
    .where(and(eq(openings.id, openingId), inArray(openings.status, ['published', 'paused'])))
    .returning({ id: openings.id });
  if (filled.length) {
    await enqueueSearchSync(tx, 'openings', [openingId]);
    await audit(tx, { actorUserId: user.id, action: 'opening.filled', subjectType: 'opening', subjectId: openingId, ip, details: { automatic: true } });
  }
}

interface NotifyContext {
  id: string;
  aspirantId: string;
  openingTitle: string;
  organizationName: string;
  contactName: string;
  contactEmail: string;
  proposedBy: string | null;
  aspirantCoachId: string | null;
  interviewAt: Date | null;
}

/** The e-mails of a step, queued in the step's transaction. */
async function notify(tx: DbOrTx, m: NotifyContext, input: MoveInput, user: SessionUser) {
  const coachId = m.proposedBy ?? m.aspirantCoachId;
  const [coach] = coachId ? await tx.select({ name: users.name, email: users.email, active: users.active }).from(users).where(eq(users.id, coachId)) : [];
  const coachUrl = `${appUrl()}/matchningar/${m.id}`;
  const employerUrl = `${appUrl()}/arbetsgivare/forslag/${m.id}`;
  // Only the steps that tell the employer's side name the candidate (as the projection does).
  const candidateName = async () => (await employerAspirantSummaries(tx, [m.aspirantId]))[0]?.displayName ?? 'kandidaten';

  if (input.to === 'interview') {
    const when = formatInterviewTime(m.interviewAt!);
    // The employer's copy names the candidate (as the projection does); the coach's never names anyone.
    const recipients: Array<{ name: string; email: string; url: string; candidateName: string | null }> = [
      { name: m.contactName, email: m.contactEmail, url: employerUrl, candidateName: await candidateName() },
    ];
    if (coach?.active) recipients.push({ name: coach.name, email: coach.email, url: coachUrl, candidateName: null });
    for (const r of recipients) {
      await enqueueEmail(tx, {
        to: r.email,
        subject: interviewSubject(m.openingTitle),
        template: 'match-interview',
        element: InterviewConfirmationEmail({
          recipientName: r.name,
          openingTitle: m.openingTitle,
          organizationName: m.organizationName,
          candidateName: r.candidateName,
          when,
          place: input.interviewPlace,
          url: r.url,
        }),
      });
    }
    return;
  }
  if ((input.to === 'reviewed' || input.to === 'offer' || input.to === 'declined') && user.role === 'employer' && coach?.active) {
    await enqueueEmail(tx, {
      to: coach.email,
      subject: employerAnswerSubject(m.openingTitle, input.to),
      template: 'match-answer',
      element: EmployerAnswerEmail({
        coachName: coach.name,
        openingTitle: m.openingTitle,
        organizationName: m.organizationName,
        answer: input.to,
        detail: input.to === 'declined' ? declineReasonLabels[input.reason] : null,
        url: coachUrl,
      }),
    });
    return;
  }
  if (input.to === 'placed') {
    const recipients = [{ name: m.contactName, email: m.contactEmail }];
    if (input.supervisorEmail && input.supervisorEmail !== m.contactEmail) recipients.push({ name: 'handledare', email: input.supervisorEmail });
    const name = await candidateName();
    for (const r of recipients) {
      await enqueueEmail(tx, {
        to: r.email,
        subject: placementSubject(m.openingTitle),
        template: 'match-placement',
        element: PlacementConfirmationEmail({
          recipientName: r.name,
          openingTitle: m.openingTitle,
          organizationName: m.organizationName,
          candidateName: name,
          startDate: input.startDate,
          endDate: input.endDate,
          coachName: user.name,
          coachEmail: user.email,
          url: employerUrl,
        }),
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

/**
 * Records what the person does at a checkpoint (3 or 6 months after the placement ended). Work
 * at a Plusmedlem, or at an organisation with a jobbpartnerskap in force, counts as work through
 * partnership.
 */
export async function recordFollowUp(user: SessionUser, input: FollowUpInput, ip: string): Promise<StepResult | null> {
  const scope = pipelineScope(user);
  if (!scope || scope.actor !== 'coach' || !can(user, 'record:placements')) return null;
  return getDb().transaction(async (tx): Promise<StepResult | null> => {
    const [row] = await tx
      .select({ id: placementFollowUps.id, dueOn: placementFollowUps.dueOn, matchId: placementFollowUps.matchId, aspirantId: matches.aspirantId })
      .from(placementFollowUps)
      .innerJoin(matches, eq(matches.id, placementFollowUps.matchId))
      .innerJoin(aspirants, eq(aspirants.id, matches.aspirantId))
      .where(and(eq(placementFollowUps.id, input.followUpId), scope.where))
      .for('update', { of: placementFollowUps });
    if (!row) return null;
    const today = todayInStockholm();
    if (row.dueOn > today) return { ok: false, formError: `Uppföljningen kan registreras från ${row.dueOn}.` };
    let employer: { membershipLevel: 'member' | 'plus' | null; hasPartnership: boolean } | null = null;
    if (input.employerOrganizationId) {
      const [org] = await tx
        .select({
          membershipLevel: organizations.membershipLevel,
          hasPartnership: sql<boolean>`exists (select 1 from ${jobPartnerships} where ${jobPartnerships.organizationId} = ${organizations.id}
            and ${jobPartnerships.signedOn} <= ${today} and (${jobPartnerships.endedOn} is null or ${jobPartnerships.endedOn} >= ${today}))`,
        })
        .from(organizations)
        .where(eq(organizations.id, input.employerOrganizationId));
      if (!org) return { ok: false, fieldErrors: { employerOrganizationId: ['Välj en organisation i listan'] } };
      employer = org;
    }
    await tx
      .update(placementFollowUps)
      .set({
        outcome: input.outcome,
        employerOrganizationId: input.employerOrganizationId,
        workThroughPartnership: isWorkThroughPartnership(input.outcome, employer),
        recordedBy: user.id,
        recordedAt: new Date(),
      })
      .where(eq(placementFollowUps.id, row.id));
    await audit(tx, { actorUserId: user.id, action: 'match.follow-up-recorded', subjectType: 'match', subjectId: row.matchId, ip, details: { outcome: input.outcome, ids: [row.aspirantId] } });
    return { ok: true };
  });
}

/**
 * Reminds coaches of follow-ups that fell due (once each), by e-mail through the outbox. The
 * e-mail names the opening, never the person. Run by the background worker.
 */
export async function sendFollowUpReminders(db: DbOrTx, today: string): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: placementFollowUps.id,
        matchId: placementFollowUps.matchId,
        checkpoint: placementFollowUps.checkpoint,
        dueOn: placementFollowUps.dueOn,
        openingTitle: openings.title,
        coachName: users.name,
        coachEmail: users.email,
      })
      .from(placementFollowUps)
      .innerJoin(matches, eq(matches.id, placementFollowUps.matchId))
      .innerJoin(aspirants, eq(aspirants.id, matches.aspirantId))
      .innerJoin(openings, eq(openings.id, matches.openingId))
      .leftJoin(users, and(eq(users.id, sql`coalesce(${aspirants.coachUserId}, ${matches.proposedBy})`), eq(users.active, true)))
      .where(and(isNull(placementFollowUps.outcome), isNull(placementFollowUps.reminderSentAt), lte(placementFollowUps.dueOn, today), isNull(aspirants.anonymisedAt)))
      .for('update', { of: placementFollowUps, skipLocked: true })
      .limit(500);
    for (const f of due) {
      if (f.coachEmail) {
        await enqueueEmail(tx, {
          to: f.coachEmail,
          subject: followUpSubject(f.checkpoint as 3 | 6),
          template: 'match-follow-up',
          element: FollowUpReminderEmail({
            coachName: f.coachName ?? '',
            openingTitle: f.openingTitle,
            checkpoint: f.checkpoint as 3 | 6,
            dueOn: f.dueOn,
            url: `${appUrl()}/matchningar/${f.matchId}`,
          }),
        });
      }
    }
    if (due.length) {
      await tx.update(placementFollowUps).set({ reminderSentAt: new Date() }).where(inArray(placementFollowUps.id, due.map((f) => f.id)));
    }
    return due.length;
  });
}

/** Organisations a person may work at, for the follow-up form (active ones, by name). */
export async function organizationChoices() {
  return getDb()
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.active, true))
    .orderBy(asc(organizations.name));
}

