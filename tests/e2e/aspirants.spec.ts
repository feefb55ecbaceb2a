import type { Page } from '@playwright/test';
import { testPersonnummer } from '../../db/seed/random';
import { DEMO_PASSWORD } from '../../db/seed/reference-data';
import { expect, expectNoAxeViolations, test } from './fixtures';

/**
 * A Kista coach enrols an aspirant through the form, reveals the personnummer, writes an action
 * plan and adds an activity; a Farsta coach asking for the same URL gets 404. The e2e database
 * lives on between runs, so every run enrols a fresh test-series personnummer.
 */

const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const stamp = Date.now();
const birthDate = `${1970 + (Math.floor(stamp / 1000) % 35)}-${String((Math.floor(stamp / 7) % 12) + 1).padStart(2, '0')}-${String((Math.floor(stamp / 13) % 28) + 1).padStart(2, '0')}`;
const pnr = testPersonnummer(birthDate, 980 + (stamp % 10));
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test('a coach enrols an aspirant, reveals the personnummer and writes an action plan; another Jobbtorg gets 404', async ({ page, login, browser }) => {
  await login('coachKista');
  await page.goto('/coach/aspiranter');
  await page.getByRole('link', { name: 'Skriv in aspirant' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Skriv in aspirant' })).toBeVisible();
  await expectNoAxeViolations(page);

  // An empty submission: errors in Swedish next to the fields, focus on the first.
  await page.getByRole('button', { name: 'Skriv in' }).click();
  await expect(page.getByText('Ange förnamn')).toBeVisible();
  await expect(field(page, 'Förnamn')).toBeFocused();
  await expectNoAxeViolations(page);

  await field(page, 'Förnamn').fill('Ayan');
  await field(page, 'Efternamn').fill(`Kvarnström${stamp % 1000}`);
  await field(page, 'Personnummer').fill(`${pnr.slice(0, 8)}-${pnr.slice(8)}`);
  await field(page, 'Kön').selectOption('kvinna');
  await field(page, 'Bor i stadsdelsområde').selectOption({ label: 'Rinkeby-Kista' });
  await page.getByLabel('Försörjningsstöd').check();
  await field(page, 'Svenska').selectOption('basic');
  await field(page, 'Utbildningsnivå').selectOption('gymnasial');
  await field(page, 'Timmar per vecka (1–40)').fill('30');
  await page.getByRole('button', { name: 'Skriv in' }).click();

  await expect(page).toHaveURL(/\/coach\/aspiranter\/[0-9a-f-]{36}/);
  const profileUrl = new URL(page.url()).pathname;
  await expect(page.getByText(`${pnr.slice(0, 8)}-****`)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Visa hela personnumret' }).click();
  await expect(page.getByText(`${pnr.slice(0, 8)}-${pnr.slice(8)}`)).toBeVisible();

  await field(page, 'Mål').fill('Anställning inom vården efter praktik.');
  await page.getByRole('button', { name: 'Spara handlingsplan' }).click();
  await expect(page.getByText('Handlingsplanen är sparad.')).toBeVisible();

  await field(page, 'Typ').selectOption('praktik');
  await field(page, 'Beskrivning').fill('Praktik på äldreboende');
  await field(page, 'Slutdatum').fill(today);
  await page.getByRole('button', { name: 'Lägg till aktivitet' }).click();
  await expect(page.getByText('Aktiviteten är sparad.')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /Praktik på äldreboende/ })).toBeVisible();
  await expectNoAxeViolations(page);

  const farsta = await browser.newContext();
  const other = await farsta.newPage();
  await other.goto('/login');
  await other.getByLabel('E-postadress').fill('coach.farsta@insteg.test');
  await other.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  await other.getByRole('button', { name: 'Logga in' }).click();
  await other.waitForURL((url) => !url.pathname.startsWith('/login'));
  const response = await other.goto(profileUrl);
  expect(response?.status()).toBe(404);
  await farsta.close();
});
