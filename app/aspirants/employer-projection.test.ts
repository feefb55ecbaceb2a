import { Column, getTableColumns, is, SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { aspirants } from '../../db/schema';
import { employerProjectionSelection } from './employer-projection';

type ColumnKey = keyof typeof aspirants._.columns;

/**
 * Every column of the aspirants table, classified. A new column fails the test below until it is
 * put in one of these lists, so adding a column forces a decision about employers.
 */
/** May reach employers as they are. */
const EMPLOYER_ALLOWED = [
  'id',
  'firstName',
  'districtId',
  'languages',
  'swedishLevel',
  'education',
  'occupations',
  'drivingLicence',
  'availableFrom',
  'hoursPerWeek',
] as const satisfies readonly ColumnKey[];
/** May reach employers only reduced (initial of the last name, age band), never as a bare column. */
const EMPLOYER_REDUCED_ONLY = ['lastName', 'birthDate'] as const satisfies readonly ColumnKey[];
/** Never selected by the employer projection, not even inside an expression. */
const SENSITIVE = [
  'personnummer',
  'anonymisedAt',
  'gender',
  'targetGroups',
  'adaptationNeeds',
  'criminalRecordCheckedOn',
  'notes',
  'exitedOn',
  'exitReason',
  'selfSupporting6m',
  'selfSupportingCheckedOn',
  'completedUpperSecondary',
  'jobbtorgId',
  'coachUserId',
  'consentAt',
  'consentScope',
  'consentWithdrawnAt',
  'enrolledOn',
  'createdAt',
  'updatedAt',
] as const satisfies readonly ColumnKey[];

const tableColumns = getTableColumns(aspirants);
const keyOf = new Map<Column, string>(Object.entries(tableColumns).map(([key, column]) => [column as Column, key]));

/** The table columns an expression reads, looking inside sql`` templates. */
function columnsIn(value: unknown): string[] {
  if (is(value, Column)) return [keyOf.get(value) ?? `foreign:${value.name}`];
  if (is(value, SQL)) return value.queryChunks.flatMap((chunk) => columnsIn(chunk));
  return [];
}

describe('the employer projection', () => {
  it('classifies every column of the aspirants table exactly once', () => {
    const classified = [...EMPLOYER_ALLOWED, ...EMPLOYER_REDUCED_ONLY, ...SENSITIVE];
    expect(new Set(classified).size, 'a column is in two lists').toBe(classified.length);
    const unclassified = Object.keys(tableColumns).filter((c) => !(classified as string[]).includes(c));
    expect(unclassified, 'new aspirants columns must be classified in employer-projection.test.ts').toEqual([]);
    expect(classified.filter((c) => !(c in tableColumns)), 'classified columns that no longer exist').toEqual([]);
  });

  it('reads no sensitive column, not even inside an expression', () => {
    for (const [field, expression] of Object.entries(employerProjectionSelection)) {
      const read = columnsIn(expression);
      expect(read.length, `${field} reads no column`).toBeGreaterThan(0);
      for (const column of read) {
        expect(SENSITIVE as readonly string[], `${field} reads the sensitive column ${column}`).not.toContain(column);
        expect(column.startsWith('foreign:'), `${field} reads a column of another table`).toBe(false);
      }
    }
  });

  it('exposes reduced columns only through an expression', () => {
    for (const [field, expression] of Object.entries(employerProjectionSelection)) {
      if (!is(expression, Column)) continue;
      expect(EMPLOYER_REDUCED_ONLY as readonly string[], `${field} selects a reduced-only column as is`).not.toContain(keyOf.get(expression));
    }
  });

  it('has exactly the reviewed fields', () => {
    expect(Object.keys(employerProjectionSelection).sort()).toEqual(
      ['age', 'availableFrom', 'districtId', 'drivingLicence', 'education', 'firstName', 'hoursPerWeek', 'id', 'languages', 'lastNameInitial', 'occupations', 'swedishLevel'].sort(),
    );
  });
});
