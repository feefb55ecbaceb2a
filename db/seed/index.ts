import { Faker, sv } from '@faker-js/faker';
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../client.server';
import {
  clusters,
  districts,
  jobbtorg,
  jobPartnerships,
  occupations,
  organizations,
  searchOutbox,
  users,
  type NewOrganization,
} from '../schema';
import { insertAspirants } from './aspirants';
import { insertFeriejobbApplications } from './feriejobb';
import { insertMentoringDemo } from './mentoring';
import { loadOccupations } from './occupations';
import { buildOpenings, insertOpenings } from './openings';
import { createRandom, luhnCheckDigit } from './random';
import { insertStatisticsHistory } from './statistics-history';
import {
  bolag,
  clusterData,
  DEMO_PASSWORD,
  demoUsers,
  districtData,
  jobbtorgData,
  members,
  namnder,
  plusMembers,
  suppliers,
} from './reference-data';

export interface SeedOptions {
  /** Hashes a password (injected so the seed does not depend on the app's crypto settings). */
  hashPassword: (password: string) => Promise<string>;
  /** Seed of the RNG; the same seed gives the same data. */
  seed?: number;
  /** Demo users and organisations; off for tests that build their own. */
  demo?: boolean;
  /** How many demo openings (default 120). */
  openings?: number;
  /** How many demo aspirants (default 80), spread over the Jobbtorg with most at Kista and Farsta. */
  aspirants?: number;
  /** Demo mentors, adepts and pairs (default on). */
  mentoring?: boolean;
  /** How many demo feriejobb applications for the coming summer (default 150). */
  feriejobbApplications?: number;
  /** The date demo openings are laid out from (default: today in Stockholm). */
  today?: string;
  /**
   * A history of placements over the previous and the current year, so the statistics have
   * something to show (db/seed/statistics-history.ts). Default about 600 placements, except for
   * callers that build their own openings or aspirants (`openings: 0` or `aspirants: 0`, the
   * benchmarks), whose counts the history would change; false for none.
   */
  statisticsHistory?: false | { placements: number };
}

/** Geography and SSYK: the reference data every environment needs. Idempotent. */
export async function seedReferenceData(db: DbOrTx) {
  await db.insert(clusters).values([...clusterData]).onConflictDoNothing();
  const clusterRows = await db.select().from(clusters);
  const clusterId = (slug: string) => clusterRows.find((c) => c.slug === slug)!.id;
  await db
    .insert(districts)
    .values(districtData.map((d) => ({ slug: d.slug, name: d.name, clusterId: clusterId(d.cluster) })))
    .onConflictDoNothing();
  await db
    .insert(jobbtorg)
    .values(jobbtorgData.map((j) => ({ slug: j.slug, name: j.name, youth: j.youth, clusterId: clusterId(j.cluster) })))
    .onConflictDoNothing();
  const rows = loadOccupations();
  // Parents first, so the self-reference holds row by row.
  for (let level = 1; level <= 4; level++) {
    const batch = rows.filter((r) => r.level === level);
    await db
      .insert(occupations)
      .values(batch)
      .onConflictDoUpdate({ target: occupations.code, set: { nameEn: sql`excluded.name_en`, nameSv: sql`excluded.name_sv` } });
  }
}

export async function isSeeded(db: DbOrTx) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) > 0;
}

