import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CohortRefused, optimalCohort, type CohortInput, type CohortResult } from './cohort.server';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const key = (adept: string, mentor: string) => `${adept}|${mentor}`;

/**
 * Up to `maxAdepts` adepts and `maxMentors` mentors (capacity 0–`maxCapacity`), random eligible
 * pairs with integer scores 1–60 and a random valid set of locks: each adept locked at most once,
 * no mentor with more locks than its capacity, a lock may or may not be an eligible pair.
 */
function arbCohort(maxAdepts: number, maxMentors: number, maxCapacity: number): fc.Arbitrary<CohortInput> {
  return fc
    .record({ nAdepts: fc.integer({ min: 0, max: maxAdepts }), nMentors: fc.integer({ min: 0, max: maxMentors }) })
    .chain(({ nAdepts, nMentors }) =>
      fc.record({
        capacities: fc.array(fc.integer({ min: 0, max: maxCapacity }), { minLength: nMentors, maxLength: nMentors }),
        // Per adept, per mentor: the pair's score, or null when it is not eligible.
        scores: fc.array(fc.array(fc.option(fc.integer({ min: 1, max: 60 }), { nil: null, freq: 2 }), { minLength: nMentors, maxLength: nMentors }), {
          minLength: nAdepts,
          maxLength: nAdepts,
        }),
        // Per adept: the mentor it is locked to, if any (dropped below when the mentor is full).
        locks: fc.array(nMentors === 0 ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: nMentors - 1 }), { nil: null, freq: 2 }), {
          minLength: nAdepts,
          maxLength: nAdepts,
        }),
      }),
    )
    .map(({ capacities, scores, locks }) => {
      const adepts = scores.map((_, a) => `a${a}`);
      const mentors = capacities.map((capacity, m) => ({ id: `m${m}`, capacity }));
      const pairs: CohortInput['pairs'] = [];
      scores.forEach((row, a) => row.forEach((score, m) => score !== null && pairs.push({ adept: `a${a}`, mentor: `m${m}`, score })));
      const used = capacities.map(() => 0);
      const locked: CohortInput['locked'] = [];
      locks.forEach((m, a) => {
        if (m === null || used[m]! >= capacities[m]!) return;
        used[m]!++;
        locked.push({ adept: `a${a}`, mentor: `m${m}` });
      });
      return { adepts, mentors, pairs, locked };
    });
}

/** The best total by trying every assignment (locked adepts take their locked mentor; a lock not listed scores 0). */
function bruteBest(input: CohortInput) {
  const mentorIndex = new Map(input.mentors.map((m, i) => [m.id, i]));
  const scoreOf = new Map(input.pairs.map((p) => [key(p.adept, p.mentor), p.score]));
  const lockOf = new Map(input.locked.map((l) => [l.adept, l.mentor]));
  const left = input.mentors.map((m) => m.capacity);
  for (const l of input.locked) left[mentorIndex.get(l.mentor)!]!--;
  const options = input.adepts.map((a) => input.pairs.filter((p) => p.adept === a));
  const go = (i: number): number => {
    if (i === input.adepts.length) return 0;
    const a = input.adepts[i]!;
    const lockedMentor = lockOf.get(a);
    if (lockedMentor !== undefined) return (scoreOf.get(key(a, lockedMentor)) ?? 0) + go(i + 1);
    let best = go(i + 1); // no mentor
    for (const p of options[i]!) {
      const m = mentorIndex.get(p.mentor)!;
      if (left[m]! <= 0) continue;
      left[m]!--;
      best = Math.max(best, p.score + go(i + 1));
      left[m]!++;
    }
    return best;
  };
  return go(0);
}

