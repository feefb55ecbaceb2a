import { and, asc, count, eq, ilike, isNull, sql, type SQL } from 'drizzle-orm';
import { isUniqueViolation } from '../../db/errors';
import { containsPattern } from '../../db/like-pattern';
import { clusters, districts, jobPartnerships, organizations, users } from '../../db/schema';
import { searchOrganizationIndex } from '../../search/query.server';
import { enqueueSearchSync } from '../../search/sync.server';
import { audit } from '../audit/audit-log.server';
import type { SessionUser } from '../auth/auth.server';
import { revokeAllSessions } from '../auth/sessions.server';
import { getDb, getSearch } from '../services.server';
import type { CreateOrganizationInput, OrganizationFilter } from './organization-schema';

export const PAGE_SIZE = 25;

export interface OrganizationListItem {
  id: string;
  name: string;
  kind: 'integrationspakt_member' | 'city_unit' | 'supplier';
  membershipLevel: 'member' | 'plus' | null;
  cityUnitType: 'namnd' | 'stadsdelsforvaltning' | 'bolag' | null;
  districtName: string | null;
  active: boolean;
}

export interface OrganizationSearchResult {
  items: OrganizationListItem[];
  total: number;
  page: number;
  /** 'search' when Meilisearch answered; 'database' when it did not and we fell back. */
  source: 'search' | 'database';
}

/**
 * Organisations for a list page. Uses the search index (typo-tolerant); when Meilisearch does
 * not answer, falls back to a plain database query so the page keeps working.
 * Only admins see deactivated organisations.
 */
export async function findOrganizations(user: SessionUser, filter: OrganizationFilter): Promise<OrganizationSearchResult> {
  const includeInactive = user.role === 'admin';
  try {
    const result = await searchOrganizationIndex(getSearch(), filter, { includeInactive, pageSize: PAGE_SIZE });
    return { ...result, page: filter.page, source: 'search' };
  } catch {
    return { ...(await queryOrganizations(filter, includeInactive)), page: filter.page, source: 'database' };
  }
}

async function queryOrganizations(filter: OrganizationFilter, includeInactive: boolean) {
  const db = getDb();
  const conditions: SQL[] = [];
  if (!includeInactive) conditions.push(eq(organizations.active, true));
  if (filter.q) conditions.push(ilike(organizations.name, containsPattern(filter.q)));
  if (filter.kind) conditions.push(eq(organizations.kind, filter.kind));
  if (filter.membershipLevel) conditions.push(eq(organizations.membershipLevel, filter.membershipLevel));
  if (filter.districtId) conditions.push(eq(organizations.districtId, filter.districtId));
  const where = and(...conditions);
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        kind: organizations.kind,
        membershipLevel: organizations.membershipLevel,
        cityUnitType: organizations.cityUnitType,
        districtName: districts.name,
        active: organizations.active,
      })
      .from(organizations)
      .leftJoin(districts, eq(districts.id, organizations.districtId))
      .where(where)
      .orderBy(asc(organizations.name))
      .limit(PAGE_SIZE)
      .offset((filter.page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(organizations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function districtOptions() {
  return getDb()
    .select({ id: districts.id, name: districts.name, clusterName: clusters.name })
    .from(districts)
    .innerJoin(clusters, eq(clusters.id, districts.clusterId))
    .orderBy(asc(districts.name));
}

/** The districts as select options (value: the id). */
export async function districtSelectOptions() {
  return (await districtOptions()).map((d) => ({ value: String(d.id), label: d.name }));
}

/** One organisation with its partnership and contacts. Employers may only read their own. */
export async function getOrganization(user: SessionUser, id: string) {
  if (user.role === 'employer' && user.organizationId !== id) return null;
  const db = getDb();
  const [org] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      orgNumber: organizations.orgNumber,
      kind: organizations.kind,
      membershipLevel: organizations.membershipLevel,
      cityUnitType: organizations.cityUnitType,
      memberSince: organizations.memberSince,
      active: organizations.active,
      districtName: districts.name,
      clusterName: clusters.name,
    })
    .from(organizations)
    .leftJoin(districts, eq(districts.id, organizations.districtId))
    .leftJoin(clusters, eq(clusters.id, districts.clusterId))
    .where(and(eq(organizations.id, id), user.role === 'admin' ? undefined : eq(organizations.active, true)));
  if (!org) return null;
  const [partnership] = await db
    .select({ signedOn: jobPartnerships.signedOn, terms: jobPartnerships.terms, jobbspar: jobPartnerships.jobbspar })
    .from(jobPartnerships)
    .where(and(eq(jobPartnerships.organizationId, id), isNull(jobPartnerships.endedOn)));
  const contacts = await db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.organizationId, id), eq(users.active, true)))
    .orderBy(asc(users.name));
  return { ...org, partnership: partnership ?? null, contacts };
}

