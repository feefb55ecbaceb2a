import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { organizations } from '../../db/schema';
import { getDb } from '../services.server';

/** Organisations that may offer mentors (Integrationspakten members and city units). */
export async function mentorOrganizationsOverview() {
  const db = getDb();
  const [counts] = await db
    .select({
      members: sql<number>`count(*) filter (where ${organizations.kind} = 'integrationspakt_member')::int`,
      plus: sql<number>`count(*) filter (where ${organizations.membershipLevel} = 'plus')::int`,
      cityUnits: sql<number>`count(*) filter (where ${organizations.kind} = 'city_unit')::int`,
    })
    .from(organizations)
    .where(eq(organizations.active, true));
  const plusMembers = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.active, true), inArray(organizations.membershipLevel, ['plus'])))
    .orderBy(asc(organizations.name));
  return { members: counts?.members ?? 0, plus: counts?.plus ?? 0, cityUnits: counts?.cityUnits ?? 0, plusMembers };
}
