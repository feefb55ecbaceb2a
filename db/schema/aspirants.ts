import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { activityStatus, activityType, educationLevel, exitReason, gender, swedishLevel } from './enums';
import { districts, jobbtorg } from './geography';
import { users } from './users';

// The target groups (sensitive: coach and own Jobbtorg only) and language levels are defined
// once in the pure rules module, which the forms share.
import { languageLevels, targetGroups, type LanguageLevel, type TargetGroup } from '../../app/aspirants/aspirant-rules';
export { languageLevels, targetGroups, type LanguageLevel, type TargetGroup };
export interface AspirantLanguage {
  language: string;
  level: LanguageLevel;
}
export interface AspirantOccupation {
  /** SSYK 2012, four digits. */
  code: string;
  /** Years of experience; 0 for an occupation of interest without experience. */
  years: number;
}

/** What a consent covers. Only the profile summary exists today (see employer-projection.ts). */
export const consentScopes = ['profile_summary'] as const;

/**
 * A person enrolled at a Jobbtorg. Held by their coach; never a user of the product.
 * Sensitive columns (personnummer, target groups, adaptation needs, notes, …) are classified in
 * app/aspirants/employer-projection.test.ts: adding a column forces a decision there.
 */
export const aspirants = pgTable(
  'aspirants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jobbtorgId: integer('jobbtorg_id')
      .notNull()
      .references(() => jobbtorg.id),
    coachUserId: uuid('coach_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Null only once anonymised (see anonymisedAt). */
    firstName: text('first_name'),
    lastName: text('last_name'),
    /** 12 digits, YYYYMMDDNNNN; coordination numbers keep day + 60. Null once anonymised. */
    personnummer: text('personnummer'),
    /**
     * Derived from the personnummer at enrolment (day − 60 for a coordination number), for ages
     * and age bands. Anonymisation keeps only the year (YYYY-01-01), for the youth statistics.
     */
    birthDate: date('birth_date').notNull(),
    gender: gender('gender').notNull(),
    /** District of residence; null when living outside Stockholm. */
    districtId: integer('district_id').references(() => districts.id),
    targetGroups: text('target_groups').array().notNull().default(sql`'{}'::text[]`),
    languages: jsonb('languages').$type<AspirantLanguage[]>().notNull().default(sql`'[]'::jsonb`),
    swedishLevel: swedishLevel('swedish_level').notNull().default('none'),
    education: educationLevel('education').notNull(),
    completedUpperSecondary: boolean('completed_upper_secondary').notNull().default(false),
    occupations: jsonb('occupations').$type<AspirantOccupation[]>().notNull().default(sql`'[]'::jsonb`),
    drivingLicence: boolean('driving_licence').notNull().default(false),
    availableFrom: date('available_from'),
    hoursPerWeek: smallint('hours_per_week'),
    adaptationNeeds: text('adaptation_needs'),
    /** The day the coach saw a criminal-record extract (belastningsregisterutdrag); some openings require one. */
    criminalRecordCheckedOn: date('criminal_record_checked_on'),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    consentScope: text('consent_scope'),
    consentWithdrawnAt: timestamp('consent_withdrawn_at', { withTimezone: true }),
    enrolledOn: date('enrolled_on').notNull(),
    exitedOn: date('exited_on'),
    exitReason: exitReason('exit_reason'),
    /** The follow-up six months after exit: does the person support themselves (the statistics' indicator)? */
    selfSupporting6m: boolean('self_supporting_6m'),
    selfSupportingCheckedOn: date('self_supporting_checked_on'),
    notes: text('notes'),
    /**
     * Set when the retention period after exit has passed (or an admin erased the aspirant):
     * everything identifying is gone; what the statistics count (gender, birth year, Jobbtorg,
     * dates, exit reason, the statistical target groups) stays. See docs/decisions/006.
     */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('aspirants_personnummer_key').on(t.personnummer),
    check('aspirants_personnummer_format', sql`${t.personnummer} ~ '^[0-9]{12}$'`),
    // The birth date comes from the personnummer (a coordination number differs only in the day).
    check('aspirants_birth_date_matches', sql`substr(${t.personnummer}, 1, 6) = to_char(${t.birthDate}, 'YYYYMM')`),
    check(
      'aspirants_target_groups_known',
      sql`${t.targetGroups} <@ array['forsorjningsstod','kaa','uvas','nyanland','funktionsnedsattning','kort_utbildning','langtidsarbetslos','kvinna_svag_stallning']::text[]`,
    ),
    check('aspirants_languages_array', sql`jsonb_typeof(${t.languages}) = 'array'`),
    check('aspirants_occupations_array', sql`jsonb_typeof(${t.occupations}) = 'array'`),
    check('aspirants_hours_range', sql`${t.hoursPerWeek} is null or ${t.hoursPerWeek} between 1 and 40`),
    check('aspirants_exit_consistent', sql`(${t.exitedOn} is null) = (${t.exitReason} is null)`),
    check('aspirants_exit_after_enrolment', sql`${t.exitedOn} is null or ${t.exitedOn} >= ${t.enrolledOn}`),
    check('aspirants_self_supporting_consistent', sql`(${t.selfSupporting6m} is null) = (${t.selfSupportingCheckedOn} is null) and (${t.selfSupporting6m} is null or ${t.exitedOn} is not null)`),
    check('aspirants_consent_consistent', sql`(${t.consentAt} is null) = (${t.consentScope} is null)`),
    check('aspirants_consent_scope_known', sql`${t.consentScope} is null or ${t.consentScope} in ('profile_summary')`),
    check('aspirants_consent_withdrawal', sql`${t.consentWithdrawnAt} is null or (${t.consentAt} is not null and ${t.consentWithdrawnAt} >= ${t.consentAt})`),
    check(
      'aspirants_identity_until_anonymised',
      sql`case when ${t.anonymisedAt} is null
        then ${t.personnummer} is not null and ${t.firstName} is not null and ${t.lastName} is not null
        else ${t.personnummer} is null and ${t.firstName} is null and ${t.lastName} is null and ${t.notes} is null
          and ${t.adaptationNeeds} is null and ${t.exitedOn} is not null and ${t.consentAt} is null end`,
    ),
    index('aspirants_jobbtorg_idx').on(t.jobbtorgId, t.exitedOn),
    index('aspirants_retention_idx').on(t.exitedOn).where(sql`${t.anonymisedAt} is null and ${t.exitedOn} is not null`),
    index('aspirants_coach_idx').on(t.coachUserId),
  ],
);

