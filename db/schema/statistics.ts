import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  check,
  date,

  integer,
  numeric,
  pgEnum,
  pgMaterializedView,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';
import { indicatorIds, targetSetters } from '../../app/statistics/indicators';

export const targetSetter = pgEnum('target_setter', targetSetters);

/**
 * The annual targets the statistics are measured against, edited by admins. A target holds from
 * its year until a later year's target for the same indicator and setter replaces it. Pre-filled
 * with the 2022 operating plan's values (migration 0010).
 */
export const statisticsTargets = pgTable(
  'statistics_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicator: text('indicator').notNull(),
    year: smallint('year').notNull(),
    value: numeric('value', { precision: 10, scale: 2, mode: 'number' }).notNull(),
    setBy: targetSetter('set_by').notNull(),
    note: text('note'),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('statistics_targets_key').on(t.indicator, t.year, t.setBy),
    check('statistics_targets_indicator_known', sql.raw(`indicator in (${indicatorIds.map((id) => `'${id}'`).join(', ')})`)),
    check('statistics_targets_year', sql`${t.year} between 2000 and 2100`),
    check('statistics_targets_value', sql`${t.value} >= 0`),
  ],
);

/** Settings of the statistics (one row): the smallest number of people a cell may show. */
export const statisticsSettings = pgTable(
  'statistics_settings',
  {
    id: smallint('id').primaryKey().default(1),
    suppressionThreshold: smallint('suppression_threshold').notNull().default(5),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('statistics_settings_single_row', sql`${t.id} = 1`),
    check('statistics_settings_threshold', sql`${t.suppressionThreshold} between 2 and 50`),
  ],
);

/**
 * One row per counted event of an indicator (migration 0010 holds the definition, which
 * app/statistics/indicators.ts describes in words). People are counted once per year: a person's
 * row is their first qualifying event of the year, which places them in a tertial, an
 * organisation and a Jobbtorg, so every table of people adds up. Refreshed by the worker.
 */
export const statisticsFacts = pgMaterializedView('statistics_facts', {
  indicator: text('indicator').notNull(),
  subject: text('subject').notNull(),
  eventDate: date('event_date').notNull(),
  year: integer('year').notNull(),
  tertial: integer('tertial').notNull(),
  gender: text('gender'),
  newcomer: boolean('newcomer').notNull(),
  youth: boolean('youth').notNull(),
  disability: boolean('disability').notNull(),
  organizationId: uuid('organization_id'),
  partner: text('partner'),
  openingKind: text('opening_kind'),
  subtype: text('subtype'),
  jobbtorgId: integer('jobbtorg_id'),
  clusterId: integer('cluster_id'),
  districtId: integer('district_id'),
  num: integer('num'),
  den: integer('den'),
  value: numeric('value', { mode: 'number' }),
}).existing();

/**
 * Changes not yet in statistics_facts: triggers on every source table add one row per writing
 * transaction; a refresh deletes the rows it will include (migration 0010, statistics.server).
 */
export const statisticsChanges = pgTable('statistics_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * statistics_facts added up per combination of the columns the dashboard groups and filters by
 * (migration 0010): what every dashboard query reads.
 */
export const statisticsCells = pgMaterializedView('statistics_cells', {
  year: integer('year').notNull(),
  tertial: integer('tertial').notNull(),
  indicator: text('indicator').notNull(),
  /** kvinna, man or other. */
  gender: text('gender').notNull(),
  newcomer: boolean('newcomer').notNull(),
  youth: boolean('youth').notNull(),
  disability: boolean('disability').notNull(),
  clusterId: integer('cluster_id'),
  jobbtorgId: integer('jobbtorg_id'),
  districtId: integer('district_id'),
  organizationId: uuid('organization_id'),
  partner: text('partner'),
  openingKind: text('opening_kind'),
  subtype: text('subtype'),
  n: integer('n').notNull(),
  num: integer('num').notNull(),
  den: integer('den').notNull(),
  sum: doublePrecision('sum').notNull(),
}).existing();

export type StatisticsTarget = typeof statisticsTargets.$inferSelect;

