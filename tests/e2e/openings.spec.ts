import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, recorderUrl, test } from './fixtures';

/**
 * An employer at a city unit posts one opening of each kind through the form and publishes
 * them; a coach finds one with a misspelled word and two facets. The search index is updated by
 * the background worker about a second after a write, so searches are retried until they match.
 */

function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const summer = Number(today.slice(0, 4)) + (today.slice(5) > '05-15' ? 1 : 0);
// A word no seeded opening contains, so the coach's search can only find ours.
const RUN = `Kvarnbackens`;

interface Posting {
  kind: string;
  label: string;
  title: string;
  fill: (page: Page) => Promise<void>;
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

const postings: Posting[] = [
  {
    kind: 'stockholmsjobb',
    label: 'Stockholmsjobb',
    title: `Barnskötare på ${RUN} förskola`,
    async fill(page) {
      await field(page, 'Anställningsform').selectOption('ungdomsanstallning');
      await field(page, 'Timmar per vecka').fill('30');
      await field(page, 'Lärandemål (ett per rad)').fill('Yrkessvenska\nArbetsmiljö');
      await field(page, 'Yrke (SSYK 2012)').selectOption('5311');
      await field(page, 'Startdatum').fill(addDays(today, 30));
      await field(page, 'Slutdatum').fill(addDays(today, 210));
      await field(page, 'Sista ansökningsdag').fill(addDays(today, 14));
      await field(page, 'Lägsta ålder (valfritt)').fill('18');
      await field(page, 'Högsta ålder (valfritt)').fill('29');
    },
  },
  {
    kind: 'feriejobb',
    label: 'Feriejobb',
    title: `Feriejobb i ${RUN} park`,
    async fill(page) {
      await field(page, 'Intresseområde').selectOption('park_och_miljo');
      await field(page, 'Antal timmar totalt (högst 90)').fill('75');
      await field(page, 'Arbetsdagen börjar (tidigast 06:00)').fill('08:00');
      await field(page, 'Arbetsdagen slutar (senast 19:00)').fill('15:00');
      await field(page, 'Yrke (SSYK 2012)').selectOption('6113');
      // Next summer, three weeks at most.
      await field(page, 'Startdatum').fill(`${summer}-06-15`);
      await field(page, 'Slutdatum').fill(`${summer}-07-03`);
      await field(page, 'Sista ansökningsdag').fill(`${summer}-05-31`);
      await field(page, 'Lägsta ålder (16–19)').fill('16');
      await field(page, 'Högsta ålder (16–19)').fill('19');
    },
  },
  {
    kind: 'praktik',
    label: 'Praktik',
    title: `Praktik på ${RUN} växthus`,
    async fill(page) {
      await field(page, 'Typ av praktik').selectOption('arbetstraning');
      await field(page, 'Längd i veckor').fill('12');
      await field(page, 'Kan leda till anställning').check();
      await field(page, 'Yrke (SSYK 2012)').selectOption('6113');
      await field(page, 'Startdatum').fill(addDays(today, 21));
      await field(page, 'Slutdatum').fill(addDays(today, 105));
      await field(page, 'Sista ansökningsdag').fill(addDays(today, 10));
    },
  },
  {
    kind: 'mentor',
    label: 'Mentorskap',
    title: `Språkmentor på ${RUN} bibliotek`,
    async fill(page) {
      await field(page, 'Mentorprogram').selectOption('sprakmentor');
      await field(page, 'Mentorns yrke (SSYK)').selectOption('4410');
      await field(page, 'Hur ofta ni träffas').selectOption('biweekly');
      await field(page, 'Yrke (SSYK 2012)').selectOption('4410');
      // 183 days: within the 3–12 months of a mentorship.
      await field(page, 'Startdatum').fill(addDays(today, 30));
      await field(page, 'Slutdatum').fill(addDays(today, 213));
      await field(page, 'Sista ansökningsdag').fill(addDays(today, 20));
    },
  },
];

test.describe.configure({ mode: 'serial' });

test('an employer at a city unit posts and publishes one opening of each kind', async ({ page, login }) => {
  await login('employerCity');
  await page.goto('/arbetsgivare/platser/ny');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ny plats');
  // A city unit may post all four kinds.
  for (const p of postings) await expect(page.getByRole('link', { name: p.label, exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  for (const [index, p] of postings.entries()) {
    await page.goto('/arbetsgivare/platser/ny');
    await page.getByRole('link', { name: p.label, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Ny plats: ${p.label}`);

    if (index === 0) {
      // An empty form is answered in Swedish, next to each field, with focus on the first error.
      await page.getByRole('button', { name: 'Spara utkast' }).click();
      await expect(page.getByText('Ange en rubrik')).toBeVisible();
      await expect(page.getByText('Beskriv platsen och arbetsuppgifterna')).toBeVisible();
      await expect(page.getByText('Välj anställningsform')).toBeVisible();
      await expect(page.getByText('Välj yrke (SSYK)')).toBeVisible();
      await expect(page.getByText('Ange startdatum')).toBeVisible();
      await expect(page.getByText('Ange handledare på arbetsplatsen')).toBeVisible();
      await expect(field(page, 'Rubrik')).toHaveAttribute('aria-invalid', 'true');
      await expect(field(page, 'Rubrik')).toBeFocused();
      await expect(page).toHaveURL(/\/arbetsgivare\/platser\/ny\?typ=stockholmsjobb$/);
      await expectNoAxeViolations(page);
    } else {
      await expectNoAxeViolations(page);
    }

    await field(page, 'Rubrik').fill(p.title);
    await field(page, 'Beskrivning av platsen och arbetsuppgifterna').fill(`${p.title}: introduktion, handledning och varierade arbetsuppgifter.`);
    await field(page, 'Arbetsplatsens adress').fill('Kvarnbacken 4, Stockholm');
    await field(page, 'Stadsdelsområde').selectOption({ label: 'Rinkeby-Kista' });
    await field(page, 'Antal platser (1–500)').fill('3');
    await field(page, 'Handledare på arbetsplatsen').fill('Amina Abdi');
    await p.fill(page);
    // The contact person is prefilled with the employer.
    await expect(field(page, 'Kontaktpersonens e-post')).toHaveValue('arbetsgivare.stad@insteg.test');
    await page.getByRole('button', { name: 'Spara utkast' }).click();

    await expect(page).toHaveURL(/\/arbetsgivare\/platser\/[0-9a-f-]{36}\?skapad=1$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.title);
    await expect(page.getByText('Platsen är sparad som utkast.')).toBeVisible();
    await expect(page.getByText('Utkast', { exact: true })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Publicera', exact: true }).click();
    await expect(page.getByText('Platsen är publicerad.')).toBeVisible();
    await expect(page.getByText('Publicerad', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Pausa' })).toBeVisible();
    await expectNoAxeViolations(page);
  }

  // The list of the organisation's openings holds all four, published.
  await page.goto('/arbetsgivare/platser?status=published');
  for (const p of postings) await expect(page.getByRole('link', { name: p.title })).toBeVisible();
  await expectNoAxeViolations(page);

  // The contact person got a confirmation e-mail for each (delivered by the background worker).
  await expect
    .poll(
      async () => {
        const sent = (await (await fetch(`${recorderUrl}/__sent`)).json()) as Array<{ to: string[]; subject: string }>;
        return sent.filter((m) => m.to.includes('arbetsgivare.stad@insteg.test')).map((m) => m.subject).sort();
      },
      { timeout: 20_000 },
    )
    .toEqual(postings.map((p) => `Din plats är publicerad: ${p.title}`).sort());
});

test('a coach finds an opening with a misspelled word and two facets', async ({ page, login }) => {
  const target = postings.find((p) => p.kind === 'praktik')!;
  await login('coachKista');
  await page.goto('/platser');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Platser');
  await expectNoAxeViolations(page);

  // "Kvarnbakens" for "Kvarnbackens": the index forgives one typo.
  const search = page.getByRole('search', { name: 'Sök platser' });
  const result = page.getByRole('link', { name: target.title });
  await expect(async () => {
    await search.getByLabel('Sökord').fill('Kvarnbakens');
    await search.getByRole('button', { name: 'Sök' }).click();
    await expect(page).toHaveURL(/[?&]q=Kvarnbakens/);
    await expect(page.getByRole('heading', { name: /^4 platser$/ })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  for (const p of postings) await expect(page.getByRole('link', { name: p.title })).toBeVisible();

  const facet = (title: string) => page.locator('details', { has: page.locator('summary', { hasText: title }) });
  await facet('Sort av plats').getByRole('checkbox', { name: /^Praktik \(1\)$/ }).check();
  await expect(page).toHaveURL(/kind=praktik/);
  await expect(page.getByRole('heading', { name: '1 plats' })).toBeVisible();
  await facet('Kluster').getByRole('checkbox', { name: /^Järva \(1\)$/ }).check();
  await expect(page).toHaveURL(/cluster=J%C3%A4rva/);
  await expect(page.getByRole('heading', { name: '1 plats' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ta bort filter Praktik' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ta bort filter Järva' })).toBeVisible();
  await expect(result).toBeVisible();
  // The matched word is marked.
  await expect(result.locator('mark')).toHaveText(/^Kvarnback/);
  await expectNoAxeViolations(page);

  await result.click();
  await expect(page).toHaveURL(/\/platser\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(target.title);
  await expect(page.getByText('Rinkeby-Kista stadsdelsförvaltning').first()).toBeVisible();
  // A coach cannot manage or unpublish it.
  await expect(page.getByRole('link', { name: 'Hantera platsen' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Avpublicera platsen' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
