import { hashToken, newToken } from '../lib/tokens.server';
import { redirect, type AppLoadContext } from '@remix-run/node';
import { and, eq, gt, isNull, sql, max, count, min } from 'drizzle-orm';
import { loginAttempts, passwordTokens, users } from '../../db/schema';
import { PasswordResetEmail, passwordResetSubject } from '../../emails/password-reset';
import { enqueueEmail } from '../../emails/outbox.server';
import { audit } from '../audit/audit-log.server';
import { getEnv } from '../env.server';
import { oncePerRequest } from '../lib/request-scope.server';
import { getDb } from '../services.server';
import { decideThrottle, THROTTLE_WINDOW_MINUTES, type ThrottleDecision } from './login-throttle';
import { getDummyHash, hashPassword, verifyPassword } from './password.server';
import { can, type Permission } from './permissions';
import { startPages } from './roles';
import { getSessionCookie } from './session.server';
import { createSession, resolveSession, revokeAllSessions, revokeSession, type SessionUser } from './sessions.server';

export type { SessionUser };

export function clientIp(context: AppLoadContext | undefined): string {
  return context?.clientIp ?? 'unknown';
}

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await getSessionCookie().parse(request.headers.get('Cookie'));
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * Sessions already resolved for a request. The same Request asks more than once (requireUser
 * and then a permission check); and the loaders of one document request (root and route) each
 * get a Request of their own from Remix, which the request scope covers: one lookup per page.
 */
const resolvedByRequest = new WeakMap<Request, Promise<SessionUser | null>>();

/** The logged-in user, or null. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let user = resolvedByRequest.get(request);
  if (!user) {
    const cookieHeader = request.headers.get('Cookie') ?? '';
    user = oncePerRequest(`session:${cookieHeader}`, () => readToken(request).then((token) => (token ? resolveSession(token) : null)));
    resolvedByRequest.set(request, user);
  }
  return user;
}

/**
 * A path on this site to go to after login, or the fallback. Browsers drop tabs and newlines
 * and treat backslashes as slashes, so "/\t/evil.example" would leave the site: the target must
 * resolve to this origin and contain no control characters or backslashes.
 */
function safeRedirectTo(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (typeof to !== 'string' || !to.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  const base = 'http://insteg.invalid';
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base || to.startsWith('//')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
export { safeRedirectTo };

/** The logged-in user; otherwise a redirect to /login that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  const headers = new Headers();
  // A stale cookie (expired or revoked session) is cleared on the way out.
  if (request.headers.get('Cookie')?.includes('insteg_session=')) {
    headers.append('Set-Cookie', await getSessionCookie().serialize('', { maxAge: 0 }));
  }
  throw redirect(`/login?${new URLSearchParams({ redirectTo })}`, { headers });
}

export async function requireAnonymous(request: Request) {
  const user = await getUser(request);
  if (user) throw redirect(startPages[user.role]);
}

export function forbidden(): never {
  throw new Response('Åtkomst nekad', { status: 403, statusText: 'Forbidden' });
}

export function notFound(): never {
  throw new Response('Sidan finns inte', { status: 404, statusText: 'Not Found' });
}

/** The logged-in user if they hold the permission; otherwise 403 (or the login redirect). */
export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, permission)) forbidden();
  return user;
}

export type LoginResult =
  | { ok: true; user: SessionUser; setCookie: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; decision: Extract<ThrottleDecision, { allowed: false }> };

async function throttleFor(email: string, ip: string): Promise<ThrottleDecision> {
  const db = getDb();
  const windowStart = sql`now() - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})`;
  const lastSuccess = db
    .select({ at: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, true)));
  const [account] = await db
    .select({ failures: count(), last: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, email),
        eq(loginAttempts.success, false),
        gt(loginAttempts.at, windowStart),
        sql`${loginAttempts.at} > coalesce((${lastSuccess}), '-infinity'::timestamptz)`,
      ),
    );
  const [byIp] = await db
    .select({ failures: count(), oldest: min(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, windowStart)));
  return decideThrottle({
    accountFailures: account?.failures ?? 0,
    lastAccountFailureAt: account?.last ?? null,
    ipFailures: byIp?.failures ?? 0,
    oldestIpFailureAt: byIp?.oldest ?? null,
    now: new Date(),
  });
}

/**
 * Checks the credentials, throttled per account and per IP. A throttled attempt does not even
 * check the password (no oracle) and is not counted again.
 */
export async function login(
  input: { email: string; password: string },
  meta: { ip: string; userAgent: string | null },
): Promise<LoginResult> {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  const decision = await throttleFor(email, meta.ip);
  if (!decision.allowed) {
    await audit(db, { actorUserId: null, action: 'login.throttled', ip: meta.ip, details: { email, scope: decision.scope } });
    return { ok: false, reason: 'throttled', decision };
  }
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const valid =
    user && user.active && user.passwordHash
      ? await verifyPassword(input.password, user.passwordHash)
      : (await verifyPassword(input.password, await getDummyHash()), false);
  if (!valid || !user) {
    await db.insert(loginAttempts).values({ email, ip: meta.ip, success: false });
    return { ok: false, reason: 'invalid' };
  }
  const token = await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ email, ip: meta.ip, success: true });
    await tx.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
    await audit(tx, { actorUserId: user.id, action: 'login', subjectType: 'user', subjectId: user.id, ip: meta.ip });
    return createSession(tx, user.id, meta);
  });
  return {
    ok: true,
    user: {
      sessionId: hashToken(token),
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      jobbtorgId: user.jobbtorgId,
      organizationId: user.organizationId,
    },
    setCookie: await getSessionCookie().serialize(token, { maxAge: 12 * 60 * 60 }),
  };
}

