import { and, asc, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { auditLog, users } from '../../db/schema';
import { getDb } from '../services.server';

export interface AuditFilter {
  before?: number;
  limit?: number;
  /** Who did it. */
  actorUserId?: string;
  /** Everything about one aspirant: their own rows and every listing or search that showed them. */
  aspirantId?: string;
  action?: string;
  /** YYYY-MM-DD, Stockholm days, inclusive. */
  from?: string;
  to?: string;
}

/** The rows about one aspirant: their own, and every listing or search that showed them (details.ids). */
export function aboutAspirant(aspirantId: string): SQL {
  return or(and(eq(auditLog.subjectType, 'aspirant'), eq(auditLog.subjectId, aspirantId)), sql`${auditLog.details} -> 'ids' ? ${aspirantId}`)!;
}

export async function listAuditLog(filter: AuditFilter = {}) {
  const conditions: SQL[] = [];
  if (filter.before) conditions.push(lt(auditLog.id, filter.before));
  if (filter.actorUserId) conditions.push(eq(auditLog.actorUserId, filter.actorUserId));
  if (filter.aspirantId) conditions.push(aboutAspirant(filter.aspirantId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.from) conditions.push(gte(auditLog.at, sql`(${filter.from}::date)::timestamp at time zone 'Europe/Stockholm'`));
  if (filter.to) conditions.push(lt(auditLog.at, sql`((${filter.to}::date + 1)::timestamp) at time zone 'Europe/Stockholm'`));
  return getDb()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      ip: auditLog.ip,
      /** How many aspirants a listing or search showed (their ids stay in the database). */
      shownCount: sql<number | null>`jsonb_array_length(case when jsonb_typeof(${auditLog.details} -> 'ids') = 'array' then ${auditLog.details} -> 'ids' end)`,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit ?? 100);
}

/** The users who appear in the log's actor filter. */
export async function auditActors() {
  return getDb().select({ id: users.id, name: users.name, email: users.email }).from(users).orderBy(asc(users.name));
}
