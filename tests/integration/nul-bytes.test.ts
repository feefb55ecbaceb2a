/**
 * NUL (U+0000, "%00") is the one character PostgreSQL's text cannot hold: a statement with it
 * fails, and the request used to answer 500. Now a form with NUL in a field is refused with a
 * message in Swedish next to that field, the other values kept, and nothing written (row counts
 * of every table before and after; the row itself for an edit); a search word in the URL drops
 * it, a filter value or an id or a token with it is one the page does not know.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { issuePasswordToken } from '../../app/auth/auth.server';
import { todayInStockholm } from '../../app/dates';
import { NUL_MESSAGE } from '../../app/forms/submission';
import * as editAspirant from '../../app/routes/coach.aspiranter.$id.redigera';
import * as aspirantList from '../../app/routes/coach.aspiranter._index';
import * as resetPassword from '../../app/routes/aterstall-losenord.$token';
import * as editOpening from '../../app/routes/arbetsgivare.platser.$id.redigera';
import * as newOpening from '../../app/routes/arbetsgivare.platser.ny';
import * as applyPage from '../../app/routes/feriejobb.ansok';
import * as applications from '../../app/routes/feriejobb.ansokningar._index';
import * as confirmPage from '../../app/routes/feriejobb.bekrafta.$token';
import * as offerPage from '../../app/routes/feriejobb.erbjudande.$token';
import * as forgotPassword from '../../app/routes/glomt-losenord';
import * as accountPage from '../../app/routes/konto';
import * as loginPage from '../../app/routes/login';
import * as matchForOpening from '../../app/routes/matchning.plats.$id';
import * as mentorsPage from '../../app/routes/mentorskap.mentorer._index';
import * as openingPage from '../../app/routes/platser.$id';
import * as openingSearch from '../../app/routes/platser._index';
import * as organizationList from '../../app/routes/organisationer._index';
import * as userList from '../../app/routes/admin.anvandare._index';
import { getDb, getSearch } from '../../app/services.server';
import { adepts, aspirants, emailOutbox, feriejobbApplications, feriejobbRuns, matches, mentorPairs, mentors, openings, organizations, passwordTokens, users } from '../../db/schema';
import { testPersonnummer } from '../../db/seed/random';
import { applyIndexSettings } from '../../search/sync.server';
import { enrolAs, enrolForm, enrolFormFor } from '../setup/aspirants';
import { createOpeningAs, openingForm, publishAs } from '../setup/openings';
import { callAction, callLoader, jsonOf, loginAs } from '../setup/remix';
import { drainSearchOutbox, unreachableSearch } from '../setup/search';

const today = todayInStockholm();
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Reply = { status?: string; initialValue?: Record<string, unknown> | null; error?: Record<string, string[] | null> };

const EMAILS = {
  admin: 'admin@insteg.test',
  coach: 'coach.kista@insteg.test',
  employer: 'arbetsgivare.stad@insteg.test',
  coordinator: 'mentor.samordnare@insteg.test',
  summerCoordinator: 'feriejobb.samordnare@insteg.test',
} as const;
type Actor = keyof typeof EMAILS;
const cookies = {} as Record<Actor, string>;
let publishedOpening: string;
let aspirantId: string;

/** Rows per table, of every table in the database. */
async function rowCounts() {
  const tables = (
    await getDb().execute<{ name: string }>(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)
  ).map((r) => r.name);
  const [row] = await getDb().execute<Record<string, string>>(sql.raw(`select ${tables.map((t) => `(select count(*) from "${t}")::text as "${t}"`).join(', ')}`));
  return row!;
}

/** Submits the form and expects it refused: 400, the NUL message on `fields` and no other, nothing written. */
async function expectRefused(submit: () => Promise<Response>, fields: string | string[], replyOf: (body: Record<string, unknown>) => Reply = (b) => b as Reply) {
  const before = await rowCounts();
  const response = await submit();
  expect(response.status).toBe(400);
  const reply = replyOf(await jsonOf(response));
  expect(reply.status).toBe('error');
  const refused = Object.entries(reply.error ?? {}).filter(([, messages]) => messages?.includes(NUL_MESSAGE));
  expect(Object.fromEntries(refused)).toEqual(Object.fromEntries([fields].flat().map((field) => [field, [NUL_MESSAGE]])));
  expect(await rowCounts()).toEqual(before);
  return reply;
}

