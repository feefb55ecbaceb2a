import { count, desc, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as forgot from '../../app/routes/glomt-losenord';
import * as resetRoute from '../../app/routes/aterstall-losenord.$token';
import * as loginRoute from '../../app/routes/login';
import * as coachHome from '../../app/routes/coach._index';
import { getDb } from '../../app/services.server';
import { auditLog, emailOutbox, passwordTokens, users } from '../../db/schema';
import { DEMO_PASSWORD } from '../../db/seed/reference-data';
import { callAction, callLoader, jsonOf, loginAs } from '../setup/remix';

const EMAIL = 'coach.kista@insteg.test';
let ipCounter = 0;
/** A fresh client address per login, so this file never trips the per-address throttle. */
const ip = () => `198.18.0.${++ipCounter}`;

type Reply = { status?: string; error?: Record<string, string[] | null> };

async function requestReset(email: string) {
  return callAction(forgot.action, '/glomt-losenord', { email });
}

/** The token in the newest reset e-mail to this address. */
async function latestResetToken(email = EMAIL) {
  const [mail] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.to, email)).orderBy(desc(emailOutbox.createdAt)).limit(1);
  const match = /\/aterstall-losenord\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '');
  if (!match) throw new Error(`no reset link sent to ${email}`);
  return match[1]!;
}

function submit(token: string, password: string, confirm = password) {
  return callAction(resetRoute.action, `/aterstall-losenord/${token}`, { password, confirm }, { params: { token } });
}

async function canLogin(password: string, email = EMAIL) {
  const r = await callAction(loginRoute.action, '/login', { email, password }, { ip: ip() });
  return r.status === 302;
}

async function outboxCount() {
  const [row] = await getDb().select({ n: count() }).from(emailOutbox);
  return row!.n;
}

beforeEach(async () => {
  // Every case starts from the demo password and an empty outbox.
  const [ref] = await getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.email, 'coach.farsta@insteg.test'));
  await getDb().update(users).set({ passwordHash: ref!.hash }).where(eq(users.email, EMAIL));
  await getDb().delete(emailOutbox);
  // Links of earlier cases count towards the hourly limit of reset requests.
  await getDb().delete(passwordTokens);
});

describe('asking for a reset link', () => {
  it('answers the same for a known and an unknown address; only the known one gets an e-mail', async () => {
    const known = await requestReset(EMAIL);
    expect(await outboxCount()).toBe(1);
    const unknown = await requestReset('ingen.alls@insteg.test');
    expect(await outboxCount()).toBe(1);

    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const [a, b] = [await jsonOf(known), await jsonOf(unknown)];
    expect(a).toEqual(b);
    expect(a).toMatchObject({ sent: true });
    expect(JSON.stringify(b)).not.toContain('ingen.alls');

    const [mail] = await getDb().select().from(emailOutbox);
    expect(mail).toMatchObject({ to: EMAIL, template: 'password-reset', subject: 'Återställ ditt lösenord i Insteg', status: 'pending' });
    expect(mail!.text).toContain('Hej Samira Haddad');
    expect(mail!.text).toMatch(/gäller i 60 minuter/);
  });

  it('finds the account whatever the case of the address', async () => {
    await requestReset('  COACH.Kista@Insteg.test ');
    expect(await outboxCount()).toBe(1);
  });

  it('sends nothing to a deactivated account, still with the same answer', async () => {
    await getDb().update(users).set({ active: false, deactivatedAt: new Date() }).where(eq(users.email, 'mentor.samordnare@insteg.test'));
    const r = await requestReset('mentor.samordnare@insteg.test');
    expect(r.status).toBe(200);
    expect(await jsonOf(r)).toMatchObject({ sent: true });
    expect(await outboxCount()).toBe(0);
    await getDb().update(users).set({ active: true, deactivatedAt: null }).where(eq(users.email, 'mentor.samordnare@insteg.test'));
  });

  it('asks for a valid address in Swedish', async () => {
    const r = await requestReset('inte en adress');
    expect(r.status).toBe(400);
    const body = await jsonOf<{ result: Reply; sent: boolean }>(r);
    expect(body.sent).toBe(false);
    expect(body.result.error).toEqual({ email: ['Ange en giltig e-postadress, till exempel namn@exempel.se'] });
    const empty = await jsonOf<{ result: Reply }>(await requestReset(''));
    expect(empty.result.error).toEqual({ email: ['Ange din e-postadress'] });
    expect(await outboxCount()).toBe(0);
  });
});

describe('the hourly limit', () => {
  it('sends at most three links per account and hour, answering the same to the fourth request', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await requestReset(EMAIL));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await jsonOf(answers[3]!)).toEqual(await jsonOf(answers[0]!));
    expect(await outboxCount()).toBe(3);
    const [throttled] = await getDb().select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'password.reset-throttled'));
    expect(throttled!.n).toBeGreaterThanOrEqual(1);
    // The third link still works: the refused request did not void it.
    const token = await latestResetToken();
    expect((await callLoader(resetRoute.loader, `/aterstall-losenord/${token}`, { params: { token } })).status).toBe(200);
  });
});

