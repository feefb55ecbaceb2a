/**
 * Reads aspirants and openings as the pure matching rules see them (MatchAspirant, MatchOpening),
 * with what the pages show next to them. The database is the truth: candidates found through
 * the search index are always read again here before they are judged and scored.
 */
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.server';
import { aspirants, clusters, districts, matches, occupations, openings, organizations } from '../../db/schema';
import { employerVisible } from '../aspirants/employer-projection';
import { OUTSIDE_STOCKHOLM } from '../geography/outside-stockholm';
import type { MatchAspirant, MatchOpening } from './eligibility';

export interface MatchAspirantRow extends MatchAspirant {
  firstName: string;
  lastName: string;
  jobbtorgId: number;
  coachUserId: string | null;
  districtName: string;
}

export interface MatchOpeningRow extends MatchOpening {
  title: string;
  status: string;
  applicationDeadline: string;
  organizationId: string;
  organizationName: string;
  membershipLevel: 'member' | 'plus' | null;
  districtName: string;
  occupationName: string;
  places: number;
  placesTaken: number;
  contactName: string;
  contactEmail: string;
  supervisorName: string;
}

/** Aspirants by id within `scope` (the caller's), with their placements in force. */
export async function loadMatchAspirants(db: DbOrTx, ids: string[], scope: SQL): Promise<MatchAspirantRow[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({
      id: aspirants.id,
      firstName: aspirants.firstName,
      lastName: aspirants.lastName,
      jobbtorgId: aspirants.jobbtorgId,
      coachUserId: aspirants.coachUserId,
      birthDate: aspirants.birthDate,
      districtId: aspirants.districtId,
      districtName: districts.name,
      clusterId: districts.clusterId,
      targetGroups: aspirants.targetGroups,
      languages: aspirants.languages,
      swedishLevel: aspirants.swedishLevel,
      occupations: aspirants.occupations,
      availableFrom: aspirants.availableFrom,
      hoursPerWeek: aspirants.hoursPerWeek,
      criminalRecordCheckedOn: aspirants.criminalRecordCheckedOn,
      exitedOn: aspirants.exitedOn,
      consented: sql<boolean>`${employerVisible}`,
    })
    .from(aspirants)
    .leftJoin(districts, eq(districts.id, aspirants.districtId))
    .where(and(inArray(aspirants.id, ids), isNull(aspirants.anonymisedAt), scope));
  const placements = rows.length
    ? await db
        .select({ aspirantId: matches.aspirantId, openingId: matches.openingId, startDate: matches.startDate, endDate: matches.endDate })
        .from(matches)
        .where(and(inArray(matches.aspirantId, rows.map((r) => r.id)), eq(matches.status, 'placed')))
    : [];
  const byAspirant = new Map<string, Array<{ openingId: string; startDate: string; endDate: string }>>();
  for (const p of placements) {
    const list = byAspirant.get(p.aspirantId) ?? [];
    list.push({ openingId: p.openingId, startDate: p.startDate!, endDate: p.endDate! });
    byAspirant.set(p.aspirantId, list);
  }
  return rows.map((r) => ({
    ...r,
    firstName: r.firstName ?? '',
    lastName: r.lastName ?? '',
    districtName: r.districtName ?? OUTSIDE_STOCKHOLM,
    placements: byAspirant.get(r.id) ?? [],
  }));
}

/** Openings by id, with their organisation, place names and how many places are taken. */
export async function loadMatchOpenings(db: DbOrTx, ids: string[]): Promise<MatchOpeningRow[]> {
  if (!ids.length) return [];
  const taken = db
    .select({ openingId: matches.openingId, n: sql<number>`count(*)::int`.as('n') })
    .from(matches)
    .where(and(inArray(matches.openingId, ids), eq(matches.status, 'placed')))
    .groupBy(matches.openingId)
    .as('taken');
  const rows = await db
    .select({
      id: openings.id,
      kind: openings.kind,
      subtype: openings.subtype,
      title: openings.title,
      status: openings.status,
      startDate: openings.startDate,
      endDate: openings.endDate,
      applicationDeadline: openings.applicationDeadline,
      ageMin: openings.ageMin,
      ageMax: openings.ageMax,
      districtId: openings.districtId,
      districtName: districts.name,
      clusterId: districts.clusterId,
      clusterName: clusters.name,
      occupationCode: openings.occupationCode,
      occupationName: sql<string>`coalesce(${occupations.nameSv}, ${occupations.nameEn})`,
      swedishLevel: openings.swedishLevel,
      swedishRequired: openings.swedishRequired,
      languages: openings.languages,
      criminalRecordRequired: openings.criminalRecordRequired,
      details: openings.details,
      organizationId: openings.organizationId,
      organizationName: organizations.name,
      membershipLevel: organizations.membershipLevel,
      places: openings.places,
      placesTaken: sql<number>`coalesce(${taken.n}, 0)`,
      contactName: openings.contactName,
      contactEmail: openings.contactEmail,
      supervisorName: openings.supervisorName,
    })
    .from(openings)
    .innerJoin(organizations, eq(organizations.id, openings.organizationId))
    .innerJoin(occupations, eq(occupations.code, openings.occupationCode))
    .leftJoin(districts, eq(districts.id, openings.districtId))
    .leftJoin(clusters, eq(clusters.id, districts.clusterId))
    .leftJoin(taken, eq(taken.openingId, openings.id))
    .where(inArray(openings.id, ids));
  return rows.map(({ details, ...r }) => {
    const hours = (details as { hoursPerWeek?: unknown }).hoursPerWeek;
    return {
      ...r,
      districtName: r.districtName ?? OUTSIDE_STOCKHOLM,
      hoursPerWeek: typeof hours === 'number' ? hours : null,
    };
  });
}
