import { and, asc, eq } from 'drizzle-orm';
import { districts, occupations, organizations } from '../../db/schema';
import { getDb } from '../services.server';
import { mayPost, openingKinds } from './opening-rules';

/** SSYK unit groups (4 digits) grouped by major group, for a grouped select. */
export async function occupationGroupOptions() {
  const db = getDb();
  const [occupationRows, majors] = await Promise.all([
    db
      .select({ code: occupations.code, nameSv: occupations.nameSv, nameEn: occupations.nameEn })
      .from(occupations)
      .where(eq(occupations.level, 4))
      .orderBy(asc(occupations.code)),
    db
      .select({ code: occupations.code, nameSv: occupations.nameSv, nameEn: occupations.nameEn })
      .from(occupations)
      .where(eq(occupations.level, 1))
      .orderBy(asc(occupations.code)),
  ]);
  return majors.map((m) => ({
    label: `${m.code} ${m.nameSv ?? m.nameEn}`,
    options: occupationRows
      .filter((o) => o.code.startsWith(m.code))
      .map((o) => ({ value: o.code, label: `${o.code} ${o.nameSv ?? `${o.nameEn} (engelsk benämning)`}` })),
  }));
}

/** Select options for the opening form: districts, SSYK unit groups by major group, allowed kinds. */
export async function openingFormOptions(organizationId: string) {
  const db = getDb();
  const [districtRows, occupationGroups, [org]] = await Promise.all([
    db.select({ id: districts.id, name: districts.name }).from(districts).orderBy(asc(districts.name)),
    occupationGroupOptions(),
    db.select({ kind: organizations.kind, name: organizations.name }).from(organizations).where(and(eq(organizations.id, organizationId))),
  ]);
  return {
    districts: districtRows,
    occupationGroups,
    organizationName: org?.name ?? '',
    allowedKinds: openingKinds.filter((k) => org && mayPost(org.kind, k)),
  };
}
