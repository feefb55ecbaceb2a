import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, smallint, text, varchar } from 'drizzle-orm/pg-core';

/** SSYK 2012, every level (1–4 digits). Codes are strings: leading zeros matter (0110). */
export const occupations = pgTable(
  'occupations',
  {
    code: varchar('code', { length: 4 }).primaryKey(),
    level: smallint('level').notNull(),
    parentCode: varchar('parent_code', { length: 4 }),
    nameEn: text('name_en').notNull(),
    /** Official Swedish name (SCB); null where we have none, and the UI then shows code + English. */
    nameSv: text('name_sv'),
  },
  (t) => [
    foreignKey({ columns: [t.parentCode], foreignColumns: [t.code] }),
    check('occupations_level_matches_code', sql`${t.level} between 1 and 4 and char_length(${t.code}) = ${t.level}`),
    check('occupations_code_digits', sql`${t.code} ~ '^[0-9]{1,4}$'`),
    index('occupations_parent_idx').on(t.parentCode),
  ],
);

export type Occupation = typeof occupations.$inferSelect;
