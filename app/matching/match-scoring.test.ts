import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { swedishLevels, type SwedishLevel } from '../openings/opening-rules';
import { type MatchAspirant, type MatchOpening } from './eligibility';
import { matchAspirant, matchOpening } from '../../tests/setup/match-fixtures';
import { formatPart, priorityGroupsBySubtype, scoreMatch, sharedSsykLevel } from './match-scoring';
import { defaultMatchWeights, matchWeightsSchema, type MatchWeights } from './match-weights';

/** Neutral for scoring: no occupation, place, language, Swedish, hours or target group to score. */
const aspirant = (overrides: Partial<MatchAspirant> = {}) =>
  matchAspirant({ districtId: null, clusterId: null, targetGroups: [], swedishLevel: 'none', occupations: [], hoursPerWeek: null, ...overrides });
const opening = (overrides: Partial<MatchOpening> = {}) => matchOpening({ subtype: 'apl', districtId: null, clusterId: null, ...overrides });

// District ids 11, 12 lie in cluster 3 (Järva); 21, 22 in cluster 4 (Söderort).
const districtNames: Record<number, string> = { 11: 'Rinkeby-Kista', 12: 'Spånga-Tensta', 21: 'Farsta', 22: 'Skarpnäck' };
const clusterNames: Record<number, string> = { 3: 'Järva', 4: 'Söderort' };
/** The opening with the names the data loader joins in. */
const named = (o: MatchOpening): MatchOpening => ({
  ...o,
  districtName: o.districtId === null ? null : districtNames[o.districtId],
  clusterName: o.clusterId === null ? null : clusterNames[o.clusterId],
});

const texts = (a: MatchAspirant, o: MatchOpening, w: MatchWeights = defaultMatchWeights) => scoreMatch(a, named(o), w).parts.map(formatPart);

describe('a handmade example', () => {
  const o = opening({
    kind: 'stockholmsjobb',
    subtype: 'ungdomsanstallning',
    occupationCode: '5321',
    districtId: 11,
    clusterId: 3,
    swedishLevel: 'good',
    languages: ['Arabiska', 'somaliska', 'tigrinja'],
    hoursPerWeek: 40,
  });
  const a = aspirant({
    occupations: [
      { code: '5321', years: 7.5 },
      { code: '5322', years: 9 },
    ],
    districtId: 12,
    clusterId: 3,
    languages: [
      { language: 'tigrinja', level: 'modersmal' },
      { language: ' Somaliska ', level: 'god' },
      { language: 'arabiska', level: 'god' },
    ],
    swedishLevel: 'basic',
    hoursPerWeek: 30,
    targetGroups: ['uvas'],
  });

  it('explains every point, in Swedish, in order', () => {
    const result = scoreMatch(a, named(o), defaultMatchWeights);
    expect(result.parts.map(formatPart)).toEqual([
      '+30 samma yrke 5321',
      '+10 5 års erfarenhet som 5321',
      '+10 samma kluster Järva',
      '+5 talar arabiska',
      '+5 talar somaliska',
      '\u221215 svenska under kravnivå (god)',
      '+7 kan arbeta 30 av 40 timmar i veckan',
      '+10 prioriterad målgrupp för ungdomsanställning',
    ]);
    expect(result.parts.map((p) => p.factor)).toEqual(['occupation', 'experience', 'location', 'language', 'language', 'swedish', 'availability', 'priority']);
    expect(result.score).toBe(62);
  });

  it('uses a true minus sign (U+2212), not a hyphen', () => {
    const swedish = scoreMatch(a, o, defaultMatchWeights).parts.find((p) => p.factor === 'swedish')!;
    expect(swedish.points).toBe(-15);
    expect(formatPart(swedish)).toBe('−15 svenska under kravnivå (god)');
    expect(formatPart(swedish).charCodeAt(0)).toBe(0x2212);
    expect(formatPart({ points: -2, text: 'x' })).not.toContain('-');
  });

  it('explains the other branches of each factor', () => {
    const other = aspirant({ occupations: [{ code: '5322', years: 3 }], districtId: 11, clusterId: 3, swedishLevel: 'fluent', hoursPerWeek: null });
    expect(texts(other, o)).toEqual([
      '+20 samma yrkesgrupp 532',
      '+6 3 års erfarenhet inom 532',
      '+15 samma stadsdelsområde Rinkeby-Kista',
      '+5 svenska på kravnivå (god)',
      '+5 timmar per vecka ej angivna',
    ]);
    // Without place names the explanation still reads; without weekly hours the aspirant is available.
    const unnamed = scoreMatch(aspirant({ districtId: 12, clusterId: 3, occupations: [{ code: '5111', years: 20 }] }), opening({ clusterId: 3, districtId: 11 }), defaultMatchWeights);
    expect(unnamed.parts.map(formatPart)).toEqual([
      '+6 samma yrkesområde 5',
      '+10 samma kluster',
      '+10 tillgänglig från startdagen',
    ]);
  });

  it('gives nothing for a different occupation, far away, with nothing the opening asks for', () => {
    const result = scoreMatch(aspirant({ occupations: [{ code: '2512', years: 10 }], districtId: 21, clusterId: 4 }), o, defaultMatchWeights);
    expect(result.parts.map(formatPart)).toEqual(['\u221230 svenska under kravnivå (god)', '+5 timmar per vecka ej angivna']);
    expect(result.score).toBe(-25);
  });

  it('caps experience years and counted languages by the weights', () => {
    const w = { ...defaultMatchWeights, experienceMaxYears: 2, languageMaxMatches: 1 };
    expect(texts(a, o, w)).toContain('+4 2 års erfarenhet som 5321');
    expect(texts(a, o, w).filter((t) => t.includes('talar'))).toEqual(['+5 talar arabiska']);
  });

  it('only counts years in the same yrkesgrupp (3 digits) as experience', () => {
    expect(texts(aspirant({ occupations: [{ code: '5311', years: 5 }] }), opening())).toEqual(['+12 samma huvudgrupp 53', '+10 tillgänglig från startdagen']);
  });

  it('gives priority only for the opening subtype’s groups', () => {
    expect(priorityGroupsBySubtype.ungdomsanstallning).toEqual(['uvas', 'kaa']);
    expect(texts(aspirant({ targetGroups: ['nyanland'] }), opening({ subtype: 'ungdomsanstallning' }))).not.toContainEqual(expect.stringContaining('prioriterad'));
    expect(texts(aspirant({ targetGroups: ['nyanland'] }), opening({ subtype: 'sprak_introduktion' }))).toContain('+10 prioriterad målgrupp för språk-/introduktionspraktik');
    expect(texts(aspirant({ targetGroups: ['uvas', 'kaa'] }), opening({ subtype: 'apl' }))).not.toContainEqual(expect.stringContaining('prioriterad'));
  });
});

