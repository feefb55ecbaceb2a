import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairNoise } from './allocation';
import {
  ageRefusal,
  applicationYear,
  favouredGroups,
  groupsOfMask,
  indexPlaces,
  monthsOf,
  needsGuardian,
  priorityGroupMask,
  priorityGroups,
  rankPlaces,
  summerStart,
  type ApplicantForRanking,
  type PlaceForRanking,
} from './feriejobb-rules';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const YEAR = 2027;

/** Age on 1 June of `year`, counted by hand (no shared helper): a birthday after 1 June has not come yet. */
function ageOnFirstOfJune(birthDate: string, year: number) {
  const born = Number(birthDate.slice(0, 4));
  return year - born - (birthDate.slice(5) > '06-01' ? 1 : 0);
}

function youth(overrides: Partial<ApplicantForRanking> = {}): ApplicantForRanking {
  return {
    id: 'youth-1',
    birthDate: '2010-03-15', // 17 on 1 June 2027
    districtId: 1,
    preferredDistrictId: null,
    interestAreas: ['park_och_miljo'],
    months: [6, 7, 8],
    ...overrides,
  };
}

function placeFor(id: string, overrides: Partial<PlaceForRanking> = {}): PlaceForRanking {
  return { id, capacity: 1, favoured: 0, area: 'park_och_miljo', districtId: 1, ageMin: 16, ageMax: 19, months: [7], ...overrides };
}

/**
 * Districts 1–3 form cluster 100, districts 4–5 cluster 200; districts 6 and 7 belong to no
 * cluster (a youth living there has no "rest of the cluster").
 */
const clusters = new Map([
  [1, 100],
  [2, 100],
  [3, 100],
  [4, 200],
  [5, 200],
]);

const AREAS = ['barn_och_unga', 'aldreomsorg', 'lss', 'park_och_miljo'];

/** 0 preferred district, 1 home district, 2 rest of the home cluster, 3 anywhere else. */
function tierOf(p: PlaceForRanking, y: ApplicantForRanking) {
  const d = p.districtId;
  if (d === null) return 3;
  if (y.preferredDistrictId !== null && y.preferredDistrictId !== y.districtId && d === y.preferredDistrictId) return 0;
  if (d === y.districtId) return 1;
  const home = clusters.get(y.districtId);
  if (home !== undefined && clusters.get(d) === home) return 2;
  return 3;
}

function eligibleFor(p: PlaceForRanking, y: ApplicantForRanking, year: number) {
  const age = ageOnFirstOfJune(y.birthDate, year);
  return p.capacity > 0 && age >= p.ageMin && age <= p.ageMax && p.months.every((m) => y.months.includes(m));
}

