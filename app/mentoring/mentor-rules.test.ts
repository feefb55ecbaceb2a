import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availabilities,
  HEALTH_DAYS,
  mayMovePair,
  mentorProgrammes,
  pairHealth,
  pairRefusal,
  pairStatuses,
  programmeWeights,
  scorePair,
  type MentorProgramme,
  type PairStatus,
  type ScoringAdept,
  type ScoringMentor,
} from './mentor-rules';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const DAY = 86_400_000;
/** The ISO date `days` days after 1970-01-01 (UTC). */
const isoOfDay = (days: number) => new Date(days * DAY).toISOString().slice(0, 10);
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

const mentor = (over: Partial<ScoringMentor> = {}): ScoringMentor => ({
  id: 'm1',
  gender: 'kvinna',
  occupationCode: '9999',
  languages: [],
  programmes: [...mentorProgrammes],
  availability: [],
  districtId: null,
  status: 'approved',
  freeCapacity: 2,
  ...over,
});

const adept = (over: Partial<ScoringAdept> = {}): ScoringAdept => ({
  id: 'a1',
  programme: 'yrkesmentor',
  goalOccupationCode: null,
  languages: [],
  availability: [],
  districtId: null,
  age: 35,
  studying: false,
  preferredMentorGender: null,
  ...over,
});

const LANGUAGES = ['sv', 'ar', 'so', 'ti', 'fa', 'en'] as const;
/** Few digits, so that random codes often share a prefix. */
const arbCode = fc.array(fc.constantFrom('1', '2', '3'), { minLength: 4, maxLength: 4 }).map((d) => d.join(''));
const arbLanguages = fc.uniqueArray(fc.constantFrom(...LANGUAGES), { maxLength: LANGUAGES.length });
const arbAvailability = fc.uniqueArray(fc.constantFrom(...availabilities), { maxLength: availabilities.length });
const arbDistrict = fc.option(fc.integer({ min: 1, max: 3 }), { nil: null });

const arbMentor: fc.Arbitrary<ScoringMentor> = fc.record({
  id: fc.constant('m'),
  gender: fc.constantFrom('kvinna', 'man'),
  occupationCode: arbCode,
  languages: arbLanguages,
  programmes: fc.constant([...mentorProgrammes]),
  availability: arbAvailability,
  districtId: arbDistrict,
  status: fc.constant('approved' as const),
  freeCapacity: fc.integer({ min: 1, max: 3 }),
});

const arbAdept: fc.Arbitrary<ScoringAdept> = fc.record({
  id: fc.constant('a'),
  programme: fc.constantFrom(...mentorProgrammes),
  goalOccupationCode: fc.option(arbCode, { nil: null }),
  languages: arbLanguages,
  availability: arbAvailability,
  districtId: arbDistrict,
  age: fc.integer({ min: 16, max: 29 }),
  studying: fc.boolean(),
  preferredMentorGender: fc.constant(null),
});

