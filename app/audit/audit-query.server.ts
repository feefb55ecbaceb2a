import { desc, eq, lt } from 'drizzle-orm';
import { auditLog, users } from '../../db/schema';
import { getDb } from '../services.server';

export async function listAuditLog(options: { before?: number; limit?: number } = {}) {
  return getDb()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      ip: auditLog.ip,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(options.before ? lt(auditLog.id, options.before) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(options.limit ?? 100);
}
