import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn } from '../aspirants/personnummer';
import { birthDateRange, checkEligibility, type MatchAspirant, type MatchOpening } from './eligibility';
import { canMoveMatch, matchStatuses, mayMoveMatch, type MatchStatus } from './match-rules';
import { formatPart, scoreMatch } from './match-scoring';
import { defaultMatchWeights, matchWeightsSchema, type MatchWeights } from './match-weights';

const START = '2027-06-14';

function aspirant(overrides: Partial<MatchAspirant> = {}): MatchAspirant {
  return {
    id: 'a',
    birthDate: '2000-01-01',
    districtId: 1,
    clusterId: 1,
    targetGroups: ['forsorjningsstod'],
    languages: [],
    swedishLevel: 'good',
    occupations: [{ code: '5321', years: 2 }],
    availableFrom: null,
    hoursPerWeek: 40,
    criminalRecordCheckedOn: null,
    exitedOn: null,
    consented: true,
    placements: [],
    ...overrides,
  };
}
function opening(overrides: Partial<MatchOpening> = {}): MatchOpening {
  return {
    id: 'o',
    kind: 'praktik',
    subtype: 'arbetstraning',
    startDate: START,
    endDate: '2027-09-30',
    ageMin: null,
    ageMax: null,
    districtId: 1,
    clusterId: 1,
    occupationCode: '5321',
    swedishLevel: 'none',
    swedishRequired: false,
    languages: [],
    criminalRecordRequired: false,
    hoursPerWeek: null,
    ...overrides,
  };
}
const failed = (a: MatchAspirant, o: MatchOpening) => checkEligibility(a, o).failures.map((f) => f.rule);

