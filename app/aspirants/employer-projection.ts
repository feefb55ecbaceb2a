import { and, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.server';
import { aspirants, type AspirantLanguage, type AspirantOccupation } from '../../db/schema';
import { ageBandOfAge, type AgeBand } from './aspirant-bands';

/**
 * The ONE way employer-facing code may read aspirants: a profile summary without any sensitive
 * field (no personnummer, last name, gender, target groups, adaptation needs, notes, exit data).
 * Only aspirants who consented to sharing a profile summary, have not withdrawn that consent and
 * are still enrolled are returned.
 *
 * Every selected column is checked by employer-projection.test.ts against the classification of
 * the aspirants table; a new field here or a new column there fails that test until decided.
 */
export const employerProjectionSelection = {
  id: aspirants.id,
  firstName: aspirants.firstName,
  /** Only the first letter of the last name. */
  lastNameInitial: sql<string>`left(${aspirants.lastName}, 1)`,
  /** Whole years, reduced to an age band below; the birth date itself never leaves the query. */
  age: sql<number>`extract(year from age(current_date, ${aspirants.birthDate}))::int`,
  districtId: aspirants.districtId,
  languages: aspirants.languages,
  swedishLevel: aspirants.swedishLevel,
  education: aspirants.education,
  occupations: aspirants.occupations,
  drivingLicence: aspirants.drivingLicence,
  availableFrom: aspirants.availableFrom,
  hoursPerWeek: aspirants.hoursPerWeek,
};

/** Consent given for the profile summary, not withdrawn, and still enrolled. */
export const employerVisible: SQL = and(
  isNotNull(aspirants.consentAt),
  sql`${aspirants.consentScope} = 'profile_summary'`,
  isNull(aspirants.consentWithdrawnAt),
  isNull(aspirants.exitedOn),
  isNull(aspirants.anonymisedAt),
)!;

export interface EmployerAspirantSummary {
  id: string;
  /** "Amina H." */
  displayName: string;
  ageBand: AgeBand;
  districtId: number | null;
  languages: AspirantLanguage[];
  swedishLevel: string;
  education: string;
  occupations: AspirantOccupation[];
  drivingLicence: boolean;
  availableFrom: string | null;
  hoursPerWeek: number | null;
}

/** Summaries of the given aspirants that employers may see; ids without consent are simply absent. */
export async function employerAspirantSummaries(db: DbOrTx, ids: string[]): Promise<EmployerAspirantSummary[]> {
  if (!ids.length) return [];
  const rows = await db
    .select(employerProjectionSelection)
    .from(aspirants)
    .where(and(inArray(aspirants.id, ids), employerVisible));
  return rows.map(({ firstName, lastNameInitial, age, ...rest }) => ({
    ...rest,
    displayName: `${firstName} ${lastNameInitial}.`,
    ageBand: ageBandOfAge(age),
  }));
}
