import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn } from '../aspirants/personnummer';
import {
  birthDateRange,
  checkEligibility,
  dateTs,
  dayTurning,
  eligibilityRules,
  inStockholmsjobbTargetGroup,
  openingAgeWindow,
  periodsOverlap,
  swedishRank,
  youthSupportGroups,
  type EligibilityRule,
  type MatchAspirant,
  type MatchOpening,
} from './eligibility';
import { MATCH_START, matchAspirant, matchOpening } from '../../tests/setup/match-fixtures';

const START = MATCH_START;
const aspirant = matchAspirant;
const opening = matchOpening;

const rulesFailing = (a: MatchAspirant, o: MatchOpening) => checkEligibility(a, o).failures.map((f) => f.rule);
const reasonOf = (a: MatchAspirant, o: MatchOpening, rule: EligibilityRule) => checkEligibility(a, o).failures.find((f) => f.rule === rule)?.reason;

/** An ISO date `days` days after `iso` (negative: before). */
function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The birth date of someone who turns `age` on the start date (`when` = 'on'), the day before
 * it (so is already `age` on the start date) or the day after (so is still `age - 1`).
 */
function turning(age: number, when: 'before' | 'on' | 'after', start = START) {
  const birthday = `${Number(start.slice(0, 4)) - age}${start.slice(4)}`;
  return addDays(birthday, when === 'before' ? -1 : when === 'after' ? 1 : 0);
}

describe('the test helpers', () => {
  it('builds birth dates whose age on the start date is what the tables say', () => {
    expect(turning(16, 'on')).toBe('2011-06-14');
    expect(ageOn(turning(16, 'on'), START)).toBe(16);
    expect(ageOn(turning(16, 'before'), START)).toBe(16);
    expect(ageOn(turning(16, 'after'), START)).toBe(15);
    expect(ageOn(turning(30, 'on'), START)).toBe(30);
    expect(ageOn(turning(30, 'after'), START)).toBe(29);
  });
});

