import type { Page } from '@playwright/test';
import { testPersonnummer } from '../../db/seed/random';
import { expect, expectNoAxeViolations, recorderUrl, test } from './fixtures';

/**
 * Feriejobb from application to an accepted place: a city unit publishes a feriejobb; a youth
 * applies on the public page and confirms by the e-mailed link; the coordinator checks the
 * youth's priority group, runs an allocation, sees it is stable and publishes it; the offer
 * e-mail arrives at the recording endpoint and its link accepts the place (once).
 */

test.describe.configure({ mode: 'serial' });

const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
// The summer applications are for: this year's until the end of August, then next year's.
const summer = Number(today.slice(0, 4)) + (today.slice(5) <= '08-31' ? 0 : 1);
const stamp = Date.now();
const title = `Feriejobb Parkteamet ${stamp % 100_000}`;
// 17 on 1 June: born between 2 June (summer − 18) and 1 June (summer − 17).
const birthDate = `${summer - 17}-0${1 + (stamp % 4)}-${String(10 + (Math.floor(stamp / 7) % 18)).padStart(2, '0')}`;
// A samordningsnummer (day + 60): the demo applications use none, so this one is never taken.
const pnr = testPersonnummer(birthDate, 980 + (stamp % 10), { coordination: true });
const firstName = 'Amira';
const lastName = `Sommarlund${stamp % 1000}`;
const email = `amira.${stamp}@exempel.se`;

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

async function sentTo(to: string) {
  const sent = (await (await fetch(`${recorderUrl}/__sent`)).json()) as Array<{ to: string[]; subject: string; text?: string; html: string }>;
  return sent.filter((m) => m.to.includes(to));
}
async function linkIn(to: string, subjectStart: string, path: string) {
  let link = '';
  await expect
    .poll(
      async () => {
        const mail = (await sentTo(to)).find((m) => m.subject.startsWith(subjectStart));
        const match = mail ? new RegExp(`https?://[^\\s"<>]*${path}[A-Za-z0-9_-]+`).exec(mail.text ?? mail.html) : null;
        link = match?.[0] ?? '';
        return link;
      },
      { timeout: 20_000 },
    )
    .not.toBe('');
  return new URL(link).pathname;
}

test('a city unit publishes a feriejobb', async ({ page, login }) => {
  await login('employerCity');
  await page.goto('/arbetsgivare/platser/ny?typ=feriejobb');
  await field(page, 'Rubrik').fill(title);
  await field(page, 'Beskrivning av platsen och arbetsuppgifterna').fill('Parkskötsel i Skärholmen med handledare.');
  await field(page, 'Arbetsplatsens adress').fill('Skärholmsvägen 10');
  await field(page, 'Stadsdelsområde').selectOption({ label: 'Skärholmen' });
  await field(page, 'Antal platser (1–500)').fill('20');
  await field(page, 'Handledare på arbetsplatsen').fill('Pia Parkman');
  await field(page, 'Intresseområde').selectOption('park_och_miljo');
  await field(page, 'Antal timmar totalt (högst 90)').fill('75');
  await field(page, 'Arbetsdagen börjar (tidigast 06:00)').fill('08:00');
  await field(page, 'Arbetsdagen slutar (senast 19:00)').fill('15:00');
  await field(page, 'Yrke (SSYK 2012)').selectOption('6113');
  await field(page, 'Startdatum').fill(`${summer}-07-06`);
  await field(page, 'Slutdatum').fill(`${summer}-07-24`);
  await field(page, 'Sista ansökningsdag').fill(`${summer}-05-31`);
  await field(page, 'Lägsta ålder (16–19)').fill('16');
  await field(page, 'Högsta ålder (16–19)').fill('19');
  await page.getByRole('button', { name: 'Spara utkast' }).click();
  await expect(page).toHaveURL(/\/arbetsgivare\/platser\/[0-9a-f-]{36}\?skapad=1$/);
  await page.getByRole('button', { name: 'Publicera', exact: true }).click();
  await expect(page.getByText('Platsen är publicerad.')).toBeVisible();
});

