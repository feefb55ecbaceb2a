import type { Page } from '@playwright/test';
import { testPersonnummer } from '../../db/seed/random';
import { expect, expectNoAxeViolations, recorderUrl, test } from './fixtures';

/**
 * The pipeline from proposal to placement: an employer publishes a praktik; a Kista coach enrols
 * an aspirant with consent, finds them among the opening's suggestions with the explanation, and
 * proposes them; the employer sees only the profile summary, says yes and books an interview,
 * then offers the place; the coach records the placement. Every e-mail of the way arrives at the
 * recording endpoint. The tests run in order and share the opening and the aspirant.
 */

test.describe.configure({ mode: 'serial' });

const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const stamp = Date.now();
const title = `Undersköterskepraktik Matchbacken ${stamp % 100_000}`;
const birthDate = `${1980 + (Math.floor(stamp / 1000) % 20)}-${String((Math.floor(stamp / 7) % 12) + 1).padStart(2, '0')}-${String((Math.floor(stamp / 13) % 28) + 1).padStart(2, '0')}`;
const pnr = testPersonnummer(birthDate, 980 + (stamp % 10));
const firstName = 'Hodan';
const lastName = `Matchberg${['sson', 'dal', 'lund', 'strand'][stamp % 4]}`;
const displayName = `${firstName} ${lastName[0]}.`;
const supervisorEmail = `handledare.${stamp}@exempel.se`;

let openingPath = '';
let matchPath = '';

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test('an employer publishes a praktik', async ({ page, login }) => {
  await login('employerPlus');
  await page.goto('/arbetsgivare/platser/ny?typ=praktik');
  await field(page, 'Rubrik').fill(title);
  await field(page, 'Beskrivning av platsen och arbetsuppgifterna').fill('Omvårdnad på äldreboende med handledning.');
  await field(page, 'Arbetsplatsens adress').fill('Hallonbergsplan 3, Sundbyberg');
  await field(page, 'Stadsdelsområde').selectOption({ label: 'Rinkeby-Kista' });
  await field(page, 'Antal platser (1–500)').fill('2');
  await field(page, 'Handledare på arbetsplatsen').fill('Sara Lind');
  await field(page, 'Typ av praktik').selectOption('forsta_steg');
  await field(page, 'Längd i veckor').fill('12');
  await field(page, 'Yrke (SSYK 2012)').selectOption('5321');
  await field(page, 'Startdatum').fill(addDays(today, 21));
  await field(page, 'Slutdatum').fill(addDays(today, 105));
  await field(page, 'Sista ansökningsdag').fill(addDays(today, 10));
  await page.getByRole('button', { name: 'Spara utkast' }).click();
  await expect(page).toHaveURL(/\/arbetsgivare\/platser\/[0-9a-f-]{36}\?skapad=1$/);
  openingPath = `/platser/${new URL(page.url()).pathname.split('/').pop()}`;
  await page.getByRole('button', { name: 'Publicera', exact: true }).click();
  await expect(page.getByText('Platsen är publicerad.')).toBeVisible();
});

