import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { testPersonnummer } from '../../db/seed/random';
import { expect, expectNoAxeViolations, test } from './fixtures';

/**
 * A Kista coach enrols an aspirant through the form, reveals the personnummer, writes an action
 * plan and adds an activity, then finds the aspirant on the search page with a misspelled name; a
 * Farsta coach neither finds nor opens them. The Kista coach's start page lists the activity's
 * follow-up, the register extract downloads as JSON, the admin's audit log filtered by the
 * aspirant shows all of it, and the edit form answers an error in Swedish, then saves.
 *
 * The tests run in order and share the enrolled aspirant. The search index is updated by the
 * background worker about a second after a write, so searches are retried until they match. Every
 * run enrols a fresh test-series personnummer and a name no seeded aspirant has.
 */

test.describe.configure({ mode: 'serial' });

const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const stamp = Date.now();
const birthDate = `${1970 + (Math.floor(stamp / 1000) % 35)}-${String((Math.floor(stamp / 7) % 12) + 1).padStart(2, '0')}-${String((Math.floor(stamp / 13) % 28) + 1).padStart(2, '0')}`;
const pnr = testPersonnummer(birthDate, 980 + (stamp % 10));
const formattedPnr = `${pnr.slice(0, 8)}-${pnr.slice(8)}`;

// A synthetic Swedish surname no seeded aspirant has ("Kvarnsjö" plus an ending that varies by run),
// and the same name with one letter wrong in the middle (a first-letter typo costs Meilisearch two).
const endings = ['dal', 'berg', 'lund', 'holm', 'strand', 'mark', 'vik', 'näs', 'backe', 'ås'];
const firstName = 'Ayan';
const lastName = `Kvarnsjö${endings[Math.floor(stamp / 10) % endings.length]}`;
const misspelled = lastName.replace('Kvarn', 'Kvarm');
const activity = 'Praktik på äldreboende';

/** Set by the first test: the profile's path and the aspirant's id. */
let profileUrl = '';
let aspirantId = '';

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

