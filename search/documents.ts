import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.server';
import { clusters, districts, jobPartnerships, organizations } from '../db/schema';
import { isNull, and } from 'drizzle-orm';
import type { IndexKey } from './indexes';

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
};
