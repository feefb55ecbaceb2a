import { boolean, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';

/** A local cluster (lokalt kluster) of districts, Jobbtorg and Arbetsförmedlingen offices. */
export const clusters = pgTable('clusters', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull().unique(),
  afOffice: text('af_office').notNull(),
});

/** A stadsdelsområde of Stockholm. */
export const districts = pgTable('districts', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull().unique(),
  clusterId: integer('cluster_id')
    .notNull()
    .references(() => clusters.id),
});

/** A local Jobbtorg Stockholm office. */
export const jobbtorg = pgTable('jobbtorg', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull().unique(),
  clusterId: integer('cluster_id')
    .notNull()
    .references(() => clusters.id),
  /** "Unga" offices serve youths 16–29. */
  youth: boolean('youth').notNull().default(false),
});

export type Cluster = typeof clusters.$inferSelect;
export type District = typeof districts.$inferSelect;
export type Jobbtorg = typeof jobbtorg.$inferSelect;
