import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../db/seed/reference-data';

export const demoAccounts = {
  admin: 'admin@insteg.test',
  coachKista: 'coach.kista@insteg.test',
  coachFarsta: 'coach.farsta@insteg.test',
  employerPlus: 'arbetsgivare.plus@insteg.test',
  employerCity: 'arbetsgivare.stad@insteg.test',
  coordinator: 'mentor.samordnare@insteg.test',
  feriejobbCoordinator: 'feriejobb.samordnare@insteg.test',
} as const;
export type DemoRole = keyof typeof demoAccounts;

export const recorderUrl = `http://127.0.0.1:${process.env.E2E_RECORDER_PORT ?? 3211}`;

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * `login(role)` logs in through the real form. Every test also fails on a console error or an
 * uncaught page error.
 */
export const test = base.extend<{ login: (role: DemoRole, password?: string) => Promise<void>; consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        // Chromium logs every 4xx answer as a console error; tests that expect 400/403/429 assert those themselves.
        if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) {
          errors.push(msg.text());
        }
      });
      page.on('pageerror', (err) => errors.push(err.message));
      await use(errors);
      expect(errors, 'console errors in the browser').toEqual([]);
    },
    { auto: true },
  ],
  login: async ({ page }, use) => {
    await use(async (role, password = DEMO_PASSWORD) => {
      await page.goto('/login');
      await page.getByLabel('E-postadress').fill(demoAccounts[role]);
      await page.getByLabel('Lösenord').fill(password);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    });
  },
});

export { expect };