/** Reference data plus deterministic demo organisations and users, in one transaction. */
export async function seedDatabase(db: Database, options: SeedOptions) {
  const random = createRandom(options.seed ?? 2026);
  const faker = new Faker({ locale: [sv] });
  faker.seed(options.seed ?? 2026);
  const passwordHash = await options.hashPassword(DEMO_PASSWORD);

  await db.transaction(async (tx) => {
    await seedReferenceData(tx);
    if (options.demo === false) return;

    const districtRows = await tx.select().from(districts);
    const districtId = (slug: string) => districtRows.find((d) => d.slug === slug)!.id;
    const orgNumber = (prefix: string) => {
      const body = `${prefix}${String(random.int(0, 99999)).padStart(5, '0')}`.slice(0, 9);
      return `${body.slice(0, 6)}-${body.slice(6)}${luhnCheckDigit(body)}`;
    };
    const sinceDate = () => `${random.pick(['2019', '2020', '2021', '2022', '2023', '2024', '2025'])}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;

    const orgs: NewOrganization[] = [
      ...namnder.map((n) => ({ name: n.name, kind: 'city_unit' as const, cityUnitType: 'namnd' as const, districtId: districtId(n.district) })),
      ...districtData.map((d) => ({
        name: `${d.name} stadsdelsförvaltning`,
        kind: 'city_unit' as const,
        cityUnitType: 'stadsdelsforvaltning' as const,
        districtId: districtId(d.slug),
      })),
      ...bolag.map((b) => ({
        name: b.name,
        orgNumber: orgNumber('5560'),
        kind: 'city_unit' as const,
        cityUnitType: 'bolag' as const,
        districtId: districtId(b.district),
      })),
      ...plusMembers.map((m) => ({
        name: m.name,
        orgNumber: orgNumber('5590'),
        kind: 'integrationspakt_member' as const,
        membershipLevel: 'plus' as const,
        memberSince: sinceDate(),
        districtId: districtId(m.district),
      })),
      ...members.map((m) => ({
        name: m.name,
        orgNumber: orgNumber(m.name.includes('förening') ? '8020' : '5591'),
        kind: 'integrationspakt_member' as const,
        membershipLevel: 'member' as const,
        memberSince: sinceDate(),
        districtId: districtId(m.district),
      })),
      ...suppliers.map((s) => ({
        name: s.name,
        orgNumber: orgNumber(s.name.includes('förening') ? '8021' : '5592'),
        kind: 'supplier' as const,
        districtId: districtId(s.district),
      })),
    ];
    const inserted = await tx.insert(organizations).values(orgs).returning({ id: organizations.id, name: organizations.name });
    const orgId = (name: string) => inserted.find((o) => o.name === name)!.id;

    await tx.insert(jobPartnerships).values(
      plusMembers.map((m) => ({
        organizationId: orgId(m.name),
        signedOn: `${random.pick(['2022', '2023', '2024', '2025'])}-${String(random.int(1, 12)).padStart(2, '0')}-15`,
        terms: m.terms,
        jobbspar: m.jobbspar,
      })),
    );

    const jobbtorgRows = await tx.select().from(jobbtorg);
    const jobbtorgId = (slug: string) => jobbtorgRows.find((j) => j.slug === slug)!.id;
    await tx.insert(users).values(
      demoUsers.map((u) => ({
        email: u.email,
        name: u.name,
        role: u.role,
        jobbtorgId: 'jobbtorg' in u ? jobbtorgId(u.jobbtorg) : null,
        organizationId: 'organization' in u ? orgId(u.organization) : null,
        passwordHash,
        passwordChangedAt: new Date('2026-01-01T00:00:00Z'),
      })),
    );
    // Two more coaches at every Jobbtorg, so caseloads can be spread realistically.
    const extraCoaches = jobbtorgRows.flatMap((j) =>
      [1, 2].map((n) => {
        const firstName = faker.person.firstName();
        const lastName = faker.person.lastName();
        const local = `${firstName}.${lastName}`
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/[^a-z.]/g, '');
        return { email: `${local}.${j.slug}${n}@insteg.test`, name: `${firstName} ${lastName}`, role: 'coach' as const, jobbtorgId: j.id, passwordHash };
      }),
    );
    await tx.insert(users).values(extraCoaches).onConflictDoNothing();

    await tx.insert(searchOutbox).values(inserted.map((o) => ({ indexName: 'organizations', documentId: o.id, op: 'upsert' as const })));

    const today = options.today ?? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    await insertOpenings(tx, await buildOpenings(tx, { count: options.openings ?? 120, seed: (options.seed ?? 2026) + 1, today }));
    await insertAspirants(tx, { count: options.aspirants ?? 80, seed: (options.seed ?? 2026) + 2, today, faker });
    // The same summer as the demo feriejobb openings.
    const nextSummer = Number(today.slice(0, 4)) + (today.slice(5) > '05-15' ? 1 : 0);
    await insertFeriejobbApplications(tx, { count: options.feriejobbApplications ?? 150, seed: (options.seed ?? 2026) + 3, year: nextSummer, faker });
    if (options.mentoring !== false) await insertMentoringDemo(tx, { seed: (options.seed ?? 2026) + 4, today, faker });
    const history = options.statisticsHistory ?? (options.openings === 0 || options.aspirants === 0 ? false : { placements: 600 });
    if (history) {
      const year = Number(today.slice(0, 4));
      await insertStatisticsHistory(tx, { placements: history.placements, fromYear: year - 1, toYear: year, today, seed: (options.seed ?? 2026) + 5 });
    }
  });
}
