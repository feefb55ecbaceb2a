import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, recorderUrl, test } from './fixtures';

/**
 * Stockholmsmentor from registration to an ended pair: the coordinator registers a mentor (a
 * missing programme is refused next to the field) and approves them after the interview,
 * registers an adept, confirms the suggested pair (both get the introduction e-mail at the
 * recording endpoint), logs a meeting and ends the pair with an outcome.
 */

test.describe.configure({ mode: 'serial' });

const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const stamp = Date.now() % 100_000;
const mentor = { first: 'Karin', last: `Mentorsdotter${stamp}`, email: `karin.${stamp}@exempel.se` };
const adept = { first: 'Yonas', last: `Adeptsson${stamp}`, email: `yonas.${stamp}@exempel.se` };

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test('the coordinator registers and approves a mentor, registers an adept and confirms the suggested pair', async ({ page, login }) => {
  await login('coordinator');
  await page.goto('/mentorskap/mentorer');
  await field(page, 'Förnamn').fill(mentor.first);
  await field(page, 'Efternamn').fill(mentor.last);
  await field(page, 'Kön').selectOption('kvinna');
  await field(page, 'E-postadress').fill(mentor.email);
  await field(page, 'Organisation').selectOption({ label: 'Hallonbergens Vård och Omsorg AB' });
  await field(page, 'Mentorns yrke (SSYK 2012)').selectOption('5321');
  await field(page, 'Språk utöver svenska (frivilligt, separera med komma)').fill('tigrinja, engelska');
  await page.getByLabel('Helger', { exact: true }).check();
  await field(page, 'Antal adepter samtidigt (1–5)').fill('2');
  await page.getByRole('button', { name: 'Registrera mentor' }).click();
  await expect(page.getByText('Välj minst ett program')).toBeVisible();
  await page.getByLabel('Yrkesmentor', { exact: true }).check();
  await page.getByRole('button', { name: 'Registrera mentor' }).click();
  await expect(page.getByRole('heading', { name: `${mentor.first} ${mentor.last}` })).toBeVisible();
  await field(page, 'Intervju genomförd (datum)').fill(today);
  await page.getByRole('button', { name: 'Godkänn mentor' }).click();
  await expect(page.getByText('Mentorn är godkänd och kan nu få adepter.')).toBeVisible();

  await page.goto('/mentorskap/adepter');
  await field(page, 'Förnamn').fill(adept.first);
  await field(page, 'Efternamn').fill(adept.last);
  await field(page, 'Kön').selectOption('man');
  await field(page, 'Födelseår').fill(String(Number(today.slice(0, 4)) - 31));
  await field(page, 'E-postadress').fill(adept.email);
  await field(page, 'Program').selectOption('yrkesmentor');
  await field(page, 'Språk (separera med komma)').fill('tigrinja');
  await field(page, 'Svenska').selectOption('basic');
  await page.getByLabel('Helger', { exact: true }).check();
  await page.getByRole('button', { name: 'Registrera adept' }).click();
  await expect(page.getByText('Yrkesmentor kräver ett yrkesmål (SSYK)')).toBeVisible();
  await field(page, 'Yrkesmål (SSYK 2012; krävs för yrkesmentor)').selectOption('5321');
  await page.getByRole('button', { name: 'Registrera adept' }).click();
  await expect(page.getByRole('heading', { name: `${adept.first} ${adept.last}` })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: `Föreslå par med ${mentor.first} ${mentor.last}` }).click();
  await expect(page.getByRole('heading', { name: `${mentor.first} ${mentor.last} och ${adept.first} ${adept.last}` })).toBeVisible();
  await page.getByRole('button', { name: 'Bekräfta paret' }).click();
  await expect(page.getByText('Paret är bekräftat.')).toBeVisible();
  await expectNoAxeViolations(page);
  await expect
    .poll(
      async () => {
        const sent = (await (await fetch(`${recorderUrl}/__sent`)).json()) as Array<{ to: string[]; subject: string }>;
        return sent.filter((m) => m.subject === 'Välkommen till Stockholmsmentor – ni är ett mentorpar').flatMap((m) => m.to).filter((to) => to === mentor.email || to === adept.email).sort();
      },
      { timeout: 20_000 },
    )
    .toEqual([adept.email, mentor.email].sort());
});

test('the coordinator logs a meeting and ends the pair with an outcome', async ({ page, login }) => {
  await login('coordinator');
  await page.goto('/mentorskap');
  await page.getByRole('link', { name: `${mentor.first} ${mentor.last} och ${adept.first} ${adept.last}` }).click();
  await field(page, 'Vad pratade ni om?').fill('Arbetsmarknaden inom vården och hur en ansökan skrivs.');
  await page.getByRole('button', { name: 'Logga mötet' }).click();
  await expect(page.getByText('Mötet är loggat.')).toBeVisible();
  await expect(page.getByText('Aktivt', { exact: true })).toBeVisible();
  await expect(page.getByText('På rätt spår')).toBeVisible();
  await field(page, 'Utfall').selectOption('work');
  await field(page, 'Varför avslutas paret?').fill('Adepten har fått anställning som undersköterska.');
  await page.getByRole('button', { name: 'Avsluta paret' }).click();
  await expect(page.getByText('Paret är avslutat.')).toBeVisible();
  await expect(page.locator('.badge', { hasText: 'Avslutat' })).toBeVisible();
  await expect(page.getByText(/Adepten fick arbete – Adepten har fått anställning/)).toBeVisible();
});