export type CreateOrganizationResult = { ok: true; id: string } | { ok: false; fieldErrors: Record<string, string[]> };

export async function createOrganization(actor: SessionUser, input: CreateOrganizationInput, ip: string): Promise<CreateOrganizationResult> {
  const db = getDb();
  try {
    return await db.transaction(async (tx): Promise<CreateOrganizationResult> => {
      if (input.districtId) {
        const [d] = await tx.select({ id: districts.id }).from(districts).where(eq(districts.id, input.districtId));
        if (!d) return { ok: false as const, fieldErrors: { districtId: ['Stadsdelsområdet finns inte'] } };
      }
      const [org] = await tx
        .insert(organizations)
        .values({
          name: input.name,
          orgNumber: input.orgNumber,
          kind: input.kind,
          cityUnitType: input.cityUnitType,
          membershipLevel: input.membershipLevel,
          memberSince: input.kind === 'integrationspakt_member' ? sql`current_date` : null,
          districtId: input.districtId,
        })
        .returning({ id: organizations.id });
      if (input.partnership) {
        await tx.insert(jobPartnerships).values({ organizationId: org!.id, ...input.partnership });
      }
      await enqueueSearchSync(tx, 'organizations', [org!.id]);
      await audit(tx, {
        actorUserId: actor.id,
        action: 'organization.created',
        subjectType: 'organization',
        subjectId: org!.id,
        ip,
        details: { name: input.name, kind: input.kind },
      });
      return { ok: true as const, id: org!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'organizations_name_key')) {
      return { ok: false, fieldErrors: { name: ['Det finns redan en organisation med det namnet'] } };
    }
    if (isUniqueViolation(error, 'organizations_org_number_key')) {
      return { ok: false, fieldErrors: { orgNumber: ['Det finns redan en organisation med det organisationsnumret'] } };
    }
    throw error;
  }
}

/**
 * Deactivating an organisation also deactivates its employer contacts and ends their sessions:
 * nobody can act for an organisation that is no longer part of the programmes.
 */
export async function changeOrganizationStatus(actor: SessionUser, id: string, intent: 'deactivate' | 'reactivate', ip: string) {
  const db = getDb();
  return db.transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('update');
    if (!org) return { ok: false as const, message: 'Organisationen finns inte.' };
    if (intent === 'deactivate') {
      if (!org.active) return { ok: true as const, message: `${org.name} är redan inaktiverad.` };
      await tx.update(organizations).set({ active: false, deactivatedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(organizations.id, id));
      const contacts = await tx
        .update(users)
        .set({ active: false, deactivatedAt: sql`now()` })
        .where(and(eq(users.organizationId, id), eq(users.active, true)))
        .returning({ id: users.id });
      for (const c of contacts) await revokeAllSessions(tx, c.id);
      await enqueueSearchSync(tx, 'organizations', [id]);
      await audit(tx, {
        actorUserId: actor.id,
        action: 'organization.deactivated',
        subjectType: 'organization',
        subjectId: id,
        ip,
        details: { deactivatedUsers: contacts.length },
      });
      return {
        ok: true as const,
        message: `${org.name} är inaktiverad${contacts.length ? ` och ${contacts.length} kontaktpersoner har inaktiverats` : ''}.`,
      };
    }
    await tx.update(organizations).set({ active: true, deactivatedAt: null, updatedAt: sql`now()` }).where(eq(organizations.id, id));
    await enqueueSearchSync(tx, 'organizations', [id]);
    await audit(tx, { actorUserId: actor.id, action: 'organization.reactivated', subjectType: 'organization', subjectId: id, ip });
    return { ok: true as const, message: `${org.name} är aktiverad igen. Kontaktpersoner aktiveras var för sig.` };
  });
}
