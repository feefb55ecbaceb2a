import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { feriejobbApplicationStatus, feriejobbOfferStatus, feriejobbRunStatus, gender } from './enums';
import { districts } from './geography';
import { openings } from './openings';
import { users } from './users';
import type { StoredExplanation, StoredInstance, PriceOfFairness } from '../../app/feriejobb/allocation-run';

/**
 * A submitted feriejobb application waiting for its e-mail confirmation. The form's values wait
 * here (not in feriejobb_applications), so an unconfirmed submission never changes a confirmed
 * application; confirming moves them over and clears the payload. Only the token's hash is stored.
 */
export const feriejobbSubmissions = pgTable(
  'feriejobb_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    email: text('email').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    applicationId: uuid('application_id'),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('feriejobb_submissions_email_idx').on(t.email, t.createdAt)],
);

/** A youth's confirmed application for one summer: one per personnummer and year. */
export const feriejobbApplications = pgTable(
  'feriejobb_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: smallint('year').notNull(),
    personnummer: text('personnummer').notNull(),
    birthDate: date('birth_date').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    gender: gender('gender').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    districtId: integer('district_id')
      .notNull()
      .references(() => districts.id),
    preferredDistrictId: integer('preferred_district_id').references(() => districts.id),
    /** Ranked, most wanted first; 1–5 of the feriejobb interest areas. */
    interestAreas: text('interest_areas').array().notNull(),
    /** The summer months (6, 7, 8) the youth can work. */
    months: smallint('months').array().notNull(),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    adaptationNeeds: text('adaptation_needs'),
    guardianName: text('guardian_name'),
    guardianEmail: text('guardian_email'),
    guardianPhone: text('guardian_phone'),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    status: feriejobbApplicationStatus('status').notNull().default('active'),
    /** Checked by the coordinator (feriejobb-rules priorityGroups). */
    priorityGroups: text('priority_groups').array().notNull().default(sql`'{}'::text[]`),
    priorityCheckedBy: uuid('priority_checked_by').references(() => users.id, { onDelete: 'set null' }),
    priorityCheckedAt: timestamp('priority_checked_at', { withTimezone: true }),
    /** How many times a later confirmed application replaced this one's answers. */
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('feriejobb_applications_person_year_key').on(t.year, t.personnummer),
    index('feriejobb_applications_year_idx').on(t.year, t.status),
    check('feriejobb_applications_areas', sql`cardinality(${t.interestAreas}) between 1 and 5`),
    check('feriejobb_applications_months', sql`cardinality(${t.months}) between 1 and 3`),
  ],
);

/**
 * An allocation run for a summer and a round: queued → running → review → published, or failed
 * or discarded. The seed and the whole input (the instance: every applicant's list, priority
 * groups and lottery number, every place's seats) are stored, so the result can be reproduced.
 */
export const feriejobbRuns = pgTable(
  'feriejobb_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: smallint('year').notNull(),
    round: smallint('round').notNull(),
    seed: integer('seed').notNull(),
    status: feriejobbRunStatus('status').notNull().default('queued'),
    /**
     * How many times a worker has taken the run. Taking it counts this up in the same statement
     * that sets it running; the worker then writes to the run only while it is running under the
     * attempt it took (app/feriejobb/run-claim.server.ts), so a worker that lost the run to another
     * (its heartbeat went stale) can never overwrite what the other computed.
     */
    attempt: integer('attempt').notNull().default(0),
    progress: smallint('progress').notNull().default(0),
    progressLabel: text('progress_label').notNull().default('I kö'),
    answerDeadline: date('answer_deadline').notNull(),
    input: jsonb('input').$type<StoredInstance>(),
    applicants: integer('applicants'),
    places: integer('places'),
    seats: integer('seats'),
    daPlaced: integer('da_placed'),
    maxPlaced: integer('max_placed'),
    blockingPairs: integer('blocking_pairs'),
    daMs: real('da_ms'),
    maxMs: real('max_ms'),
    priceOfFairness: jsonb('price_of_fairness').$type<PriceOfFairness>(),
    error: text('error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('feriejobb_runs_year_idx').on(t.year, t.round),
    // One published run per summer and round.
    uniqueIndex('feriejobb_runs_published_key').on(t.year, t.round).where(sql`${t.status} = 'published'`),
    check('feriejobb_runs_progress', sql`${t.progress} between 0 and 100`),
  ],
);

/** One row per applicant in a finished run: the place they got (or none) and why. */
export const feriejobbRunResults = pgTable(
  'feriejobb_run_results',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => feriejobbRuns.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => feriejobbApplications.id, { onDelete: 'cascade' }),
    openingId: uuid('opening_id').references(() => openings.id),
    /** The opening max coverage would have given (for the price of fairness). */
    maxOpeningId: uuid('max_opening_id').references(() => openings.id),
    lottery: real('lottery').notNull(),
    priorityGroups: text('priority_groups').array().notNull(),
    listLength: smallint('list_length').notNull(),
    explanation: jsonb('explanation').$type<StoredExplanation>().notNull(),
  },
  (t) => [
    uniqueIndex('feriejobb_run_results_key').on(t.runId, t.applicationId),
    index('feriejobb_run_results_opening_idx').on(t.runId, t.openingId),
  ],
);

/**
 * An offer of a place sent when a run is published. The youth answers by the link in the e-mail
 * (only the token's hash is stored) before the deadline; after it the offer lapses and its seat
 * goes to the next round. At most one live (pending or accepted) offer per application, and never
 * more live offers for an opening than it has places (trigger in migration 0007).
 */
export const feriejobbOffers = pgTable(
  'feriejobb_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => feriejobbRuns.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => feriejobbApplications.id, { onDelete: 'cascade' }),
    openingId: uuid('opening_id')
      .notNull()
      .references(() => openings.id),
    tokenHash: text('token_hash').notNull().unique(),
    status: feriejobbOfferStatus('status').notNull().default('pending'),
    deadline: date('deadline').notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('feriejobb_offers_live_key').on(t.applicationId).where(sql`${t.status} in ('pending', 'accepted')`),
    index('feriejobb_offers_opening_idx').on(t.openingId, t.status),
    index('feriejobb_offers_deadline_idx').on(t.status, t.deadline),
  ],
);

/** Events of an application (confirmed, updated, priority checked, offered, answered), for its history. */
export const feriejobbEvents = pgTable(
  'feriejobb_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => feriejobbApplications.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    details: jsonb('details').$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('feriejobb_events_application_idx').on(t.applicationId, t.at)],
);

export type FeriejobbApplication = typeof feriejobbApplications.$inferSelect;
export type NewFeriejobbApplication = typeof feriejobbApplications.$inferInsert;
export type FeriejobbRun = typeof feriejobbRuns.$inferSelect;
export type FeriejobbOffer = typeof feriejobbOffers.$inferSelect;