const arbDistrict = fc.integer({ min: 1, max: 7 });
const arbMonths = fc.oneof({ arbitrary: fc.constant([6, 7, 8]), weight: 2 }, { arbitrary: fc.subarray([6, 7, 8]), weight: 1 });
/** A period of one or two consecutive summer months, now and then none. */
const arbPlaceMonths = fc.constantFrom([6], [7], [8], [6, 7], [7, 8], []);
const arbBirthDate = fc
  .record({ year: fc.integer({ min: 2007, max: 2012 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

const arbPlaces = fc
  .array(
    fc.record({
      capacity: fc.integer({ min: 0, max: 2 }),
      area: fc.constantFrom(...AREAS),
      districtId: fc.option(arbDistrict, { nil: null, freq: 6 }),
      ageMin: fc.integer({ min: 14, max: 18 }),
      span: fc.integer({ min: 0, max: 5 }),
      months: arbPlaceMonths,
    }),
    { maxLength: 40 },
  )
  .map((rows) => rows.map(({ span, ...row }, i): PlaceForRanking => ({ id: `place-${i}`, favoured: 0, ...row, ageMax: row.ageMin + span })));

const arbYouth = fc.record({
  id: fc.string({ minLength: 1, maxLength: 8 }),
  birthDate: arbBirthDate,
  districtId: arbDistrict,
  preferredDistrictId: fc.option(arbDistrict, { nil: null }),
  interestAreas: fc.shuffledSubarray(AREAS, { minLength: 1 }),
  months: arbMonths,
});

// ---------------------------------------------------------------------------------------------
// Dates and ages
// ---------------------------------------------------------------------------------------------

describe('the summer and the application year', () => {
  it('starts the summer on 1 June', () => {
    expect(summerStart(2027)).toBe('2027-06-01');
  });

  it.each([
    ['2026-01-01', 2026],
    ['2026-06-01', 2026],
    ['2026-08-31', 2026],
    ['2026-09-01', 2027],
    ['2026-12-31', 2027],
    ['2027-01-15', 2027],
  ])('on %s applications are for the summer of %i', (today, year) => {
    expect(applicationYear(today)).toBe(year);
  });

  it.each([
    ['2027-06-22', '2027-07-10', [6, 7]],
    ['2027-06-01', '2027-06-30', [6]],
    ['2027-06-15', '2027-08-15', [6, 7, 8]],
    ['2027-08-01', '2027-08-20', [8]],
  ])('a period from %s to %s touches the months %j', (start, end, months) => {
    expect(monthsOf(start, end)).toEqual(months);
  });
});

describe('who may apply, by age on 1 June', () => {
  it.each([
    // [birth date, summer, allowed, why]
    ['2011-06-01', 2027, true, 'turns 16 on 1 June'],
    ['2011-05-31', 2027, true, 'turned 16 the day before'],
    ['2011-06-02', 2027, false, 'turns 16 the day after 1 June, so is 15'],
    ['2007-06-01', 2027, false, 'turns 20 on 1 June'],
    ['2007-06-02', 2027, true, 'turns 20 on 2 June, so is still 19'],
    ['2007-05-31', 2027, false, 'turned 20 the day before'],
    // 29 February birthdays
    ['2008-02-29', 2024, true, 'born 29 Feb 2008, 16 in the leap year 2024'],
    ['2008-02-29', 2025, true, 'born 29 Feb 2008, 17 in the common year 2025'],
    ['2008-02-29', 2023, false, 'born 29 Feb 2008, 15 in 2023'],
    ['2004-02-29', 2023, true, 'born 29 Feb 2004, 19 in 2023'],
    ['2004-02-29', 2024, false, 'born 29 Feb 2004, 20 in 2024'],
  ] as const)('%s for %i: allowed %s (%s)', (birthDate, year, allowed, _why) => {
    const refusal = ageRefusal(birthDate, year);
    if (allowed) expect(refusal).toBeNull();
    else expect(refusal).toEqual(expect.any(String));
  });

  it('says in Swedish which age the youth has on 1 June when refusing', () => {
    expect(ageRefusal('2011-06-02', 2027)).toContain('du är 15 år');
    expect(ageRefusal('2011-06-02', 2027)).toContain('1 juni 2027');
    expect(ageRefusal('2007-06-01', 2027)).toContain('du är 20 år');
  });

  it('allows exactly the ages 16 to 19 on 1 June', () => {
    fc.assert(
      fc.property(arbBirthDate, fc.integer({ min: 2020, max: 2035 }), (birthDate, year) => {
        const age = ageOnFirstOfJune(birthDate, year);
        expect(ageRefusal(birthDate, year) === null).toBe(age >= 16 && age <= 19);
      }),
    );
  });

  it.each([
    ['2010-06-01', 2027, true, '17 on 1 June'],
    ['2009-06-02', 2027, true, 'turns 18 on 2 June, so is 17'],
    ['2009-06-01', 2027, false, 'turns 18 on 1 June'],
    ['2009-05-31', 2027, false, 'turned 18 the day before'],
  ] as const)('a youth born %s needs a guardian for %i: %s (%s)', (birthDate, year, needed, _why) => {
    expect(needsGuardian(birthDate, year)).toBe(needed);
  });
});

// ---------------------------------------------------------------------------------------------
// Priority groups
// ---------------------------------------------------------------------------------------------

describe('priority group masks', () => {
  it('gives each group its own bit', () => {
    const bits = priorityGroups.map((g) => priorityGroupMask([g]));
    expect(new Set(bits).size).toBe(priorityGroups.length);
    for (const b of bits) expect(b & (b - 1)).toBe(0);
    expect(priorityGroupMask([])).toBe(0);
  });

  it('round-trips any subset of groups', () => {
    fc.assert(
      fc.property(fc.subarray([...priorityGroups]), (groups) => {
        expect(groupsOfMask(priorityGroupMask(groups))).toEqual(groups);
      }),
    );
    fc.assert(
      fc.property(fc.shuffledSubarray([...priorityGroups]), (groups) => {
        // Order and repeats do not matter to the mask.
        expect(priorityGroupMask([...groups, ...groups])).toBe(priorityGroupMask([...groups].reverse()));
      }),
    );
  });

  it('round-trips any mask of the five groups', () => {
    for (let mask = 0; mask < 1 << priorityGroups.length; mask++) expect(priorityGroupMask(groupsOfMask(mask))).toBe(mask);
  });

  it('ignores unknown group names', () => {
    expect(priorityGroupMask(['disability', 'unknown'])).toBe(priorityGroupMask(['disability']));
  });

  it.each([
    [{}, []],
    [{ adaptedPlace: true }, ['disability']],
    [{ languageSupport: true }, ['newcomer']],
    [{ adaptedPlace: true, languageSupport: true }, ['disability', 'newcomer']],
    [{ adaptedPlace: false, languageSupport: false }, []],
  ])('a place with %j favours %j', (details, groups) => {
    expect(favouredGroups(details)).toEqual(groups);
  });
});

// ---------------------------------------------------------------------------------------------
// rankPlaces
// ---------------------------------------------------------------------------------------------

describe('rankPlaces', () => {
  it('ranks by the youth’s areas, then preferred district, home, cluster, anywhere else, within the eligible places', () => {
    fc.assert(
      fc.property(arbPlaces, arbYouth, fc.integer({ min: 1, max: 0x7ffffffe }), fc.integer({ min: 0, max: 6 }), (places, y, seed, perArea) => {
        const index = indexPlaces(places, clusters);
        const ranked = rankPlaces(y, index, YEAR, seed, perArea);

        // No duplicates, only eligible places, only the youth's areas.
        expect(new Set(ranked).size).toBe(ranked.length);
        for (const p of ranked) {
          expect(eligibleFor(places[p]!, y, YEAR)).toBe(true);
          expect(y.interestAreas).toContain(places[p]!.area);
        }

        // Areas in the youth's order, tiers nearest first within an area.
        const areaRank = (p: number) => y.interestAreas.indexOf(places[p]!.area);
        for (let i = 1; i < ranked.length; i++) {
          const [prev, cur] = [ranked[i - 1]!, ranked[i]!];
          expect(areaRank(prev)).toBeLessThanOrEqual(areaRank(cur));
          if (areaRank(prev) === areaRank(cur)) expect(tierOf(places[prev]!, y)).toBeLessThanOrEqual(tierOf(places[cur]!, y));
        }

        for (const area of y.interestAreas) {
          const eligible = places.flatMap((p, i) => (p.area === area && eligibleFor(p, y, YEAR) ? [i] : []));
          const taken = ranked.filter((p) => places[p]!.area === area);
          // As many as allowed, as long as there are eligible places.
          expect(taken.length).toBe(Math.min(perArea, eligible.length));
          for (let tier = 0; tier <= 3; tier++) {
            const inTier = eligible.filter((p) => tierOf(places[p]!, y) === tier);
            const takenInTier = taken.filter((p) => tierOf(places[p]!, y) === tier);
            const left = inTier.filter((p) => !taken.includes(p));
            // A farther tier is only reached when the nearer ones are used up.
            if (left.length > 0) expect(taken.every((p) => tierOf(places[p]!, y) <= tier)).toBe(true);
            // Within a tier: in the seed's order, and the first ones in that order.
            const noise = (p: number) => pairNoise(seed, y.id, places[p]!.id);
            const noises = takenInTier.map(noise);
            expect(noises).toEqual([...noises].sort((a, b) => a - b));
            if (takenInTier.length > 0) for (const p of left) expect(noise(p)).toBeGreaterThan(Math.max(...noises));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('takes the preferred district, then home, then the rest of the cluster, then anywhere else', () => {
    const places = [
      placeFor('elsewhere', { districtId: 4 }),
      placeFor('cluster', { districtId: 3 }),
      placeFor('home', { districtId: 1 }),
      placeFor('outside', { districtId: null }),
      placeFor('preferred', { districtId: 2 }),
      placeFor('other-area', { districtId: 2, area: 'lss' }),
    ];
    const index = indexPlaces(places, clusters);
    const y = youth({ districtId: 1, preferredDistrictId: 2 });
    for (const seed of [1, 2, 3, 4, 5]) {
      const ranked = rankPlaces(y, index, YEAR, seed, 4).map((p) => places[p]!.id);
      expect(ranked.slice(0, 3)).toEqual(['preferred', 'home', 'cluster']);
      expect(ranked).toHaveLength(4);
      expect(['elsewhere', 'outside']).toContain(ranked[3]);
    }
    // With five allowed, both places outside the cluster come last.
    expect(rankPlaces(y, index, YEAR, 1, 5).map((p) => places[p]!.id).slice(3).sort()).toEqual(['elsewhere', 'outside']);
    // The second area follows the first, and its own places only.
    const twoAreas = rankPlaces({ ...y, interestAreas: ['lss', 'park_och_miljo'] }, index, YEAR, 1, 2).map((p) => places[p]!.id);
    expect(twoAreas).toEqual(['other-area', 'preferred', 'home']);
  });

  it('leaves out places without seats, wrong ages and months the youth cannot work', () => {
    const places = [
      placeFor('ok'),
      placeFor('no-seats', { capacity: 0 }),
      placeFor('too-young', { ageMin: 18, ageMax: 19 }), // the youth is 17 on 1 June
      placeFor('too-old', { ageMin: 16, ageMax: 16 }),
      placeFor('august', { months: [8] }),
      placeFor('july-august', { months: [7, 8] }),
      placeFor('exactly-17', { ageMin: 17, ageMax: 17 }),
    ];
    const index = indexPlaces(places, clusters);
    const ranked = rankPlaces(youth({ months: [6, 7] }), index, YEAR, 7, 10).map((p) => places[p]!.id);
    expect(ranked.sort()).toEqual(['exactly-17', 'ok']);
  });

  it('counts the age on 1 June of the summer, not on another day', () => {
    // Turns 16 on 2 June 2027: 15 on the summer's first day.
    const places = [placeFor('sixteen-up', { ageMin: 16, ageMax: 19 })];
    const index = indexPlaces(places, clusters);
    expect(rankPlaces(youth({ birthDate: '2011-06-02' }), index, YEAR, 1)).toEqual([]);
    expect(rankPlaces(youth({ birthDate: '2011-06-01' }), index, YEAR, 1)).toEqual([0]);
  });

  it('is deterministic for a seed, and the order within a tier follows the seed', () => {
    const places = Array.from({ length: 6 }, (_, i) => placeFor(`home-${i}`));
    const index = indexPlaces(places, clusters);
    const y = youth();
    const orders = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const first = rankPlaces(y, index, YEAR, seed, 6);
      expect(rankPlaces(y, indexPlaces(places, clusters), YEAR, seed, 6)).toEqual(first);
      expect([...first].sort()).toEqual([0, 1, 2, 3, 4, 5]);
      orders.add(first.join(','));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('takes at most PLACES_PER_AREA (4) places per area by default', () => {
    const places = Array.from({ length: 10 }, (_, i) => placeFor(`p${i}`, { area: i % 2 === 0 ? 'lss' : 'park_och_miljo' }));
    const ranked = rankPlaces(youth({ interestAreas: ['park_och_miljo', 'lss'] }), indexPlaces(places, clusters), YEAR, 3);
    expect(ranked).toHaveLength(8);
    expect(ranked.slice(0, 4).every((p) => places[p]!.area === 'park_och_miljo')).toBe(true);
    expect(ranked.slice(4).every((p) => places[p]!.area === 'lss')).toBe(true);
  });
});