describe('the SSYK hierarchy', () => {
  it('counts the digits shared from the start', () => {
    expect(sharedSsykLevel('5321', '5321')).toBe(4);
    expect(sharedSsykLevel('5322', '5321')).toBe(3);
    expect(sharedSsykLevel('5311', '5321')).toBe(2);
    expect(sharedSsykLevel('5111', '5321')).toBe(1);
    expect(sharedSsykLevel('2321', '5321')).toBe(0);
    expect(sharedSsykLevel('', '5321')).toBe(0);
  });

  it('scores 4 digits > 3 > 2 > 1 > 0', () => {
    const score = (code: string) => scoreMatch(aspirant({ occupations: [{ code, years: 0 }] }), opening({ occupationCode: '5321' }), defaultMatchWeights).score;
    const scores = ['5321', '5322', '5311', '5111', '2512'].map(score);
    expect(scores).toEqual([40, 30, 22, 16, 10]);
  });

  it('takes the closest of the aspirant’s occupations', () => {
    expect(texts(aspirant({ occupations: [{ code: '5111', years: 0 }, { code: '5329', years: 0 }, { code: '9999', years: 0 }] }), opening())[0]).toBe('+20 samma yrkesgrupp 532');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/** Weights that pass the admin form: within range, occupation 4 ≥ 3 ≥ 2 ≥ 1, district ≥ cluster. */
const weightsArb: fc.Arbitrary<MatchWeights> = fc
  .record({
    occupation: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }),
    location: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 2 }),
    experiencePerYear: fc.integer({ min: 0, max: 20 }),
    experienceMaxYears: fc.integer({ min: 0, max: 40 }),
    languagePerMatch: fc.integer({ min: 0, max: 50 }),
    languageMaxMatches: fc.integer({ min: 0, max: 10 }),
    swedishMeets: fc.integer({ min: 0, max: 50 }),
    swedishPerLevelBelow: fc.integer({ min: 0, max: 50 }),
    availability: fc.integer({ min: 0, max: 50 }),
    priorityGroup: fc.integer({ min: 0, max: 50 }),
  })
  .map(({ occupation, location, ...rest }) => {
    const [occupation4, occupation3, occupation2, occupation1] = [...occupation].sort((x, y) => y - x) as [number, number, number, number];
    const [sameDistrict, sameCluster] = [...location].sort((x, y) => y - x) as [number, number];
    return { occupation4, occupation3, occupation2, occupation1, sameDistrict, sameCluster, ...rest };
  });

