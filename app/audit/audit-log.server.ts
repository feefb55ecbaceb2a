import type { DbOrTx } from '../../db/client.server';
import { auditLog } from '../../db/schema';

export interface AuditEvent {
  actorUserId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit trail; call it inside the transaction of the change it describes. */
export async function audit(db: DbOrTx, event: AuditEvent) {
  await db.insert(auditLog).values({
    actorUserId: event.actorUserId,
    action: event.action,
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId ?? null,
    ip: event.ip ?? null,
    details: event.details ?? null,
  });
}
