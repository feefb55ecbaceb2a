import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.server';
import { aliasedTable, and, isNull } from 'drizzle-orm';
import { actionPlans, aspirants, clusters, districts, jobPartnerships, occupations, openings, organizations } from '../db/schema';
import { bandsOn, type AgeBand, type AvailabilityBand, type EnrolmentBand } from '../app/aspirants/aspirant-bands';
import { todayInStockholm } from '../app/dates';
import {
  feriejobbInterestAreaLabels,
  mentorProgrammeLabels,
  openingKindLabels,
  praktikLevelLabels,
  stockholmsjobbSubtypeLabels,
  type OpeningKind,
  type OpeningStatus,
} from '../app/openings/opening-rules';
import { aspirantFacetAttributes, openingCountedFacetAttributes, type IndexKey } from './indexes';
import { combinedFacetValues } from './facet-values';

function withFacetValues<T extends object>(document: T, attributes: readonly string[]): T & { facetValues: string[] } {
  return { ...document, facetValues: combinedFacetValues(document as Record<string, unknown>, attributes) };
}
import { OUTSIDE_STOCKHOLM } from '../app/geography/outside-stockholm';
import { birthDateRange, dateTs, openingAgeWindow, swedishRank } from '../app/matching/eligibility';
import { employerVisible } from '../app/aspirants/employer-projection';

/**
 * The single place that decides what is indexed. A document holds only what the index's
 * readers may see; nothing sensitive is ever put into a document an employer query could reach.
 */

export const organizationKindLabels = {
  integrationspakt_member: 'Integrationspakten',
  city_unit: 'Stadens enhet',
  supplier: 'Leverantör',
} as const;

export interface OrganizationDocument {
  id: string;
  name: string;
  orgNumber: string | null;
  kind: keyof typeof organizationKindLabels;
  kindLabel: string;
  membershipLevel: 'member' | 'plus' | null;
  cityUnitType: 'namnd' | 'stadsdelsforvaltning' | 'bolag' | null;
  districtId: number | null;
  districtName: string | null;
  clusterId: number | null;
  clusterName: string | null;
  active: boolean;
  hasPartnership: boolean;
}

async function loadOrganizationDocuments(db: DbOrTx, ids: string[] | 'all'): Promise<OrganizationDocument[]> {
  const query = db
    .select({
      id: organizations.id,
      name: organizations.name,
      orgNumber: organizations.orgNumber,
      kind: organizations.kind,
      membershipLevel: organizations.membershipLevel,
      cityUnitType: organizations.cityUnitType,
      districtId: organizations.districtId,
      districtName: districts.name,
      clusterId: clusters.id,
      clusterName: clusters.name,
      active: organizations.active,
      partnershipId: jobPartnerships.id,
    })
    .from(organizations)
    .leftJoin(districts, eq(districts.id, organizations.districtId))
    .leftJoin(clusters, eq(clusters.id, districts.clusterId))
    .leftJoin(
      jobPartnerships,
      and(eq(jobPartnerships.organizationId, organizations.id), isNull(jobPartnerships.endedOn)),
    );
  const rows = ids === 'all' ? await query.orderBy(organizations.id) : await query.where(inArray(organizations.id, ids));
  return rows.map(({ partnershipId, ...row }) => ({
    ...row,
    kindLabel: organizationKindLabels[row.kind],
    hasPartnership: partnershipId !== null,
  }));
}

export interface OpeningDocument {
  id: string;
  title: string;
  description: string;
  kind: OpeningKind;
  kindLabel: string;
  subtype: string;
  subtypeLabel: string;
  status: OpeningStatus;
  organizationId: string;
  organizationName: string;
  membershipLevel: 'member' | 'plus' | null;
  districtId: number | null;
  districtName: string;
  clusterName: string;
  occupationCode: string;
  occupationName: string;
  ssyk1: string;
  ssyk2: string;
  ssyk3: string;
  ssyk4: string;
  places: number;
  startDate: string;
  endDate: string;
  applicationDeadline: string;
  startMonth: string;
  startTs: number;
  deadlineTs: number;
  publishedTs: number | null;
  createdTs: number;
  languages: string[];
  swedishLevel: string;
  /** Matching's hard filters (app/matching/match-retrieval.server.ts). */
  clusterId: number | null;
  endTs: number;
  /** Birth dates (inclusive) of those inside the opening's age window on its start date. */
  bornFromTs: number;
  bornToTs: number;
  swedishRank: number;
  swedishRequired: boolean;
  criminalRecordRequired: boolean;
  /** Every counted facet value, prefixed by its attribute (search/facet-values.ts). */
  facetValues: string[];
}