beforeAll(async () => {
  await applyIndexSettings(getSearch());
  const logins = await Promise.all((Object.keys(EMAILS) as Actor[]).map(async (actor) => [actor, await loginAs(EMAILS[actor])] as const));
  for (const [actor, cookie] of logins) cookies[actor] = cookie;
  publishedOpening = await createOpeningAs(cookies.employer, 'praktik', today, { title: 'Lagerarbete i Kista' });
  await publishAs(cookies.employer, publishedOpening);
  aspirantId = await enrolAs(cookies.coach, await enrolForm({ firstName: 'Nora', lastName: 'Nulsson' }));
  await drainSearchOutbox();
}, 120_000);

describe('a form with NUL in a field', () => {
  it('creating an opening: refused next to the title, the other values kept', async () => {
    const form = openingForm('praktik', today, { title: 'Lager\0arbete', description: 'Plock och pack på lagret, med handledare.' });
    const reply = await expectRefused(() => callAction(newOpening.action, '/arbetsgivare/platser/ny', form, { cookie: cookies.employer }), 'title');
    expect(reply.initialValue).toMatchObject({ title: 'Lager\0arbete', description: 'Plock och pack på lagret, med handledare.', contactEmail: 'kontakt@exempel.se' });
    // Without the NUL the same form is saved.
    const saved = await callAction(newOpening.action, '/arbetsgivare/platser/ny', { ...form, title: 'Lagerarbete' }, { cookie: cookies.employer });
    expect(saved.status).toBe(302);
  });

  it("editing an opening: refused next to the field, the row as it was, the schema's other messages kept", async () => {
    const before = await getDb().select().from(openings).where(eq(openings.id, publishedOpening));
    const form = openingForm('praktik', today, { title: 'Lagerarbete i Kista', description: 'Ny\0 beskrivning', places: '0' });
    const reply = await expectRefused(
      () => callAction(editOpening.action, `/arbetsgivare/platser/${publishedOpening}/redigera`, form, { cookie: cookies.employer, params: { id: publishedOpening } }),
      'description',
    );
    expect(reply.error?.places).toEqual([expect.any(String)]);
    expect(await getDb().select().from(openings).where(eq(openings.id, publishedOpening))).toEqual(before);
  });

  it("editing an aspirant's profile as coach: refused next to the notes, the row as it was", async () => {
    const [row] = await getDb().select().from(aspirants).where(eq(aspirants.id, aspirantId));
    const form = enrolFormFor(row!.personnummer!, { firstName: 'Nora', lastName: 'Nulsson', notes: 'Träffades i dag.\0' });
    const reply = await expectRefused(() => callAction(editAspirant.action, `/coach/aspiranter/${aspirantId}/redigera`, form, { cookie: cookies.coach, params: { id: aspirantId } }), 'notes');
    expect(reply.initialValue).toMatchObject({ firstName: 'Nora', notes: 'Träffades i dag.\0' });
    expect(await getDb().select().from(aspirants).where(eq(aspirants.id, aspirantId))).toEqual([row]);
    const saved = await callAction(editAspirant.action, `/coach/aspiranter/${aspirantId}/redigera`, { ...form, notes: 'Träffades i dag.' }, { cookie: cookies.coach, params: { id: aspirantId } });
    expect(saved.status).toBe(302);
  });

  it('logging in: refused next to the e-mail address or the password, no session, no attempt counted', async () => {
    await expectRefused(() => callAction(loginPage.action, '/login', { email: 'coach.kista@insteg.test\0', password: 'x' }), 'email');
    const reply = await expectRefused(() => callAction(loginPage.action, '/login', { email: EMAILS.coach, password: 'lösen\0ord' }), 'password');
    expect(reply.initialValue).toEqual({ email: EMAILS.coach });
    // A redirectTo with NUL is refused too (the page never sends one; see login.tsx).
    await expectRefused(() => callAction(loginPage.action, '/login', { email: EMAILS.coach, password: 'x', redirectTo: '/platser\0' }), 'redirectTo');
  });

  it('a forgotten password: refused next to the e-mail address, no mail queued', async () => {
    await expectRefused(() => callAction(forgotPassword.action, '/glomt-losenord', { email: `${EMAILS.coach}\0` }), 'email', (b) => b.result as Reply);
  });

  it('registering a mentor: refused next to the name, also with a value the schema does not know', async () => {
    const [employer] = await getDb().select({ organizationId: users.organizationId }).from(users).where(eq(users.email, 'arbetsgivare.plus@insteg.test'));
    const fields: Array<[string, string]> = [
      ['firstName', 'Mi\0ra'],
      ['lastName', 'Mentorsson'],
      ['gender', 'kvinna'],
      ['email', 'mira.mentor@exempel.se'],
      ['organizationId', employer!.organizationId!],
      ['occupationCode', '5321'],
      ['programmes', 'yrkesmentor'],
      ['programmes', 'sprakmentor'],
      ['availability', 'weekend'],
      ['maxAdepts', '2'],
    ];
    const formOf = (entries: Array<[string, string]>) => {
      const form = new FormData();
      for (const [k, v] of entries) form.append(k, v);
      return form;
    };
    const post = (entries: Array<[string, string]>) => callAction(mentorsPage.action, '/mentorskap/mentorer', formOf(entries), { cookie: cookies.coordinator });
    const reply = await expectRefused(() => post(fields), 'firstName', (b) => b.result as Reply);
    expect(reply.initialValue).toMatchObject({ lastName: 'Mentorsson', email: 'mira.mentor@exempel.se', programmes: ['yrkesmentor', 'sprakmentor'] });
    const named: Array<[string, string]> = [['firstName', 'Mira'], ...fields.slice(1)];
    await expectRefused(() => post([...named, ['okänt', '\0']]), 'okänt', (b) => b.result as Reply);
    expect((await post(named)).status).toBe(302);
  });

  it('applying for a feriejobb: refused next to the field, no application, no mail', async () => {
    const form = {
      personnummer: testPersonnummer('2010-09-01', 987),
      firstName: 'Yasmin',
      lastName: 'Ungdom',
      gender: 'kvinna',
      email: 'yasmin@exempel.se',
      districtId: '1',
      area1: 'lss',
      months: '7',
      adaptationNeeds: 'Behöver\0 stöd',
      guardianName: 'Vårdnadshavare',
      guardianEmail: 'vh@exempel.se',
      consent: 'on',
    };
    const reply = await expectRefused(() => callAction(applyPage.action, '/feriejobb/ansok', form), 'adaptationNeeds', (b) => b.result as Reply);
    expect(reply.initialValue).toMatchObject({ firstName: 'Yasmin', email: 'yasmin@exempel.se' });
    const sent = await callAction(applyPage.action, '/feriejobb/ansok', { ...form, adaptationNeeds: 'Behöver stöd' });
    expect(sent.status).toBe(200);
  });

  it('changing the password on the account page: refused next to the field, the password as it was', async () => {
    const [before] = await getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.email, EMAILS.admin));
    const cases: Array<[string[], Record<string, string>]> = [
      [['current'], { current: 'ett\0lösenord', password: 'Ett nytt långt lösenord', confirm: 'Ett nytt långt lösenord' }],
      [['password', 'confirm'], { current: 'x', password: 'Ett nytt långt\0lösenord', confirm: 'Ett nytt långt\0lösenord' }],
    ];
    for (const [fields, form] of cases) {
      const reply = await expectRefused(() => callAction(accountPage.action, '/konto', form, { cookie: cookies.admin }), fields, (b) => b.result as Reply);
      expect(reply.initialValue).toEqual({});
    }
    const [after] = await getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.email, EMAILS.admin));
    expect(after).toEqual(before);
  });

  it('setting a new password from a link: refused next to the password, the link still unused', async () => {
    const [user] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, 'coach.farsta@insteg.test'));
    const token = await getDb().transaction((tx) => issuePasswordToken(tx, user!.id, 'reset'));
    await expectRefused(
      () => callAction(resetPassword.action, `/aterstall-losenord/${token}`, { password: 'Ett nytt långt\0lösenord', confirm: 'Ett nytt långt\0lösenord' }, { params: { token } }),
      ['password', 'confirm'],
    );
    expect(await getDb().select({ usedAt: passwordTokens.usedAt }).from(passwordTokens).where(eq(passwordTokens.userId, user!.id))).toEqual([{ usedAt: null }]);
  });
});

