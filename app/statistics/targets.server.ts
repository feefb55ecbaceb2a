/** The admin's edits of the statistics' targets and settings, each audit-logged in its transaction. */
import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.server';
import { statisticsSettings, statisticsTargets, users } from '../../db/schema';
import { audit } from '../audit/audit-log.server';
import type { SessionUser } from '../auth/auth.server';
import type { IndicatorId, TargetSetter } from './indicators';

export async function listTargets(db: Database) {
  return db
    .select({
      id: statisticsTargets.id,
      indicator: statisticsTargets.indicator,
      year: statisticsTargets.year,
      value: statisticsTargets.value,
      setBy: statisticsTargets.setBy,
      note: statisticsTargets.note,
      updatedAt: statisticsTargets.updatedAt,
      updatedBy: users.name,
    })
    .from(statisticsTargets)
    .leftJoin(users, eq(users.id, statisticsTargets.updatedBy))
    .orderBy(statisticsTargets.indicator, desc(statisticsTargets.year), statisticsTargets.setBy);
}

/** Sets the target of an indicator for a year and setter (replacing that one, if any). */
export async function saveTarget(
  db: Database,
  user: SessionUser,
  target: { indicator: IndicatorId; year: number; setBy: TargetSetter; value: number; note: string | null },
  ip: string,
) {
  await db.transaction(async (tx) => {
    await tx
      .insert(statisticsTargets)
      .values({ ...target, updatedBy: user.id })
      .onConflictDoUpdate({
        target: [statisticsTargets.indicator, statisticsTargets.year, statisticsTargets.setBy],
        set: { value: target.value, note: target.note, updatedBy: user.id, updatedAt: sql`now()` },
      });
    await audit(tx, { actorUserId: user.id, action: 'statistics.target-saved', subjectType: 'statistics_target', ip, details: target });
  });
}

/** Removes a target; false when there was none. */
export async function deleteTarget(db: Database, user: SessionUser, id: string, ip: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [removed] = await tx.delete(statisticsTargets).where(eq(statisticsTargets.id, id)).returning();
    if (!removed) return false;
    await audit(tx, {
      actorUserId: user.id,
      action: 'statistics.target-deleted',
      subjectType: 'statistics_target',
      subjectId: id,
      ip,
      details: { indicator: removed.indicator, year: removed.year, setBy: removed.setBy, value: removed.value },
    });
    return true;
  });
}

export async function saveThreshold(db: Database, user: SessionUser, threshold: number, ip: string) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ threshold: statisticsSettings.suppressionThreshold }).from(statisticsSettings).where(eq(statisticsSettings.id, 1)).for('update');
    await tx.update(statisticsSettings).set({ suppressionThreshold: threshold, updatedBy: user.id, updatedAt: sql`now()` }).where(eq(statisticsSettings.id, 1));
    await audit(tx, { actorUserId: user.id, action: 'statistics.threshold-changed', ip, details: { from: before?.threshold ?? null, to: threshold } });
  });
}
