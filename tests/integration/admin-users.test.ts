import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as adminUsers from '../../app/routes/admin.anvandare._index';
import * as newUser from '../../app/routes/admin.anvandare.ny';
import * as resetRoute from '../../app/routes/aterstall-losenord.$token';
import * as loginRoute from '../../app/routes/login';
import * as coachHome from '../../app/routes/coach._index';
import * as employerHome from '../../app/routes/arbetsgivare._index';
import { getDb } from '../../app/services.server';
import { auditLog, emailOutbox, jobbtorg, organizations, passwordTokens, users } from '../../db/schema';
import { DEMO_PASSWORD } from '../../db/seed/reference-data';
import { callAction, callLoader, jsonOf, loginAs } from '../setup/remix';

type Reply = { status?: string; error?: Record<string, string[] | null> };

async function counts() {
  const db = getDb();
  const [[u], [o], [a], [t]] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(emailOutbox),
    db.select({ n: count() }).from(auditLog).where(sql`${auditLog.action} <> 'login'`),
    db.select({ n: count() }).from(passwordTokens),
  ]);
  return { users: u!.n, outbox: o!.n, audit: a!.n, tokens: t!.n };
}

async function jobbtorgId(slug: string) {
  const [row] = await getDb().select({ id: jobbtorg.id }).from(jobbtorg).where(eq(jobbtorg.slug, slug));
  return String(row!.id);
}

