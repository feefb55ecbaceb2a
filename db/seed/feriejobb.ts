import type { Faker } from '@faker-js/faker';
import type { DbOrTx } from '../client.server';
import { districts, feriejobbApplications, feriejobbEvents, type NewFeriejobbApplication } from '../schema';
import { feriejobbInterestAreas } from '../../app/openings/opening-rules';
import { createRandom, testPersonnummer } from './random';

/**
 * Deterministic synthetic feriejobb applications for the demo: youths 16–19 on 1 June of `year`,
 * every personnummer from Skatteverket's test series, a guardian for those under 18, and about a
 * third with their priority groups already checked.
 */
export function buildFeriejobbApplications(options: { count: number; seed: number; year: number; faker: Faker; districtIds: number[]; used?: Set<string> }) {
  const random = createRandom(options.seed);
  const used = options.used ?? new Set<string>();
  const rows: NewFeriejobbApplication[] = [];
  for (let i = 0; i < options.count; i++) {
    const gender = random.chance(0.03) ? 'annat' : random.chance(0.5) ? 'kvinna' : 'man';
    const firstName = options.faker.person.firstName(gender === 'man' ? 'male' : 'female');
    const lastName = options.faker.person.lastName();
    const age = random.pick([16, 16, 17, 17, 18, 19]);
    let birthDate: string;
    let pnr: string;
    do {
      // Born so that the age on 1 June is `age`: between 2 June (year − age − 1) and 1 June (year − age).
      const y = options.year - age - (random.chance(0.42) ? 1 : 0);
      const month = y === options.year - age ? random.int(1, 5) : random.int(6, 12);
      const day = month === 6 && y !== options.year - age ? random.int(2, 28) : random.int(1, 28);
      birthDate = `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      pnr = testPersonnummer(birthDate, random.int(980, 989));
    } while (used.has(`${options.year}:${pnr}`));
    used.add(`${options.year}:${pnr}`);
    const areas = [...feriejobbInterestAreas].sort(() => random.next() - 0.5).slice(0, random.int(1, 5));
    const districtId = random.pick(options.districtIds);
    const checked = random.chance(0.35);
    const groups: string[] = [];
    if (checked) {
      if (random.chance(0.5)) groups.push('first_time');
      if (random.chance(0.1)) groups.push('school_incomplete');
      if (random.chance(0.08)) groups.push('disability');
      if (random.chance(0.15)) groups.push('newcomer');
      if (random.chance(0.05)) groups.push('social_reasons');
    }
    const months = [6, 7, 8].filter(() => random.chance(0.75));
    rows.push({
      year: options.year,
      personnummer: pnr,
      birthDate,
      firstName,
      lastName,
      gender,
      email: `${firstName}.${lastName}.${i}@exempel.se`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9.@-]/g, ''),
      phone: random.chance(0.7) ? `07${random.int(0, 9)}-${random.int(100, 999)} ${random.int(10, 99)} ${random.int(10, 99)}` : null,
      districtId,
      preferredDistrictId: random.chance(0.2) ? random.pick(options.districtIds) : null,
      interestAreas: areas,
      months: months.length ? months : [7],
      languages: random.chance(0.4) ? [random.pick(['arabiska', 'somaliska', 'tigrinja', 'engelska', 'persiska', 'spanska'])] : [],
      adaptationNeeds: groups.includes('disability') ? 'Behöver korta pauser och tydliga instruktioner.' : null,
      guardianName: age < 18 ? `${options.faker.person.firstName()} ${lastName}` : null,
      guardianEmail: age < 18 ? `vardnadshavare.${i}@exempel.se` : null,
      guardianPhone: null,
      consentAt: new Date(`${options.year}-0${random.int(1, 3)}-${String(random.int(1, 28)).padStart(2, '0')}T12:00:00Z`),
      priorityGroups: groups,
      priorityCheckedAt: checked ? new Date(`${options.year}-04-0${random.int(1, 9)}T09:00:00Z`) : null,
    });
  }
  return rows;
}

export async function insertFeriejobbApplications(tx: DbOrTx, options: { count: number; seed: number; year: number; faker: Faker }) {
  const districtIds = (await tx.select({ id: districts.id }).from(districts)).map((d) => d.id);
  const rows = buildFeriejobbApplications({ ...options, districtIds });
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await tx.insert(feriejobbApplications).values(rows.slice(i, i + 1000)).returning({ id: feriejobbApplications.id });
    await tx.insert(feriejobbEvents).values(inserted.map((r) => ({ applicationId: r.id, kind: 'confirmed' })));
  }
}