describe('NUL in the URL', () => {
  const searches = [
    { name: '/platser?q=', loader: openingSearch.loader, path: '/platser', actor: 'coach' },
    { name: '/coach/aspiranter?q=', loader: aspirantList.loader, path: '/coach/aspiranter', actor: 'coach' },
    { name: '/organisationer?q=', loader: organizationList.loader, path: '/organisationer', actor: 'coach' },
    { name: '/admin/anvandare?q=', loader: userList.loader, path: '/admin/anvandare', actor: 'admin' },
    { name: '/feriejobb/ansokningar?q=', loader: applications.loader, path: '/feriejobb/ansokningar', actor: 'summerCoordinator' },
  ] as const;

  for (const down of [false, true]) {
    describe(down ? 'with Meilisearch down (the PostgreSQL fallback)' : 'with Meilisearch up', () => {
      async function withSearch<T>(run: () => Promise<T>) {
        const real = getSearch();
        if (down) globalThis.__insteg_meili = await unreachableSearch(real.prefix);
        try {
          return await run();
        } finally {
          globalThis.__insteg_meili = real;
        }
      }

      for (const s of searches) {
        it(`${s.name}: the search word without its NUL`, async () => {
          await withSearch(async () => {
            for (const q of ['%00', 'Lager%00arbete', '%00%01%1B', `${'a'.repeat(50)}%00`]) {
              const response = await callLoader(s.loader, `${s.path}?q=${q}`, { cookie: cookies[s.actor] });
              expect(response.status, q).toBe(200);
            }
          });
        });
      }

      it('/platser: a search word with NUL finds what the word without it finds; a filter value with NUL is dropped', async () => {
        await withSearch(async () => {
          const hits = async (query: string) => {
            const body = await jsonOf<{ state: { q: string; district: string[] }; result: { hits: Array<{ id: string }> } }>(
              await callLoader(openingSearch.loader, `/platser?${query}`, { cookie: cookies.coach }),
            );
            return { q: body.state.q, district: body.state.district, ids: body.result.hits.map((h) => h.id) };
          };
          const plain = await hits('q=Lagerarbete');
          expect(plain.ids).toContain(publishedOpening);
          expect(await hits('q=Lager%00arbete')).toEqual(plain);
          for (const facet of ['district', 'cluster', 'subtype', 'organization', 'language']) {
            const response = await callLoader(openingSearch.loader, `/platser?${facet}=%00&${facet}=Kista%00`, { cookie: cookies.coach });
            expect(response.status, facet).toBe(200);
          }
          expect((await hits('district=%00')).district).toEqual([]);
        });
      });

      it('/coach/aspiranter: a filter value with NUL is dropped, the others kept', async () => {
        await withSearch(async () => {
          for (const facet of ['district', 'language']) {
            const response = await callLoader(aspirantList.loader, `/coach/aspiranter?${facet}=%00&${facet}=svenska`, { cookie: cookies.coach });
            expect(response.status, facet).toBe(200);
            expect((await jsonOf<{ state: Record<string, string[]> }>(response)).state[facet]).toEqual(['svenska']);
          }
        });
      });

      it('/matchning/plats/:id?vem=: the name without its NUL', async () => {
        await withSearch(async () => {
          const response = await callLoader(matchForOpening.loader, `/matchning/plats/${publishedOpening}?vem=Nora%00`, { cookie: cookies.coach, params: { id: publishedOpening } });
          expect(response.status).toBe(200);
        });
      });
    });
  }

  it('an id with NUL is an unknown id: 404', async () => {
    for (const id of [`${publishedOpening}\0`, '\0', `\0${UNKNOWN_ID}`]) {
      expect((await callLoader(openingPage.loader, `/platser/${encodeURIComponent(id)}`, { cookie: cookies.coach, params: { id } })).status).toBe(404);
      expect((await callLoader(matchForOpening.loader, `/matchning/plats/${encodeURIComponent(id)}`, { cookie: cookies.coach, params: { id } })).status).toBe(404);
    }
  });

  it('a token with NUL is an unknown token', async () => {
    const before = await rowCounts();
    for (const token of [`${'A'.repeat(43)}\0`, '\0', `\0${'A'.repeat(43)}`]) {
      const options = { params: { token } };
      const link = (route: string) => `/${route}/${encodeURIComponent(token)}`;
      expect(await jsonOf(await callLoader(resetPassword.loader, link('aterstall-losenord'), options))).toEqual({ valid: false, purpose: null, email: null });
      expect((await callAction(resetPassword.action, link('aterstall-losenord'), { password: 'Ett nytt långt lösenord', confirm: 'Ett nytt långt lösenord' }, options)).status).toBe(410);
      expect((await callLoader(offerPage.loader, link('feriejobb/erbjudande'), options)).status).toBe(404);
      expect((await callAction(offerPage.action, link('feriejobb/erbjudande'), { answer: 'accept' }, options)).status).toBe(404);
      expect(await jsonOf(await callLoader(confirmPage.loader, link('feriejobb/bekrafta'), options))).toEqual({ valid: false });
      expect((await callAction(confirmPage.action, link('feriejobb/bekrafta'), {}, options)).status).toBe(404);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('every page', () => {
  type Loader = (args: LoaderFunctionArgs) => Promise<Response> | Response;
  const ROUTES_DIR = fileURLToPath(new URL('../../app/routes', import.meta.url));
  /** Every query key a loader reads, each with NUL. */
  const KEYS = [
    'q', 'vem', 'visa', 'sida', 'ar', 'typ', 'status', 'page', 'sort', 'program', 'las', 'las-adept', 'las-mentor', 'sparade', 'plats', 'before', 'user', 'aspirant', 'action', 'from', 'to',
    'kind', 'subtype', 'district', 'cluster', 'ssyk1', 'ssyk2', 'ssyk3', 'ssyk4', 'organization', 'membership', 'membershipLevel', 'month', 'language', 'targetGroup', 'swedish',
    'availability', 'age', 'plan', 'months', 'alla', 'districtId', 'role', 'redirectTo', 'period', 'tertial', 'year', 'indicator',
  ];

  it('answers below 500 to NUL in every query parameter and route parameter, for every role and a visitor', async () => {
    const loaders = new Map<string, Loader>();
    for (const file of readdirSync(ROUTES_DIR).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))) {
      const mod = (await import(path.join(ROUTES_DIR, file))) as { loader?: Loader };
      if (typeof mod.loader === 'function') loaders.set(file.replace(/\.tsx?$/, ''), mod.loader);
    }
    expect(loaders.size).toBeGreaterThan(50);
    // A real row for each route parameter, so that the page gets as far as reading its query.
    const firstId = async (table: typeof matches | typeof emailOutbox | typeof feriejobbApplications | typeof feriejobbRuns | typeof mentors | typeof adepts | typeof mentorPairs | typeof organizations) =>
      (await getDb().select({ id: table.id }).from(table).limit(1))[0]?.id ?? UNKNOWN_ID;
    const ids: Array<[RegExp, string]> = [
      [/^admin\.e-post/, await firstId(emailOutbox)],
      [/^(arbetsgivare\.forslag|matchningar)\./, await firstId(matches)],
      [/platser\.\$id|^matchning\.plats/, publishedOpening],
      [/^(coach\.aspiranter|matchning\.aspirant)\./, aspirantId],
      [/^feriejobb\.ansokningar/, await firstId(feriejobbApplications)],
      [/^feriejobb\.fordelning/, await firstId(feriejobbRuns)],
      [/^mentorskap\.adepter/, await firstId(adepts)],
      [/^mentorskap\.mentorer/, await firstId(mentors)],
      [/^mentorskap\.par/, await firstId(mentorPairs)],
      [/organisation/, await firstId(organizations)],
    ];
    const realValue = (route: string, name: string) =>
      name === 'token' ? 'A'.repeat(43) : name === 'openingId' ? publishedOpening : name === 'aspirantId' ? aspirantId : (ids.find(([re]) => re.test(route))?.[1] ?? UNKNOWN_ID);
    const failures: string[] = [];
    for (const [route, loader] of loaders) {
      const names = [...route.matchAll(/\$(\w+)/g)].map((m) => m[1]!);
      const real = Object.fromEntries(names.map((n) => [n, realValue(route, n)]));
      const variants = [
        { params: real, query: `?${KEYS.map((k) => `${k}=a%00b`).join('&')}` },
        { params: real, query: `?${KEYS.map((k) => `${k}=%00`).join('&')}` },
        ...(names.length ? [{ params: Object.fromEntries(names.map((n) => [n, '\0'])), query: '' }] : []),
        ...(names.length ? [{ params: Object.fromEntries(names.map((n) => [n, `${real[n]}\0`])), query: '' }] : []),
      ];
      for (const cookie of [undefined, ...Object.values(cookies)]) {
        for (const v of variants) {
          const url = `/${route
            .split('.')
            .filter((segment) => segment !== '_index')
            .map((segment) => (segment.startsWith('$') ? encodeURIComponent(v.params[segment.slice(1)]!) : segment))
            .join('/')}${v.query}`;
          try {
            const response = await callLoader(loader, url, { cookie, params: v.params });
            if (response.status >= 500 && route !== 'healthz') failures.push(`${route} ${JSON.stringify(v.params)} ${v.query.slice(0, 30)}: ${response.status}`);
          } catch (error) {
            failures.push(`${route} ${JSON.stringify(v.params)} ${v.query.slice(0, 30)}: threw ${String(error).split('\n')[0]}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
