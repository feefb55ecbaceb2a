import { readFile } from 'node:fs/promises';
import readXlsxFile from 'read-excel-file/node';
import { expect, expectNoAxeViolations, test } from './fixtures';

/**
 * The statistics as an admin reads them: the city's dashboard, drill-down to a cluster, a
 * Jobbtorg and one organisation, and that organisation's placements downloaded as XLSX with the
 * same figures (and hidden cells) as the page. Runs on the demo seed's placement history.
 */
test('an admin drills down from the city to one organisation and downloads its XLSX', async ({ page, login }) => {
  await login('admin');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Statistik' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Statistik: Stockholms stad');
  const stockholmsjobb = page.getByRole('region', { name: 'Aspiranter som fått ett Stockholmsjobb' });
  await expect(stockholmsjobb.getByText(/Mål 800 \(Kommunfullmäktige/)).toBeVisible();
  await expect(stockholmsjobb.getByRole('img', { name: /per tertial och kön/ })).toBeVisible();
  await stockholmsjobb.getByText('Så räknas måttet').click();
  await expect(stockholmsjobb.getByText('Placeringens startdatum.')).toBeVisible();
  await expectNoAxeViolations(page);

  // City → cluster → Jobbtorg → organisation, through the breakdown's links.
  const breakdown = page.getByRole('region', { name: 'Fördelning och fördjupning' });
  await expect(breakdown.getByRole('table')).toContainText('per kluster');
  await breakdown.getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Statistik: Kluster /);
  await expect(page.getByRole('navigation', { name: 'Du är här' }).getByRole('link', { name: 'Staden' })).toBeVisible();
  await expect(breakdown.getByRole('table')).toContainText('per jobbtorg');
  await breakdown.getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Statistik: Jobbtorg /);
  await expect(breakdown.getByRole('table')).toContainText('per organisation');
  const organisation = breakdown.getByRole('table').getByRole('link').first();
  const organisationName = (await organisation.textContent())!;
  await organisation.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Partnersida: ${organisationName}`);
  await expectNoAxeViolations(page);

  // The placements table as XLSX: the same rows and the same shown figures as on the page.
  const placements = page.getByRole('region', { name: 'Placeringar' });
  const pageRows = await placements
    .getByRole('table')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim())));
  const [download] = await Promise.all([page.waitForEvent('download'), placements.getByRole('link', { name: 'Excel (XLSX)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^insteg-partner-placeringar-\d{4}\.xlsx$/);
  const sheet = (await readXlsxFile(await readFile((await download.path())!)))[0]!.data;
  expect(String(sheet[0]![0])).toMatch(/^Placeringar per typ och kön, Helår \d{4}$/);
  const fileRows = sheet.slice(3, 3 + pageRows.length).map((row) => row.map((cell) => (typeof cell === 'number' ? cell.toLocaleString('sv-SE') : String(cell ?? ''))));
  expect(fileRows).toEqual(pageRows);
  expect(String(sheet.at(-1)![0])).toContain('visas som <5');
});