/** The individual action plan (handlingsplan): at most one per aspirant, reviewed at least every 6 months. */
export const actionPlans = pgTable(
  'action_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    aspirantId: uuid('aspirant_id')
      .notNull()
      .references(() => aspirants.id, { onDelete: 'cascade' }),
    goal: text('goal').notNull(),
    createdOn: date('created_on').notNull(),
    reviewedOn: date('reviewed_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('action_plans_aspirant_key').on(t.aspirantId),
    check('action_plans_review_after_creation', sql`${t.reviewedOn} is null or ${t.reviewedOn} >= ${t.createdOn}`),
  ],
);

/** A described, time-bounded step of the plan, followed up and replaced when it leads nowhere. */
export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actionPlanId: uuid('action_plan_id')
      .notNull()
      .references(() => actionPlans.id, { onDelete: 'cascade' }),
    type: activityType('type').notNull(),
    description: text('description').notNull(),
    startOn: date('start_on').notNull(),
    endOn: date('end_on').notNull(),
    status: activityStatus('status').notNull().default('planned'),
    followUpOn: date('follow_up_on'),
    followUpResult: text('follow_up_result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('activities_dates', sql`${t.endOn} >= ${t.startOn}`),
    index('activities_plan_idx').on(t.actionPlanId, t.startOn),
    index('activities_follow_up_idx').on(t.followUpOn),
  ],
);

export type Aspirant = typeof aspirants.$inferSelect;
export type NewAspirant = typeof aspirants.$inferInsert;
export type ActionPlan = typeof actionPlans.$inferSelect;
export type Activity = typeof activities.$inferSelect;
export type NewActivity = typeof activities.$inferInsert;