export function openingSubtypeLabel(kind: OpeningKind, subtype: string): string {
  const table: Record<string, string> =
    kind === 'stockholmsjobb'
      ? stockholmsjobbSubtypeLabels
      : kind === 'feriejobb'
        ? feriejobbInterestAreaLabels
        : kind === 'praktik'
          ? praktikLevelLabels
          : mentorProgrammeLabels;
  return table[subtype] ?? subtype;
}


async function loadOpeningDocuments(db: DbOrTx, ids: string[] | 'all'): Promise<OpeningDocument[]> {
  const occupation = aliasedTable(occupations, 'occupation');
  const query = db
    .select({
      opening: openings,
      organizationName: organizations.name,
      membershipLevel: organizations.membershipLevel,
      districtName: districts.name,
      clusterName: clusters.name,
      clusterId: clusters.id,
      occupationSv: occupation.nameSv,
      occupationEn: occupation.nameEn,
    })
    .from(openings)
    .innerJoin(organizations, eq(organizations.id, openings.organizationId))
    .innerJoin(occupation, eq(occupation.code, openings.occupationCode))
    .leftJoin(districts, eq(districts.id, openings.districtId))
    .leftJoin(clusters, eq(clusters.id, districts.clusterId));
  const rows = ids === 'all' ? await query.orderBy(openings.id) : await query.where(inArray(openings.id, ids));
  return rows.map(({ opening: o, ...r }) => {
    const window = openingAgeWindow(o);
    const born = birthDateRange(o.startDate, window.min, window.max);
    return withFacetValues({
    id: o.id,
    title: o.title,
    // The beginning of the description is enough to search and to show a snippet.
    description: o.description.slice(0, 1000),
    kind: o.kind,
    kindLabel: openingKindLabels[o.kind],
    subtype: o.subtype,
    subtypeLabel: openingSubtypeLabel(o.kind, o.subtype),
    status: o.status,
    organizationId: o.organizationId,
    organizationName: r.organizationName,
    membershipLevel: r.membershipLevel,
    districtId: o.districtId,
    districtName: r.districtName ?? OUTSIDE_STOCKHOLM,
    clusterName: r.clusterName ?? OUTSIDE_STOCKHOLM,
    occupationCode: o.occupationCode,
    occupationName: r.occupationSv ?? r.occupationEn,
    ssyk1: o.occupationCode.slice(0, 1),
    ssyk2: o.occupationCode.slice(0, 2),
    ssyk3: o.occupationCode.slice(0, 3),
    ssyk4: o.occupationCode,
    places: o.places,
    startDate: o.startDate,
    endDate: o.endDate,
    applicationDeadline: o.applicationDeadline,
    startMonth: o.startDate.slice(0, 7),
    startTs: Date.parse(`${o.startDate}T00:00:00Z`) / 1000,
    deadlineTs: Date.parse(`${o.applicationDeadline}T00:00:00Z`) / 1000,
    publishedTs: o.publishedAt ? Math.floor(o.publishedAt.getTime() / 1000) : null,
    createdTs: Math.floor(o.createdAt.getTime() / 1000),
    languages: o.languages,
    swedishLevel: o.swedishLevel,
    clusterId: r.clusterId,
    endTs: dateTs(o.endDate),
    bornFromTs: dateTs(born.bornFrom),
    bornToTs: dateTs(born.bornTo),
    swedishRank: swedishRank(o.swedishLevel),
    swedishRequired: o.swedishRequired,
    criminalRecordRequired: o.criminalRecordRequired,
  }, openingCountedFacetAttributes);
  });
}

/**
 * An aspirant in the `aspirants` index: the name to search and the facets to filter and count.
 * Never the personnummer, notes or adaptation needs. Target groups are here because coaches of
 * the same Jobbtorg may filter on them; the index is only ever queried by the server, always
 * with the caller's Jobbtorg. Anonymised aspirants have no document.
 */
export interface AspirantDocument {
  id: string;
  jobbtorgId: number;
  coachUserId: string | null;
  active: boolean;
  firstName: string;
  lastName: string;
  targetGroups: string[];
  swedishLevel: string;
  languages: string[];
  districtName: string;
  ssyk1: string[];
  ssyk2: string[];
  ssyk3: string[];
  ssyk4: string[];
  availability: AvailabilityBand;
  ageBand: AgeBand;
  hasPlan: boolean;
  monthsEnrolled: EnrolmentBand;
  enrolledTs: number;
  /** Matching's hard filters (app/matching/match-retrieval.server.ts). */
  districtId: number | null;
  clusterId: number | null;
  birthTs: number;
  /** 0 when not given (available now). */
  availableFromTs: number;
  swedishRank: number;
  criminalRecordChecked: boolean;
  /** Consent to share a profile summary with employers, given and not withdrawn. */
  consented: boolean;
  /** The day the date bands were computed; the daily refresh re-indexes those that moved. */
  bandsOn: string;
  /** Every facet value, prefixed by its attribute (search/facet-values.ts). */
  facetValues: string[];
}

