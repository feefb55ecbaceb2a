import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deferredAcceptance,
  placedCount,
  type AllocationApplicant,
  type AllocationInstance,
  type AllocationPlace,
  type Assignment,
} from './allocation';
import { maxCoverage } from './max-coverage.server';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const applicant = (id: string, prefs: number[], groups = 0, lottery = 0.5): AllocationApplicant => ({ id, prefs, groups, lottery });
const place = (id: string, capacity: number, favoured = 0): AllocationPlace => ({ id, capacity, favoured });

const arbPrefs = (places: number) => (places === 0 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: places - 1 }), { maxLength: places }));

function arbInstance(maxApplicants: number, maxPlaces: number, maxCapacity: number): fc.Arbitrary<AllocationInstance> {
  return fc
    .integer({ min: 0, max: maxPlaces })
    .chain((nPlaces) =>
      fc.record({
        places: fc.array(fc.record({ capacity: fc.integer({ min: 0, max: maxCapacity }), favoured: fc.integer({ min: 0, max: 3 }) }), {
          minLength: nPlaces,
          maxLength: nPlaces,
        }),
        applicants: fc.array(
          fc.record({ prefs: arbPrefs(nPlaces), groups: fc.integer({ min: 0, max: 3 }), lottery: fc.integer({ min: 0, max: 15 }).map((n) => n / 16) }),
          { maxLength: maxApplicants },
        ),
      }),
    )
    .map(({ places, applicants }) => ({
      places: places.map((p, i) => ({ id: `p${i}`, ...p })),
      applicants: applicants.map((a, i) => ({ id: `a${i}`, ...a })),
    }));
}

/** The most applicants placeable within their lists and the capacities, by trying every assignment. */
function bruteMaxPlaced(instance: AllocationInstance) {
  const left = instance.places.map((p) => p.capacity);
  const go = (a: number): number => {
    if (a === instance.applicants.length) return 0;
    let best = go(a + 1); // a gets nothing
    for (const p of instance.applicants[a]!.prefs) {
      if (left[p]! === 0) continue;
      left[p]!--;
      best = Math.max(best, 1 + go(a + 1));
      left[p]!++;
    }
    return best;
  };
  return go(0);
}

function expectFeasible(instance: AllocationInstance, assignment: Assignment) {
  expect(assignment).toHaveLength(instance.applicants.length);
  const taken = instance.places.map(() => 0);
  assignment.forEach((p, a) => {
    if (p < 0) return;
    expect(p).toBeLessThan(instance.places.length);
    expect(instance.applicants[a]!.prefs).toContain(p);
    taken[p]!++;
  });
  instance.places.forEach((pl, p) => expect(taken[p]).toBeLessThanOrEqual(pl.capacity));
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('maxCoverage', () => {
  it('places as many applicants as brute force can, feasibly, and never fewer than deferred acceptance', async () => {
    await fc.assert(
      fc.asyncProperty(arbInstance(6, 4, 3), async (instance) => {
        const result = await maxCoverage(instance);
        expectFeasible(instance, result.assignment);
        expect(result.placed).toBe(placedCount(result.assignment));
        expect(result.placed).toBe(bruteMaxPlaced(instance));
        expect(result.placed).toBeGreaterThanOrEqual(placedCount(deferredAcceptance(instance)));
        expect(result.columns).toBe(instance.applicants.reduce((n, a) => n + a.prefs.length, 0));
        expect(result.rows).toBe(instance.applicants.length + instance.places.length);
      }),
      { numRuns: 100 },
    );
  });

  it('returns placed 0 for an instance without applicants', async () => {
    const result = await maxCoverage({ applicants: [], places: [place('p', 3)] });
    expect(result.placed).toBe(0);
    expect(Array.from(result.assignment)).toEqual([]);
    expect(result.columns).toBe(0);
  });

  it('returns placed 0 and nobody placed when no applicant lists a place', async () => {
    const result = await maxCoverage({ applicants: [applicant('a', []), applicant('b', [])], places: [place('p', 3)] });
    expect(result.placed).toBe(0);
    expect(Array.from(result.assignment)).toEqual([-1, -1]);
  });

  it('returns placed 0 when every listed place has no seats', async () => {
    const instance: AllocationInstance = { applicants: [applicant('a', [0, 1]), applicant('b', [1])], places: [place('p', 0), place('q', 0)] };
    const result = await maxCoverage(instance);
    expect(result.placed).toBe(0);
    expect(Array.from(result.assignment)).toEqual([-1, -1]);
  });

  it('places one more youth than deferred acceptance where fairness costs a seat', async () => {
    // A lists [P1, P2], B lists [P1]; one seat each; P1 ranks A first (better lottery). DA: A
    // proposes to P1 and is held, B is rejected by P1 and has nothing else, so P2 stays empty:
    // one placed. Maximum coverage moves A to P2 and gives P1 to B: two placed.
    const instance: AllocationInstance = {
      places: [place('P1', 1), place('P2', 1)],
      applicants: [applicant('A', [0, 1], 0, 0.1), applicant('B', [0], 0, 0.9)],
    };
    const da = deferredAcceptance(instance);
    expect(Array.from(da)).toEqual([0, -1]);
    expect(placedCount(da)).toBe(1);
    const result = await maxCoverage(instance);
    expect(result.placed).toBe(2);
    expect(Array.from(result.assignment)).toEqual([1, 0]);
  });
});