describe('the age rule, on the opening’s start date', () => {
  const feriejobb = { kind: 'feriejobb', subtype: 'park_och_miljo' } as const;
  const ungdom = { kind: 'stockholmsjobb', subtype: 'ungdomsanstallning' } as const;
  const jobbstart = { kind: 'stockholmsjobb', subtype: 'jobbstartsanstallning' } as const;
  const arbetslag = { kind: 'stockholmsjobb', subtype: 'arbetslagsanstallning' } as const;
  const introjobb = { kind: 'stockholmsjobb', subtype: 'introjobbsanstallning' } as const;
  const narrowed = { kind: 'praktik', subtype: 'arbetstraning', ageMin: 18, ageMax: 25 } as const;

  // [what, opening, age reached, when it is reached relative to the start date, eligible]
  const table: Array<[string, Partial<MatchOpening>, number, 'before' | 'on' | 'after', boolean]> = [
    ['feriejobb: turns 16 the day before', feriejobb, 16, 'before', true],
    ['feriejobb: turns 16 on the start date', feriejobb, 16, 'on', true],
    ['feriejobb: turns 16 the day after', feriejobb, 16, 'after', false],
    ['feriejobb: turns 20 the day before', feriejobb, 20, 'before', false],
    ['feriejobb: turns 20 on the start date', feriejobb, 20, 'on', false],
    ['feriejobb: turns 20 the day after', feriejobb, 20, 'after', true],

    ['ungdomsanställning: turns 16 the day before', ungdom, 16, 'before', true],
    ['ungdomsanställning: turns 16 on the start date', ungdom, 16, 'on', true],
    ['ungdomsanställning: turns 16 the day after', ungdom, 16, 'after', false],
    ['ungdomsanställning: turns 30 the day before', ungdom, 30, 'before', false],
    ['ungdomsanställning: turns 30 on the start date', ungdom, 30, 'on', false],
    ['ungdomsanställning: turns 30 the day after', ungdom, 30, 'after', true],

    ['jobbstartsanställning: turns 18 the day before', jobbstart, 18, 'before', true],
    ['jobbstartsanställning: turns 18 on the start date', jobbstart, 18, 'on', true],
    ['jobbstartsanställning: turns 18 the day after', jobbstart, 18, 'after', false],
    ['jobbstartsanställning: turns 16 on the start date', jobbstart, 16, 'on', false],
    ['jobbstartsanställning: turns 30 on the start date', jobbstart, 30, 'on', false],
    ['jobbstartsanställning: turns 30 the day after', jobbstart, 30, 'after', true],

    ['arbetslagsanställning: turns 20 the day before', arbetslag, 20, 'before', true],
    ['arbetslagsanställning: turns 20 on the start date', arbetslag, 20, 'on', true],
    ['arbetslagsanställning: turns 20 the day after', arbetslag, 20, 'after', false],
    ['arbetslagsanställning: turns 30 on the start date', arbetslag, 30, 'on', false],
    ['arbetslagsanställning: turns 30 the day after', arbetslag, 30, 'after', true],

    ['introjobb: turns 16 on the start date', introjobb, 16, 'on', true],
    ['introjobb: turns 16 the day after', introjobb, 16, 'after', false],
    ['introjobb: 30', introjobb, 30, 'on', true],
    ['introjobb: 55', introjobb, 55, 'before', true],
    ['introjobb: turns 67 on the start date', introjobb, 67, 'on', true],
    ['introjobb: turns 68 on the start date', introjobb, 68, 'on', false],

    ['own 18–25: turns 18 on the start date', narrowed, 18, 'on', true],
    ['own 18–25: turns 18 the day after', narrowed, 18, 'after', false],
    ['own 18–25: turns 26 on the start date', narrowed, 26, 'on', false],
    ['own 18–25: turns 26 the day after', narrowed, 26, 'after', true],
    ['feriejobb with its own 17–19: 16', { ...feriejobb, ageMin: 17 }, 16, 'on', false],
    ['ungdomsanställning with its own max 24: 25', { ...ungdom, ageMax: 24 }, 25, 'on', false],
    ['ungdomsanställning with its own max 24: 24', { ...ungdom, ageMax: 24 }, 25, 'after', true],
  ];

  it.each(table)('%s', (_what, o, age, when, eligible) => {
    const result = checkEligibility(aspirant({ birthDate: turning(age, when) }), opening(o));
    // The aspirant is on social assistance, so the Stockholmsjobb target group never fails here.
    expect(result.failures.map((f) => f.rule)).toEqual(eligible ? [] : ['age']);
    expect(result.eligible).toBe(eligible);
  });

  it('never widens the kind’s window with the opening’s own ages', () => {
    expect(rulesFailing(aspirant({ birthDate: turning(15, 'on') }), opening({ kind: 'feriejobb', subtype: 'lss', ageMin: 14 }))).toEqual(['age']);
    expect(rulesFailing(aspirant({ birthDate: turning(20, 'on') }), opening({ kind: 'feriejobb', subtype: 'lss', ageMax: 40 }))).toEqual(['age']);
    expect(rulesFailing(aspirant({ birthDate: turning(30, 'on') }), opening({ kind: 'stockholmsjobb', subtype: 'ungdomsanstallning', ageMax: 35 }))).toEqual(['age']);
  });

  it('says the age, the start date and the window in Swedish', () => {
    expect(reasonOf(aspirant({ birthDate: turning(16, 'after') }), opening(feriejobb), 'age')).toBe(
      `Är 15 år på startdagen ${START}; platsen (feriejobb) kräver 16–19 år.`,
    );
    expect(reasonOf(aspirant({ birthDate: turning(30, 'on') }), opening(ungdom), 'age')).toBe(
      `Är 30 år på startdagen ${START}; ungdomsanställning kräver 16–29 år.`,
    );
    expect(reasonOf(aspirant({ birthDate: turning(18, 'after') }), opening(jobbstart), 'age')).toContain('jobbstartsanställning kräver 18–29 år');
    expect(reasonOf(aspirant({ birthDate: turning(20, 'after') }), opening(arbetslag), 'age')).toContain('arbetslagsanställning kräver 20–29 år');
    expect(reasonOf(aspirant({ birthDate: turning(16, 'after') }), opening(introjobb), 'age')).toContain('introjobbsanställning kräver minst 16 år');
    expect(reasonOf(aspirant({ birthDate: turning(26, 'on') }), opening(narrowed), 'age')).toContain('platsen (praktik) kräver 18–25 år');
  });

  it('does not tell someone too old that the window is “at least 16”', () => {
    const reason = reasonOf(aspirant({ birthDate: turning(68, 'on') }), opening(introjobb), 'age');
    expect(reason).toContain('Är 68 år');
    expect(reason).toContain('16–67 år');
    expect(reason).not.toContain('minst');
  });

  describe('a 29 February birthday', () => {
    it('turns a year older on 29 February in a leap year', () => {
      const o = opening({ ...feriejobb, startDate: '2024-02-29', endDate: '2024-08-31' });
      expect(rulesFailing(aspirant({ birthDate: '2008-02-29' }), o)).toEqual([]); // 16 that day
      expect(rulesFailing(aspirant({ birthDate: '2008-02-29' }), { ...o, startDate: '2024-02-28' })).toEqual(['age']); // still 15
      expect(rulesFailing(aspirant({ birthDate: '2004-02-29' }), o)).toEqual(['age']); // 20 that day
      expect(rulesFailing(aspirant({ birthDate: '2004-02-29' }), { ...o, startDate: '2024-02-28' })).toEqual([]); // still 19
    });

    it('turns a year older on 1 March in a common year', () => {
      const o = (startDate: string) => opening({ ...ungdom, startDate, endDate: '2026-12-31' });
      expect(rulesFailing(aspirant({ birthDate: '1996-02-29' }), o('2026-02-28'))).toEqual([]); // 29
      expect(rulesFailing(aspirant({ birthDate: '1996-02-29' }), o('2026-03-01'))).toEqual(['age']); // 30
      const js = (startDate: string) => opening({ ...jobbstart, startDate, endDate: '2026-12-31' });
      expect(rulesFailing(aspirant({ birthDate: '2008-02-29' }), js('2026-02-28'))).toEqual(['age']); // still 17
      expect(rulesFailing(aspirant({ birthDate: '2008-02-29' }), js('2026-03-01'))).toEqual([]); // 18
    });
  });
});