/** How many leading digits two occupation codes share (at most 4). */
function prefixLength(a: string, b: string) {
  let n = 0;
  while (n < 4 && n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** A 4-digit code sharing exactly `k` leading digits with `goal`, the rest taken from `tail`. */
function codeSharing(goal: string, k: number, tail: string) {
  if (k >= 4) return goal.slice(0, 4);
  const differing = String((Number(goal[k]) + 1) % 10);
  return goal.slice(0, k) + differing + tail.slice(k + 1, 4);
}

const score = (m: ScoringMentor, a: ScoringAdept) => scorePair(m, a).score;

// ---------------------------------------------------------------------------------------------
// pairHealth
// ---------------------------------------------------------------------------------------------

describe('pairHealth', () => {
  it('uses a 5-week threshold', () => {
    expect(HEALTH_DAYS).toBe(35);
  });

  it('turns to needs-follow-up exactly 35 days after confirmation when no meeting is logged', () => {
    expect(pairHealth(null, '2027-01-01', '2027-01-01')).toBe('on-track');
    expect(pairHealth(null, '2027-01-01', '2027-02-04')).toBe('on-track'); // 34 days
    expect(pairHealth(null, '2027-01-01', '2027-02-05')).toBe('needs-follow-up'); // 35 days
    expect(pairHealth(null, '2027-01-01', '2027-06-01')).toBe('needs-follow-up');
  });

  it('restarts the clock at the last meeting', () => {
    expect(pairHealth('2027-02-01', '2027-01-01', '2027-02-05')).toBe('on-track');
    expect(pairHealth('2027-02-01', '2027-01-01', '2027-03-07')).toBe('on-track'); // 34 days (February 2027 has 28)
    expect(pairHealth('2027-02-01', '2027-01-01', '2027-03-08')).toBe('needs-follow-up'); // 35 days
  });

  it('counts a meeting on the confirmation day like the confirmation', () => {
    expect(pairHealth('2027-01-01', '2027-01-01', '2027-02-04')).toBe('on-track');
    expect(pairHealth('2027-01-01', '2027-01-01', '2027-02-05')).toBe('needs-follow-up');
  });

  it('ignores a meeting dated before the confirmation', () => {
    expect(pairHealth('2026-12-01', '2027-03-01', '2027-04-04')).toBe('on-track'); // 34 days after confirmation
    expect(pairHealth('2026-12-01', '2027-03-01', '2027-04-05')).toBe('needs-follow-up'); // 35 days
  });

  it('counts days across month, year and leap-year boundaries', () => {
    // February 2028 has 29 days: 2028-02-01 + 35 days = 2028-03-07.
    expect(pairHealth(null, '2028-02-01', '2028-03-06')).toBe('on-track');
    expect(pairHealth(null, '2028-02-01', '2028-03-07')).toBe('needs-follow-up');
    // February 2027 has 28 days: 2027-02-01 + 35 days = 2027-03-08.
    expect(pairHealth(null, '2027-02-01', '2027-03-07')).toBe('on-track');
    expect(pairHealth(null, '2027-02-01', '2027-03-08')).toBe('needs-follow-up');
    // Across new year: 2027-12-15 + 35 days = 2028-01-19.
    expect(pairHealth(null, '2027-12-15', '2028-01-18')).toBe('on-track');
    expect(pairHealth(null, '2027-12-15', '2028-01-19')).toBe('needs-follow-up');
    // A meeting on leap day: 2028-02-29 + 35 days = 2028-04-04.
    expect(pairHealth('2028-02-29', '2028-01-10', '2028-04-03')).toBe('on-track');
    expect(pairHealth('2028-02-29', '2028-01-10', '2028-04-04')).toBe('needs-follow-up');
    // Across the end of March (DST in Europe, irrelevant to date-only arithmetic).
    expect(pairHealth(null, '2027-03-20', '2027-04-23')).toBe('on-track');
    expect(pairHealth(null, '2027-03-20', '2027-04-24')).toBe('needs-follow-up');
  });

  it('needs follow-up iff at least 35 days have passed since confirmation (no meeting)', () => {
    const from = dayOf('2020-01-01');
    const to = dayOf('2035-12-31');
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.integer({ min: 0, max: 400 }), (confirmed, d) => {
        const health = pairHealth(null, isoOfDay(confirmed), isoOfDay(confirmed + d));
        expect(health).toBe(d >= 35 ? 'needs-follow-up' : 'on-track');
      }),
      { numRuns: 500 },
    );
  });

  it('needs follow-up iff at least 35 days have passed since the later of confirmation and last meeting', () => {
    const from = dayOf('2020-01-01');
    const to = dayOf('2035-12-31');
    fc.assert(
      fc.property(
        fc.integer({ min: from, max: to }),
        fc.option(fc.integer({ min: -120, max: 120 }), { nil: null }),
        fc.integer({ min: 0, max: 200 }),
        (confirmed, meetingOffset, d) => {
          const meeting = meetingOffset === null ? null : confirmed + meetingOffset;
          const since = meeting !== null && meeting > confirmed ? meeting : confirmed;
          const health = pairHealth(meeting === null ? null : isoOfDay(meeting), isoOfDay(confirmed), isoOfDay(since + d));
          expect(health).toBe(d >= 35 ? 'needs-follow-up' : 'on-track');
        },
      ),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// mayMovePair
// ---------------------------------------------------------------------------------------------

describe('mayMovePair', () => {
  const allowed = new Set(['suggested>confirmed', 'suggested>cancelled', 'confirmed>active', 'confirmed>ended', 'active>ended']);
  const cases: [PairStatus, PairStatus, boolean][] = pairStatuses.flatMap((from) => pairStatuses.map((to): [PairStatus, PairStatus, boolean] => [from, to, allowed.has(`${from}>${to}`)]));

  it('covers all 25 pairs of statuses', () => {
    expect(pairStatuses).toHaveLength(5);
    expect(cases).toHaveLength(25);
  });

  it.each(cases)('%s → %s allowed: %s', (from, to, expected) => {
    expect(mayMovePair(from, to)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// pairRefusal
// ---------------------------------------------------------------------------------------------

describe('pairRefusal', () => {
  it('allows an approved mentor with free capacity in the adept’s programme', () => {
    for (const programme of mentorProgrammes) {
      expect(pairRefusal(mentor({ programmes: [programme] }), adept({ programme, age: 20 }))).toBeNull();
    }
  });

  it('refuses a mentor who is not approved', () => {
    expect(pairRefusal(mentor({ status: 'registered' }), adept())).not.toBeNull();
    expect(pairRefusal(mentor({ status: 'inactive' }), adept())).not.toBeNull();
    expect(pairRefusal(mentor({ status: 'approved' }), adept())).toBeNull();
  });

  it('refuses a mentor who does not offer the adept’s programme', () => {
    expect(pairRefusal(mentor({ programmes: ['sprakmentor', 'ungdomsmentor'] }), adept({ programme: 'yrkesmentor' }))).not.toBeNull();
    expect(pairRefusal(mentor({ programmes: [] }), adept({ programme: 'sprakmentor' }))).not.toBeNull();
    expect(pairRefusal(mentor({ programmes: ['yrkesmentor'] }), adept({ programme: 'yrkesmentor' }))).toBeNull();
  });

  it('refuses a mentor without free capacity', () => {
    expect(pairRefusal(mentor({ freeCapacity: 0 }), adept())).not.toBeNull();
    expect(pairRefusal(mentor({ freeCapacity: -1 }), adept())).not.toBeNull();
    expect(pairRefusal(mentor({ freeCapacity: 1 }), adept())).toBeNull();
  });

  it('respects the adept’s preferred mentor gender (null = any)', () => {
    expect(pairRefusal(mentor({ gender: 'man' }), adept({ preferredMentorGender: 'kvinna' }))).not.toBeNull();
    expect(pairRefusal(mentor({ gender: 'kvinna' }), adept({ preferredMentorGender: 'kvinna' }))).toBeNull();
    expect(pairRefusal(mentor({ gender: 'man' }), adept({ preferredMentorGender: null }))).toBeNull();
    expect(pairRefusal(mentor({ gender: 'kvinna' }), adept({ preferredMentorGender: null }))).toBeNull();
  });

  it('limits ungdomsmentor to adepts up to 29', () => {
    const m = mentor({ programmes: ['ungdomsmentor'] });
    expect(pairRefusal(m, adept({ programme: 'ungdomsmentor', age: 29 }))).toBeNull();
    expect(pairRefusal(m, adept({ programme: 'ungdomsmentor', age: 30 }))).not.toBeNull();
    expect(pairRefusal(m, adept({ programme: 'ungdomsmentor', age: 18 }))).toBeNull();
  });

  it('does not limit the other programmes by age', () => {
    expect(pairRefusal(mentor(), adept({ programme: 'yrkesmentor', age: 55 }))).toBeNull();
    expect(pairRefusal(mentor(), adept({ programme: 'sprakmentor', age: 55 }))).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// scorePair
// ---------------------------------------------------------------------------------------------

describe('scorePair', () => {
  it('scores 0 with no parts when nothing matches (adult, not studying)', () => {
    for (const programme of mentorProgrammes) {
      expect(scorePair(mentor(), adept({ programme, goalOccupationCode: '1111' }))).toEqual({ score: 0, parts: [] });
    }
  });

  it('has parts that add up to the score, each with positive points', () => {
    fc.assert(
      fc.property(arbMentor, arbAdept, (m, a) => {
        const { score: total, parts } = scorePair(m, a);
        expect(parts.reduce((s, p) => s + p.points, 0)).toBe(total);
        for (const p of parts) {
          expect(p.points).toBeGreaterThan(0);
          expect(p.label).not.toBe('');
        }
        expect(total).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('never falls when the pair shares one more language', () => {
    fc.assert(
      fc.property(arbMentor, arbAdept, fc.constantFrom(...LANGUAGES), (m, a, lang) => {
        const m2 = { ...m, languages: m.languages.includes(lang) ? m.languages : [...m.languages, lang] };
        const a2 = { ...a, languages: a.languages.includes(lang) ? a.languages : [...a.languages, lang] };
        expect(score(m2, a2)).toBeGreaterThanOrEqual(score(m, a));
        // Going from no shared language to one adds exactly the programme's language weight.
        if (!a.languages.some((l) => m.languages.includes(l))) expect(score(m2, a2) - score(m, a)).toBe(programmeWeights[a.programme].language);
      }),
      { numRuns: 300 },
    );
  });

  it('never falls when the mentor’s occupation code shares more leading digits with the goal', () => {
    fc.assert(
      fc.property(
        arbMentor,
        arbAdept,
        arbCode,
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (m, a, goal, i, j) => {
          const [lo, hi] = i <= j ? [i, j] : [j, i];
          const a2 = { ...a, goalOccupationCode: goal };
          const fewer = { ...m, occupationCode: codeSharing(goal, lo, m.occupationCode) };
          const more = { ...m, occupationCode: codeSharing(goal, hi, m.occupationCode) };
          expect(prefixLength(fewer.occupationCode, goal)).toBe(lo);
          expect(prefixLength(more.occupationCode, goal)).toBe(hi);
          expect(score(more, a2)).toBeGreaterThanOrEqual(score(fewer, a2));
          if (hi > lo) expect(score(more, a2)).toBeGreaterThan(score(fewer, a2));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives an exact occupation match the full occupation weight and a partial one a share of it', () => {
    for (const programme of mentorProgrammes) {
      const w = programmeWeights[programme].occupation;
      const a = adept({ programme, goalOccupationCode: '2512' });
      expect(score(mentor({ occupationCode: '2512' }), a)).toBe(w);
      expect(score(mentor({ occupationCode: '2519' }), a)).toBe(Math.round((w * 3) / 4));
      expect(score(mentor({ occupationCode: '2599' }), a)).toBe(Math.round(w / 2));
      expect(score(mentor({ occupationCode: '2999' }), a)).toBe(Math.round(w / 4));
      expect(score(mentor({ occupationCode: '9999' }), a)).toBe(0);
      expect(score(mentor({ occupationCode: '2512' }), adept({ programme, goalOccupationCode: null }))).toBe(0);
    }
  });

  it('never falls when a shared availability slot is added', () => {
    fc.assert(
      fc.property(arbMentor, arbAdept, fc.constantFrom(...availabilities), (m, a, slot) => {
        // The slot added to both (the adept's list grows unless it already had it).
        const m2 = { ...m, availability: m.availability.includes(slot) ? m.availability : [...m.availability, slot] };
        const a2 = { ...a, availability: a.availability.includes(slot) ? a.availability : [...a.availability, slot] };
        expect(score(m2, a2)).toBeGreaterThanOrEqual(score(m, a));
        // The mentor alone gaining one of the adept's slots.
        if (a.availability.includes(slot)) expect(score(m2, a)).toBeGreaterThanOrEqual(score(m, a));
        // When the share of the adept's times the mentor can meet strictly grows, so does the score
        // (with 3 slots and weights ≥ 10 every step is more than 1 point, so rounding cannot hide it).
        const shared = (mm: ScoringMentor, aa: ScoringAdept) => aa.availability.filter((s) => mm.availability.includes(s)).length;
        const share = (mm: ScoringMentor, aa: ScoringAdept) => (aa.availability.length ? shared(mm, aa) / aa.availability.length : 0);
        if (share(m2, a2) > share(m, a)) expect(score(m2, a2)).toBeGreaterThan(score(m, a));
      }),
      { numRuns: 300 },
    );
  });

  it('never falls when the pair moves to the same district', () => {
    fc.assert(
      fc.property(arbMentor, arbAdept, fc.integer({ min: 1, max: 3 }), (m, a, district) => {
        expect(score({ ...m, districtId: district }, { ...a, districtId: district })).toBeGreaterThanOrEqual(score(m, a));
      }),
      { numRuns: 200 },
    );
  });

  it('for yrkesmentor, weighs an exact occupation match above a shared language and the same district', () => {
    const a = adept({ programme: 'yrkesmentor', goalOccupationCode: '2512', languages: ['ar'], districtId: 2 });
    const occupation = score(mentor({ occupationCode: '2512', languages: ['sv'], districtId: 1 }), a);
    const languageDistrict = score(mentor({ occupationCode: '9999', languages: ['ar'], districtId: 2 }), a);
    expect(occupation).toBe(50);
    expect(languageDistrict).toBe(15);
    expect(occupation).toBeGreaterThan(languageDistrict);
  });

  it('for språkmentor, weighs a shared language and the same times above an exact occupation match', () => {
    const a = adept({ programme: 'sprakmentor', goalOccupationCode: '2512', languages: ['so'], availability: ['weekend'] });
    const languageTime = score(mentor({ occupationCode: '9999', languages: ['so'], availability: ['weekend'] }), a);
    const occupation = score(mentor({ occupationCode: '2512', languages: ['sv'], availability: ['weekday_daytime'] }), a);
    expect(languageTime).toBe(65);
    expect(occupation).toBe(10);
    expect(languageTime).toBeGreaterThan(occupation);
  });

  it('for ungdomsmentor, rewards an adept of at most 24 who studies; yrkesmentor does not', () => {
    const m = mentor();
    const youthScore = (programme: MentorProgramme, age: number, studying: boolean) => score(m, adept({ programme, age, studying }));
    // ungdomsmentor: age ≤ 24 and studying each add points.
    expect(youthScore('ungdomsmentor', 24, false)).toBeGreaterThan(youthScore('ungdomsmentor', 25, false));
    expect(youthScore('ungdomsmentor', 18, false)).toBe(youthScore('ungdomsmentor', 24, false));
    expect(youthScore('ungdomsmentor', 25, true)).toBeGreaterThan(youthScore('ungdomsmentor', 25, false));
    expect(youthScore('ungdomsmentor', 24, true)).toBe(programmeWeights.ungdomsmentor.youth + programmeWeights.ungdomsmentor.studies);
    expect(youthScore('ungdomsmentor', 24, true)).toBeGreaterThan(youthScore('ungdomsmentor', 24, false));
    // yrkesmentor: neither matters.
    expect(youthScore('yrkesmentor', 24, true)).toBe(youthScore('yrkesmentor', 25, false));
    expect(youthScore('yrkesmentor', 20, true)).toBe(0);
    expect(youthScore('sprakmentor', 20, true)).toBe(0);
  });
});
