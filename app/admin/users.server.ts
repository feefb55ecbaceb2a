import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { jobbtorg, organizations, users } from '../../db/schema';
import { isUniqueViolation } from '../../db/errors';
import { containsPattern } from '../../db/like-pattern';
import { InvitationEmail, invitationSubject } from '../../emails/invitation';
import { enqueueEmail } from '../../emails/outbox.server';
import { audit } from '../audit/audit-log.server';
import { INVITE_VALID_DAYS, issuePasswordToken, type SessionUser } from '../auth/auth.server';
import { roleLabels } from '../auth/roles';
import { revokeAllSessions } from '../auth/sessions.server';
import { getEnv } from '../env.server';
import { getDb } from '../services.server';
import type { CreateUserInput } from './user-schema';
import type { Role } from '../../db/schema';

export async function listUsers(filter: { q?: string; role?: Role; status?: 'active' | 'inactive' }) {
  const conditions: SQL[] = [];
  if (filter.q) {
    const like = containsPattern(filter.q);
    conditions.push(or(ilike(users.name, like), ilike(users.email, like))!);
  }
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.status) conditions.push(eq(users.active, filter.status === 'active'));
  return getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      invited: sql<boolean>`${users.passwordHash} is null`,
      lastLoginAt: users.lastLoginAt,
      jobbtorgName: jobbtorg.name,
      organizationName: organizations.name,
    })
    .from(users)
    .leftJoin(jobbtorg, eq(jobbtorg.id, users.jobbtorgId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(...conditions))
    .orderBy(asc(users.name))
    .limit(500);
}

export async function userFormOptions() {
  const db = getDb();
  const [jobbtorgRows, orgRows] = await Promise.all([
    db.select({ id: jobbtorg.id, name: jobbtorg.name }).from(jobbtorg).orderBy(asc(jobbtorg.name)),
    db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.active, true))
      .orderBy(asc(organizations.name)),
  ]);
  return { jobbtorg: jobbtorgRows, organizations: orgRows };
}

export type CreateUserResult = { ok: true; userId: string } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * Creates a user and e-mails an invitation to choose a password, in one transaction. The
 * admin never sees or sets the password.
 */
export async function createUser(actor: SessionUser, input: CreateUserInput, ip: string): Promise<CreateUserResult> {
  const db = getDb();
  try {
    return await db.transaction(async (tx): Promise<CreateUserResult> => {
      if (input.organizationId) {
        const [org] = await tx.select({ active: organizations.active }).from(organizations).where(eq(organizations.id, input.organizationId));
        if (!org?.active) return { ok: false as const, fieldErrors: { organizationId: ['Organisationen finns inte eller är inaktiverad'] } };
      }
      if (input.jobbtorgId) {
        const [jt] = await tx.select({ id: jobbtorg.id }).from(jobbtorg).where(eq(jobbtorg.id, input.jobbtorgId));
        if (!jt) return { ok: false as const, fieldErrors: { jobbtorgId: ['Jobbtorget finns inte'] } };
      }
      const [user] = await tx
        .insert(users)
        .values({
          name: input.name,
          email: input.email,
          role: input.role,
          jobbtorgId: input.jobbtorgId,
          organizationId: input.organizationId,
        })
        .returning({ id: users.id });
      const token = await issuePasswordToken(tx, user!.id, 'invite');
      await enqueueEmail(tx, {
        to: input.email,
        subject: invitationSubject,
        template: 'invitation',
        element: InvitationEmail({
          name: input.name,
          roleLabel: roleLabels[input.role],
          setPasswordUrl: `${getEnv().APP_URL}/aterstall-losenord/${token}`,
          validDays: INVITE_VALID_DAYS,
        }),
      });
      await audit(tx, {
        actorUserId: actor.id,
        action: 'user.created',
        subjectType: 'user',
        subjectId: user!.id,
        ip,
        details: { role: input.role, email: input.email },
      });
      return { ok: true as const, userId: user!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) {
      return { ok: false, fieldErrors: { email: ['Det finns redan en användare med den här e-postadressen'] } };
    }
    throw error;
  }
}

export type StatusResult = { ok: true; message: string } | { ok: false; message: string };

export async function changeUserStatus(
  actor: SessionUser,
  userId: string,
  intent: 'deactivate' | 'reactivate' | 'resend-invite',
  ip: string,
): Promise<StatusResult> {
  if (userId === actor.id && intent === 'deactivate') return { ok: false, message: 'Du kan inte inaktivera ditt eget konto.' };
  const db = getDb();
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) return { ok: false, message: 'Användaren finns inte.' };
    if (intent === 'deactivate') {
      if (!user.active) return { ok: true, message: `${user.name} är redan inaktiverad.` };
      await tx.update(users).set({ active: false, deactivatedAt: sql`now()` }).where(eq(users.id, userId));
      await revokeAllSessions(tx, userId);
      await audit(tx, { actorUserId: actor.id, action: 'user.deactivated', subjectType: 'user', subjectId: userId, ip });
      return { ok: true, message: `${user.name} är inaktiverad och utloggad.` };
    }
    if (intent === 'reactivate') {
      if (user.organizationId) {
        const [org] = await tx.select({ active: organizations.active }).from(organizations).where(eq(organizations.id, user.organizationId));
        if (!org?.active) return { ok: false, message: 'Organisationen är inaktiverad; aktivera den först.' };
      }
      await tx.update(users).set({ active: true, deactivatedAt: null }).where(eq(users.id, userId));
      await audit(tx, { actorUserId: actor.id, action: 'user.reactivated', subjectType: 'user', subjectId: userId, ip });
      return { ok: true, message: `${user.name} är aktiverad igen.` };
    }
    if (!user.active) return { ok: false, message: 'Användaren är inaktiverad.' };
    const token = await issuePasswordToken(tx, user.id, 'invite');
    await enqueueEmail(tx, {
      to: user.email,
      subject: invitationSubject,
      template: 'invitation',
      element: InvitationEmail({
        name: user.name,
        roleLabel: roleLabels[user.role],
        setPasswordUrl: `${getEnv().APP_URL}/aterstall-losenord/${token}`,
        validDays: INVITE_VALID_DAYS,
      }),
    });
    await audit(tx, { actorUserId: actor.id, action: 'user.invite-resent', subjectType: 'user', subjectId: userId, ip });
    return { ok: true, message: `En ny inbjudan har skickats till ${user.email}.` };
  });
}