test('a coach finds a consenting aspirant among the suggestions, with reasons, and proposes them', async ({ page, login }) => {
  await login('coachKista');
  await page.goto('/coach/aspiranter/ny');
  await field(page, 'Förnamn').fill(firstName);
  await field(page, 'Efternamn').fill(lastName);
  await field(page, 'Personnummer').fill(`${pnr.slice(0, 8)}-${pnr.slice(8)}`);
  await field(page, 'Kön').selectOption('kvinna');
  await field(page, 'Bor i stadsdelsområde').selectOption({ label: 'Rinkeby-Kista' });
  await field(page, 'Svenska').selectOption('good');
  await field(page, 'Utbildningsnivå').selectOption('gymnasial');
  await field(page, 'Yrken (intresse eller erfarenhet), ett per rad som “SSYK-kod: år”, till exempel 5321: 3').fill('5321: 3');
  await field(page, 'Timmar per vecka (1–40)').fill('40');
  await page.getByLabel('Aspiranten samtycker till att en sammanfattning av profilen visas för arbetsgivare').check();
  await page.getByRole('button', { name: 'Skriv in' }).click();
  await expect(page).toHaveURL(/\/coach\/aspiranter\/[0-9a-f-]{36}\?inskriven=1$/);

  await page.goto(openingPath);
  await page.getByRole('link', { name: 'Matcha aspiranter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Matchning: ${title}`);
  // The index is updated by the background worker about a second after the enrolment.
  const candidate = page.getByRole('link', { name: `${firstName} ${lastName}` });
  await expect(async () => {
    await page.reload();
    await expect(candidate).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  const row = page.getByRole('row').filter({ has: candidate });
  await expect(row.getByText('+30 samma yrke 5321')).toBeVisible();
  await expect(row.getByText('+15 samma stadsdelsområde Rinkeby-Kista')).toBeVisible();
  await expectNoAxeViolations(page);

  await candidate.click();
  await expect(page.getByRole('heading', { level: 2, name: 'Uppfyller alla krav' })).toBeVisible();
  await expect(page.getByText('+6 3 års erfarenhet som 5321')).toBeVisible();
  await expectNoAxeViolations(page);
  await field(page, 'Meddelande till arbetsgivaren (valfritt)').fill('Hodan har arbetat tre år i hemtjänsten och vill vidare till äldreboende.');
  await page.getByRole('button', { name: `Föreslå ${firstName}` }).click();
  await expect(page).toHaveURL(/\/matchningar\/[0-9a-f-]{36}\?foreslagen=1$/);
  matchPath = new URL(page.url()).pathname;
  await expect(page.getByText('Förslaget är skickat.')).toBeVisible();
  await expect(page.getByText('Föreslagen', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the employer sees only the profile summary, says yes, books an interview and offers the place', async ({ page, login }) => {
  await login('employerPlus');
  await page.goto('/arbetsgivare/forslag');
  await page.getByRole('link', { name: displayName }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${displayName} till ${title}`);
  await expect(page.getByText('Hodan har arbetat tre år i hemtjänsten')).toBeVisible();
  // Nothing sensitive: no full name, no personnummer.
  await expect(page.getByText(lastName)).toHaveCount(0);
  expect(await page.content()).not.toContain(pnr.slice(0, 8));
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Svara att ni är intresserade' }).click();
  await expect(page.getByText('Tack! Jobbcoachen får veta att ni är intresserade.')).toBeVisible();

  // A time in the past is refused next to the field.
  await field(page, `Dag (från ${today})`).fill(addDays(today, -1));
  await field(page, 'Tid (TT:MM)').fill('10:00');
  await field(page, 'Plats eller länk').fill('Hallonbergsplan 3, entré B');
  await page.getByRole('button', { name: 'Boka intervjun' }).click();
  await expect(page.getByText('Intervjun kan inte bokas bakåt i tiden')).toBeVisible();
  await field(page, `Dag (från ${today})`).fill(addDays(today, 3));
  await page.getByRole('button', { name: 'Boka intervjun' }).click();
  await expect(page.getByText('Intervjun är bokad.')).toBeVisible();
  await expect(page.getByText('Intervju bokad', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Erbjud platsen' }).click();
  await expect(page.getByText('Erbjudandet är registrerat.')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the coach records the placement, and every e-mail of the way arrives', async ({ page, login }) => {
  await login('coachKista');
  await page.goto(matchPath);
  await expect(page.getByText('Erbjudande', { exact: true })).toBeVisible();
  await field(page, 'Handledarens e-postadress (får bekräftelsen)').fill(supervisorEmail);
  await page.getByRole('button', { name: 'Registrera placeringen' }).click();
  await expect(page.getByText('Placeringen är registrerad.')).toBeVisible();
  await expect(page.getByText('Placerad', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  await expect
    .poll(
      async () => {
        const sent = (await (await fetch(`${recorderUrl}/__sent`)).json()) as Array<{ to: string[]; subject: string }>;
        return sent
          .filter((m) => m.subject.endsWith(title))
          .map((m) => `${m.to.join(',')} ${m.subject.replace(`: ${title}`, '')}`)
          .sort();
      },
      { timeout: 20_000 },
    )
    .toEqual(
      [
        'arbetsgivare.plus@insteg.test Din plats är publicerad',
        'arbetsgivare.plus@insteg.test Ny kandidat föreslagen',
        'coach.kista@insteg.test Arbetsgivaren är intresserad',
        'arbetsgivare.plus@insteg.test Intervju bokad',
        'coach.kista@insteg.test Intervju bokad',
        'coach.kista@insteg.test Erbjudande',
        'arbetsgivare.plus@insteg.test Placering bekräftad',
        `${supervisorEmail} Placering bekräftad`,
      ].sort(),
    );
});