const unique = (values: string[]) => [...new Set(values)];

async function loadAspirantDocuments(db: DbOrTx, ids: string[] | { after: string | null; limit: number }): Promise<AspirantDocument[]> {
  const today = todayInStockholm();
  const query = db
    .select({
      a: {
        id: aspirants.id,
        jobbtorgId: aspirants.jobbtorgId,
        coachUserId: aspirants.coachUserId,
        firstName: aspirants.firstName,
        lastName: aspirants.lastName,
        birthDate: aspirants.birthDate,
        targetGroups: aspirants.targetGroups,
        swedishLevel: aspirants.swedishLevel,
        languages: aspirants.languages,
        occupations: aspirants.occupations,
        availableFrom: aspirants.availableFrom,
        enrolledOn: aspirants.enrolledOn,
        exitedOn: aspirants.exitedOn,
        districtId: aspirants.districtId,
        swedishRank: aspirants.swedishLevel,
        criminalRecordCheckedOn: aspirants.criminalRecordCheckedOn,
        consented: sql<boolean>`${employerVisible}`,
      },
      districtName: districts.name,
      clusterId: districts.clusterId,
      hasPlan: sql<boolean>`${actionPlans.id} is not null`,
    })
    .from(aspirants)
    .leftJoin(districts, eq(districts.id, aspirants.districtId))
    .leftJoin(actionPlans, eq(actionPlans.aspirantId, aspirants.id));
  const live = isNull(aspirants.anonymisedAt);
  const rows = Array.isArray(ids)
    ? await query.where(and(live, inArray(aspirants.id, ids)))
    : await query.where(and(live, ids.after ? gt(aspirants.id, ids.after) : undefined)).orderBy(asc(aspirants.id)).limit(ids.limit);
  return rows.map(({ a, districtName, clusterId, hasPlan }) => {
    const codes = a.occupations.map((o) => o.code);
    return withFacetValues({
      id: a.id,
      jobbtorgId: a.jobbtorgId,
      coachUserId: a.coachUserId,
      active: a.exitedOn === null,
      firstName: a.firstName ?? '',
      lastName: a.lastName ?? '',
      targetGroups: a.targetGroups,
      swedishLevel: a.swedishLevel,
      languages: a.languages.map((l) => l.language),
      districtName: districtName ?? OUTSIDE_STOCKHOLM,
      ssyk1: unique(codes.map((c) => c.slice(0, 1))),
      ssyk2: unique(codes.map((c) => c.slice(0, 2))),
      ssyk3: unique(codes.map((c) => c.slice(0, 3))),
      ssyk4: unique(codes),
      ...bandsOn(a, today),
      hasPlan,
      enrolledTs: Date.parse(`${a.enrolledOn}T00:00:00Z`) / 1000,
      districtId: a.districtId,
      clusterId,
      birthTs: dateTs(a.birthDate),
      availableFromTs: a.availableFrom ? dateTs(a.availableFrom) : 0,
      swedishRank: swedishRank(a.swedishRank),
      criminalRecordChecked: a.criminalRecordCheckedOn !== null,
      consented: a.consented,
      bandsOn: today,
    }, aspirantFacetAttributes);
  });
}

export interface DocumentSource {
  /** Loads the current documents for the given ids; ids with no row are simply absent. */
  load(db: DbOrTx, ids: string[]): Promise<Array<{ id: string }>>;
  /** Loads every document, in pages, for a full reindex. */
  loadAll(db: DbOrTx): Promise<Array<{ id: string }>>;
}

export const documentSources: Record<IndexKey, DocumentSource> = {
  organizations: {
    load: (db, ids) => loadOrganizationDocuments(db, ids),
    loadAll: (db) => loadOrganizationDocuments(db, 'all'),
  },
  openings: {
    load: (db, ids) => loadOpeningDocuments(db, ids),
    loadAll: (db) => loadOpeningDocuments(db, 'all'),
  },
  aspirants: {
    load: (db, ids) => loadAspirantDocuments(db, ids),
    loadAll: async (db) => {
      const all: AspirantDocument[] = [];
      for (let after: string | null = null; ; ) {
        const page = await loadAspirantDocuments(db, { after, limit: 10_000 });
        all.push(...page);
        if (page.length < 10_000) return all;
        after = page[page.length - 1]!.id;
      }
    },
  },
};