async function searchByName(page: Page, name: string) {
  const search = page.getByRole('search', { name: 'Sök aspiranter' });
  await search.getByLabel('Namn', { exact: true }).fill(name);
  await search.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(name).replace(/%20/g, '\\+')}(&|$)`));
}

test('a coach enrols an aspirant, writes an action plan and finds the aspirant with a misspelled name', async ({ page, login }) => {
  expect(misspelled).not.toBe(lastName);
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

  await field(page, 'Förnamn').fill(firstName);
  await field(page, 'Efternamn').fill(lastName);
  await field(page, 'Personnummer').fill(formattedPnr);
  await field(page, 'Kön').selectOption('kvinna');
  await field(page, 'Bor i stadsdelsområde').selectOption({ label: 'Rinkeby-Kista' });
  await page.getByLabel('Försörjningsstöd').check();
  await field(page, 'Svenska').selectOption('basic');
  await field(page, 'Utbildningsnivå').selectOption('gymnasial');
  await field(page, 'Timmar per vecka (1–40)').fill('30');
  await page.getByRole('button', { name: 'Skriv in' }).click();

  await expect(page).toHaveURL(/\/coach\/aspiranter\/[0-9a-f-]{36}\?inskriven=1$/);
  profileUrl = new URL(page.url()).pathname;
  aspirantId = profileUrl.split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${firstName} ${lastName}`);
  await expect(page.getByText('Aspiranten är inskriven.')).toBeVisible();
  await expect(page.getByText(`${pnr.slice(0, 8)}-****`)).toBeVisible();

  await page.getByRole('button', { name: 'Visa hela personnumret' }).click();
  await expect(page.getByText(formattedPnr)).toBeVisible();

  await field(page, 'Mål').fill('Anställning inom vården efter praktik.');
  await page.getByRole('button', { name: 'Spara handlingsplan' }).click();
  await expect(page.getByText('Handlingsplanen är sparad.')).toBeVisible();
  await expect(page.getByText(/Mål: Anställning inom vården efter praktik\./)).toBeVisible();

  // A follow-up due today, so the activity shows up on the coach's start page.
  await field(page, 'Typ').selectOption('praktik');
  await field(page, 'Beskrivning').fill(activity);
  await field(page, 'Slutdatum').fill(today);
  await field(page, 'Uppföljningsdatum').fill(today);
  await page.getByRole('button', { name: 'Lägg till aktivitet' }).click();
  await expect(page.getByText('Aktiviteten är sparad.')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: new RegExp(activity) })).toBeVisible();
  await expectNoAxeViolations(page);

  // To the search page, and a name with one letter wrong.
  await page.getByRole('link', { name: '← Aspiranter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aspiranter');
  const hit = page.locator(`tbody a[href="${profileUrl}"]`);
  await expect(async () => {
    await searchByName(page, misspelled);
    await expect(hit).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(hit).toHaveText(`${lastName}, ${firstName}`);
  const row = page.getByRole('row').filter({ has: page.locator(`a[href="${profileUrl}"]`) });
  await expect(row.getByRole('cell', { name: 'Rinkeby-Kista' })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Ja', exact: true })).toBeVisible();

  // A facet that starts closed, opened and used: the hit stays, the filter can be removed.
  const facet = (title: string) => page.locator('details', { has: page.locator('summary', { hasText: title }) });
  const swedish = facet('Svenska').first();
  await expect(swedish).not.toHaveAttribute('open', '');
  await swedish.locator('summary').click();
  await expect(swedish).toHaveAttribute('open', '');
  await swedish.getByRole('checkbox', { name: /^Grundläggande \(\d+\)$/ }).check();
  await expect(page).toHaveURL(/[?&]swedish=basic(&|$)/);
  await expect(page.getByRole('link', { name: 'Ta bort filter Grundläggande' })).toBeVisible();
  await expect(hit).toBeVisible();
  await expect(facet('Svenska').first()).toHaveAttribute('open', '');
  await expectNoAxeViolations(page);

  await hit.click();
  await expect(page).toHaveURL(new RegExp(`${profileUrl}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${firstName} ${lastName}`);
  await expect(page.getByText(/Mål: Anställning inom vården efter praktik\./)).toBeVisible();
});

test('a coach at another Jobbtorg neither finds nor opens the aspirant', async ({ page, login }) => {
  expect(profileUrl, 'the enrolment test ran first').not.toBe('');
  await login('coachFarsta');
  await page.goto('/coach/aspiranter');
  // The Kista coach's search above already found the aspirant, so the index has them.
  await searchByName(page, lastName);
  await expect(page.getByText(`Inga aspiranter matchar ”${lastName}”`)).toBeVisible();
  await expect(page.getByRole('heading', { name: '0 aspiranter' })).toBeVisible();
  await expect(page.locator(`a[href="${profileUrl}"]`)).toHaveCount(0);

  const response = await page.goto(profileUrl);
  expect(response?.status()).toBe(404);
});

test("the coach's start page lists the aspirant's follow-up under Att göra", async ({ page, login }) => {
  expect(profileUrl, 'the enrolment test ran first').not.toBe('');
  await login('coachKista');
  await page.goto('/coach');
  const due = page.getByRole('region', { name: 'Att göra' });
  await expect(due.getByRole('heading', { level: 2, name: 'Att göra' })).toBeVisible();
  const row = due.getByRole('row').filter({ has: page.locator(`a[href="${profileUrl}"]`) });
  await expect(row.getByRole('cell', { name: 'Uppföljning av aktivitet' })).toBeVisible();
  await expect(row.getByRole('cell', { name: new RegExp(activity) })).toBeVisible();
  await expect(row.getByRole('link', { name: `${firstName} ${lastName}` })).toBeVisible();
});

test('the register extract downloads as a JSON file with the personnummer', async ({ page, login }) => {
  expect(profileUrl, 'the enrolment test ran first').not.toBe('');
  await login('coachKista');
  await page.goto(profileUrl);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Registerutdrag (fil)' }).click();
  const download = await downloading;
  expect(await download.failure()).toBeNull();
  expect(download.suggestedFilename()).toMatch(/^registerutdrag-\d{4}-\d{2}-\d{2}\.json$/);
  const extract = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    personuppgifter: { förnamn: string; efternamn: string; personnummer: string };
    inskrivning: { jobbtorg: string };
    handlingsplan: { mål: string; aktiviteter: Array<{ beskrivning: string }> } | null;
  };
  expect(extract.personuppgifter).toMatchObject({ förnamn: firstName, efternamn: lastName, personnummer: formattedPnr });
  expect(extract.inskrivning.jobbtorg).toMatch(/Kista/);
  expect(extract.handlingsplan?.mål).toBe('Anställning inom vården efter praktik.');
  expect(extract.handlingsplan?.aktiviteter.map((a) => a.beskrivning)).toEqual([activity]);
});

test("the admin's audit log filtered by the aspirant shows the enrolment, the reads and the writes", async ({ page, login }) => {
  expect(aspirantId, 'the enrolment test ran first').not.toBe('');
  await login('admin');
  await page.goto('/admin/logg');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Granskningslogg');
  const filter = page.getByRole('form', { name: 'Filtrera loggen' });
  await filter.getByLabel('Aspirant (id)').fill(aspirantId);
  await filter.getByRole('button', { name: 'Filtrera' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]aspirant=${aspirantId}(&|$)`));
  for (const action of [
    'aspirant.enrolled',
    'aspirant.personnummer-revealed',
    'aspirant.plan-saved',
    'aspirant.activity-added',
    'aspirant.searched',
    'aspirant.due-list-viewed',
    'aspirant.exported',
  ]) {
    await expect(page.locator('tbody code', { hasText: new RegExp(`^${action.replace(/\./g, '\\.')}$`) }).first(), action).toBeVisible();
  }
  // Rows about the aspirant itself link to this same filter.
  await expect(page.getByRole('link', { name: `aspirant ${aspirantId.slice(0, 8)}` }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the edit form answers a missing first name in Swedish, then saves a change', async ({ page, login }) => {
  expect(profileUrl, 'the enrolment test ran first').not.toBe('');
  await login('coachKista');
  await page.goto(profileUrl);
  await page.getByRole('link', { name: 'Ändra uppgifter' }).click();
  await expect(page).toHaveURL(new RegExp(`${profileUrl}/redigera$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Ändra uppgifter för ${firstName} ${lastName}`);
  await expect(field(page, 'Förnamn')).toHaveValue(firstName);
  await expect(field(page, 'Personnummer')).toHaveValue(formattedPnr);
  await expectNoAxeViolations(page);

  await field(page, 'Förnamn').fill('');
  await page.getByRole('button', { name: 'Spara ändringar' }).click();
  await expect(page.getByText('Ange förnamn')).toBeVisible();
  await expect(field(page, 'Förnamn')).toHaveAttribute('aria-invalid', 'true');
  await expect(field(page, 'Förnamn')).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`${profileUrl}/redigera$`));
  await expectNoAxeViolations(page);

  await field(page, 'Förnamn').fill(firstName);
  await expect(page.getByText('Ange förnamn')).toHaveCount(0);
  await field(page, 'Timmar per vecka (1–40)').fill('20');
  await page.getByRole('button', { name: 'Spara ändringar' }).click();
  await expect(page).toHaveURL(new RegExp(`${profileUrl}\\?sparad=1$`));
  await expect(page.getByText('Uppgifterna är sparade.')).toBeVisible();
  await expect(page.getByText(/20 timmar per vecka/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${firstName} ${lastName}`);
});
