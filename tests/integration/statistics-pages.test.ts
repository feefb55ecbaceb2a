/**
 * The statistics through their pages and files: suppression holds in the dashboard's data, the
 * partner page, CSV and XLSX alike and follows the admin's threshold; employers get no split by
 * group; the targets form refuses bad input next to the field and writes nothing; the coach's
 * six-month follow-up is validated, written and counted.
 */
import { eq, sql } from 'drizzle-orm';
import readXlsxFile from 'read-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { aspirants, jobbtorg, organizations, statisticsTargets } from '../../db/schema';
import * as profileRoute from '../../app/routes/coach.aspiranter.$id._index';
import * as targetsRoute from '../../app/routes/admin.mal';
import * as dashboardRoute from '../../app/routes/statistik._index';
import * as exportRoute from '../../app/routes/statistik.export';
import * as partnerRoute from '../../app/routes/statistik.organisation.$id';
import * as reportRoute from '../../app/routes/statistik.rapport';
import { getDb } from '../../app/services.server';
import type { IndicatorCard } from '../../app/statistics/statistics.server';
import { refreshStatistics } from '../../app/statistics/statistics.server';
import type { StatTable } from '../../app/statistics/stat-table';
import { auditCount, uniquePersonnummer } from '../setup/aspirants';
import { callAction, callLoader, jsonOf, loginAs } from '../setup/remix';

const YEAR = 2025;
let admin: string;
let employerCity: string;
let employerPlus: string;
let coachKista: string;
let cityOrg: string;
let kistaId: number;

type Loaded = { cards: IndicatorCard[] };
const cellText = (table: StatTable, rowKey: string) => table.rows.find((r) => r.key === rowKey)!.cells.map((c) => c.text);

async function newAspirant(gender: 'kvinna' | 'man', options: { exitedOn?: string } = {}) {
  const personnummer = await uniquePersonnummer();
  const birthDate = `${personnummer.slice(0, 4)}-${personnummer.slice(4, 6)}-${personnummer.slice(6, 8)}`;
  const [row] = await getDb()
    .insert(aspirants)
    .values({
      jobbtorgId: kistaId,
      firstName: 'Statistika',
      lastName: 'Testsson',
      personnummer,
      birthDate,
      gender,
      education: 'gymnasial',
      targetGroups: ['forsorjningsstod', 'funktionsnedsattning'],
      enrolledOn: '2024-11-01',
      exitedOn: options.exitedOn ?? null,
      exitReason: options.exitedOn ? 'arbete' : null,
    })
    .returning({ id: aspirants.id });
  return row!.id;
}

/** Places an aspirant on an opening through the pipeline's statuses (the trigger's only path). */
async function place(openingId: string, aspirantId: string, start: string, end: string) {
  const db = getDb();
  const [m] = await db.execute<{ id: string }>(sql`
    insert into matches (opening_id, aspirant_id, score, explanation, weights_version)
    values (${openingId}, ${aspirantId}, 10, '[]'::jsonb, 1) returning id`);
  for (const step of [sql`status = 'reviewed'`, sql`status = 'interview', interview_at = now()`, sql`status = 'offer'`]) {
    await db.execute(sql`update matches set ${step} where id = ${m!.id}`);
  }
  await db.execute(sql`update matches set status = 'placed', start_date = ${start}, end_date = ${end} where id = ${m!.id}`);
}

beforeAll(async () => {
  const db = getDb();
  [admin, employerCity, employerPlus, coachKista] = await Promise.all([
    loginAs('admin@insteg.test'),
    loginAs('arbetsgivare.stad@insteg.test'),
    loginAs('arbetsgivare.plus@insteg.test'),
    loginAs('coach.kista@insteg.test'),
  ]);
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, 'Rinkeby-Kista stadsdelsförvaltning'));
  cityOrg = org!.id;
  const [kista] = await db.select({ id: jobbtorg.id }).from(jobbtorg).where(eq(jobbtorg.slug, 'kista'));
  kistaId = kista!.id;
  const [opening] = await db.execute<{ id: string }>(sql`
    insert into openings (organization_id, kind, subtype, title, description, workplace_address, district_id, occupation_code, places,
      start_date, end_date, application_deadline, contact_name, contact_email, supervisor_name, details, status, published_at)
    values (${cityOrg}, 'stockholmsjobb', 'ungdomsanstallning', 'Statistikjobb', 'Ett Stockholmsjobb för statistiktestet.', 'Kistagången 1',
      1, '5321', 20, '2025-03-01', '2025-12-31', '2025-02-15', 'Kontakt', 'kontakt@exempel.se', 'Handledare', '{}'::jsonb, 'published', '2025-02-01')
    returning id`);
  // Three women and six men start in T1 2025.
  for (const gender of ['kvinna', 'kvinna', 'kvinna', 'man', 'man', 'man', 'man', 'man', 'man'] as const) {
    await place(opening!.id, await newAspirant(gender), '2025-03-10', '2025-06-30');
  }
  await refreshStatistics(db, { force: true });
});