/** Born `years` years before the start date, shifted by `days` (negative: earlier, so older). */
function bornYearsBefore(years: number, days = 0) {
  const d = new Date(`${Number(START.slice(0, 4)) - years}${START.slice(4)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('eligibility: age windows on the start date', () => {
  const cases: Array<[string, Partial<MatchOpening>, number, number, boolean]> = [
    // [what, opening, age in years on the start date, day shift, eligible]
    ['feriejobb, turning 16 on the start date', { kind: 'feriejobb', subtype: 'park_och_miljo' }, 16, 0, true],
    ['feriejobb, turning 16 the day after', { kind: 'feriejobb', subtype: 'park_och_miljo' }, 16, 1, false],
    ['feriejobb, turning 20 on the start date', { kind: 'feriejobb', subtype: 'park_och_miljo' }, 20, 0, false],
    ['feriejobb, turning 20 the day after', { kind: 'feriejobb', subtype: 'park_och_miljo' }, 20, 1, true],
    ['ungdomsanställning, turning 30 on the start date', { kind: 'stockholmsjobb', subtype: 'ungdomsanstallning' }, 30, 0, false],
    ['ungdomsanställning, turning 30 the day after', { kind: 'stockholmsjobb', subtype: 'ungdomsanstallning' }, 30, 1, true],
    ['ungdomsanställning, turning 16 on the start date', { kind: 'stockholmsjobb', subtype: 'ungdomsanstallning' }, 16, 0, true],
    ['jobbstart, 17', { kind: 'stockholmsjobb', subtype: 'jobbstartsanstallning' }, 17, 0, false],
    ['jobbstart, turning 18 on the start date', { kind: 'stockholmsjobb', subtype: 'jobbstartsanstallning' }, 18, 0, true],
    ['arbetslag, turning 20 on the start date', { kind: 'stockholmsjobb', subtype: 'arbetslagsanstallning' }, 20, 0, true],
    ['arbetslag, turning 20 the day after', { kind: 'stockholmsjobb', subtype: 'arbetslagsanstallning' }, 20, 1, false],
    ['introjobb, 45', { kind: 'stockholmsjobb', subtype: 'introjobbsanstallning' }, 45, 0, true],
    ["praktik narrowed by the opening's own 18–25, 25", { ageMin: 18, ageMax: 25 }, 25, 0, true],
    ["praktik narrowed by the opening's own 18–25, turning 26", { ageMin: 18, ageMax: 25 }, 26, 0, false],
  ];
  it.each(cases)('%s', (_what, o, years, days, eligible) => {
    const rules = failed(aspirant({ birthDate: bornYearsBefore(years, days) }), opening(o));
    expect(rules.includes('age')).toBe(!eligible);
  });

  it('says the age and the window in Swedish', () => {
    const [failure] = checkEligibility(aspirant({ birthDate: bornYearsBefore(15) }), opening({ kind: 'feriejobb', subtype: 'lss' })).failures;
    expect(failure).toEqual({ rule: 'age', reason: `Är 15 år på startdagen ${START}; platsen (feriejobb) kräver 16–19 år.` });
  });

  it('agrees with ageOn to the day for any date and window (birth-date ranges for the index)', () => {
    const day = fc.integer({ min: Date.UTC(1950, 0, 1) / 864e5, max: Date.UTC(2030, 11, 31) / 864e5 }).map((n) => new Date(n * 864e5).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 67 }), fc.integer({ min: 0, max: 20 }), (on, birth, min, span) => {
        const max = Math.min(67, min + span);
        const { bornFrom, bornTo } = birthDateRange(on, min, max);
        const age = ageOn(birth, on);
        expect(bornFrom <= birth && birth <= bornTo).toBe(age >= min && age <= max);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('eligibility: the other rules', () => {
  const sj = opening({ kind: 'stockholmsjobb', subtype: 'ungdomsanstallning' });
  const table: Array<[string, MatchAspirant, MatchOpening, string[]]> = [
    ['eligible as it stands', aspirant(), opening(), []],
    ['mentor slots are matched elsewhere', aspirant(), opening({ kind: 'mentor', subtype: 'sprakmentor' }), ['kind']],
    ['exited', aspirant({ exitedOn: '2027-01-01' }), opening(), ['enrolled']],
    ['no consent', aspirant({ consented: false }), opening(), ['consent']],
    ['Stockholmsjobb: on social assistance', aspirant({ birthDate: bornYearsBefore(25) }), sj, []],
    ['Stockholmsjobb: a youth with support needs', aspirant({ birthDate: bornYearsBefore(22), targetGroups: ['uvas'] }), sj, []],
    ['Stockholmsjobb: a youth without a target group', aspirant({ birthDate: bornYearsBefore(22), targetGroups: [] }), sj, ['target_group']],
    ['Stockholmsjobb introjobb: 30 with only a youth group', aspirant({ birthDate: bornYearsBefore(30), targetGroups: ['uvas'] }), opening({ kind: 'stockholmsjobb', subtype: 'introjobbsanstallning' }), ['target_group']],
    ['available the day it starts', aspirant({ availableFrom: START }), opening(), []],
    ['available the day after it starts', aspirant({ availableFrom: '2027-06-15' }), opening(), ['availability']],
    ['a placement ending on the start day', aspirant({ placements: [{ openingId: 'x', startDate: '2027-01-01', endDate: START }] }), opening(), ['overlap']],
    ['a placement ending the day before', aspirant({ placements: [{ openingId: 'x', startDate: '2027-01-01', endDate: '2027-06-13' }] }), opening(), []],
    ['Swedish below a required level', aspirant({ swedishLevel: 'basic' }), opening({ swedishLevel: 'good', swedishRequired: true }), ['swedish']],
    ['Swedish below a level that is not required', aspirant({ swedishLevel: 'basic' }), opening({ swedishLevel: 'good' }), []],
    ['criminal-record extract required, none noted', aspirant(), opening({ criminalRecordRequired: true }), ['criminal_record']],
    ['criminal-record extract required and noted', aspirant({ criminalRecordCheckedOn: '2027-01-10' }), opening({ criminalRecordRequired: true }), []],
    ['several at once', aspirant({ consented: false, swedishLevel: 'none' }), opening({ swedishLevel: 'basic', swedishRequired: true, criminalRecordRequired: true }), ['consent', 'swedish', 'criminal_record']],
  ];
  it.each(table)('%s', (_what, a, o, rules) => {
    const result = checkEligibility(a, o);
    expect(result.failures.map((f) => f.rule)).toEqual(rules);
    expect(result.eligible).toBe(rules.length === 0);
    for (const f of result.failures) expect(f.reason.length).toBeGreaterThan(10);
  });
});

const places = { district: () => 'Rinkeby-Kista', cluster: () => 'Järva' };

describe('the score', () => {
  it('explains itself with parts that add up to it', () => {
    const result = scoreMatch(
      aspirant({ districtId: 2, clusterId: 1, swedishLevel: 'basic', languages: [{ language: 'Arabiska', level: 'modersmal' }], occupations: [{ code: '5321', years: 3 }], targetGroups: ['funktionsnedsattning'] }),
      opening({ districtId: 1, clusterId: 1, swedishLevel: 'good', languages: ['arabiska'], hoursPerWeek: 40 }),
      defaultMatchWeights,
      places,
    );
    expect(result.parts.map(formatPart)).toEqual([
      '+30 samma yrke 5321',
      '+6 3 års erfarenhet som 5321',
      '+10 samma kluster Järva',
      '+5 talar arabiska',
      '−15 svenska under kravnivå (god)',
      '+10 kan arbeta 40 av 40 timmar i veckan',
      '+10 prioriterad målgrupp för arbetsträning',
    ]);
    expect(result.score).toBe(56);
  });

  it('ranks the SSYK hierarchy: 4 digits > 3 > 2 > 1 > none', () => {
    const score = (code: string) => scoreMatch(aspirant({ occupations: [{ code, years: 0 }] }), opening(), defaultMatchWeights).score;
    expect(score('5321')).toBeGreaterThan(score('5322'));
    expect(score('5322')).toBeGreaterThan(score('5311'));
    expect(score('5311')).toBeGreaterThan(score('5111'));
    expect(score('5111')).toBeGreaterThan(score('2512'));
  });

  // Valid weights: the schema's order (occupation 4 ≥ 3 ≥ 2 ≥ 1, district ≥ cluster).
  const weightsArb: fc.Arbitrary<MatchWeights> = fc
    .record({
      o: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }),
      l: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 2 }),
      experiencePerYear: fc.integer({ min: 0, max: 20 }),
      experienceMaxYears: fc.integer({ min: 0, max: 40 }),
      languagePerMatch: fc.integer({ min: 0, max: 50 }),
      languageMaxMatches: fc.integer({ min: 0, max: 10 }),
      swedishMeets: fc.integer({ min: 0, max: 50 }),
      swedishPerLevelBelow: fc.integer({ min: 0, max: 50 }),
      availability: fc.integer({ min: 0, max: 50 }),
      priorityGroup: fc.integer({ min: 0, max: 50 }),
    })
    .map(({ o, l, ...rest }) => {
      const [o4, o3, o2, o1] = [...o].sort((a, b) => b - a) as [number, number, number, number];
      const [d, c] = [...l].sort((a, b) => b - a) as [number, number];
      return { occupation4: o4, occupation3: o3, occupation2: o2, occupation1: o1, sameDistrict: d, sameCluster: c, ...rest };
    });
  const code = fc.stringMatching(/^[1-9][0-9]{3}$/);
  const language = fc.constantFrom('arabiska', 'somaliska', 'engelska', 'tigrinja', 'persiska');
  const level = fc.constantFrom('none', 'basic', 'good', 'fluent') as fc.Arbitrary<MatchAspirant['swedishLevel']>;
  const district = fc.integer({ min: 1, max: 4 });
  const clusterOf = (d: number | null) => (d === null ? null : d <= 2 ? 1 : 2);
  const aspirantArb = fc
    .record({
      occupations: fc.array(fc.record({ code, years: fc.integer({ min: 0, max: 30 }) }), { maxLength: 3 }),
      districtId: fc.option(district, { nil: null }),
      languages: fc.uniqueArray(language, { maxLength: 3 }).map((ls) => ls.map((l) => ({ language: l, level: 'god' }))),
      swedishLevel: level,
      hoursPerWeek: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
      targetGroups: fc.uniqueArray(fc.constantFrom('uvas', 'kaa', 'nyanland', 'funktionsnedsattning', 'langtidsarbetslos'), { maxLength: 2 }),
    })
    .map((r) => aspirant({ ...r, clusterId: clusterOf(r.districtId) }));
  const openingArb = fc
    .record({
      occupationCode: code,
      districtId: fc.option(district, { nil: null }),
      languages: fc.uniqueArray(language, { maxLength: 3 }),
      swedishLevel: level,
      hoursPerWeek: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
      subtype: fc.constantFrom('ungdomsanstallning', 'jobbstartsanstallning', 'introjobbsanstallning', 'arbetstraning', 'apl'),
    })
    .map((r) => opening({ ...r, clusterId: clusterOf(r.districtId) }));

  it('is always the sum of its parts', () => {
    fc.assert(
      fc.property(aspirantArb, openingArb, weightsArb, (a, o, w) => {
        const { score, parts } = scoreMatch(a, o, w);
        expect(parts.reduce((s, p) => s + p.points, 0)).toBe(score);
      }),
    );
  });

  const never = (improve: (a: MatchAspirant, o: MatchOpening) => MatchAspirant | null) =>
    fc.assert(
      fc.property(aspirantArb, openingArb, weightsArb, (a, o, w) => {
        const better = improve(a, o);
        if (better) expect(scoreMatch(better, o, w).score).toBeGreaterThanOrEqual(scoreMatch(a, o, w).score);
      }),
      { numRuns: 300 },
    );

  it('never falls when an occupation comes one digit closer', () =>
    never((a, o) => {
      const i = a.occupations.findIndex((x) => x.code !== o.occupationCode);
      if (i < 0) return null;
      const current = a.occupations[i]!.code;
      let n = 0;
      while (n < 4 && current[n] === o.occupationCode[n]) n++;
      const closer = o.occupationCode.slice(0, n + 1) + current.slice(n + 1);
      return { ...a, occupations: a.occupations.map((x, j) => (j === i ? { ...x, code: closer } : x)) };
    }));
  it('never falls with more years of experience', () => never((a) => (a.occupations.length ? { ...a, occupations: a.occupations.map((x, j) => (j === 0 ? { ...x, years: x.years + 3 } : x)) } : null)));
  it('never falls when the aspirant lives closer', () =>
    never((a, o) => (o.districtId === null ? null : a.clusterId === o.clusterId ? { ...a, districtId: o.districtId } : { ...a, districtId: o.districtId === 1 ? 2 : o.districtId === 2 ? 1 : o.districtId === 3 ? 4 : 3, clusterId: o.clusterId })));
  it('never falls with a language the opening asks for', () =>
    never((a, o) => {
      const missing = o.languages.find((l) => !a.languages.some((x) => x.language === l));
      return missing ? { ...a, languages: [...a.languages, { language: missing, level: 'god' }] } : null;
    }));
  it('never falls with better Swedish', () =>
    never((a) => {
      const next = { none: 'basic', basic: 'good', good: 'fluent', fluent: null } as const;
      const level = next[a.swedishLevel];
      return level ? { ...a, swedishLevel: level } : null;
    }));
  it('never falls with more hours per week', () => never((a) => (a.hoursPerWeek !== null ? { ...a, hoursPerWeek: Math.min(40, a.hoursPerWeek + 5) } : { ...a, hoursPerWeek: 40 })));
  it('never falls with a priority target group', () => never((a) => ({ ...a, targetGroups: [...a.targetGroups, 'funktionsnedsattning', 'uvas', 'nyanland', 'langtidsarbetslos'] })));
});

describe('the weights form', () => {
  const form = (changes: Record<string, string> = {}) => ({ ...Object.fromEntries(Object.entries(defaultMatchWeights).map(([k, v]) => [k, String(v)])), note: 'Justering', ...changes });
  it('accepts the defaults', () => expect(matchWeightsSchema.safeParse(form()).success).toBe(true));
  it('refuses every bad value at once, in Swedish', () => {
    const result = matchWeightsSchema.safeParse(form({ occupation1: '-1', languagePerMatch: '2,5', availability: '', sameCluster: '20', note: '' }));
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(Object.keys(byField).sort()).toEqual(['availability', 'languagePerMatch', 'note', 'occupation1', 'sameCluster']);
    expect(byField.occupation1).toBe('Värdet får inte vara negativt');
    expect(byField.sameCluster).toContain('Får inte vara högre än');
  });
});

describe('the pipeline', () => {
  const allowed: Array<[MatchStatus, MatchStatus]> = [
    ['proposed', 'reviewed'], ['proposed', 'declined'], ['proposed', 'withdrawn'],
    ['reviewed', 'interview'], ['reviewed', 'declined'], ['reviewed', 'withdrawn'],
    ['interview', 'offer'], ['interview', 'declined'], ['interview', 'withdrawn'],
    ['offer', 'placed'], ['offer', 'declined'], ['offer', 'withdrawn'],
    ['placed', 'ended'],
  ];
  it('allows exactly the listed transitions', () => {
    for (const from of matchStatuses) {
      for (const to of matchStatuses) {
        expect(canMoveMatch(from, to), `${from} → ${to}`).toBe(allowed.some(([f, t]) => f === from && t === to));
      }
    }
  });
  it('lets employers answer and coaches record', () => {
    expect(mayMoveMatch('employer', 'proposed', 'reviewed')).toBe(true);
    expect(mayMoveMatch('coach', 'proposed', 'reviewed')).toBe(false);
    expect(mayMoveMatch('employer', 'offer', 'placed')).toBe(false);
    expect(mayMoveMatch('coach', 'offer', 'placed')).toBe(true);
    expect(mayMoveMatch('coach', 'interview', 'offer')).toBe(true);
    expect(mayMoveMatch('employer', 'interview', 'offer')).toBe(true);
    expect(mayMoveMatch('employer', 'reviewed', 'withdrawn')).toBe(false);
    expect(mayMoveMatch('coach', 'reviewed', 'declined')).toBe(false);
  });
});