/** Ends the current session and clears the cookie. */
export async function logout(request: Request, options: { everywhere?: boolean } = {}) {
  const user = await getUser(request);
  const db = getDb();
  if (user) {
    await db.transaction(async (tx) => {
      if (options.everywhere) await revokeAllSessions(tx, user.id);
      else await revokeSession(tx, user.sessionId);
      await audit(tx, { actorUserId: user.id, action: options.everywhere ? 'logout.everywhere' : 'logout' });
    });
  }
  return redirect('/login', { headers: { 'Set-Cookie': await getSessionCookie().serialize('', { maxAge: 0 }) } });
}

// ---------- password reset and invitations ----------

export const RESET_VALID_MINUTES = 60;
export const INVITE_VALID_DAYS = 7;

export async function issuePasswordToken(
  tx: Parameters<typeof enqueueEmail>[0],
  userId: string,
  purpose: 'reset' | 'invite',
): Promise<string> {
  const token = newToken();
  const validMs = purpose === 'reset' ? RESET_VALID_MINUTES * 60_000 : INVITE_VALID_DAYS * 86_400_000;
  // Earlier unused links of the same purpose stop working: only the newest is valid.
  await tx
    .update(passwordTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordTokens.userId, userId), eq(passwordTokens.purpose, purpose), isNull(passwordTokens.usedAt)));
  await tx.insert(passwordTokens).values({
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + validMs),
  });
  return token;
}

export const RESET_REQUESTS_PER_HOUR = 3;

/**
 * Starts a password reset. Always behaves the same whether the address exists or not, so the
 * form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(emailInput: string, ip: string) {
  const db = getDb();
  const email = emailInput.trim().toLowerCase();
  const [user] = await db.select().from(users).where(and(eq(users.email, email), eq(users.active, true)));
  if (!user) {
    await audit(db, { actorUserId: null, action: 'password.reset-requested.unknown', ip, details: { email } });
    return;
  }
  await db.transaction(async (tx) => {
    // At most RESET_REQUESTS_PER_HOUR links per account and hour, so the form cannot be used to
    // flood someone's inbox (or void their link over and over). The answer stays the same.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`password-reset:${user.id}`}))`);
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(passwordTokens)
      .where(and(eq(passwordTokens.userId, user.id), eq(passwordTokens.purpose, 'reset'), gt(passwordTokens.createdAt, sql`now() - interval '1 hour'`)));
    if ((recent?.n ?? 0) >= RESET_REQUESTS_PER_HOUR) {
      await audit(tx, { actorUserId: null, action: 'password.reset-throttled', subjectType: 'user', subjectId: user.id, ip });
      return;
    }
    const token = await issuePasswordToken(tx, user.id, 'reset');
    const resetUrl = `${getEnv().APP_URL}/aterstall-losenord/${token}`;
    await enqueueEmail(tx, {
      to: user.email,
      subject: passwordResetSubject,
      template: 'password-reset',
      element: PasswordResetEmail({ name: user.name, resetUrl, validMinutes: RESET_VALID_MINUTES }),
    });
    await audit(tx, { actorUserId: user.id, action: 'password.reset-requested', subjectType: 'user', subjectId: user.id, ip });
  });
}

/** Is this reset/invitation link still usable? (Does not consume it.) */
export async function checkPasswordToken(token: string) {
  const db = getDb();
  const [row] = await db
    .select({ userId: passwordTokens.userId, purpose: passwordTokens.purpose, email: users.email })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(
      and(
        eq(passwordTokens.tokenHash, hashToken(token)),
        isNull(passwordTokens.usedAt),
        gt(passwordTokens.expiresAt, sql`now()`),
        eq(users.active, true),
      ),
    );
  return row ?? null;
}

/**
 * Consumes a reset/invitation link and sets the password, in one transaction: the token is
 * marked used with a conditional update, so two concurrent submissions cannot both succeed.
 * Every other session of the user ends.
 */
export async function resetPassword(token: string, newPassword: string, ip: string): Promise<boolean> {
  const db = getDb();
  const live = and(eq(passwordTokens.tokenHash, hashToken(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, sql`now()`));
  // A junk or spent token costs one indexed lookup, not a password hash (scrypt is deliberately
  // slow); the hash is made before the transaction so that no transaction waits on it, and the
  // token is taken for good inside it (a second use racing this one finds it used).
  const [valid] = await db.select({ userId: passwordTokens.userId }).from(passwordTokens).where(live);
  if (!valid) return false;
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordTokens)
      .set({ usedAt: sql`now()` })
      .where(live)
      .returning({ userId: passwordTokens.userId, purpose: passwordTokens.purpose });
    if (!used) return false;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: sql`now()` })
      .where(and(eq(users.id, used.userId), eq(users.active, true)))
      .returning({ id: users.id });
    if (!user) {
      tx.rollback();
    }
    await revokeAllSessions(tx, used.userId);
    await audit(tx, {
      actorUserId: used.userId,
      action: used.purpose === 'invite' ? 'password.set-from-invitation' : 'password.reset',
      subjectType: 'user',
      subjectId: used.userId,
      ip,
    });
    return true;
  }).catch((error: unknown) => {
    if (error instanceof Error && error.message.includes('Rollback')) return false;
    throw error;
  });
}

/** Changes the password of a logged-in user after checking the current one; other sessions end. */
export async function changePassword(user: SessionUser, current: string, next: string, ip: string) {
  const db = getDb();
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row?.hash || !(await verifyPassword(current, row.hash))) return false;
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: sql`now()` }).where(eq(users.id, user.id));
    await revokeAllSessions(tx, user.id, user.sessionId);
    await audit(tx, { actorUserId: user.id, action: 'password.changed', subjectType: 'user', subjectId: user.id, ip });
  });
  return true;
}