describe('using the link', () => {
  it('works once: a second use is refused and the first password stays', async () => {
    await requestReset(EMAIL);
    const token = await latestResetToken();
    expect(await jsonOf(await callLoader(resetRoute.loader, `/aterstall-losenord/${token}`, { params: { token } }))).toEqual({
      valid: true,
      purpose: 'reset',
      email: EMAIL,
    });

    const first = await submit(token, 'forsta-nya-losenordet');
    expect(first.status).toBe(302);
    expect(first.headers.get('Location')).toBe('/login?losenord=nytt');

    const second = await submit(token, 'andra-nya-losenordet');
    expect(second.status).toBe(410);
    expect((await jsonOf<Reply>(second)).error?.['']).toEqual(['Länken har redan använts eller har gått ut. Begär en ny länk.']);
    expect(await jsonOf(await callLoader(resetRoute.loader, `/aterstall-losenord/${token}`, { params: { token } }))).toEqual({
      valid: false,
      purpose: null,
      email: null,
    });

    expect(await canLogin('forsta-nya-losenordet')).toBe(true);
    expect(await canLogin('andra-nya-losenordet')).toBe(false);
    expect(await canLogin(DEMO_PASSWORD)).toBe(false);
    const audited = await getDb().select().from(auditLog).where(eq(auditLog.action, 'password.reset'));
    expect(audited).toHaveLength(1);
  });

  it('cannot be used twice even by two submissions at the same moment', async () => {
    await requestReset(EMAIL);
    const token = await latestResetToken();
    const results = await Promise.all([submit(token, 'samtidigt-losenord-ett'), submit(token, 'samtidigt-losenord-tva')]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 410]);
    const winner = results[0]!.status === 302 ? 'samtidigt-losenord-ett' : 'samtidigt-losenord-tva';
    expect(await canLogin(winner)).toBe(true);
  });

  it('stops working when it has expired', async () => {
    await requestReset(EMAIL);
    const token = await latestResetToken();
    const [row] = await getDb().select().from(passwordTokens).where(eq(passwordTokens.purpose, 'reset')).orderBy(desc(passwordTokens.createdAt)).limit(1);
    // Valid for an hour from the request.
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThan(59 * 60_000);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeLessThan(61 * 60_000);

    await getDb().update(passwordTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(passwordTokens.id, row!.id));
    expect(await jsonOf(await callLoader(resetRoute.loader, `/aterstall-losenord/${token}`, { params: { token } }))).toMatchObject({ valid: false });
    expect((await submit(token, 'for-sent-losenordet')).status).toBe(410);
    expect(await canLogin('for-sent-losenordet')).toBe(false);
    expect(await canLogin(DEMO_PASSWORD)).toBe(true);
  });

  it('is replaced by a newer request: only the newest link works', async () => {
    await requestReset(EMAIL);
    const older = await latestResetToken();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await requestReset(EMAIL);
    const newer = await latestResetToken();
    expect(newer).not.toBe(older);
    expect((await submit(older, 'fran-gamla-lanken')).status).toBe(410);
    expect((await submit(newer, 'fran-nya-lanken-1')).status).toBe(302);
    expect(await canLogin('fran-nya-lanken-1')).toBe(true);
    expect(await canLogin('fran-gamla-lanken')).toBe(false);
  });

  it('ends every existing session of the account', async () => {
    const a = await loginAs(EMAIL, DEMO_PASSWORD, ip());
    const b = await loginAs(EMAIL, DEMO_PASSWORD, ip());
    expect((await callLoader(coachHome.loader, '/coach', { cookie: a })).status).toBe(200);
    await requestReset(EMAIL);
    expect((await submit(await latestResetToken(), 'efter-aterstallning'))).toHaveProperty('status', 302);
    for (const cookie of [a, b]) expect((await callLoader(coachHome.loader, '/coach', { cookie })).status).toBe(302);
    const live = await getDb().execute<{ n: number }>(
      sql`select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.email = ${EMAIL} and s.revoked_at is null`,
    );
    expect(live[0]!.n).toBe(0);
  });

  it.each([
    ['too short', 'kort', 'kort', { password: ['Lösenordet måste ha minst 12 tecken'] }],
    ['not matching', 'ett-langt-losenord-1', 'ett-langt-losenord-2', { confirm: ['Lösenorden är inte likadana'] }],
  ])('rejects a new password that is %s, with the error on its field, and keeps the link usable', async (_case, password, confirm, errors) => {
    await requestReset(EMAIL);
    const token = await latestResetToken();
    const r = await submit(token, password, confirm);
    expect(r.status).toBe(400);
    const body = await jsonOf<Reply & { initialValue?: Record<string, unknown> | null }>(r);
    expect(body.error).toEqual(errors);
    // The passwords are not sent back.
    expect(JSON.stringify(body)).not.toContain(password);
    const [row] = await getDb().select().from(passwordTokens).where(eq(passwordTokens.purpose, 'reset')).orderBy(desc(passwordTokens.createdAt)).limit(1);
    expect(row!.usedAt).toBeNull();
    expect(await canLogin(DEMO_PASSWORD)).toBe(true);

    expect((await submit(token, 'nu-ett-bra-losenord')).status).toBe(302);
    expect(await canLogin('nu-ett-bra-losenord')).toBe(true);
  });

  it('treats a made-up or malformed token as an unusable link', async () => {
    for (const token of ['x'.repeat(43), 'kort', '../../etc/passwd']) {
      expect(await jsonOf(await callLoader(resetRoute.loader, `/aterstall-losenord/x`, { params: { token } }))).toMatchObject({ valid: false });
      expect((await submit(token, 'ett-langt-losenord-x')).status).toBe(410);
    }
  });
});