describe('openingAgeWindow', () => {
  it.each([
    [{ kind: 'feriejobb', subtype: 'lss', ageMin: null, ageMax: null }, { min: 16, max: 19 }],
    [{ kind: 'stockholmsjobb', subtype: 'ungdomsanstallning', ageMin: null, ageMax: null }, { min: 16, max: 29 }],
    [{ kind: 'stockholmsjobb', subtype: 'jobbstartsanstallning', ageMin: null, ageMax: null }, { min: 18, max: 29 }],
    [{ kind: 'stockholmsjobb', subtype: 'arbetslagsanstallning', ageMin: null, ageMax: null }, { min: 20, max: 29 }],
    [{ kind: 'stockholmsjobb', subtype: 'introjobbsanstallning', ageMin: null, ageMax: null }, { min: 16, max: 67 }],
    [{ kind: 'praktik', subtype: 'apl', ageMin: 18, ageMax: 25 }, { min: 18, max: 25 }],
    [{ kind: 'feriejobb', subtype: 'lss', ageMin: 10, ageMax: 40 }, { min: 16, max: 19 }],
    [{ kind: 'stockholmsjobb', subtype: 'arbetslagsanstallning', ageMin: 18, ageMax: 24 }, { min: 20, max: 24 }],
  ] as const)('%o → %o', (o, expected) => {
    expect(openingAgeWindow(o)).toEqual(expected);
  });
});

