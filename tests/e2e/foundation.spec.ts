import { DEMO_PASSWORD } from '../../db/seed/reference-data';
import { demoAccounts, expect, expectNoAxeViolations, recorderUrl, test, type DemoRole } from './fixtures';

const startPages: Record<DemoRole, { path: string; heading: RegExp }> = {
  admin: { path: '/admin', heading: /Översikt/ },
  coachKista: { path: '/coach', heading: /Jobbtorg Kista/ },
  coachFarsta: { path: '/coach', heading: /Jobbtorg Farsta/ },
  employerPlus: { path: '/arbetsgivare', heading: /Hallonbergens Vård och Omsorg AB/ },
  employerCity: { path: '/arbetsgivare', heading: /Rinkeby-Kista stadsdelsförvaltning/ },
  coordinator: { path: '/mentorskap', heading: /Stockholmsmentor/ },
  feriejobbCoordinator: { path: '/feriejobb', heading: /Feriejobb sommaren/ },
};

test('the public start page and login page are accessible', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Insteg/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expectNoAxeViolations(page);
  await page.goto('/login');
  await expectNoAxeViolations(page);
  await page.goto('/glomt-losenord');
  await expectNoAxeViolations(page);
  // The accessibility statement is reached from every page's footer.
  await page.getByRole('link', { name: 'Tillgänglighet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Tillgänglighet');
  await expectNoAxeViolations(page);
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/login');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Hoppa till huvudinnehållet' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});

for (const role of Object.keys(startPages) as DemoRole[]) {
  test(`${demoAccounts[role]} lands on their start page, and every page in their menu is accessible`, async ({ page, login }) => {
    await login(role);
    await expect(page).toHaveURL(new RegExp(`${startPages[role].path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(startPages[role].heading);
    const links = await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link').evaluateAll((els) =>
      els.map((e) => (e as HTMLAnchorElement).getAttribute('href')!),
    );
    expect(links.length).toBeGreaterThan(0);
    for (const href of [...links, '/konto']) {
      await page.goto(href);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page);
    }
  });
}

test('login errors are shown in Swedish next to the fields, and focus goes to the first', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByText('Ange din e-postadress')).toBeVisible();
  await expect(page.getByText('Ange ditt lösenord')).toBeVisible();
  await expect(page.getByLabel('E-postadress')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
});

test('an employer asking for an admin page gets 403', async ({ page, login }) => {
  await login('employerPlus');
  const response = await page.goto('/admin/anvandare');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Åtkomst nekad' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('five wrong passwords in a row are throttled', async ({ page }) => {
  await page.goto('/login');
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('E-postadress').fill(demoAccounts.coachFarsta);
    await page.getByLabel('Lösenord').fill(`fel-losenord-${i}`);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByText('Fel e-postadress eller lösenord.')).toBeVisible();
  }
  await page.getByLabel('E-postadress').fill(demoAccounts.coachFarsta);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByText(/För många misslyckade inloggningsförsök/)).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test('password reset: the e-mail reaches the recorder and its link works exactly once', async ({ page, request }) => {
  // The feriejobb coordinator's password changes here: no spec after this one logs in as them.
  await request.post(`${recorderUrl}/__reset`);
  await page.goto('/glomt-losenord');
  await page.getByLabel('E-postadress').fill(demoAccounts.feriejobbCoordinator);
  await page.getByRole('button', { name: 'Skicka länk' }).click();
  await expect(page.getByText(/Om adressen hör till ett konto/)).toBeVisible();

  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const sent = (await (await request.get(`${recorderUrl}/__sent`)).json()) as Array<{ to: string[]; subject: string; text: string }>;
        const mail = sent.find((m) => m.to.includes(demoAccounts.feriejobbCoordinator));
        link = mail?.text.match(/https?:\/\/\S+\/aterstall-losenord\/[A-Za-z0-9_-]+/)?.[0];
        return mail?.subject;
      },
      { timeout: 15_000 },
    )
    .toBe('Återställ ditt lösenord i Insteg');
  expect(link).toBeTruthy();
  const path = new URL(link!).pathname;

  await page.goto(path);
  await expectNoAxeViolations(page);
  await page.getByLabel('Nytt lösenord').fill('ett-helt-nytt-losenord-2026');
  await page.getByLabel('Upprepa lösenordet').fill('ett-helt-nytt-losenord-2026');
  await page.getByRole('button', { name: 'Spara lösenord' }).click();
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel('E-postadress').fill(demoAccounts.feriejobbCoordinator);
  await page.getByLabel('Lösenord').fill('ett-helt-nytt-losenord-2026');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page).toHaveURL(/\/feriejobb$/);

  await page.goto(path);
  await expect(page.getByRole('heading', { name: 'Länken fungerar inte' })).toBeVisible();
});

test('an admin creates a user; a duplicate e-mail is reported on the field with values kept', async ({ page, login }) => {
  await login('admin');
  await page.goto('/admin/anvandare/ny');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Skapa och skicka inbjudan' }).click();
  await expect(page.getByText('Ange namn')).toBeVisible();
  await expect(page.getByText('Välj roll')).toBeVisible();

  await page.getByLabel('Namn').fill('Fatima Yousef');
  await page.getByLabel('E-postadress').fill('Coach.Kista@insteg.test');
  await page.getByLabel('Roll').selectOption('coach');
  await page.getByLabel(/Jobbtorg/).selectOption({ label: 'Jobbtorg Kista' });
  await page.getByRole('button', { name: 'Skapa och skicka inbjudan' }).click();
  await expect(page.getByText('Det finns redan en användare med den här e-postadressen')).toBeVisible();
  await expect(page.getByLabel('Namn')).toHaveValue('Fatima Yousef');
  await expect(page.getByLabel('E-postadress')).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel('E-postadress').fill('fatima.yousef@insteg.test');
  await page.getByRole('button', { name: 'Skapa och skicka inbjudan' }).click();
  await expect(page).toHaveURL(/\/admin\/anvandare/);
  await page.getByLabel('Namn eller e-post').fill('fatima');
  await page.getByRole('button', { name: 'Filtrera' }).click();
  await expect(page.getByRole('cell', { name: 'fatima.yousef@insteg.test' })).toBeVisible();
  await expect(page.getByText('Inbjuden')).toBeVisible();
});

test('an admin searches organisations through the search index, with typo tolerance', async ({ page, login }) => {
  await login('admin');
  await page.goto('/admin/organisationer');
  await page.getByRole('searchbox', { name: 'Sök' }).fill('Halonbergen');
  await page.getByRole('button', { name: 'Sök' }).click();
  await expect(page.getByRole('link', { name: 'Hallonbergens Vård och Omsorg AB' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('health check reports both services up', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ db: 'ok', search: 'ok' });
});
