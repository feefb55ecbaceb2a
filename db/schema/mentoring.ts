import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid, varchar, boolean } from 'drizzle-orm/pg-core';
import { gender, mentorPairOutcome, mentorPairStatus, mentorStatus } from './enums';
import { districts } from './geography';
import { occupations } from './occupations';
import { openings } from './openings';
import { organizations } from './organizations';
import { users } from './users';
import type { ScorePart } from '../../app/mentoring/mentor-rules';

/**
 * A mentor: a manager or employee of an Integrationspakten member or a city unit, registered by
 * the coordinator (or from a published mentor slot). Only approved mentors are paired.
 */
export const mentors = pgTable(
  'mentors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    gender: gender('gender').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    openingId: uuid('opening_id').references(() => openings.id),
    occupationCode: varchar('occupation_code', { length: 4 })
      .notNull()
      .references(() => occupations.code),
    districtId: integer('district_id').references(() => districts.id),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    programmes: text('programmes').array().notNull(),
    availability: text('availability').array().notNull(),
    maxAdepts: smallint('max_adepts').notNull(),
    trainingCompletedOn: date('training_completed_on'),
    interviewedOn: date('interviewed_on'),
    status: mentorStatus('status').notNull().default('registered'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('mentors_max_adepts', sql`${t.maxAdepts} between 1 and 5`),
    check('mentors_programmes', sql`cardinality(${t.programmes}) between 1 and 3`),
    // Approval needs an interview.
    check('mentors_approved_interviewed', sql`${t.status} <> 'approved' or ${t.interviewedOn} is not null`),
    index('mentors_status_idx').on(t.status),
  ],
);

/** An adept: a newcomer registered by the coordinator for one programme. */
export const adepts = pgTable(
  'adepts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    gender: gender('gender').notNull(),
    birthYear: smallint('birth_year').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    programme: text('programme').notNull(),
    goalOccupationCode: varchar('goal_occupation_code', { length: 4 }).references(() => occupations.code),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    swedishLevel: text('swedish_level').notNull(),
    districtId: integer('district_id').references(() => districts.id),
    availability: text('availability').array().notNull(),
    studying: boolean('studying').notNull().default(false),
    preferredMentorGender: gender('preferred_mentor_gender'),
    /** The coordinator's own notes about the adept (no sensitive data: that stays with Jobbtorg). */
    coordinatorNotes: text('notes'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('adepts_programme_idx').on(t.programme)],
);

/**
 * A mentor and an adept: suggested → confirmed → active → ended (or a suggestion cancelled). An
 * adept is in at most one open pair; a mentor never has more confirmed and active pairs than
 * their max adepts (trigger in migration 0008, under the mentor row lock).
 */
export const mentorPairs = pgTable(
  'mentor_pairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => mentors.id),
    adeptId: uuid('adept_id')
      .notNull()
      .references(() => adepts.id, { onDelete: 'cascade' }),
    programme: text('programme').notNull(),
    status: mentorPairStatus('status').notNull().default('suggested'),
    score: integer('score').notNull(),
    explanation: jsonb('explanation').$type<ScorePart[]>().notNull(),
    fromCohort: boolean('from_cohort').notNull().default(false),
    suggestedBy: uuid('suggested_by').references(() => users.id, { onDelete: 'set null' }),
    suggestedAt: timestamp('suggested_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedOn: date('confirmed_on'),
    endedOn: date('ended_on'),
    outcome: mentorPairOutcome('outcome'),
    endReason: text('end_reason'),
    followUpReminderSentAt: timestamp('follow_up_reminder_sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('mentor_pairs_open_adept_key').on(t.adeptId).where(sql`${t.status} in ('suggested', 'confirmed', 'active')`),
    index('mentor_pairs_mentor_idx').on(t.mentorId, t.status),
    check('mentor_pairs_confirmed', sql`${t.status} in ('suggested', 'cancelled') or ${t.confirmedOn} is not null`),
    check('mentor_pairs_ended', sql`(${t.status} = 'ended') = (${t.endedOn} is not null and ${t.outcome} is not null)`),
  ],
);

/** A meeting of a pair: date, length, topic. The first one makes a confirmed pair active. */
export const mentorMeetings = pgTable(
  'mentor_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pairId: uuid('pair_id')
      .notNull()
      .references(() => mentorPairs.id, { onDelete: 'cascade' }),
    metOn: date('met_on').notNull(),
    minutes: smallint('minutes').notNull(),
    topic: text('topic').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mentor_meetings_pair_idx').on(t.pairId, t.metOn), check('mentor_meetings_minutes', sql`${t.minutes} between 5 and 600`)],
);

export type Mentor = typeof mentors.$inferSelect;
export type Adept = typeof adepts.$inferSelect;
export type MentorPair = typeof mentorPairs.$inferSelect;