// Few digits so that codes often share a prefix with the opening's.
const ssykCode = fc.tuple(fc.constantFrom('5', '2'), fc.constantFrom('3', '1'), fc.constantFrom('2', '1'), fc.constantFrom('1', '2', '9')).map((d) => d.join(''));
const languageArb = fc.constantFrom('arabiska', 'somaliska', 'engelska', 'tigrinja', 'persiska');
const levelArb = fc.constantFrom(...swedishLevels);
const groupArb = fc.constantFrom('uvas', 'kaa', 'nyanland', 'funktionsnedsattning', 'langtidsarbetslos', 'kort_utbildning', 'forsorjningsstod');
const subtypeArb = fc.constantFrom(...Object.keys(priorityGroupsBySubtype), 'apl', 'lia', 'barn_och_unga');
/** Districts 11, 12 in cluster 3; 21, 22 in cluster 4. */
const districtArb = fc.constantFrom(11, 12, 21, 22);
const clusterOf = (district: number) => Math.floor(district / 10) + 2;
const sibling = (district: number) => (district % 2 === 1 ? district + 1 : district - 1);
const locationArb = fc.option(districtArb, { nil: null }).map((d) => ({ districtId: d, clusterId: d === null ? null : clusterOf(d) }));

const aspirantArb = fc
  .record({
    occupations: fc.array(fc.record({ code: ssykCode, years: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 30, noNaN: true })) }), { maxLength: 3 }),
    location: locationArb,
    languages: fc.uniqueArray(languageArb, { maxLength: 4 }).map((ls) => ls.map((language) => ({ language, level: 'god' }))),
    swedishLevel: levelArb,
    hoursPerWeek: fc.option(fc.integer({ min: 0, max: 45 }), { nil: null }),
    targetGroups: fc.uniqueArray(groupArb, { maxLength: 3 }),
  })
  .map(({ location, ...r }) => aspirant({ ...r, ...location }));

const openingArb = fc
  .record({
    occupationCode: ssykCode,
    location: locationArb,
    languages: fc.uniqueArray(languageArb, { maxLength: 4 }),
    swedishLevel: levelArb,
    hoursPerWeek: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    subtype: subtypeArb,
  })
  .map(({ location, ...r }) => opening({ ...r, ...location }));

const score = (a: MatchAspirant, o: MatchOpening, w: MatchWeights) => scoreMatch(a, o, w).score;
const RUNS = { numRuns: 200 };

