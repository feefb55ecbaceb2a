import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.server';
import { actionPlans, aspirants, maintenanceRuns, matches } from '../../db/schema';
import { enqueueSearchSync } from '../../search/sync.server';
import { audit } from '../audit/audit-log.server';
import { addMonths, bandsChanged } from './aspirant-bands';
import type { TargetGroup } from './aspirant-rules';

/**
 * Data protection after exit, and the daily upkeep of the aspirant index.
 *
 * Anonymisation keeps what the city's statistics count (gender, birth year, Jobbtorg, enrolment
 * and exit dates, exit reason, education and Swedish level, and the two target groups the
 * statistics are split by) and removes everything that identifies or describes the person:
 * name, personnummer, birth date (year only), district, languages, occupations, adaptation
 * needs, notes, consent, coach, the action plan with its activities, and the search document.
 * See docs/decisions/006-aspirant-retention.md.
 */
export const STATISTICAL_TARGET_GROUPS: readonly TargetGroup[] = ['nyanland', 'funktionsnedsattning'];

/** Anonymises one exited aspirant inside the caller's transaction. False when not applicable. */
export async function anonymiseAspirant(
  tx: DbOrTx,
  id: string,
  by: { actorUserId: string | null; ip?: string | null; reason: 'retention' | 'erasure-request' },
): Promise<boolean> {
  const [row] = await tx
    .update(aspirants)
    .set({
      firstName: null,
      lastName: null,
      personnummer: null,
      birthDate: sql`make_date(extract(year from ${aspirants.birthDate})::int, 1, 1)`,
      districtId: null,
      coachUserId: null,
      targetGroups: sql`array(select g from unnest(${aspirants.targetGroups}) g where g = any(${sql.param([...STATISTICAL_TARGET_GROUPS])}::text[]))`,
      languages: [],
      occupations: [],
      drivingLicence: false,
      availableFrom: null,
      hoursPerWeek: null,
      adaptationNeeds: null,
      criminalRecordCheckedOn: null,
      consentAt: null,
      consentScope: null,
      consentWithdrawnAt: null,
      notes: null,
      anonymisedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(aspirants.id, id), isNull(aspirants.anonymisedAt), isNotNull(aspirants.exitedOn)))
    .returning({ id: aspirants.id });
  if (!row) return false;
  await tx.delete(actionPlans).where(eq(actionPlans.aspirantId, id));
  // What was written about the person in their matches goes too; statuses, dates and outcomes stay.
  await tx
    .update(matches)
    .set({ message: null, closedComment: null, employerNote: null, interviewPlace: null, supervisorEmail: null, updatedAt: sql`now()` })
    .where(eq(matches.aspirantId, id));
  await enqueueSearchSync(tx, 'aspirants', [id], 'delete');
  await audit(tx, { actorUserId: by.actorUserId, action: 'aspirant.anonymised', subjectType: 'aspirant', subjectId: id, ip: by.ip ?? null, details: { reason: by.reason } });
  return true;
}

/**
 * Anonymises every aspirant who exited more than `retentionMonths` ago, in batches, one
 * transaction per batch. Returns how many were anonymised.
 */
export async function anonymiseExpired(db: Database, today: string, retentionMonths: number, batchSize = 200): Promise<number> {
  const cutoff = addMonths(today, -retentionMonths);
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: aspirants.id })
        .from(aspirants)
        .where(and(isNull(aspirants.anonymisedAt), isNotNull(aspirants.exitedOn), lt(aspirants.exitedOn, cutoff)))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      let n = 0;
      for (const { id } of due) if (await anonymiseAspirant(tx, id, { actorUserId: null, reason: 'retention' })) n += 1;
      return { n, more: due.length === batchSize };
    });
    total += done.n;
    if (!done.more) return total;
  }
}

/**
 * Age band, months enrolled and availability are indexed as of a day. Once a day, re-index the
 * aspirants whose bands moved since the last run (after downtime: since the last day it ran).
 */
export async function refreshAspirantBands(db: Database, today: string): Promise<number> {
  return db.transaction(async (tx) => {
    // One runner at a time; a second server skips the day's run rather than repeating it.
    const [lock] = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(4242002) as ok`);
    if (!lock?.ok) return 0;
    const [last] = await tx.select().from(maintenanceRuns).where(eq(maintenanceRuns.job, 'aspirant-bands'));
    if (last && last.lastRunOn >= today) return 0;
    const rows = await tx
      .select({ id: aspirants.id, birthDate: aspirants.birthDate, enrolledOn: aspirants.enrolledOn, exitedOn: aspirants.exitedOn, availableFrom: aspirants.availableFrom })
      .from(aspirants)
      .where(isNull(aspirants.anonymisedAt));
    // Without a previous run, every document may be from any day: refresh them all.
    const moved = last ? rows.filter((r) => bandsChanged(r, last.lastRunOn, today)) : rows;
    for (let i = 0; i < moved.length; i += 5000) await enqueueSearchSync(tx, 'aspirants', moved.slice(i, i + 5000).map((r) => r.id));
    await tx
      .insert(maintenanceRuns)
      .values({ job: 'aspirant-bands', lastRunOn: today })
      .onConflictDoUpdate({ target: maintenanceRuns.job, set: { lastRunOn: today, updatedAt: sql`now()` } });
    return moved.length;
  });
}