describe('suppression on every surface', () => {
  it('hides 3 women and, so the total gives nothing away, the 6 men beside them; the total of 9 stays', async () => {
    const data = await jsonOf<Loaded>(await callLoader(dashboardRoute.loader, `/statistik?period=${YEAR}`, { cookie: admin }));
    const table = data.cards.find((c) => c.id === 'stockholmsjobb_aspirants')!.byTertial;
    expect(table.columns).toEqual(['Kvinnor', 'Män', 'Annat / uppgift saknas', 'Totalt']);
    expect(cellText(table, 'T1')).toEqual(['<5', '..', '0', '9']);
    expect(cellText(table, 'total')).toEqual(['<5', '..', '0', '9']);
    expect(JSON.stringify(table)).not.toMatch(/"value":[36][,}]/);
  });

  it('gives the same hidden cells in CSV and XLSX, and logs each download', async () => {
    const before = await auditCount('statistics.exported');
    const csv = await callLoader(exportRoute.loader, `/statistik/export?period=${YEAR}&tabell=stockholmsjobb_aspirants.tertial&format=csv`, { cookie: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Tertial;Kvinnor;Män;Annat / uppgift saknas;Totalt');
    expect(lines[1]).toBe(`T1 ${YEAR};<5;..;0;9`);
    expect(lines.at(-1)).toBe(`Helår ${YEAR};<5;..;0;9`);

    const xlsx = await callLoader(exportRoute.loader, `/statistik/export?period=${YEAR}&tabell=stockholmsjobb_aspirants.tertial&format=xlsx`, { cookie: admin });
    expect(xlsx.status).toBe(200);
    const [sheet] = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    const rows = sheet!.data;
    const t1 = rows.find((r) => r[0] === `T1 ${YEAR}`)!;
    expect(t1).toEqual([`T1 ${YEAR}`, '<5', '..', 0, 9]);
    expect(rows.flat()).not.toContain(3);
    expect(rows.flat()).not.toContain(6);
    expect(await auditCount('statistics.exported')).toBe(before + 2);
  });

  it("protects the partner page's placements the same way, and shows employers no split by group", async () => {
    const own = await jsonOf<Loaded & { summary: { placements: StatTable } }>(
      await callLoader(partnerRoute.loader, `/statistik/organisation/${cityOrg}?period=${YEAR}`, { cookie: employerCity, params: { id: cityOrg } }),
    );
    expect(cellText(own.summary.placements, 'stockholmsjobb')).toEqual(['<5', '..', '0', '9']);
    expect(own.cards.every((c) => c.byGroup === null)).toBe(true);
    const asAdmin = await jsonOf<Loaded>(await callLoader(partnerRoute.loader, `/statistik/organisation/${cityOrg}?period=${YEAR}`, { cookie: admin, params: { id: cityOrg } }));
    const groups = asAdmin.cards.find((c) => c.id === 'stockholmsjobb_aspirants')!.byGroup!;
    expect(cellText(groups, 'disability')).toEqual(['<5', '..', '0', '9']);
    // Another employer may neither read nor download it.
    expect((await callLoader(partnerRoute.loader, `/statistik/organisation/${cityOrg}`, { cookie: employerPlus, params: { id: cityOrg } })).status).toBe(403);
    expect((await callLoader(exportRoute.loader, `/statistik/export?organisation=${cityOrg}&tabell=partner.placeringar&format=csv`, { cookie: employerPlus })).status).toBe(403);
  });

  it("follows the admin's threshold, and refuses one out of range next to the field", async () => {
    const bad = await callAction(targetsRoute.action, '/admin/mal', { intent: 'save-threshold', threshold: '1' }, { cookie: admin });
    expect(bad.status).toBe(400);
    const reply = (await jsonOf<{ reply: { error: Record<string, string[]> } }>(bad)).reply;
    expect(reply.error.threshold).toEqual(['Gränsen måste vara mellan 2 och 50']);
    const ok = await callAction(targetsRoute.action, '/admin/mal', { intent: 'save-threshold', threshold: '3' }, { cookie: admin });
    expect(ok.status).toBe(200);
    try {
      const data = await jsonOf<Loaded>(await callLoader(dashboardRoute.loader, `/statistik?period=${YEAR}`, { cookie: admin }));
      expect(cellText(data.cards.find((c) => c.id === 'stockholmsjobb_aspirants')!.byTertial, 'T1')).toEqual(['3', '6', '0', '9']);
      expect(await auditCount('statistics.threshold-changed')).toBe(1);
    } finally {
      await callAction(targetsRoute.action, '/admin/mal', { intent: 'save-threshold', threshold: '5' }, { cookie: admin });
    }
  });
});

describe('the tertial report', () => {
  it('covers the year up to its tertial, with progress as at the end of that tertial', async () => {
    type Report = Loaded & { title: string; soFarLabel: string; rows: Array<{ id: string; periodText: string; yearText: string }> };
    const t2 = await jsonOf<Report>(await callLoader(reportRoute.loader, `/statistik/rapport?period=${YEAR}-T2`, { cookie: admin }));
    expect(t2.title).toBe(`Tertialrapport T2 ${YEAR}`);
    expect(t2.soFarLabel).toBe(`T1–T2 ${YEAR}`);
    const card = t2.cards.find((c) => c.id === 'stockholmsjobb_aspirants')!;
    expect(card.byTertial.rows.map((r) => r.label)).toEqual([`T1 ${YEAR}`, `T2 ${YEAR}`, `T1–T2 ${YEAR}`]);
    expect(t2.rows.find((r) => r.id === 'stockholmsjobb_aspirants')).toMatchObject({ periodText: '0', yearText: '9' });
    // 31 August is 243 of 365 days into the year.
    expect(card.targets.find((t) => t.setBy === 'namnd')!.progress.yearShare).toBeCloseTo(243 / 365);
    const year = await jsonOf<Report>(await callLoader(reportRoute.loader, `/statistik/rapport?period=${YEAR}`, { cookie: admin }));
    expect(year.title).toBe(`Årsrapport ${YEAR}`);
    expect(year.cards.find((c) => c.id === 'stockholmsjobb_aspirants')!.byTertial.rows.map((r) => r.label).at(-1)).toBe(`Helår ${YEAR}`);
  });
});

describe('targets', () => {
  const count = async () => (await getDb().select({ n: sql<number>`count(*)::int` }).from(statisticsTargets))[0]!.n;

  it('refuses a value that is not a number, and a share above 100 %, next to the field, writing nothing', async () => {
    const before = await count();
    for (const [value, message] of [
      ['många', 'Ange målet som ett tal, till exempel 800 eller 5,5'],
      ['', 'Ange målet'],
    ] as const) {
      const res = await callAction(targetsRoute.action, '/admin/mal', { intent: 'save-target', indicator: 'mentor_pairs', year: '2026', setBy: 'namnd', value }, { cookie: admin });
      expect(res.status).toBe(400);
      expect((await jsonOf<{ reply: { error: Record<string, string[]> } }>(res)).reply.error.value).toEqual([message]);
    }
    const share = await callAction(targetsRoute.action, '/admin/mal', { intent: 'save-target', indicator: 'exit_work_or_studies', year: '2026', setBy: 'namnd', value: '120' }, { cookie: admin });
    expect((await jsonOf<{ reply: { error: Record<string, string[]> } }>(share)).reply.error.value).toEqual(['En andel kan vara högst 100 %']);
    const year = await callAction(targetsRoute.action, '/admin/mal', { intent: 'save-target', indicator: 'mentor_pairs', year: '1999', setBy: 'namnd', value: '10' }, { cookie: admin });
    expect((await jsonOf<{ reply: { error: Record<string, string[]> } }>(year)).reply.error.year).toEqual(['Ange ett år mellan 2000 och 2100']);
    expect(await count()).toBe(before);
  });

  it('sets a target from a year on (replacing the same year and setter), shown on the dashboard with its progress', async () => {
    const save = (value: string) => callAction(targetsRoute.action, '/admin/mal', { intent: 'save-target', indicator: 'stockholmsjobb_aspirants', year: String(YEAR), setBy: 'kf', value, note: 'Budget 2025' }, { cookie: admin });
    expect((await save('12')).status).toBe(200);
    expect((await save('18')).status).toBe(200);
    const rows = await getDb().select().from(statisticsTargets).where(eq(statisticsTargets.year, YEAR));
    expect(rows.map((r) => [r.indicator, r.setBy, r.value])).toEqual([['stockholmsjobb_aspirants', 'kf', 18]]);
    const data = await jsonOf<Loaded>(await callLoader(dashboardRoute.loader, `/statistik?period=${YEAR}`, { cookie: admin }));
    const card = data.cards.find((c) => c.id === 'stockholmsjobb_aspirants')!;
    const kf = card.targets.find((t) => t.setBy === 'kf')!;
    expect(kf).toMatchObject({ value: 18, year: YEAR, progress: { status: 'not_reached', yearShare: 1 } });
    expect(kf.progress.ofTarget).toBeCloseTo(9 / 18);
    // The committee's 2022 target still holds in 2025.
    expect(card.targets.find((t) => t.setBy === 'namnd')).toMatchObject({ value: 550, year: 2022 });
    expect(await auditCount('statistics.target-saved')).toBe(2);
  });
});

describe("the coach's six-month follow-up", () => {
  it('is refused before exit and for a date before the exit, and counted once recorded', async () => {
    const active = await newAspirant('kvinna');
    const refused = await callAction(profileRoute.action, `/coach/aspiranter/${active}`, { intent: 'self-support', checkedOn: '2025-06-01', selfSupporting: 'ja' }, { cookie: coachKista, params: { id: active } });
    expect(refused.status).toBe(400);

    const exited = await newAspirant('man', { exitedOn: '2025-01-15' });
    const early = await callAction(profileRoute.action, `/coach/aspiranter/${exited}`, { intent: 'self-support', checkedOn: '2025-01-01', selfSupporting: 'ja' }, { cookie: coachKista, params: { id: exited } });
    expect(early.status).toBe(400);
    expect((await jsonOf<{ reply: { error: Record<string, string[]> } }>(early)).reply.error.checkedOn).toEqual(['Uppföljningen kan inte vara före utskrivningen']);
    const missing = await callAction(profileRoute.action, `/coach/aspiranter/${exited}`, { intent: 'self-support', checkedOn: '2025-07-20' }, { cookie: coachKista, params: { id: exited } });
    expect((await jsonOf<{ reply: { error: Record<string, string[]> } }>(missing)).reply.error.selfSupporting).toEqual(['Välj om personen är självförsörjande']);

    const ok = await callAction(profileRoute.action, `/coach/aspiranter/${exited}`, { intent: 'self-support', checkedOn: '2025-07-20', selfSupporting: 'ja' }, { cookie: coachKista, params: { id: exited } });
    expect(ok.status).toBe(200);
    const [row] = await getDb().select({ s: aspirants.selfSupporting6m, on: aspirants.selfSupportingCheckedOn }).from(aspirants).where(eq(aspirants.id, exited));
    expect(row).toEqual({ s: true, on: '2025-07-20' });
    expect(await auditCount('aspirant.self-support-recorded', exited)).toBe(1);

    expect(await refreshStatistics(getDb())).toBe(true);
    const data = await jsonOf<Loaded>(await callLoader(dashboardRoute.loader, `/statistik?period=${YEAR}&jobbtorg=${kistaId}`, { cookie: coachKista }));
    // Exit 2025-01-15 → the six months are up 2025-07-15, in T2; one person: hidden, but counted in the total.
    const table = data.cards.find((c) => c.id === 'self_supporting_6m')!.byTertial;
    expect(cellText(table, 'T2')).toEqual(['–', '<5', '–', '<5']);
  });
});
