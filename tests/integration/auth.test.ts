import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as adminUsers from '../../app/routes/admin.anvandare._index';
import * as adminHome from '../../app/routes/admin._index';
import * as coachHome from '../../app/routes/coach._index';
import * as employerHome from '../../app/routes/arbetsgivare._index';
import * as mentoringHome from '../../app/routes/mentorskap._index';
import * as feriejobbHome from '../../app/routes/feriejobb._index';
import * as loginRoute from '../../app/routes/login';
import * as logoutRoute from '../../app/routes/logout';
import * as account from '../../app/routes/konto';
import { getDb } from '../../app/services.server';
import { auditLog, sessions, users } from '../../db/schema';
import { DEMO_PASSWORD, demoUsers } from '../../db/seed/reference-data';
import { callAction, callLoader, cookieFrom, jsonOf, loginAs } from '../setup/remix';

const startPages = {
  'admin@insteg.test': '/admin',
  'coach.kista@insteg.test': '/coach',
  'coach.farsta@insteg.test': '/coach',
  'arbetsgivare.plus@insteg.test': '/arbetsgivare',
  'arbetsgivare.stad@insteg.test': '/arbetsgivare',
  'mentor.samordnare@insteg.test': '/mentorskap',
  'feriejobb.samordnare@insteg.test': '/feriejobb',
} as const;

