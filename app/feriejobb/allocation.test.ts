import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockingPairs,
  deferredAcceptance,
  explain,
  lotteryNumber,
  pairNoise,
  placedCount,
  priorityClass,
  rankKey,
  seatsTaken,
  type AllocationApplicant,
  type AllocationInstance,
  type AllocationPlace,
  type Assignment,
  type BlockingPair,
} from './allocation';

// ---------------------------------------------------------------------------------------------
// Helpers: building instances and an independent reference for the places' ranking
// ---------------------------------------------------------------------------------------------

const applicant = (id: string, prefs: number[], groups = 0, lottery = 0.5): AllocationApplicant => ({ id, prefs, groups, lottery });
const place = (id: string, capacity: number, favoured = 0): AllocationPlace => ({ id, capacity, favoured });
const assignmentOf = (values: number[]): Assignment => Int32Array.from(values);
const list = (assignment: Assignment) => Array.from(assignment);

/** Bit masks for three of the five priority groups: enough to get overlaps and misses often. */
const arbMask = fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: 1, max: 7 }), weight: 3 });
/** Lottery numbers on a coarse grid: exact in `class + lottery` and tied often, so ties by id get exercised. */
const arbGridLottery = fc.integer({ min: 0, max: 15 }).map((n) => n / 16);
const arbPrefs = (places: number) => (places === 0 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: places - 1 }), { maxLength: places }));

interface InstanceBounds {
  maxApplicants: number;
  maxPlaces: number;
  maxCapacity: number;
  lottery?: fc.Arbitrary<number>;
}

function arbInstance({ maxApplicants, maxPlaces, maxCapacity, lottery = arbGridLottery }: InstanceBounds): fc.Arbitrary<AllocationInstance> {
  return fc
    .integer({ min: 0, max: maxPlaces })
    .chain((nPlaces) =>
      fc.record({
        places: fc.array(fc.record({ capacity: fc.integer({ min: 0, max: maxCapacity }), favoured: arbMask }), { minLength: nPlaces, maxLength: nPlaces }),
        applicants: fc.array(fc.record({ prefs: arbPrefs(nPlaces), groups: arbMask, lottery }), { maxLength: maxApplicants }),
      }),
    )
    .map(({ places, applicants }) => ({
      places: places.map((p, i) => ({ id: `p${i}`, ...p })),
      applicants: applicants.map((a, i) => ({ id: `a${i}`, ...a })),
    }));
}

/** The instance with every applicant's lottery number drawn from the seed, as a run does it. */
function withSeededLottery(instance: AllocationInstance, seed: number): AllocationInstance {
  return { ...instance, applicants: instance.applicants.map((a) => ({ ...a, lottery: lotteryNumber(seed, a.id) })) };
}

const arbSeed = fc.integer({ min: 1, max: 0x7ffffffe });

/** Class at a place, written out independently of the code under test. */
function refClass(a: AllocationApplicant, p: AllocationPlace) {
  if ((a.groups & p.favoured) !== 0) return 0;
  return a.groups !== 0 ? 1 : 2;
}

/** The documented order at a place: priority class, then lottery, then id; lexicographic, no arithmetic. */
function refBefore(a: AllocationApplicant, b: AllocationApplicant, p: AllocationPlace) {
  const ca = refClass(a, p);
  const cb = refClass(b, p);
  if (ca !== cb) return ca < cb;
  if (a.lottery !== b.lottery) return a.lottery < b.lottery;
  return a.id < b.id;
}

/** How good place `p` is on a list: its 0-based position, Infinity for nothing or an unlisted place. */
function prefRank(prefs: number[], p: number) {
  if (p < 0) return Infinity;
  const i = prefs.indexOf(p);
  return i < 0 ? Infinity : i;
}

const holdersOf = (assignment: Assignment, p: number) => list(assignment).flatMap((q, a) => (q === p ? [a] : []));

