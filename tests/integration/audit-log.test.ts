import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { audit } from '../../app/audit/audit-log.server';
import * as auditPage from '../../app/routes/admin.logg';
import { getDb } from '../../app/services.server';
import { auditLog } from '../../db/schema';
import { callLoader, jsonOf, loginAs } from '../setup/remix';

describe('audit log', () => {
  it('is append-only: the database refuses update, delete and truncate', async () => {
    const db = getDb();
    await audit(db, { actorUserId: null, action: 'test.event', subjectType: 'test', subjectId: 'x1' });
    const [row] = await db.select().from(auditLog).where(eq(auditLog.action, 'test.event'));
    expect(row).toBeDefined();
    await expect(db.update(auditLog).set({ action: 'forged' }).where(eq(auditLog.id, row!.id))).rejects.toThrow();
    await expect(db.delete(auditLog).where(eq(auditLog.id, row!.id))).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const [still] = await db.select().from(auditLog).where(eq(auditLog.id, row!.id));
    expect(still!.action).toBe('test.event');
  });

  it('is readable by admins only', async () => {
    const admin = await loginAs('admin@insteg.test');
    const page = await callLoader(auditPage.loader, '/admin/logg', { cookie: admin });
    expect(page.status).toBe(200);
    const body = await jsonOf<{ entries: Array<{ action: string }> }>(page);
    expect(body.entries.some((e) => e.action === 'login')).toBe(true);
    const coach = await loginAs('coach.kista@insteg.test');
    expect((await callLoader(auditPage.loader, '/admin/logg', { cookie: coach })).status).toBe(403);
  });
});