describe('login', () => {
  it.each(demoUsers.map((u) => u.email))('%s logs in and lands on their start page', async (email) => {
    const response = await callAction(loginRoute.action, '/login', { email, password: DEMO_PASSWORD });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(startPages[email]);
    const cookie = response.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const start = { '/admin': adminHome, '/coach': coachHome, '/arbetsgivare': employerHome, '/mentorskap': mentoringHome, '/feriejobb': feriejobbHome }[startPages[email]];
    const page = await callLoader(start.loader, startPages[email], { cookie: cookieFrom(response) });
    expect(page.status).toBe(200);
  });

  it('accepts the e-mail in any case and with spaces', async () => {
    const response = await callAction(loginRoute.action, '/login', { email: '  Admin@Insteg.TEST ', password: DEMO_PASSWORD });
    expect(response.status).toBe(302);
  });

  it('rejects a wrong password with one message that does not say which part was wrong', async () => {
    const response = await callAction(loginRoute.action, '/login', { email: 'admin@insteg.test', password: 'fel-lösenord' }, { ip: '192.0.2.50' });
    expect(response.status).toBe(400);
    const body = await jsonOf<{ error: Record<string, string[]> }>(response);
    expect(body.error['']).toEqual(['Fel e-postadress eller lösenord.']);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });

  it('shows every field error in Swedish when the form is empty', async () => {
    const response = await callAction(loginRoute.action, '/login', {});
    expect(response.status).toBe(400);
    const body = await jsonOf<{ error: Record<string, string[]> }>(response);
    expect(body.error.email).toEqual(['Ange din e-postadress']);
    expect(body.error.password).toEqual(['Ange ditt lösenord']);
  });

  it('redirects back to a local page only', async () => {
    const ok = await callAction(loginRoute.action, '/login', { email: 'admin@insteg.test', password: DEMO_PASSWORD, redirectTo: '/admin/anvandare' });
    expect(ok.headers.get('Location')).toBe('/admin/anvandare');
    const evil = await callAction(loginRoute.action, '/login', { email: 'admin@insteg.test', password: DEMO_PASSWORD, redirectTo: '//evil.example/x' });
    expect(evil.headers.get('Location')).toBe('/admin');
  });

  it.each(['/\t/evil.example', '/\n/evil.example', '/\\evil.example', '/\\/evil.example', 'https://evil.example', '/%0a/x\r\n', ' /admin', '//evil.example'])(
    'never redirects off the site after login (redirectTo %j)',
    async (redirectTo) => {
      const r = await callAction(loginRoute.action, '/login', { email: 'admin@insteg.test', password: DEMO_PASSWORD, redirectTo });
      expect(r.status).toBe(302);
      const location = r.headers.get('Location')!;
      expect(new URL(location, 'http://insteg.test').origin, location).toBe('http://insteg.test');
      expect(location).toBe('/admin');
    },
  );

  it('keeps the query of a local target', async () => {
    const r = await callAction(loginRoute.action, '/login', { email: 'admin@insteg.test', password: DEMO_PASSWORD, redirectTo: '/admin/logg?action=login' });
    expect(r.headers.get('Location')).toBe('/admin/logg?action=login');
  });

  it('gives a new session id at every login (no fixation)', async () => {
    const a = await loginAs('coach.kista@insteg.test');
    const b = await loginAs('coach.kista@insteg.test');
    expect(a).not.toBe(b);
  });

  it('throttles five wrong passwords in a row for an account, even from different addresses', async () => {
    const email = 'coach.farsta@insteg.test';
    for (let i = 0; i < 5; i++) {
      const r = await callAction(loginRoute.action, '/login', { email, password: `wrong-${i}` }, { ip: `198.51.100.${i}` });
      expect(r.status).toBe(400);
    }
    const throttled = await callAction(loginRoute.action, '/login', { email, password: DEMO_PASSWORD }, { ip: '198.51.100.99' });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('Retry-After'))).toBeGreaterThan(0);
    const body = await jsonOf<{ error: Record<string, string[]> }>(throttled);
    expect(body.error['']![0]).toMatch(/För många misslyckade inloggningsförsök/);
    // Once the window has passed, the right password works again.
    await getDb().execute(sql`update login_attempts set at = at - interval '16 minutes' where email = ${email}`);
    const after = await callAction(loginRoute.action, '/login', { email, password: DEMO_PASSWORD });
    expect(after.status).toBe(302);
  });

  it('throttles an address that fails on many accounts', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 30; i++) {
      await callAction(loginRoute.action, '/login', { email: `nobody${i}@example.se`, password: 'x' }, { ip });
    }
    const r = await callAction(loginRoute.action, '/login', { email: 'admin@insteg.test', password: DEMO_PASSWORD }, { ip });
    expect(r.status).toBe(429);
    const other = await callAction(loginRoute.action, '/login', { email: 'admin@insteg.test', password: DEMO_PASSWORD }, { ip: '203.0.113.8' });
    expect(other.status).toBe(302);
  });

  it('refuses a deactivated user', async () => {
    await getDb().update(users).set({ active: false, deactivatedAt: new Date() }).where(eq(users.email, 'mentor.samordnare@insteg.test'));
    const r = await callAction(loginRoute.action, '/login', { email: 'mentor.samordnare@insteg.test', password: DEMO_PASSWORD }, { ip: '192.0.2.77' });
    expect(r.status).toBe(400);
    await getDb().update(users).set({ active: true, deactivatedAt: null }).where(eq(users.email, 'mentor.samordnare@insteg.test'));
  });

  it('records logins in the audit log', async () => {
    await loginAs('admin@insteg.test');
    const rows = await getDb().select().from(auditLog).where(eq(auditLog.action, 'login'));
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('permissions', () => {
  it('sends an anonymous visitor to the login page with a way back', async () => {
    const r = await callLoader(adminUsers.loader, '/admin/anvandare?role=coach');
    expect(r.status).toBe(302);
    expect(r.headers.get('Location')).toBe('/login?redirectTo=%2Fadmin%2Fanvandare%3Frole%3Dcoach');
  });

  it.each(['arbetsgivare.plus@insteg.test', 'coach.kista@insteg.test', 'mentor.samordnare@insteg.test'])(
    'answers 403 when %s requests an admin page or action',
    async (email) => {
      const cookie = await loginAs(email);
      expect((await callLoader(adminHome.loader, '/admin', { cookie })).status).toBe(403);
      expect((await callLoader(adminUsers.loader, '/admin/anvandare', { cookie })).status).toBe(403);
      const [target] = await getDb().select().from(users).where(eq(users.email, 'admin@insteg.test'));
      const r = await callAction(adminUsers.action, '/admin/anvandare', { intent: 'deactivate', userId: target!.id }, { cookie });
      expect(r.status).toBe(403);
      const [still] = await getDb().select().from(users).where(eq(users.id, target!.id));
      expect(still!.active).toBe(true);
    },
  );

  it('keeps each role to its own start page', async () => {
    const employer = await loginAs('arbetsgivare.plus@insteg.test');
    expect((await callLoader(coachHome.loader, '/coach', { cookie: employer })).status).toBe(403);
    const coach = await loginAs('coach.kista@insteg.test');
    expect((await callLoader(employerHome.loader, '/arbetsgivare', { cookie: coach })).status).toBe(403);
  });
});

describe('sessions', () => {
  it('ends the session at logout; the old cookie no longer works', async () => {
    const cookie = await loginAs('admin@insteg.test');
    const out = await callAction(logoutRoute.action, '/logout', {}, { cookie });
    expect(out.status).toBe(302);
    expect(out.headers.get('Set-Cookie')).toMatch(/Max-Age=0/);
    const r = await callLoader(adminHome.loader, '/admin', { cookie });
    expect(r.status).toBe(302);
  });

  it('expires an idle session', async () => {
    const cookie = await loginAs('admin@insteg.test');
    await getDb().execute(sql`update sessions set last_seen_at = now() - interval '61 minutes'`);
    expect((await callLoader(adminHome.loader, '/admin', { cookie })).status).toBe(302);
  });

  it('expires a session after its absolute lifetime even when active', async () => {
    const cookie = await loginAs('admin@insteg.test');
    await getDb().execute(sql`update sessions set expires_at = now() - interval '1 second'`);
    expect((await callLoader(adminHome.loader, '/admin', { cookie })).status).toBe(302);
  });

  it('rejects a forged cookie', async () => {
    const r = await callLoader(adminHome.loader, '/admin', { cookie: 'insteg_session=forged' });
    expect(r.status).toBe(302);
  });

  it('logs out everywhere', async () => {
    const a = await loginAs('coach.kista@insteg.test');
    const b = await loginAs('coach.kista@insteg.test');
    await callAction(logoutRoute.action, '/logout', { everywhere: 'on' }, { cookie: a });
    expect((await callLoader(coachHome.loader, '/coach', { cookie: b })).status).toBe(302);
  });

  it('changing the password ends the other sessions but keeps this one', async () => {
    const mine = await loginAs('coach.farsta@insteg.test', DEMO_PASSWORD, '192.0.2.200');
    const other = await loginAs('coach.farsta@insteg.test', DEMO_PASSWORD, '192.0.2.200');
    const bad = await callAction(account.action, '/konto', { current: 'fel', password: 'ett-nytt-langt-losenord', confirm: 'ett-nytt-langt-losenord' }, { cookie: mine });
    expect(bad.status).toBe(400);
    const r = await callAction(account.action, '/konto', { current: DEMO_PASSWORD, password: 'ett-nytt-langt-losenord', confirm: 'ett-nytt-langt-losenord' }, { cookie: mine });
    expect(r.status).toBe(200);
    expect((await callLoader(coachHome.loader, '/coach', { cookie: mine })).status).toBe(200);
    expect((await callLoader(coachHome.loader, '/coach', { cookie: other })).status).toBe(302);
    await loginAs('coach.farsta@insteg.test', 'ett-nytt-langt-losenord', '192.0.2.200');
    const live = await getDb().select().from(sessions);
    expect(live.length).toBeGreaterThan(0);
  });
});