test('a youth applies, sees errors next to the fields, and confirms by the e-mailed link', async ({ page }) => {
  await page.goto('/feriejobb/ansok');
  await expect(page.getByRole('heading', { name: `Sök feriejobb sommaren ${summer}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await field(page, 'Förnamn').fill(firstName);
  await field(page, 'Efternamn').fill(lastName);
  await field(page, 'Personnummer').fill(`${pnr.slice(0, 8)}-${pnr.slice(8)}`);
  await field(page, 'Kön').selectOption('kvinna');
  await field(page, 'E-postadress').fill(email);
  await field(page, 'Stadsdelsområde där du bor').selectOption({ label: 'Skärholmen' });
  await field(page, 'Förstahandsval').selectOption('park_och_miljo');
  await field(page, 'Andrahandsval').selectOption('kultur_och_fritid');
  await page.getByLabel('Juli', { exact: true }).check();
  await field(page, 'Jag samtycker till att Stockholms stad behandlar mina uppgifter för att fördela feriejobb').check();
  // Under 18 on 1 June without a guardian: refused next to the field.
  await page.getByRole('button', { name: 'Skicka ansökan' }).click();
  await expect(page.getByText('Du är under 18 år den 1 juni: ange namnet på en vårdnadshavare')).toBeVisible();
  await field(page, 'Vårdnadshavarens namn').fill('Leyla Sommarlund');
  await field(page, 'Vårdnadshavarens e-postadress').fill(`leyla.${stamp}@exempel.se`);
  await page.getByRole('button', { name: 'Skicka ansökan' }).click();
  await expect(page.getByRole('heading', { name: 'Bekräfta din ansökan' })).toBeVisible();

  const confirmPath = await linkIn(email, 'Bekräfta din ansökan', '/feriejobb/bekrafta/');
  await page.goto(confirmPath);
  await page.getByRole('button', { name: 'Bekräfta ansökan' }).click();
  await expect(page.getByRole('heading', { name: `Tack, ${firstName}!` })).toBeVisible();
  await expect(page.getByText(`Din ansökan om feriejobb ${summer} är registrerad.`)).toBeVisible();
});

test('the coordinator checks the priority, runs and publishes an allocation', async ({ page, login }) => {
  await login('feriejobbCoordinator');
  await page.goto(`/feriejobb/ansokningar?ar=${summer}&q=${encodeURIComponent(lastName)}`);
  await page.getByRole('link', { name: `${firstName} ${lastName}` }).click();
  await page.getByLabel('Söker feriejobb för första gången').check();
  await page.getByRole('button', { name: 'Spara prioritering' }).click();
  await expect(page.getByText('Prioriteringen är sparad.')).toBeVisible();

  await page.goto(`/feriejobb/fordelning?ar=${summer}`);
  await page.getByRole('button', { name: 'Starta fördelning' }).click();
  await expect(page).toHaveURL(/\/feriejobb\/fordelning\/[0-9a-f-]{36}$/);
  // The job runs in the background; the page follows its progress.
  await expect(page.getByText('Klar för granskning')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Stabil: ingen sökande och plats som båda hellre hade haft varandra')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Rättvisans pris' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Publicera och skicka erbjudanden' }).click();
  await expect(page.getByText(/Fördelningen är publicerad: \d+ erbjudanden skickas med e-post\./)).toBeVisible();
});

test('the offer e-mail arrives and its link accepts the place, once', async ({ page }) => {
  const offerPath = await linkIn(email, 'Du har fått ett feriejobb', '/feriejobb/erbjudande/');
  await page.goto(offerPath);
  await expect(page.getByRole('heading', { name: `Ditt erbjudande om feriejobb ${summer}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Tacka ja' }).click();
  await expect(page.getByRole('heading', { name: 'Välkommen till ditt feriejobb!' })).toBeVisible();
  // The guardian got a copy of the offer; the youth gets a confirmation of the answer.
  await expect.poll(async () => (await sentTo(`leyla.${stamp}@exempel.se`)).length, { timeout: 20_000 }).toBe(1);
  await expect.poll(async () => (await sentTo(email)).map((m) => m.subject).includes('Du har tackat ja till ditt feriejobb'), { timeout: 20_000 }).toBe(true);
  // The link works once.
  await page.goto(offerPath);
  await expect(page.getByText(/Du har redan svarat på erbjudandet \(tackat ja\)/)).toBeVisible();
});
