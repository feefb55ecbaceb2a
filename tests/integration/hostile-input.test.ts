/**
 * Script and HTML typed into free-text fields comes back escaped: in server-rendered pages (the
 * real build, through Remix's request handler) and in e-mails. Needs `remix build` first (npm
 * test builds before it runs vitest).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayInStockholm } from '../../app/dates';
import * as enrolPage from '../../app/routes/coach.aspiranter.ny';
import { getDb } from '../../app/services.server';
import { emailOutbox } from '../../db/schema';
import { testPersonnummer } from '../../db/seed/random';
import { createOpeningAs, publishAs } from '../setup/openings';
import { BASE, callAction, loginAs } from '../setup/remix';

const PAYLOAD = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const RAW = [/<script>alert/i, /<img src=x onerror/i];
const today = todayInStockholm();

let handle: (request: Request) => Promise<Response>;
let employer: string;
let coach: string;

async function page(pathname: string, cookie: string) {
  const response = await handle(new Request(`${BASE}${pathname}`, { headers: { Cookie: cookie } }));
  expect(response.status, pathname).toBe(200);
  return response.text();
}

function expectEscaped(html: string) {
  for (const raw of RAW) expect(html).not.toMatch(raw);
  expect(html).toContain('&lt;script&gt;alert(');
}

beforeAll(async () => {
  const buildPath = path.resolve('build/index.js');
  if (!existsSync(buildPath)) throw new Error('build/index.js is missing: run `npx remix build` (npm test does) before this file');
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const handler = createRequestHandler(build, 'production');
  handle = (request) => handler(request, { clientIp: '192.0.2.20', cspNonce: 'test-nonce' });
  [employer, coach] = await Promise.all([loginAs('arbetsgivare.stad@insteg.test'), loginAs('coach.kista@insteg.test')]);
});

describe('script and HTML in free text', () => {
  it('is escaped on the opening pages and in the publish confirmation e-mail', async () => {
    const id = await createOpeningAs(employer, 'praktik', today, {
      title: `Praktik ${PAYLOAD}`.slice(0, 120),
      description: `Beskrivning ${PAYLOAD} slut.`,
    });
    await publishAs(employer, id);

    expectEscaped(await page(`/platser/${id}`, coach));
    expectEscaped(await page(`/arbetsgivare/platser/${id}`, employer));
    // The search page shows the title in its hits (highlight markers are rendered as <mark>, never as HTML).
    const listing = await page(`/platser?q=${encodeURIComponent('Praktik')}&sort=newest`, coach);
    for (const raw of RAW) expect(listing).not.toMatch(raw);

    const mails = await getDb().select().from(emailOutbox).where(eq(emailOutbox.template, 'opening-published'));
    const ours = mails.find((m) => m.html.includes('alert(') || m.subject.includes('alert('));
    expect(ours, 'the confirmation names the opening').toBeTruthy();
    for (const raw of RAW) expect(ours!.html).not.toMatch(raw);
    expect(ours!.html).toMatch(/&lt;script&gt;alert\(/);
  });

  it('is escaped on the aspirant profile and when a search word is echoed back', async () => {
    const pnr = testPersonnummer('1993-04-17', 986);
    const response = await callAction(
      enrolPage.action,
      '/coach/aspiranter/ny',
      {
        firstName: 'Ebba',
        lastName: 'Skriptsson',
        personnummer: `${pnr.slice(0, 8)}-${pnr.slice(8)}`,
        gender: 'kvinna',
        district: 'utanfor',
        swedishLevel: 'good',
        education: 'gymnasial',
        enrolledOn: today,
        notes: `Anteckning ${PAYLOAD}`,
        adaptationNeeds: `Behov ${PAYLOAD}`,
      },
      { cookie: coach },
    );
    expect(response.status).toBe(302);
    const profile = response.headers.get('Location')!.split('?')[0]!;
    expectEscaped(await page(profile, coach));
    expectEscaped(await page(`/coach/aspiranter?q=${encodeURIComponent(PAYLOAD)}`, coach));
  });
});
