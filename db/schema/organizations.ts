import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cityUnitType, membershipLevel, organizationKind } from './enums';
import { districts } from './geography';

/**
 * An organisation that posts openings: an Integrationspakten member (member or Plusmedlem),
 * a city unit (nämnd, stadsdelsförvaltning, bolag) or a supplier of procured places.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Swedish organisationsnummer, NNNNNN-NNNN. */
    orgNumber: text('org_number'),
    kind: organizationKind('kind').notNull(),
    cityUnitType: cityUnitType('city_unit_type'),
    membershipLevel: membershipLevel('membership_level'),
    memberSince: date('member_since'),
    districtId: integer('district_id').references(() => districts.id),
    active: boolean('active').notNull().default(true),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organizations_org_number_key').on(t.orgNumber),
    uniqueIndex('organizations_name_key').on(sql`lower(${t.name})`),
    check('organizations_org_number_format', sql`${t.orgNumber} is null or ${t.orgNumber} ~ '^[0-9]{6}-[0-9]{4}$'`),
    // Only Integrationspakten members have a membership level, and they always have one.
    check(
      'organizations_membership_only_for_members',
      sql`(${t.kind} = 'integrationspakt_member') = (${t.membershipLevel} is not null)`,
    ),
    // Only city units have a city unit type, and they always have one.
    check('organizations_city_unit_type', sql`(${t.kind} = 'city_unit') = (${t.cityUnitType} is not null)`),
    check('organizations_active_consistent', sql`${t.active} = (${t.deactivatedAt} is null)`),
    index('organizations_kind_idx').on(t.kind),
  ],
);

/**
 * A jobbpartnerskap: the agreement that makes a member a Plusmedlem. The requirements on the
 * company are set when the partnership is signed (terms).
 */
export const jobPartnerships = pgTable(
  'job_partnerships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    signedOn: date('signed_on').notNull(),
    endedOn: date('ended_on'),
    terms: text('terms').notNull(),
    /** Tailored job tracks (jobbspår) agreed in the partnership. */
    jobbspar: text('jobbspar').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // At most one partnership in force per organisation.
    uniqueIndex('job_partnerships_one_active').on(t.organizationId).where(sql`${t.endedOn} is null`),
    check('job_partnerships_dates', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.signedOn}`),
  ],
);

export type Organization = typeof organizations.$inferSelect;
export type NewOrganization = typeof organizations.$inferInsert;
export type JobPartnership = typeof jobPartnerships.$inferSelect;
