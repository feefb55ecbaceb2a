import { date, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The last day a daily maintenance job ran (the aspirant index's date bands, retention), so a
 * server that was down catches up once instead of repeating work on every tick.
 */
export const maintenanceRuns = pgTable('maintenance_runs', {
  job: text('job').primaryKey(),
  lastRunOn: date('last_run_on').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