describe('the Stockholmsjobb target group', () => {
  it('takes anyone on social assistance, at any age', () => {
    for (const age of [16, 20, 29, 30, 45, 67]) expect(inStockholmsjobbTargetGroup(['forsorjningsstod'], age)).toBe(true);
  });

  it('takes a youth 16–29 with any of the support groups', () => {
    for (const group of youthSupportGroups) {
      expect(inStockholmsjobbTargetGroup([group], 16)).toBe(true);
      expect(inStockholmsjobbTargetGroup([group], 29)).toBe(true);
      expect(inStockholmsjobbTargetGroup([group], 30)).toBe(false);
      expect(inStockholmsjobbTargetGroup([group], 15)).toBe(false);
    }
  });

  it('does not take a youth without a group, or with a group that is not a support group', () => {
    expect(inStockholmsjobbTargetGroup([], 22)).toBe(false);
    expect(inStockholmsjobbTargetGroup(['annat'], 22)).toBe(false);
  });

  const introjobb = opening({ kind: 'stockholmsjobb', subtype: 'introjobbsanstallning' });
  const ungdom = opening({ kind: 'stockholmsjobb', subtype: 'ungdomsanstallning' });
  const table: Array<[string, Partial<MatchAspirant>, MatchOpening, boolean]> = [
    ['social assistance at 45 (introjobb)', { birthDate: turning(45, 'on'), targetGroups: ['forsorjningsstod'] }, introjobb, true],
    ['social assistance at 17 (ungdomsanställning)', { birthDate: turning(17, 'on'), targetGroups: ['forsorjningsstod'] }, ungdom, true],
    ['a youth of 22 with UVAS', { birthDate: turning(22, 'on'), targetGroups: ['uvas'] }, ungdom, true],
    ['a youth turning 30 the day after the start with KAA', { birthDate: turning(30, 'after'), targetGroups: ['kaa'] }, ungdom, true],
    ['a youth of 22 without any group', { birthDate: turning(22, 'on'), targetGroups: [] }, ungdom, false],
    ['30 with only youth groups (introjobb)', { birthDate: turning(30, 'on'), targetGroups: ['uvas', 'nyanland'] }, introjobb, false],
    ['45 with only youth groups (introjobb)', { birthDate: turning(45, 'on'), targetGroups: ['langtidsarbetslos'] }, introjobb, false],
  ];
  it.each(table)('%s', (_what, a, o, inGroup) => {
    const result = checkEligibility(aspirant(a), o);
    expect(result.failures.map((f) => f.rule)).toEqual(inGroup ? [] : ['target_group']);
    if (!inGroup) expect(result.failures[0]!.reason).toContain('försörjningsstöd eller unga 16–29 år');
  });

  it('only applies to Stockholmsjobb', () => {
    expect(rulesFailing(aspirant({ targetGroups: [] }), opening({ kind: 'praktik', subtype: 'apl' }))).toEqual([]);
    expect(rulesFailing(aspirant({ birthDate: turning(17, 'on'), targetGroups: [] }), opening({ kind: 'feriejobb', subtype: 'lss' }))).toEqual([]);
  });
});

describe('periodsOverlap', () => {
  const p = (startDate: string, endDate: string) => ({ startDate, endDate });
  it.each([
    ['sharing only the last day of the first', p('2027-01-01', '2027-06-14'), p('2027-06-14', '2027-09-30'), true],
    ['sharing only the first day of the first', p('2027-06-14', '2027-09-30'), p('2027-01-01', '2027-06-14'), true],
    ['one inside the other', p('2027-01-01', '2027-12-31'), p('2027-03-01', '2027-03-02'), true],
    ['the same single day', p('2027-05-05', '2027-05-05'), p('2027-05-05', '2027-05-05'), true],
    ['back to back', p('2027-01-01', '2027-06-13'), p('2027-06-14', '2027-09-30'), false],
    ['far apart', p('2025-01-01', '2025-02-01'), p('2027-01-01', '2027-02-01'), false],
  ])('%s', (_what, a, b, overlaps) => {
    expect(periodsOverlap(a, b)).toBe(overlaps);
    expect(periodsOverlap(b, a)).toBe(overlaps);
  });
});