/** The worst applicant a place admitted (its cut-off), by the reference order; -1 when empty. */
function refCutoff(instance: AllocationInstance, assignment: Assignment, p: number) {
  let worst = -1;
  for (const a of holdersOf(assignment, p)) {
    if (worst < 0 || refBefore(instance.applicants[worst]!, instance.applicants[a]!, instance.places[p]!)) worst = a;
  }
  return worst;
}

/** Blocking pairs straight from the definition in blockingPairs' doc comment. */
function bruteBlockingPairs(instance: AllocationInstance, assignment: Assignment): BlockingPair[] {
  const { applicants, places } = instance;
  const found: BlockingPair[] = [];
  applicants.forEach((a, i) => {
    const p = assignment[i]!;
    if (p >= 0 && !a.prefs.includes(p)) found.push({ applicant: i, place: p });
  });
  places.forEach((pl, p) => {
    if (holdersOf(assignment, p).length > pl.capacity) found.push({ applicant: -1, place: p });
  });
  applicants.forEach((a, i) => {
    const own = prefRank(a.prefs, assignment[i]!);
    a.prefs.forEach((p, position) => {
      if (position >= own) return;
      const pl = places[p]!;
      const holders = holdersOf(assignment, p);
      const wouldTake = holders.length < pl.capacity || holders.some((b) => refBefore(a, applicants[b]!, pl));
      if (pl.capacity > 0 && wouldTake) found.push({ applicant: i, place: p });
    });
  });
  return found;
}

const canonical = (pairs: BlockingPair[]) => pairs.map((x) => `${x.applicant}@${x.place}`).sort();

/** Every ordered list of distinct places out of `n`: all permutations of all subsets. */
function allLists(n: number): number[][] {
  const out: number[][] = [];
  const grow = (prefix: number[]) => {
    out.push(prefix);
    for (let p = 0; p < n; p++) if (!prefix.includes(p)) grow([...prefix, p]);
  };
  grow([]);
  return out;
}

/** Every assignment giving each applicant nothing or one place on their list (capacities not checked). */
function allListedAssignments(instance: AllocationInstance): Assignment[] {
  let out: number[][] = [[]];
  for (const a of instance.applicants) out = out.flatMap((partial) => [-1, ...a.prefs].map((p) => [...partial, p]));
  return out.map(assignmentOf);
}

const withPrefs = (instance: AllocationInstance, i: number, prefs: number[]): AllocationInstance => ({
  ...instance,
  applicants: instance.applicants.map((a, j) => (j === i ? { ...a, prefs } : a)),
});

// ---------------------------------------------------------------------------------------------
// Ranking at a place
// ---------------------------------------------------------------------------------------------

describe('priority classes and ranking keys', () => {
  it.each([
    // [applicant groups, place favours, class]
    [0b00100, 0b00100, 0],
    [0b01100, 0b00100, 0],
    [0b00001, 0b00100, 1],
    [0b00001, 0b00000, 1],
    [0b00000, 0b00100, 2],
    [0b00000, 0b00000, 2],
  ])('groups %i at a place favouring %i is class %i', (groups, favoured, cls) => {
    expect(priorityClass(groups, favoured)).toBe(cls);
  });

  it('keys a place’s applicants by class first, then lottery', () => {
    const p = place('p', 1, 0b100);
    expect(rankKey(applicant('a', [0], 0b100, 0.99), p)).toBeLessThan(rankKey(applicant('b', [0], 0b001, 0.01), p));
    expect(rankKey(applicant('b', [0], 0b001, 0.99), p)).toBeLessThan(rankKey(applicant('c', [0], 0, 0.01), p));
    expect(rankKey(applicant('c', [0], 0, 0.2), p)).toBeLessThan(rankKey(applicant('d', [0], 0, 0.3), p));
  });
});

// ---------------------------------------------------------------------------------------------
// 1. Stability
// ---------------------------------------------------------------------------------------------