function expectValid(input: CohortInput, result: CohortResult) {
  const eligible = new Map(input.pairs.map((p) => [key(p.adept, p.mentor), p.score]));
  const lockedKeys = new Set(input.locked.map((l) => key(l.adept, l.mentor)));
  const capacity = new Map(input.mentors.map((m) => [m.id, m.capacity]));
  const perAdept = new Map<string, number>();
  const perMentor = new Map<string, number>();
  for (const p of result.pairs) {
    expect(input.adepts).toContain(p.adept);
    expect(capacity.has(p.mentor)).toBe(true);
    perAdept.set(p.adept, (perAdept.get(p.adept) ?? 0) + 1);
    perMentor.set(p.mentor, (perMentor.get(p.mentor) ?? 0) + 1);
    const k = key(p.adept, p.mentor);
    expect(p.locked).toBe(lockedKeys.has(k));
    if (!p.locked) {
      expect(eligible.has(k)).toBe(true);
      expect(p.score).toBe(eligible.get(k));
    } else {
      expect(p.score).toBe(eligible.get(k) ?? 0);
    }
  }
  for (const n of perAdept.values()) expect(n).toBe(1);
  for (const [m, n] of perMentor) expect(n).toBeLessThanOrEqual(capacity.get(m)!);
  const chosen = new Set(result.pairs.map((p) => key(p.adept, p.mentor)));
  for (const l of input.locked) expect(chosen.has(key(l.adept, l.mentor))).toBe(true);
  expect(result.total).toBe(result.pairs.reduce((s, p) => s + p.score, 0));
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('optimalCohort', () => {
  it('finds the best total brute force can, feasibly, with every lock in', async () => {
    await fc.assert(
      fc.asyncProperty(arbCohort(5, 3, 2), async (input) => {
        const result = await optimalCohort(input);
        expectValid(input, result);
        expect(result.total).toBe(bruteBest(input));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps a locked pair even when it lowers the total', async () => {
    // Without the lock A–M (50) is best; locking B to M leaves no room for A.
    const input: CohortInput = {
      adepts: ['A', 'B'],
      mentors: [{ id: 'M', capacity: 1 }],
      pairs: [
        { adept: 'A', mentor: 'M', score: 50 },
        { adept: 'B', mentor: 'M', score: 10 },
      ],
      locked: [],
    };
    const free = await optimalCohort(input);
    expect(free).toEqual({ pairs: [{ adept: 'A', mentor: 'M', score: 50, locked: false }], total: 50 });

    const withLock = await optimalCohort({ ...input, locked: [{ adept: 'B', mentor: 'M' }] });
    expect(withLock).toEqual({ pairs: [{ adept: 'B', mentor: 'M', score: 10, locked: true }], total: 10 });
  });

  it('keeps a locked pair that is not in the eligible list, scoring it 0', async () => {
    // A–M 40 and B–N 30 would give 70; locking A to N (not eligible) forces A off M.
    const input: CohortInput = {
      adepts: ['A', 'B'],
      mentors: [
        { id: 'M', capacity: 1 },
        { id: 'N', capacity: 1 },
      ],
      pairs: [
        { adept: 'A', mentor: 'M', score: 40 },
        { adept: 'B', mentor: 'N', score: 30 },
        { adept: 'B', mentor: 'M', score: 5 },
      ],
      locked: [{ adept: 'A', mentor: 'N' }],
    };
    const result = await optimalCohort(input);
    expectValid(input, result);
    expect(result.total).toBe(5);
    expect([...result.pairs].sort((x, y) => x.adept.localeCompare(y.adept))).toEqual([
      { adept: 'A', mentor: 'N', score: 0, locked: true },
      { adept: 'B', mentor: 'M', score: 5, locked: false },
    ]);
  });

  it('refuses an adept locked to two mentors', async () => {
    await expect(
      optimalCohort({
        adepts: ['A'],
        mentors: [
          { id: 'M', capacity: 1 },
          { id: 'N', capacity: 1 },
        ],
        pairs: [{ adept: 'A', mentor: 'M', score: 10 }],
        locked: [
          { adept: 'A', mentor: 'M' },
          { adept: 'A', mentor: 'N' },
        ],
      }),
    ).rejects.toBeInstanceOf(CohortRefused);
  });

  it('refuses more locks on a mentor than its capacity', async () => {
    await expect(
      optimalCohort({
        adepts: ['A', 'B'],
        mentors: [{ id: 'M', capacity: 1 }],
        pairs: [],
        locked: [
          { adept: 'A', mentor: 'M' },
          { adept: 'B', mentor: 'M' },
        ],
      }),
    ).rejects.toBeInstanceOf(CohortRefused);
    await expect(
      optimalCohort({ adepts: ['A'], mentors: [{ id: 'M', capacity: 0 }], pairs: [{ adept: 'A', mentor: 'M', score: 5 }], locked: [{ adept: 'A', mentor: 'M' }] }),
    ).rejects.toBeInstanceOf(CohortRefused);
  });

  it('refuses a lock naming an adept or a mentor not in the input', async () => {
    const base = { adepts: ['A'], mentors: [{ id: 'M', capacity: 2 }], pairs: [{ adept: 'A', mentor: 'M', score: 5 }] };
    await expect(optimalCohort({ ...base, locked: [{ adept: 'X', mentor: 'M' }] })).rejects.toBeInstanceOf(CohortRefused);
    await expect(optimalCohort({ ...base, locked: [{ adept: 'A', mentor: 'Y' }] })).rejects.toBeInstanceOf(CohortRefused);
  });

  it('returns no pairs and total 0 for an empty input', async () => {
    expect(await optimalCohort({ adepts: [], mentors: [], pairs: [], locked: [] })).toEqual({ pairs: [], total: 0 });
    expect(await optimalCohort({ adepts: ['A', 'B'], mentors: [{ id: 'M', capacity: 2 }], pairs: [], locked: [] })).toEqual({ pairs: [], total: 0 });
  });
});
