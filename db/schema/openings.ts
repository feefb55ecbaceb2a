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
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { openingKind, openingStatus, swedishLevel } from './enums';
import { districts } from './geography';
import { occupations } from './occupations';
import { organizations } from './organizations';
import { users } from './users';

/**
 * An opening: a Stockholmsjobb, feriejobb, praktik or mentor slot posted by an organisation.
 * Fields common to all kinds are columns; what is specific to a kind is validated by the zod
 * union and stored in `details`. `subtype` is the kind's main category (Stockholmsjobb subtype,
 * feriejobb interest area, praktik level, mentor programme) for filtering.
 */
export const openings = pgTable(
  'openings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: openingKind('kind').notNull(),
    subtype: text('subtype').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    workplaceAddress: text('workplace_address').notNull(),
    /** Null when the workplace is outside Stockholm. */
    districtId: integer('district_id').references(() => districts.id),
    occupationCode: varchar('occupation_code', { length: 4 })
      .notNull()
      .references(() => occupations.code),
    places: integer('places').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    applicationDeadline: date('application_deadline').notNull(),
    ageMin: smallint('age_min'),
    ageMax: smallint('age_max'),
    swedishLevel: swedishLevel('swedish_level').notNull().default('none'),
    swedishRequired: boolean('swedish_required').notNull().default(false),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    drivingLicence: boolean('driving_licence').notNull().default(false),
    criminalRecordRequired: boolean('criminal_record_required').notNull().default(false),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone'),
    supervisorName: text('supervisor_name').notNull(),
    supervisorPhone: text('supervisor_phone'),
    adaptations: text('adaptations'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    status: openingStatus('status').notNull().default('draft'),
    unpublishReason: text('unpublish_reason'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    deadlineReminderSentAt: timestamp('deadline_reminder_sent_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('openings_places_range', sql`${t.places} between 1 and 500`),
    check('openings_dates', sql`${t.endDate} > ${t.startDate} and ${t.applicationDeadline} <= ${t.startDate}`),
    check('openings_ages', sql`(${t.ageMin} is null or ${t.ageMin} between 16 and 67) and (${t.ageMax} is null or ${t.ageMax} between 16 and 67) and (${t.ageMin} is null or ${t.ageMax} is null or ${t.ageMin} <= ${t.ageMax})`),
    check('openings_feriejobb_ages', sql`${t.kind} <> 'feriejobb' or (${t.ageMin} >= 16 and ${t.ageMax} <= 19)`),
    index('openings_org_idx').on(t.organizationId, t.status),
    index('openings_status_deadline_idx').on(t.status, t.applicationDeadline),
  ],
);

export type Opening = typeof openings.$inferSelect;
export type NewOpening = typeof openings.$inferInsert;