describe('deferred acceptance: stability on random instances', () => {
  it('leaves no blocking pair, fills no place past capacity and assigns only listed places', () => {
    fc.assert(
      fc.property(arbInstance({ maxApplicants: 30, maxPlaces: 10, maxCapacity: 4 }), arbSeed, (base, seed) => {
        const instance = withSeededLottery(base, seed);
        const assignment = deferredAcceptance(instance);
        expect(assignment).toHaveLength(instance.applicants.length);
        expect(blockingPairs(instance, assignment)).toEqual([]);
        expect(bruteBlockingPairs(instance, assignment)).toEqual([]);
        const taken = seatsTaken(instance, assignment);
        instance.places.forEach((p, i) => expect(taken[i]).toBeLessThanOrEqual(p.capacity));
        instance.applicants.forEach((a, i) => {
          const got = assignment[i]!;
          expect(got).toBeGreaterThanOrEqual(-1);
          if (got >= 0) expect(a.prefs).toContain(got);
        });
        expect(placedCount(assignment)).toBe(list(assignment).filter((p) => p >= 0).length);
      }),
      { numRuns: 200 },
    );
  });

  it('is stable with tied lottery numbers too (ties go by id)', () => {
    fc.assert(
      fc.property(arbInstance({ maxApplicants: 12, maxPlaces: 5, maxCapacity: 3, lottery: fc.constantFrom(0, 0.5) }), (instance) => {
        const assignment = deferredAcceptance(instance);
        expect(canonical(blockingPairs(instance, assignment))).toEqual([]);
        expect(canonical(bruteBlockingPairs(instance, assignment))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Strategy-proofness
// ---------------------------------------------------------------------------------------------

describe('deferred acceptance: no applicant gains by misreporting', () => {
  it('never gives an applicant a better place (by their true list) for any misreported list', () => {
    fc.assert(
      fc.property(arbInstance({ maxApplicants: 3, maxPlaces: 3, maxCapacity: 2 }), (instance) => {
        const truthful = deferredAcceptance(instance);
        const lists = allLists(instance.places.length);
        instance.applicants.forEach((a, i) => {
          const honest = prefRank(a.prefs, truthful[i]!);
          for (const report of lists) {
            const got = deferredAcceptance(withPrefs(instance, i, report))[i]!;
            if (prefRank(a.prefs, got) < honest) {
              throw new Error(`applicant ${i} with true list [${a.prefs}] gets ${got} by reporting [${report}] but ${truthful[i]} truthfully`);
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Applicant-optimality
// ---------------------------------------------------------------------------------------------

describe('deferred acceptance: the applicant-optimal stable matching', () => {
  it('is stable and weakly preferred by every applicant to every stable assignment (brute force)', () => {
    fc.assert(
      fc.property(arbInstance({ maxApplicants: 4, maxPlaces: 3, maxCapacity: 2 }), (instance) => {
        const da = deferredAcceptance(instance);
        const stable = allListedAssignments(instance).filter((m) => bruteBlockingPairs(instance, m).length === 0);
        expect(stable.map(list)).toContainEqual(list(da));
        for (const m of stable) {
          instance.applicants.forEach((a, i) => {
            expect(prefRank(a.prefs, da[i]!)).toBeLessThanOrEqual(prefRank(a.prefs, m[i]!));
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Reproducibility of the seeded lottery
// ---------------------------------------------------------------------------------------------

/** 200 applicants, each listing five of 20 one-seat places, nobody in a priority group. */
function crowdedInstance(): AllocationInstance {
  const places = Array.from({ length: 20 }, (_, i) => place(`p${i}`, 1));
  const applicants = Array.from({ length: 200 }, (_, i) => applicant(`app-${i}`, [0, 1, 2, 3, 4].map((k) => (i * 7 + k * 3) % 20)));
  return { places, applicants };
}

describe('the seeded lottery', () => {
  it('gives the same numbers and the same assignment for the same seed', () => {
    fc.assert(
      fc.property(arbInstance({ maxApplicants: 20, maxPlaces: 6, maxCapacity: 3 }), arbSeed, (base, seed) => {
        const first = withSeededLottery(base, seed);
        const second = withSeededLottery(structuredClone(base), seed);
        expect(second.applicants.map((a) => a.lottery)).toEqual(first.applicants.map((a) => a.lottery));
        expect(list(deferredAcceptance(second))).toEqual(list(deferredAcceptance(first)));
      }),
      { numRuns: 100 },
    );
  });

  it('draws different numbers for a different seed', () => {
    const ids = crowdedInstance().applicants.map((a) => a.id);
    fc.assert(
      fc.property(arbSeed, arbSeed, (s, t) => {
        fc.pre(s !== t);
        const differing = ids.filter((id) => lotteryNumber(s, id) !== lotteryNumber(t, id)).length;
        expect(differing).toBe(ids.length);
      }),
      { numRuns: 100 },
    );
  });

  it('changes who wins the seats when the seed changes (200 applicants, 20 one-seat places)', () => {
    const one = deferredAcceptance(withSeededLottery(crowdedInstance(), 1));
    const two = deferredAcceptance(withSeededLottery(crowdedInstance(), 2));
    expect(placedCount(one)).toBe(20);
    expect(placedCount(two)).toBe(20);
    expect(list(two)).not.toEqual(list(one));
    const winners = (a: Assignment) => list(a).flatMap((p, i) => (p >= 0 ? [i] : [])).join(',');
    expect(winners(two)).not.toBe(winners(one));
  });

  it('gives an application the same number whoever else applies, in whatever order', () => {
    fc.assert(
      fc.property(arbSeed, fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 20 }), (seed, ids) => {
        const alone = new Map(ids.map((id) => [id, lotteryNumber(seed, id)]));
        const crowd = withSeededLottery({ places: [], applicants: [...ids, 'other-1', 'other-2'].reverse().map((id) => applicant(id, [])) }, seed);
        for (const a of crowd.applicants) if (alone.has(a.id)) expect(a.lottery).toBe(alone.get(a.id));
      }),
    );
  });

  it('draws numbers in [0, 1), for pairs too', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), fc.string(), (seed, id, placeId) => {
        const x = lotteryNumber(seed, id);
        const y = pairNoise(seed, id, placeId);
        for (const v of [x, y]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThan(1);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('spreads numbers roughly uniformly', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => lotteryNumber(12345, `application-${i}`));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    const buckets = new Array<number>(10).fill(0);
    for (const v of values) buckets[Math.floor(v * 10)]!++;
    for (const b of buckets) expect(b).toBeGreaterThan(850);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Edge cases
// ---------------------------------------------------------------------------------------------

describe('deferred acceptance: edge cases', () => {
  it('places nobody when there are no places', () => {
    const instance: AllocationInstance = { places: [], applicants: [applicant('a', []), applicant('b', [], 0b1)] };
    const assignment = deferredAcceptance(instance);
    expect(list(assignment)).toEqual([-1, -1]);
    expect(blockingPairs(instance, assignment)).toEqual([]);
    expect(explain(instance, assignment).map((e) => [e.position, e.noEligiblePlaces, e.refusals])).toEqual([
      [null, true, []],
      [null, true, []],
    ]);
  });

  it('handles no applicants', () => {
    const instance: AllocationInstance = { places: [place('p', 2)], applicants: [] };
    expect(list(deferredAcceptance(instance))).toEqual([]);
    expect(blockingPairs(instance, deferredAcceptance(instance))).toEqual([]);
  });

  it('places nobody when every capacity is 0, and explains every listed place as having no seats', () => {
    const instance: AllocationInstance = {
      places: [place('p0', 0), place('p1', 0, 0b1)],
      applicants: [applicant('a', [1, 0], 0b1, 0.1), applicant('b', [0], 0, 0.2), applicant('c', [], 0, 0.3)],
    };
    const assignment = deferredAcceptance(instance);
    expect(list(assignment)).toEqual([-1, -1, -1]);
    expect(blockingPairs(instance, assignment)).toEqual([]);
    const explanations = explain(instance, assignment);
    expect(explanations[0]!.refusals).toEqual([
      { place: 1, reason: 'no-seats', capacity: 0, cutoffClass: null, cutoffLottery: null },
      { place: 0, reason: 'no-seats', capacity: 0, cutoffClass: null, cutoffLottery: null },
    ]);
    expect(explanations[1]!.refusals).toEqual([{ place: 0, reason: 'no-seats', capacity: 0, cutoffClass: null, cutoffLottery: null }]);
    expect(explanations.map((e) => e.noEligiblePlaces)).toEqual([false, false, true]);
  });

  it('gives a place’s k seats to the k lowest lottery numbers when everyone is in the same class', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 32 }),
        arbSeed,
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 0, max: 31 }),
        (n, k, seed, groups, favoured) => {
          const instance = withSeededLottery(
            { places: [place('p', k, favoured)], applicants: Array.from({ length: n }, (_, i) => applicant(`a${i}`, [0], groups)) },
            seed,
          );
          const assignment = deferredAcceptance(instance);
          const byLottery = instance.applicants.map((a, i) => ({ i, lottery: a.lottery })).sort((x, y) => x.lottery - y.lottery);
          const expectedWinners = byLottery.slice(0, k).map((x) => x.i).sort((x, y) => x - y);
          const winners = list(assignment).flatMap((p, i) => (p === 0 ? [i] : []));
          expect(winners).toEqual(expectedWinners);
        },
      ),
    );
  });

  it('lets priority beat the lottery', () => {
    // One seat; a favoured-group member with a poor lottery, a priority-group member and an
    // applicant without priority with good ones.
    const instance: AllocationInstance = {
      places: [place('p', 1, 0b100)],
      applicants: [applicant('none', [0], 0, 0.01), applicant('other-group', [0], 0b001, 0.5), applicant('favoured', [0], 0b100, 0.99)],
    };
    expect(list(deferredAcceptance(instance))).toEqual([-1, -1, 0]);
    // Without the favoured applicant the checked priority group (class 1) beats no group (class 2).
    const withoutFavoured: AllocationInstance = { ...instance, applicants: instance.applicants.slice(0, 2) };
    expect(list(deferredAcceptance(withoutFavoured))).toEqual([-1, 0]);
    // Class 0 with lottery 0.99 beats class 2 with lottery 0.01, too.
    const zeroVsTwo: AllocationInstance = { places: [place('p', 1, 0b1)], applicants: [applicant('a', [0], 0, 0.01), applicant('b', [0], 0b1, 0.99)] };
    expect(list(deferredAcceptance(zeroVsTwo))).toEqual([-1, 0]);
  });

  it('lets a place’s favoured group go before another priority group with a better lottery, only at that place', () => {
    const disability = 0b00100;
    const newcomer = 0b01000;
    const instance: AllocationInstance = {
      places: [place('adapted', 1, disability), place('language', 1, newcomer)],
      applicants: [applicant('d', [0, 1], disability, 0.9), applicant('n', [0, 1], newcomer, 0.1)],
    };
    // At 'adapted' d is class 0 and n class 1; at 'language' the other way round.
    expect(list(deferredAcceptance(instance))).toEqual([0, 1]);
    // Both only want the language-support place: the newcomer gets it.
    const bothLanguage = withPrefs(withPrefs(instance, 0, [1]), 1, [1]);
    expect(list(deferredAcceptance(bothLanguage))).toEqual([-1, 1]);
    // Both only want the adapted place: the disability-group member gets it despite the lottery.
    const bothAdapted = withPrefs(withPrefs(instance, 0, [0]), 1, [0]);
    expect(list(deferredAcceptance(bothAdapted))).toEqual([0, -1]);
  });

  it('breaks an exact lottery tie by application id', () => {
    const instance: AllocationInstance = { places: [place('p', 1)], applicants: [applicant('b', [0], 0, 0.5), applicant('a', [0], 0, 0.5)] };
    expect(list(deferredAcceptance(instance))).toEqual([-1, 0]);
  });

  // The ranking is documented as class first, then the lottery, then the id. rankKey computes
  // class + lottery in floating point, which loses the lottery's lowest bits for class 1 and 2
  // (and rounds 1 + (1 − 2⁻⁵³) up to 2). lotteryNumber can return any multiple of 2⁻⁵³ below 1.
  it('ranks class 1 before class 2 even at the largest lottery number lotteryNumber can return', () => {
    const largest = 1 - 2 ** -53;
    const instance: AllocationInstance = {
      places: [place('p', 1)],
      applicants: [applicant('a', [0], 0, 0), applicant('b', [0], 0b1, largest)],
    };
    // 'b' is in a checked priority group (class 1), 'a' in none (class 2): 'b' must get the seat.
    expect(list(deferredAcceptance(instance))).toEqual([-1, 0]);
  });

  it('orders applicants of one class by their exact lottery numbers before falling back to ids', () => {
    const instance: AllocationInstance = {
      places: [place('p', 1)],
      applicants: [applicant('a', [0], 0, 0.5 + 2 ** -53), applicant('b', [0], 0, 0.5)],
    };
    // 'b' has the lower lottery number; ids only break exact ties.
    expect(list(deferredAcceptance(instance))).toEqual([-1, 0]);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. blockingPairs against its definition
// ---------------------------------------------------------------------------------------------

/** An instance with an arbitrary assignment: any place or -1 for anyone, or only listed ones. */
const arbInstanceAndAssignment = arbInstance({ maxApplicants: 8, maxPlaces: 4, maxCapacity: 3 }).chain((instance) => {
  const n = instance.applicants.length;
  const anyPlace = fc.array(fc.integer({ min: -1, max: instance.places.length - 1 }), { minLength: n, maxLength: n });
  const listedOnly = fc.tuple(...instance.applicants.map((a) => fc.constantFrom(-1, ...a.prefs)));
  // Deferred acceptance's result with up to two applicants taken out again.
  const nearDa = fc.array(fc.nat(), { maxLength: 2 }).map((drop) => {
    const da = list(deferredAcceptance(instance));
    for (const i of drop) if (n > 0) da[i % n] = -1;
    return da;
  });
  return fc.tuple(fc.constant(instance), fc.oneof(anyPlace, listedOnly, nearDa).map((a) => assignmentOf(a as number[])));
});

describe('blockingPairs', () => {
  it('matches a brute-force reading of its definition on arbitrary assignments', () => {
    fc.assert(
      fc.property(arbInstanceAndAssignment, ([instance, assignment]) => {
        expect(canonical(blockingPairs(instance, assignment))).toEqual(canonical(bruteBlockingPairs(instance, assignment)));
      }),
      { numRuns: 500 },
    );
  });

  it('reports an over-full place as a pair with applicant -1', () => {
    const instance: AllocationInstance = { places: [place('p', 1)], applicants: [applicant('a', [0], 0, 0.1), applicant('b', [0], 0, 0.2)] };
    expect(blockingPairs(instance, assignmentOf([0, 0]))).toEqual([{ applicant: -1, place: 0 }]);
  });

  it('reports an assignment to a place the applicant did not list', () => {
    const instance: AllocationInstance = { places: [place('p', 1), place('q', 1)], applicants: [applicant('a', [0], 0, 0.1)] };
    // 'a' got q without listing it, and prefers the empty p.
    expect(canonical(blockingPairs(instance, assignmentOf([1])))).toEqual(canonical([
      { applicant: 0, place: 1 },
      { applicant: 0, place: 0 },
    ]));
  });

  it('finds the classic pair: a free seat the applicant wanted, and a seat held by someone ranked below', () => {
    const instance: AllocationInstance = {
      places: [place('p', 1), place('q', 1)],
      applicants: [applicant('a', [0, 1], 0, 0.1), applicant('b', [0], 0, 0.2)],
    };
    // b holds p although a ranks before b there and wants p more than q.
    expect(blockingPairs(instance, assignmentOf([1, 0]))).toEqual([{ applicant: 0, place: 0 }]);
    // a has nothing and q is free.
    expect(canonical(blockingPairs(instance, assignmentOf([-1, 0])))).toEqual(canonical([
      { applicant: 0, place: 0 },
      { applicant: 0, place: 1 },
    ]));
    expect(blockingPairs(instance, assignmentOf([0, -1]))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// 7. explain
// ---------------------------------------------------------------------------------------------

describe('explain', () => {
  it('explains a deferred-acceptance result place by place', () => {
    fc.assert(
      fc.property(arbInstance({ maxApplicants: 12, maxPlaces: 5, maxCapacity: 3 }), (instance) => {
        const assignment = deferredAcceptance(instance);
        const explanations = explain(instance, assignment);
        expect(explanations).toHaveLength(instance.applicants.length);
        instance.applicants.forEach((a, i) => {
          const e = explanations[i]!;
          const got = assignment[i]!;
          expect(e.lottery).toBe(a.lottery);
          expect(e.noEligiblePlaces).toBe(a.prefs.length === 0);
          expect(e.position).toBe(got >= 0 ? a.prefs.indexOf(got) + 1 : null);
          const above = got >= 0 ? a.prefs.slice(0, a.prefs.indexOf(got)) : a.prefs;
          expect(e.refusals.map((r) => r.place)).toEqual(above);
          for (const r of e.refusals) {
            const pl = instance.places[r.place]!;
            expect(r.capacity).toBe(pl.capacity);
            if (pl.capacity === 0) {
              expect(r).toMatchObject({ reason: 'no-seats', cutoffClass: null, cutoffLottery: null });
              continue;
            }
            // Stable: a place the applicant preferred and has seats is full of applicants it ranks first.
            const cutoff = refCutoff(instance, assignment, r.place);
            expect(cutoff).toBeGreaterThanOrEqual(0);
            const cutoffApplicant = instance.applicants[cutoff]!;
            const cutoffClass = refClass(cutoffApplicant, pl);
            const ownClass = refClass(a, pl);
            expect(cutoffClass).toBeLessThanOrEqual(ownClass);
            expect(r.cutoffClass).toBe(cutoffClass);
            expect(r.cutoffLottery).toBe(cutoffApplicant.lottery);
            expect(r.reason).toBe(cutoffClass < ownClass ? 'higher-priority' : 'lower-lottery');
            if (r.reason === 'lower-lottery') expect(r.cutoffLottery!).toBeLessThanOrEqual(a.lottery);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('names priority or the lottery for a small hand-checked case', () => {
    const instance: AllocationInstance = {
      places: [place('adapted', 1, 0b100), place('plain', 1), place('spare', 2)],
      applicants: [
        applicant('d', [0, 1], 0b100, 0.9), // gets adapted (class 0 there)
        applicant('x', [0, 1, 2], 0, 0.1), // loses adapted on priority, plain on the lottery
        applicant('y', [1, 2], 0, 0.05), // gets plain
      ],
    };
    const assignment = deferredAcceptance(instance);
    expect(list(assignment)).toEqual([0, 2, 1]);
    const [d, x, y] = explain(instance, assignment);
    expect(d).toEqual({ position: 1, lottery: 0.9, refusals: [], noEligiblePlaces: false });
    expect(y!.position).toBe(1);
    expect(x).toEqual({
      position: 3,
      lottery: 0.1,
      noEligiblePlaces: false,
      refusals: [
        { place: 0, reason: 'higher-priority', capacity: 1, cutoffClass: 0, cutoffLottery: 0.9 },
        { place: 1, reason: 'lower-lottery', capacity: 1, cutoffClass: 2, cutoffLottery: 0.05 },
      ],
    });
  });
});