describe('each rule, passing and failing', () => {
  const placement = (startDate: string, endDate: string) => ({ openingId: 'other', startDate, endDate });
  // [rule, what, aspirant, opening, passes, part of the Swedish reason when it fails]
  const table: Array<[EligibilityRule, string, MatchAspirant, MatchOpening, boolean, string]> = [
    ['kind', 'praktik is matched here', aspirant(), opening(), true, ''],
    ['kind', 'mentorskap is matched in Stockholmsmentor', aspirant(), opening({ kind: 'mentor', subtype: 'sprakmentor' }), false, 'Mentorskap matchas i Stockholmsmentor'],
    ['enrolled', 'still enrolled', aspirant({ exitedOn: null }), opening(), true, ''],
    ['enrolled', 'exited', aspirant({ exitedOn: '2027-01-31' }), opening(), false, 'skrevs ut 2027-01-31'],
    ['consent', 'consented', aspirant({ consented: true }), opening(), true, ''],
    ['consent', 'no consent', aspirant({ consented: false }), opening(), false, 'inte samtyckt'],
    ['age', '27 for praktik', aspirant(), opening(), true, ''],
    ['age', '15 for praktik', aspirant({ birthDate: turning(16, 'after') }), opening(), false, 'Är 15 år på startdagen'],
    ['target_group', 'social assistance', aspirant({ targetGroups: ['forsorjningsstod'] }), opening({ kind: 'stockholmsjobb', subtype: 'introjobbsanstallning' }), true, ''],
    ['target_group', 'no group', aspirant({ targetGroups: [] }), opening({ kind: 'stockholmsjobb', subtype: 'introjobbsanstallning' }), false, 'Stockholmsjobb är för personer med försörjningsstöd'],
    ['availability', 'available from any day', aspirant({ availableFrom: null }), opening(), true, ''],
    ['availability', 'available on the start date', aspirant({ availableFrom: START }), opening(), true, ''],
    ['availability', 'available the day after the start', aspirant({ availableFrom: '2027-06-15' }), opening(), false, `Tillgänglig först 2027-06-15; platsen börjar ${START}`],
    ['overlap', 'a placement ending the day before', aspirant({ placements: [placement('2027-01-01', '2027-06-13')] }), opening(), true, ''],
    ['overlap', 'a placement starting the day after the end', aspirant({ placements: [placement('2027-10-01', '2027-12-31')] }), opening(), true, ''],
    ['overlap', 'a placement ending on the start date', aspirant({ placements: [placement('2027-01-01', START)] }), opening(), false, `placering 2027-01-01–${START} som överlappar`],
    ['overlap', 'a placement starting on the end date', aspirant({ placements: [placement('2027-09-30', '2027-12-31')] }), opening(), false, 'placering 2027-09-30–2027-12-31'],
    ['swedish', 'good for a required good', aspirant({ swedishLevel: 'good' }), opening({ swedishLevel: 'good', swedishRequired: true }), true, ''],
    ['swedish', 'fluent for a required basic', aspirant({ swedishLevel: 'fluent' }), opening({ swedishLevel: 'basic', swedishRequired: true }), true, ''],
    ['swedish', 'basic for a wished-for (not required) good', aspirant({ swedishLevel: 'basic' }), opening({ swedishLevel: 'good', swedishRequired: false }), true, ''],
    ['swedish', 'basic for a required good', aspirant({ swedishLevel: 'basic' }), opening({ swedishLevel: 'good', swedishRequired: true }), false, 'Svenska under den nivå'],
    ['swedish', 'none for a required basic', aspirant({ swedishLevel: 'none' }), opening({ swedishLevel: 'basic', swedishRequired: true }), false, 'arbetsgivaren kräver'],
    ['criminal_record', 'not required', aspirant(), opening({ criminalRecordRequired: false }), true, ''],
    ['criminal_record', 'required and noted', aspirant({ criminalRecordCheckedOn: '2027-05-02' }), opening({ criminalRecordRequired: true }), true, ''],
    ['criminal_record', 'required, none noted', aspirant(), opening({ criminalRecordRequired: true }), false, 'utdrag ur belastningsregistret'],
  ];

  it.each(table)('%s: %s', (rule, _what, a, o, passes, reason) => {
    const result = checkEligibility(a, o);
    if (passes) {
      expect(result).toEqual({ eligible: true, failures: [] });
    } else {
      expect(result.eligible).toBe(false);
      expect(result.failures).toHaveLength(1);
      expect(result.failures[0]!.rule).toBe(rule);
      expect(result.failures[0]!.reason).toContain(reason);
    }
  });

  it('covers every rule with a passing and a failing case', () => {
    for (const rule of eligibilityRules) {
      expect(table.some(([r, , , , passes]) => r === rule && passes), rule).toBe(true);
      expect(table.some(([r, , , , passes]) => r === rule && !passes), rule).toBe(true);
    }
  });
});

