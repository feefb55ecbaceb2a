import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { aspirants } from './aspirants';
import { endReason, followUpOutcome, matchStatus } from './enums';
import { openings } from './openings';
import { organizations } from './organizations';
import { users } from './users';
import type { MatchWeights } from '../../app/matching/match-weights';
import type { ScorePart } from '../../app/matching/match-scoring';

/**
 * The weights of the match score, versioned: the current weights are the highest version. A
 * version is never changed (trigger in migration 0006); an admin's edit adds a new one.
 */
export const matchWeightVersions = pgTable('match_weight_versions', {
  version: serial('version').primaryKey(),
  weights: jsonb('weights').$type<MatchWeights>().notNull(),
  note: text('note').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A match: a coach proposes an aspirant for an opening, and the pair moves through the pipeline
 * (app/matching/match-rules.ts; the database trigger enforces the same transitions). The score
 * and its explanation are stored as they were at proposal time, with the weights version.
 * A placement is a match in status placed (then ended): its dates live here.
 */
export const matches = pgTable(
  'matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    openingId: uuid('opening_id')
      .notNull()
      .references(() => openings.id),
    aspirantId: uuid('aspirant_id')
      .notNull()
      .references(() => aspirants.id, { onDelete: 'cascade' }),
    status: matchStatus('status').notNull().default('proposed'),
    score: integer('score').notNull(),
    explanation: jsonb('explanation').$type<ScorePart[]>().notNull(),
    weightsVersion: integer('weights_version')
      .notNull()
      .references(() => matchWeightVersions.version),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    /** The coach's message to the employer (shown to the employer: no sensitive data). */
    message: text('message'),
    /** Declined or withdrawn: the reason code and an optional comment. */
    closedReason: text('closed_reason'),
    closedComment: text('closed_comment'),
    interviewAt: timestamp('interview_at', { withTimezone: true }),
    interviewPlace: text('interview_place'),
    employerNote: text('employer_note'),
    startDate: date('start_date'),
    /** Planned end while placed; the actual last day once ended. */
    endDate: date('end_date'),
    endReason: endReason('end_reason'),
    supervisorEmail: text('supervisor_email'),
    /** When the employer first answered (interest or no), for the partner statistics. */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // At most one active match per aspirant and opening.
    uniqueIndex('matches_one_active_per_pair')
      .on(t.openingId, t.aspirantId)
      .where(sql`${t.status} in ('proposed','reviewed','interview','offer','placed')`),
    check('matches_interview_booked', sql`${t.status} <> 'interview' or ${t.interviewAt} is not null`),
    check('matches_placement_dates', sql`${t.status} not in ('placed','ended') or (${t.startDate} is not null and ${t.endDate} is not null and ${t.endDate} >= ${t.startDate})`),
    check('matches_end_reason', sql`(${t.status} = 'ended') = (${t.endReason} is not null)`),
    check('matches_closed_reason', sql`(${t.status} in ('declined','withdrawn')) = (${t.closedReason} is not null)`),
    index('matches_opening_idx').on(t.openingId, t.status),
    index('matches_aspirant_idx').on(t.aspirantId, t.status),
  ],
);

/** Every step of a match, who took it and when: the timeline on the match page. */
export const matchEvents = pgTable(
  'match_events',
  {
    id: serial('id').primaryKey(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    fromStatus: matchStatus('from_status'),
    toStatus: matchStatus('to_status').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('match_events_match_idx').on(t.matchId, t.at)],
);

/**
 * Outcome checkpoints 3 and 6 months after a placement ends, recorded by the coach. A placement
 * leading to work at a Plusmedlem or an organisation with a jobbpartnerskap counts as work through
 * partnership (decided when recorded, from the organisation's state that day).
 */
export const placementFollowUps = pgTable(
  'placement_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    checkpoint: smallint('checkpoint').notNull(),
    dueOn: date('due_on').notNull(),
    outcome: followUpOutcome('outcome'),
    employerOrganizationId: uuid('employer_organization_id').references(() => organizations.id),
    workThroughPartnership: boolean('work_through_partnership').notNull().default(false),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('placement_follow_ups_checkpoint_key').on(t.matchId, t.checkpoint),
    check('placement_follow_ups_checkpoint', sql`${t.checkpoint} in (3, 6)`),
    check('placement_follow_ups_recorded', sql`(${t.outcome} is null) = (${t.recordedAt} is null)`),
    check('placement_follow_ups_employer_only_for_work', sql`${t.employerOrganizationId} is null or ${t.outcome} = 'arbete'`),
    check('placement_follow_ups_partnership_only_for_work', sql`not ${t.workThroughPartnership} or ${t.outcome} = 'arbete'`),
    index('placement_follow_ups_due_idx').on(t.dueOn).where(sql`${t.outcome} is null`),
  ],
);

export type MatchWeightVersion = typeof matchWeightVersions.$inferSelect;
export type Match = typeof matches.$inferSelect;
export type MatchEvent = typeof matchEvents.$inferSelect;
export type PlacementFollowUp = typeof placementFollowUps.$inferSelect;
