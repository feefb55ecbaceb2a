import { hashToken, newToken } from '../lib/tokens.server';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.server';
import { sessions, users, type User } from '../../db/schema';
import { getDb } from '../services.server';

/** A session ends after this long without a request … */
export const IDLE_TIMEOUT_MS = 60 * 60 * 1000;
/** … and after this long whatever happens. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is refreshed at most this often, to spare a write per request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

/** Creates a fresh session (a new id at every login: no fixation) and returns its secret token. */
export async function createSession(db: DbOrTx, userId: string, meta: { ip?: string; userAgent?: string | null }) {
  const token = newToken();
  await db.insert(sessions).values({
    id: hashToken(token),
    userId,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS),
  });
  return token;
}

export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'jobbtorgId' | 'organizationId'> & {
  sessionId: string;
};

/** The user of a live session, or null when the token is unknown, revoked, idle or expired. */
export async function resolveSession(token: string): Promise<SessionUser | null> {
  const db = getDb();
  const id = hashToken(token);
  const [row] = await db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      jobbtorgId: users.jobbtorgId,
      organizationId: users.organizationId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, id),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${IDLE_TIMEOUT_MS / 1000})`),
        eq(users.active, true),
      ),
    );
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
  }
  const { lastSeenAt: _lastSeen, ...user } = row;
  return user;
}

export async function revokeSession(db: DbOrTx, sessionId: string) {
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends every session of a user (deactivation, password change, "log out everywhere"), optionally sparing one. */
export async function revokeAllSessions(db: DbOrTx, userId: string, exceptSessionId?: string) {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined,
      ),
    );
}