describe('several failures at once', () => {
  it('lists every failing rule in rule order, each with its reason', () => {
    const a = aspirant({
      birthDate: turning(70, 'on'),
      exitedOn: '2027-02-01',
      consented: false,
      availableFrom: '2027-07-01',
      placements: [{ openingId: 'x', startDate: '2027-06-01', endDate: '2027-06-30' }],
      swedishLevel: 'none',
    });
    const mentor = opening({ kind: 'mentor', subtype: 'yrkesmentor', swedishLevel: 'good', swedishRequired: true, criminalRecordRequired: true });
    const result = checkEligibility(a, mentor);
    expect(result.eligible).toBe(false);
    expect(result.failures.map((f) => f.rule)).toEqual(['kind', 'enrolled', 'consent', 'age', 'availability', 'overlap', 'swedish', 'criminal_record']);
    expect(result.failures.every((f) => f.reason.length > 10)).toBe(true);

    const sj = opening({ kind: 'stockholmsjobb', subtype: 'ungdomsanstallning', criminalRecordRequired: true });
    expect(rulesFailing(aspirant({ birthDate: turning(31, 'on'), targetGroups: ['uvas'], consented: false }), sj)).toEqual([
      'consent',
      'age',
      'target_group',
      'criminal_record',
    ]);
  });
});

describe('small helpers', () => {
  it('ranks Swedish levels none < basic < good < fluent', () => {
    expect([swedishRank('none'), swedishRank('basic'), swedishRank('good'), swedishRank('fluent')]).toEqual([0, 1, 2, 3]);
  });

  it('turns an ISO date into seconds at UTC midnight', () => {
    expect(dateTs('1970-01-01')).toBe(0);
    expect(dateTs('1970-01-02')).toBe(86_400);
    expect(dateTs('2027-06-14')).toBe(Date.UTC(2027, 5, 14) / 1000);
  });

  it('gives the day someone turns an age, 29 February → 1 March in common years', () => {
    expect(dayTurning('2008-02-29', 16)).toBe('2024-02-29');
    expect(dayTurning('2008-02-29', 17)).toBe('2025-03-01');
    expect(dayTurning('2001-06-14', 16)).toBe('2017-06-14');
    expect(ageOn('2008-02-29', dayTurning('2008-02-29', 17))).toBe(17);
    expect(ageOn('2008-02-29', addDays(dayTurning('2008-02-29', 17), -1))).toBe(16);
  });

  it('gives birth-date ranges that match the age on a day', () => {
    expect(birthDateRange(START, 16, 19)).toEqual({ bornFrom: '2007-06-15', bornTo: '2011-06-14' });
    expect(birthDateRange('2024-02-29', 16, 29)).toEqual({ bornFrom: '1994-03-01', bornTo: '2008-02-29' });
    expect(birthDateRange('2025-02-28', 16, 16)).toEqual({ bornFrom: '2008-02-29', bornTo: '2009-02-28' });
  });
});

describe('birthDateRange agrees with ageOn (property)', () => {
  const MIN_DAY = Date.UTC(1950, 0, 1) / 86_400_000;
  const MAX_DAY = Date.UTC(2030, 11, 31) / 86_400_000;
  const isoDate = fc.integer({ min: MIN_DAY, max: MAX_DAY }).map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
  const ages = fc.tuple(fc.integer({ min: 16, max: 67 }), fc.integer({ min: 16, max: 67 })).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));

  it('holds for random dates and windows', () => {
    fc.assert(
      fc.property(isoDate, isoDate, ages, (onDate, birth, [min, max]) => {
        const { bornFrom, bornTo } = birthDateRange(onDate, min, max);
        const age = ageOn(birth, onDate);
        expect(bornFrom <= birth && birth <= bornTo).toBe(age >= min && age <= max);
      }),
      { numRuns: 300 },
    );
  });

  it('holds at the edges of the range, where a random birth date rarely lands', () => {
    fc.assert(
      fc.property(isoDate, ages, fc.integer({ min: -1, max: 1 }), (onDate, [min, max], shift) => {
        const { bornFrom, bornTo } = birthDateRange(onDate, min, max);
        for (const birth of [addDays(bornFrom, shift), addDays(bornTo, shift)]) {
          const age = ageOn(birth, onDate);
          expect(bornFrom <= birth && birth <= bornTo).toBe(age >= min && age <= max);
        }
      }),
      { numRuns: 300 },
    );
  });
});