function linkToken(text: string) {
  const match = /http:\/\/insteg\.test\/aterstall-losenord\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no /aterstall-losenord/ link in: ${text}`);
  return match[1]!;
}

async function userByEmail(email: string) {
  const [row] = await getDb().select().from(users).where(eq(users.email, email));
  return row;
}

describe('creating a user', () => {
  it('is for admins only', async () => {
    const coach = await loginAs('coach.kista@insteg.test');
    const before = await counts();
    const r = await callAction(newUser.action, '/admin/anvandare/ny', { name: 'X', email: 'x@insteg.test', role: 'admin' }, { cookie: coach });
    expect(r.status).toBe(403);
    expect(await counts()).toEqual(before);
    expect((await callLoader(newUser.loader, '/admin/anvandare/ny', { cookie: coach })).status).toBe(403);
    expect((await callAction(newUser.action, '/admin/anvandare/ny', { name: 'X', email: 'x@insteg.test', role: 'admin' })).status).toBe(302);
  });

  it('offers the Jobbtorg and the active organisations to choose from', async () => {
    const admin = await loginAs('admin@insteg.test');
    const r = await callLoader(newUser.loader, '/admin/anvandare/ny', { cookie: admin });
    expect(r.status).toBe(200);
    const body = await jsonOf<{ jobbtorg: Array<{ name: string }>; organizations: Array<{ name: string }> }>(r);
    expect(body.jobbtorg).toHaveLength(8);
    expect(body.organizations.map((o) => o.name)).toContain('Hallonbergens Vård och Omsorg AB');
  });

  it('answers an empty form with a Swedish error next to every field at once, and writes nothing', async () => {
    const admin = await loginAs('admin@insteg.test');
    const before = await counts();
    const r = await callAction(newUser.action, '/admin/anvandare/ny', { name: '', email: '', role: '' }, { cookie: admin });
    expect(r.status).toBe(400);
    const body = await jsonOf<Reply>(r);
    expect(body.error).toMatchObject({ name: ['Ange namn'], email: ['Ange e-postadress'], role: ['Välj roll'] });
    expect(await counts()).toEqual(before);
  });

  it('reports every error at once, including the ones that depend on the role', async () => {
    const admin = await loginAs('admin@insteg.test');
    const r = await callAction(newUser.action, '/admin/anvandare/ny', { name: '', email: 'inte-en-adress', role: 'coach' }, { cookie: admin });
    expect(r.status).toBe(400);
    expect((await jsonOf<Reply>(r)).error).toEqual({
      name: ['Ange namn'],
      email: ['Ange en giltig e-postadress, till exempel namn@exempel.se'],
      jobbtorgId: ['En jobbcoach måste höra till ett Jobbtorg'],
    });
  });

  it('requires a Jobbtorg for a coach and an organisation for an employer', async () => {
    const admin = await loginAs('admin@insteg.test');
    const before = await counts();
    const coach = await callAction(newUser.action, '/admin/anvandare/ny', { name: 'Ny Coach', email: 'ny.coach@insteg.test', role: 'coach', jobbtorgId: '' }, { cookie: admin });
    expect(coach.status).toBe(400);
    expect((await jsonOf<Reply>(coach)).error).toEqual({ jobbtorgId: ['En jobbcoach måste höra till ett Jobbtorg'] });
    const employer = await callAction(newUser.action, '/admin/anvandare/ny', { name: 'Ny Kontakt', email: 'ny.kontakt@insteg.test', role: 'employer' }, { cookie: admin });
    expect(employer.status).toBe(400);
    expect((await jsonOf<Reply>(employer)).error).toEqual({ organizationId: ['En arbetsgivarkontakt måste höra till en organisation'] });
    const unknownJobbtorg = await callAction(newUser.action, '/admin/anvandare/ny', { name: 'Ny Coach', email: 'ny.coach@insteg.test', role: 'coach', jobbtorgId: '99999' }, { cookie: admin });
    expect(unknownJobbtorg.status).toBe(400);
    expect((await jsonOf<Reply>(unknownJobbtorg)).error).toEqual({ jobbtorgId: ['Jobbtorget finns inte'] });
    expect(await counts()).toEqual(before);
  });

  it.each(['coach.kista@insteg.test', 'Coach.Kista@Insteg.TEST', '  COACH.KISTA@insteg.test '])(
    'refuses an e-mail address that is taken (%j) with an error on the field, and writes nothing',
    async (email) => {
      const admin = await loginAs('admin@insteg.test');
      const before = await counts();
      const r = await callAction(newUser.action, '/admin/anvandare/ny', { name: 'Dubblett', email, role: 'coach', jobbtorgId: await jobbtorgId('city') }, { cookie: admin });
      expect(r.status).toBe(400);
      expect((await jsonOf<Reply>(r)).error).toEqual({ email: ['Det finns redan en användare med den här e-postadressen'] });
      expect(await counts()).toEqual(before);
      expect((await userByEmail('coach.kista@insteg.test'))!.name).toBe('Samira Haddad');
    },
  );

  it('creates an invited user, queues the invitation and audits it, all together; the link sets a password once', async () => {
    const admin = await loginAs('admin@insteg.test');
    const adminUser = (await userByEmail('admin@insteg.test'))!;
    const before = await counts();
    const r = await callAction(
      newUser.action,
      '/admin/anvandare/ny',
      { name: 'Fatima Yusuf', email: ' Fatima.Yusuf@Insteg.TEST ', role: 'coach', jobbtorgId: await jobbtorgId('farsta'), organizationId: '' },
      { cookie: admin, ip: '192.0.2.99' },
    );
    expect(r.status).toBe(302);
    expect(r.headers.get('Location')).toBe('/admin/anvandare?skapad=1');

    const created = (await userByEmail('fatima.yusuf@insteg.test'))!;
    expect(created).toMatchObject({ name: 'Fatima Yusuf', role: 'coach', jobbtorgId: Number(await jobbtorgId('farsta')), organizationId: null, passwordHash: null, active: true });
    expect(await counts()).toEqual({ users: before.users + 1, outbox: before.outbox + 1, audit: before.audit + 1, tokens: before.tokens + 1 });

    const [mail] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.to, 'fatima.yusuf@insteg.test'));
    expect(mail).toMatchObject({ template: 'invitation', subject: 'Du har fått ett konto i Insteg', status: 'pending', attempts: 0 });
    expect(mail!.text).toContain('Hej Fatima Yusuf');
    expect(mail!.text).toContain('jobbcoach');
    expect(mail!.html).toContain('/aterstall-losenord/');
    const token = linkToken(mail!.text);

    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.subjectId, created.id));
    expect(entry).toMatchObject({ action: 'user.created', actorUserId: adminUser.id, subjectType: 'user', ip: '192.0.2.99' });
    expect(entry!.details).toEqual({ role: 'coach', email: 'fatima.yusuf@insteg.test' });

    // The invited user cannot log in before choosing a password.
    const early = await callAction(loginRoute.action, '/login', { email: 'fatima.yusuf@insteg.test', password: '' }, { ip: '192.0.2.98' });
    expect(early.status).toBe(400);

    // The link works: the page knows the account, and the password can be set.
    const page = await jsonOf(await callLoader(resetRoute.loader, `/aterstall-losenord/${token}`, { params: { token } }));
    expect(page).toEqual({ valid: true, purpose: 'invite', email: 'fatima.yusuf@insteg.test' });
    const set = await callAction(resetRoute.action, `/aterstall-losenord/${token}`, { password: 'mitt-eget-langa-losenord', confirm: 'mitt-eget-langa-losenord' }, { params: { token } });
    expect(set.status).toBe(302);
    expect(set.headers.get('Location')).toBe('/login?losenord=nytt');

    const cookie = await loginAs('fatima.yusuf@insteg.test', 'mitt-eget-langa-losenord');
    expect((await callLoader(coachHome.loader, '/coach', { cookie })).status).toBe(200);

    // … and only once.
    const again = await callAction(resetRoute.action, `/aterstall-losenord/${token}`, { password: 'ett-annat-langt-losenord', confirm: 'ett-annat-langt-losenord' }, { params: { token } });
    expect(again.status).toBe(410);
    await loginAs('fatima.yusuf@insteg.test', 'mitt-eget-langa-losenord');
    const audited = await getDb().select().from(auditLog).where(eq(auditLog.action, 'password.set-from-invitation'));
    expect(audited.map((a) => a.subjectId)).toEqual([created.id]);
  });

  it('creates an employer contact tied to their organisation', async () => {
    const admin = await loginAs('admin@insteg.test');
    const [org] = await getDb().select().from(organizations).where(eq(organizations.name, 'Tensta Bygg & Montage AB'));
    const r = await callAction(
      newUser.action,
      '/admin/anvandare/ny',
      { name: 'Omar Ali', email: 'omar.ali@tenstabygg.test', role: 'employer', organizationId: org!.id, jobbtorgId: await jobbtorgId('kista') },
      { cookie: admin },
    );
    expect(r.status).toBe(302);
    // A Jobbtorg sent along for a non-coach is dropped rather than stored.
    expect(await userByEmail('omar.ali@tenstabygg.test')).toMatchObject({ role: 'employer', organizationId: org!.id, jobbtorgId: null });
  });
});

describe('deactivating and reactivating a user', () => {
  it('ends every session of the user and blocks their login, until reactivated', async () => {
    const admin = await loginAs('admin@insteg.test');
    const target = (await userByEmail('arbetsgivare.stad@insteg.test'))!;
    const sessionA = await loginAs(target.email);
    const sessionB = await loginAs(target.email);
    expect((await callLoader(employerHome.loader, '/arbetsgivare', { cookie: sessionA })).status).toBe(200);

    const r = await callAction(adminUsers.action, '/admin/anvandare', { intent: 'deactivate', userId: target.id }, { cookie: admin });
    expect(r.status).toBe(200);
    expect(await jsonOf(r)).toEqual({ ok: true, message: 'Erik Johansson är inaktiverad och utloggad.' });
    expect(await userByEmail(target.email)).toMatchObject({ active: false });
    expect((await userByEmail(target.email))!.deactivatedAt).toBeInstanceOf(Date);

    for (const cookie of [sessionA, sessionB]) {
      const page = await callLoader(employerHome.loader, '/arbetsgivare', { cookie });
      expect(page.status).toBe(302);
      expect(page.headers.get('Location')).toMatch(/^\/login\?redirectTo=/);
    }
    const login = await callAction(loginRoute.action, '/login', { email: target.email, password: DEMO_PASSWORD }, { ip: '192.0.2.120' });
    expect(login.status).toBe(400);
    expect(login.headers.get('Set-Cookie')).toBeNull();

    const listed = await jsonOf<{ users: Array<{ email: string; active: boolean }> }>(
      await callLoader(adminUsers.loader, '/admin/anvandare?status=inactive', { cookie: admin }),
    );
    expect(listed.users.map((u) => u.email)).toEqual(['arbetsgivare.stad@insteg.test']);

    const again = await callAction(adminUsers.action, '/admin/anvandare', { intent: 'deactivate', userId: target.id }, { cookie: admin });
    expect(await jsonOf(again)).toEqual({ ok: true, message: 'Erik Johansson är redan inaktiverad.' });

    const back = await callAction(adminUsers.action, '/admin/anvandare', { intent: 'reactivate', userId: target.id }, { cookie: admin });
    expect(back.status).toBe(200);
    expect(await jsonOf(back)).toEqual({ ok: true, message: 'Erik Johansson är aktiverad igen.' });
    expect(await userByEmail(target.email)).toMatchObject({ active: true, deactivatedAt: null });
    // The old sessions stay ended; a fresh login works.
    expect((await callLoader(employerHome.loader, '/arbetsgivare', { cookie: sessionA })).status).toBe(302);
    const fresh = await loginAs(target.email, DEMO_PASSWORD, '192.0.2.121');
    expect((await callLoader(employerHome.loader, '/arbetsgivare', { cookie: fresh })).status).toBe(200);

    const actions = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, target.id));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['user.deactivated', 'user.reactivated']));
  });

  it('does not let an admin deactivate themself', async () => {
    const admin = await loginAs('admin@insteg.test');
    const me = (await userByEmail('admin@insteg.test'))!;
    const r = await callAction(adminUsers.action, '/admin/anvandare', { intent: 'deactivate', userId: me.id }, { cookie: admin });
    expect(r.status).toBe(400);
    expect(await jsonOf(r)).toEqual({ ok: false, message: 'Du kan inte inaktivera ditt eget konto.' });
    expect(await userByEmail('admin@insteg.test')).toMatchObject({ active: true });
    expect((await callLoader(adminUsers.loader, '/admin/anvandare', { cookie: admin })).status).toBe(200);
  });

  it('rejects a malformed request and an unknown user', async () => {
    const admin = await loginAs('admin@insteg.test');
    const bad = await callAction(adminUsers.action, '/admin/anvandare', { intent: 'delete', userId: 'x' }, { cookie: admin });
    expect(bad.status).toBe(400);
    const unknown = await callAction(adminUsers.action, '/admin/anvandare', { intent: 'deactivate', userId: '00000000-0000-4000-8000-000000000000' }, { cookie: admin });
    expect(unknown.status).toBe(400);
    expect(await jsonOf(unknown)).toEqual({ ok: false, message: 'Användaren finns inte.' });
  });

  it('does not reactivate a contact whose organisation is deactivated', async () => {
    const admin = await loginAs('admin@insteg.test');
    const db = getDb();
    const [org] = await db.select().from(organizations).where(eq(organizations.name, 'Nordstjärnans Hotell AB'));
    const [contact] = await db
      .insert(users)
      .values({ email: 'kontakt@nordstjarnan.test', name: 'Kim Berg', role: 'employer', organizationId: org!.id, active: false, deactivatedAt: new Date() })
      .returning();
    await db.update(organizations).set({ active: false, deactivatedAt: new Date() }).where(eq(organizations.id, org!.id));
    const r = await callAction(adminUsers.action, '/admin/anvandare', { intent: 'reactivate', userId: contact!.id }, { cookie: admin });
    expect(r.status).toBe(400);
    expect(await jsonOf(r)).toEqual({ ok: false, message: 'Organisationen är inaktiverad; aktivera den först.' });
    expect(await userByEmail('kontakt@nordstjarnan.test')).toMatchObject({ active: false });
    await db.update(organizations).set({ active: true, deactivatedAt: null }).where(eq(organizations.id, org!.id));
  });

  it('sends a new invitation that replaces the old link', async () => {
    const admin = await loginAs('admin@insteg.test');
    await callAction(newUser.action, '/admin/anvandare/ny', { name: 'Per Holm', email: 'per.holm@insteg.test', role: 'mentor_coordinator' }, { cookie: admin });
    const user = (await userByEmail('per.holm@insteg.test'))!;
    const [first] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.to, user.email));
    const r = await callAction(adminUsers.action, '/admin/anvandare', { intent: 'resend-invite', userId: user.id }, { cookie: admin });
    expect(r.status).toBe(200);
    expect(await jsonOf(r)).toEqual({ ok: true, message: 'En ny inbjudan har skickats till per.holm@insteg.test.' });
    const mails = await getDb().select().from(emailOutbox).where(eq(emailOutbox.to, user.email));
    expect(mails).toHaveLength(2);
    const second = mails.find((m) => m.id !== first!.id)!;
    const oldToken = linkToken(first!.text);
    const newToken = linkToken(second.text);
    expect(newToken).not.toBe(oldToken);
    const old = await callAction(resetRoute.action, `/aterstall-losenord/${oldToken}`, { password: 'ett-helt-nytt-losenord', confirm: 'ett-helt-nytt-losenord' }, { params: { token: oldToken } });
    expect(old.status).toBe(410);
    const ok = await callAction(resetRoute.action, `/aterstall-losenord/${newToken}`, { password: 'ett-helt-nytt-losenord', confirm: 'ett-helt-nytt-losenord' }, { params: { token: newToken } });
    expect(ok.status).toBe(302);
  });
});