describe('properties of the score', () => {
  it('generates weights the admin form accepts', () => {
    fc.assert(
      fc.property(weightsArb, (w) => {
        const form = { ...Object.fromEntries(Object.entries(w).map(([k, v]) => [k, String(v)])), note: 'Slumpade vikter' };
        expect(matchWeightsSchema.safeParse(form).success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('is always the sum of the explanation’s parts, none of them zero', () => {
    fc.assert(
      fc.property(aspirantArb, openingArb, weightsArb, (a, o, w) => {
        const { score: total, parts } = scoreMatch(a, named(o), w);
        expect(parts.reduce((sum, p) => sum + p.points, 0)).toBe(total);
        for (const p of parts) {
          expect(p.points).not.toBe(0);
          expect(Number.isInteger(p.points)).toBe(true);
          expect(formatPart(p)).toMatch(/^[+−]\d+ \S/);
        }
      }),
      RUNS,
    );
  });

  it('never falls when an occupation is replaced by one closer to the opening’s (same years)', () => {
    fc.assert(
      fc.property(
        aspirantArb.filter((a) => a.occupations.length > 0),
        openingArb,
        weightsArb,
        fc.nat(),
        fc.integer({ min: 1, max: 4 }),
        (a, o, w, pick, closer) => {
          const i = pick % a.occupations.length;
          const before = a.occupations[i]!;
          const level = sharedSsykLevel(before.code, o.occupationCode);
          fc.pre(level < 4);
          const shared = Math.min(4, level + closer);
          const code = o.occupationCode.slice(0, shared) + before.code.slice(shared);
          expect(sharedSsykLevel(code, o.occupationCode)).toBeGreaterThan(level);
          const better = { ...a, occupations: a.occupations.map((x, j) => (j === i ? { ...x, code } : x)) };
          expect(score(better, o, w)).toBeGreaterThanOrEqual(score(a, o, w));
        },
      ),
      RUNS,
    );
  });

  it('never falls with more years of experience', () => {
    fc.assert(
      fc.property(aspirantArb.filter((a) => a.occupations.length > 0), openingArb, weightsArb, fc.nat(), fc.integer({ min: 1, max: 20 }), (a, o, w, pick, more) => {
        const i = pick % a.occupations.length;
        const better = { ...a, occupations: a.occupations.map((x, j) => (j === i ? { ...x, years: x.years + more } : x)) };
        expect(score(better, o, w)).toBeGreaterThanOrEqual(score(a, o, w));
      }),
      RUNS,
    );
  });

  it('never falls from no location to the same cluster to the same district', () => {
    const placedOpening = openingArb.chain((o) => districtArb.map((d) => ({ ...o, districtId: d, clusterId: clusterOf(d) })));
    fc.assert(
      fc.property(aspirantArb, placedOpening, weightsArb, (a, o, w) => {
        const nowhere = score({ ...a, districtId: null, clusterId: null }, o, w);
        const otherCluster = score({ ...a, districtId: o.districtId! > 20 ? 11 : 21, clusterId: o.clusterId! === 3 ? 4 : 3 }, o, w);
        const sameCluster = score({ ...a, districtId: sibling(o.districtId!), clusterId: o.clusterId }, o, w);
        const sameDistrict = score({ ...a, districtId: o.districtId, clusterId: o.clusterId }, o, w);
        expect(otherCluster).toBe(nowhere);
        expect(sameCluster).toBeGreaterThanOrEqual(nowhere);
        expect(sameDistrict).toBeGreaterThanOrEqual(sameCluster);
      }),
      RUNS,
    );
  });

  it('never falls when the aspirant speaks one more language the opening asks for', () => {
    fc.assert(
      fc.property(aspirantArb, openingArb.filter((o) => o.languages.length > 0), weightsArb, fc.nat(), fc.boolean(), (a, o, w, pick, shout) => {
        const language = o.languages[pick % o.languages.length]!;
        const without = { ...a, languages: a.languages.filter((l) => l.language !== language) };
        // The aspirant's language may be written differently (case) from the opening's.
        const withIt = { ...without, languages: [...without.languages, { language: shout ? language.toUpperCase() : language, level: 'god' }] };
        expect(score(withIt, o, w)).toBeGreaterThanOrEqual(score(without, o, w));
      }),
      RUNS,
    );
  });

  it('never falls with better Swedish', () => {
    const twoLevels = fc.tuple(levelArb, levelArb).map(([x, y]) => (swedishLevels.indexOf(x) <= swedishLevels.indexOf(y) ? [x, y] : [y, x]) as [SwedishLevel, SwedishLevel]);
    fc.assert(
      fc.property(aspirantArb, openingArb, weightsArb, twoLevels, (a, o, w, [worse, better]) => {
        expect(score({ ...a, swedishLevel: better }, o, w)).toBeGreaterThanOrEqual(score({ ...a, swedishLevel: worse }, o, w));
      }),
      RUNS,
    );
  });

  it('never falls with more hours per week', () => {
    const twoHours = fc.tuple(fc.integer({ min: 0, max: 45 }), fc.integer({ min: 0, max: 45 })).map(([x, y]) => (x <= y ? [x, y] : [y, x]) as [number, number]);
    fc.assert(
      fc.property(aspirantArb, openingArb, weightsArb, twoHours, (a, o, w, [fewer, more]) => {
        expect(score({ ...a, hoursPerWeek: more }, o, w)).toBeGreaterThanOrEqual(score({ ...a, hoursPerWeek: fewer }, o, w));
      }),
      RUNS,
    );
  });

  it('never falls with a priority target group of the opening’s subtype', () => {
    const prioritised = openingArb.filter((o) => (priorityGroupsBySubtype[o.subtype] ?? []).length > 0);
    fc.assert(
      fc.property(aspirantArb, prioritised, weightsArb, fc.nat(), (a, o, w, pick) => {
        const groups = priorityGroupsBySubtype[o.subtype]!;
        const group = groups[pick % groups.length]!;
        const without = { ...a, targetGroups: a.targetGroups.filter((g) => g !== group) };
        const withIt = { ...without, targetGroups: [...without.targetGroups, group] };
        expect(score(withIt, o, w)).toBeGreaterThanOrEqual(score(without, o, w));
      }),
      RUNS,
    );
  });
});
