/**
 * Feriejobb allocation, the pure part: the seeded lottery, applicant-proposing deferred
 * acceptance over (workplace, period) places, the stability check and the per-applicant
 * explanation. No I/O; the service (allocation.server.ts) builds the instance from the database
 * and the max-coverage comparison (max-coverage.server.ts) solves the same instance with HiGHS.
 *
 * Places rank applicants by priority class, then by one lottery number per applicant (the same at
 * every place: a "single" lottery, so no applicant is lucky at one place and unlucky at another):
 *   class 0: the applicant belongs to a priority group the place favours (an adapted place
 *            favours disability, a place with language support favours newcomers);
 *   class 1: the applicant belongs to any checked priority group;
 *   class 2: everyone else.
 * A lower key is better: key = class + lottery, with lottery in [0, 1).
 */

export interface AllocationApplicant {
  /** The application's id. */
  id: string;
  /** Indices into `places`, most preferred first, no repeats. */
  prefs: number[];
  /** Bitmask of checked priority groups (see priorityGroupMask). */
  groups: number;
  /** In [0, 1); lower is better. Distinct per applicant in practice (53-bit hash); ties go by id. */
  lottery: number;
}

export interface AllocationPlace {
  /** The opening's id. */
  id: string;
  capacity: number;
  /** Bitmask of the priority groups this place puts first. */
  favoured: number;
}

export interface AllocationInstance {
  applicants: AllocationApplicant[];
  places: AllocationPlace[];
}

/** Per applicant (same order as the instance): the index of the place they got, or -1. */
export type Assignment = Int32Array;

export function priorityClass(applicantGroups: number, placeFavoured: number): number {
  if ((applicantGroups & placeFavoured) !== 0) return 0;
  return applicantGroups !== 0 ? 1 : 2;
}

/** The place's ranking key for an applicant, for display: lower is better (ranking itself compares class and lottery separately). */
export function rankKey(applicant: AllocationApplicant, place: AllocationPlace): number {
  return priorityClass(applicant.groups, place.favoured) + applicant.lottery;
}

/**
 * True when `a` ranks strictly before `b` at `place`: class, then lottery, then id, compared one
 * after the other (adding class and lottery into one float would round the lottery's last bits).
 */
function ranksBefore(a: AllocationApplicant, b: AllocationApplicant, place: AllocationPlace) {
  const ca = priorityClass(a.groups, place.favoured);
  const cb = priorityClass(b.groups, place.favoured);
  if (ca !== cb) return ca < cb;
  if (a.lottery !== b.lottery) return a.lottery < b.lottery;
  return a.id < b.id;
}

// ---------------------------------------------------------------------------------------------
// The seeded lottery
// ---------------------------------------------------------------------------------------------

/** cyrb53: a fast 53-bit string hash (public domain). */
function hash53(text: string, seed: number) {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * An applicant's lottery number for a run: a uniform number in [0, 1) from the run's seed and the
 * application's id alone, so the same seed gives everyone the same number however the
 * applications are read, and adding an applicant changes nobody else's number.
 */
export function lotteryNumber(seed: number, applicationId: string): number {
  return hash53(`lottery:${applicationId}`, seed >>> 0) / 2 ** 53;
}

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function fmix32(h: number) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The applicant's part of pairNoise, computed once per applicant and run. */
export function applicantOrderKey(seed: number, applicationId: string) {
  return hash53(`order:${applicationId}`, seed >>> 0) % 4294967296;
}

/** The place's part of pairNoise, computed once per place. */
export function placeOrderKey(placeId: string) {
  return hash53(`place:${placeId}`, 0) % 4294967296;
}

/** pairNoise from its two precomputed parts. */
export function combineOrderKeys(applicantKey: number, placeKey: number) {
  return fmix32((applicantKey ^ placeKey) >>> 0) / 4294967296;
}

/**
 * A uniform number in [0, 1) for an (applicant, place) pair: breaks ties in the applicant's own
 * order. Built from one hash per applicant and one per place, so ranking 30,000 lists hashes
 * 30,000 + places strings instead of every pair.
 */
export function pairNoise(seed: number, applicationId: string, placeId: string): number {
  return combineOrderKeys(applicantOrderKey(seed, applicationId), placeOrderKey(placeId));
}

/** A new run seed (a positive 31-bit integer, easy to show and type). */
export function newSeed(random = Math.random) {
  return 1 + Math.floor(random() * 0x7ffffffe);
}

// ---------------------------------------------------------------------------------------------
// Deferred acceptance
// ---------------------------------------------------------------------------------------------

/**
 * Applicant-proposing deferred acceptance (Gale–Shapley with capacities). Free applicants propose
 * to their next place; a place keeps its best `capacity` proposers so far and rejects the rest.
 * The result is stable, the best stable matching for every applicant, and no applicant can gain
 * by reporting other preferences. Runs in O(total list length · log capacity).
 */
export function deferredAcceptance(instance: AllocationInstance): Assignment {
  const { applicants, places } = instance;
  const assignment = new Int32Array(applicants.length).fill(-1);
  const next = new Int32Array(applicants.length);
  // Each place's held applicants as a binary max-heap on the ranking key (worst at the top).
  const held: number[][] = places.map(() => []);
  const worse = (p: number, x: number, y: number) => ranksBefore(applicants[y]!, applicants[x]!, places[p]!);
  const siftUp = (p: number, heap: number[], i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(p, heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const siftDown = (p: number, heap: number[], i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && worse(p, heap[l]!, heap[top]!)) top = l;
      if (r < heap.length && worse(p, heap[r]!, heap[top]!)) top = r;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top]!, heap[i]!];
      i = top;
    }
  };

  const free: number[] = [];
  for (let a = applicants.length - 1; a >= 0; a--) free.push(a);
  while (free.length > 0) {
    const a = free.pop()!;
    const prefs = applicants[a]!.prefs;
    while (next[a]! < prefs.length) {
      const p = prefs[next[a]!++]!;
      const place = places[p]!;
      const heap = held[p]!;
      if (heap.length < place.capacity) {
        heap.push(a);
        siftUp(p, heap, heap.length - 1);
        assignment[a] = p;
        break;
      }
      if (heap.length > 0 && ranksBefore(applicants[a]!, applicants[heap[0]!]!, place)) {
        const evicted = heap[0]!;
        heap[0] = a;
        siftDown(p, heap, 0);
        assignment[a] = p;
        assignment[evicted] = -1;
        free.push(evicted);
        break;
      }
    }
  }
  return assignment;
}

// ---------------------------------------------------------------------------------------------
// Checks and figures
// ---------------------------------------------------------------------------------------------

export interface BlockingPair {
  applicant: number;
  place: number;
}

/**
 * Every (applicant, place) pair that would both rather have each other than what they got: the
 * applicant lists the place above their assignment (or has none), and the place has a free seat
 * or holds someone it ranks below the applicant. Also reports over-capacity places as a pair with
 * applicant -1, and assignments to places the applicant did not list.
 */
export function blockingPairs(instance: AllocationInstance, assignment: Assignment): BlockingPair[] {
  const { applicants, places } = instance;
  const worstHeld = new Int32Array(places.length).fill(-1);
  const count = new Int32Array(places.length);
  const found: BlockingPair[] = [];
  assignment.forEach((p, a) => {
    if (p < 0) return;
    if (!applicants[a]!.prefs.includes(p)) found.push({ applicant: a, place: p });
    count[p]!++;
    const w = worstHeld[p]!;
    if (w < 0 || ranksBefore(applicants[w]!, applicants[a]!, places[p]!)) worstHeld[p] = a;
  });
  places.forEach((place, p) => {
    if (count[p]! > place.capacity) found.push({ applicant: -1, place: p });
  });
  applicants.forEach((applicant, a) => {
    for (const p of applicant.prefs) {
      if (p === assignment[a]) break;
      const place = places[p]!;
      if (place.capacity === 0) continue;
      const w = worstHeld[p]!;
      if (count[p]! < place.capacity || (w >= 0 && ranksBefore(applicant, applicants[w]!, place))) found.push({ applicant: a, place: p });
    }
  });
  return found;
}

export function placedCount(assignment: Assignment) {
  let n = 0;
  for (const p of assignment) if (p >= 0) n++;
  return n;
}

/** Seats taken per place. */
export function seatsTaken(instance: AllocationInstance, assignment: Assignment) {
  const taken = new Int32Array(instance.places.length);
  for (const p of assignment) if (p >= 0) taken[p]!++;
  return taken;
}

// ---------------------------------------------------------------------------------------------
// Explanations
// ---------------------------------------------------------------------------------------------

export type RefusalReason =
  /** The place had no seats in this round. */
  | 'no-seats'
  /** Every seat went to applicants in a higher priority class at that place. */
  | 'higher-priority'
  /** The applicant's class was reached, and seats went to applicants of the same class with lower lottery numbers. */
  | 'lower-lottery';

export interface Explanation {
  /** 1-based position on the applicant's list of the place they got; null when unplaced. */
  position: number | null;
  /** The applicant's lottery number in this run. */
  lottery: number;
  /** Why each place the applicant preferred to their result went to others, most preferred first. */
  refusals: { place: number; reason: RefusalReason; capacity: number; cutoffClass: number | null; cutoffLottery: number | null }[];
  /** True when the applicant's list was empty: no place matched their areas, ages and months. */
  noEligiblePlaces: boolean;
}

/**
 * Why an applicant got what they got. In a stable result every place above their own on their
 * list is full of applicants that place ranks before them; the explanation says, per place,
 * whether that was priority or the lottery, with the cut-off (the last admitted applicant).
 */
export function explain(instance: AllocationInstance, assignment: Assignment): Explanation[] {
  const { applicants, places } = instance;
  const worstHeld = new Int32Array(places.length).fill(-1);
  assignment.forEach((p, a) => {
    if (p < 0) return;
    const w = worstHeld[p]!;
    if (w < 0 || ranksBefore(applicants[w]!, applicants[a]!, places[p]!)) worstHeld[p] = a;
  });
  return applicants.map((applicant, a) => {
    const got = assignment[a]!;
    const refusals: Explanation['refusals'] = [];
    for (const p of applicant.prefs) {
      if (p === got) break;
      const place = places[p]!;
      const w = worstHeld[p]!;
      if (place.capacity === 0 || w < 0) {
        refusals.push({ place: p, reason: 'no-seats', capacity: place.capacity, cutoffClass: null, cutoffLottery: null });
        continue;
      }
      const cutoff = applicants[w]!;
      const cutoffClass = priorityClass(cutoff.groups, place.favoured);
      const ownClass = priorityClass(applicant.groups, place.favoured);
      refusals.push({
        place: p,
        reason: cutoffClass < ownClass ? 'higher-priority' : 'lower-lottery',
        capacity: place.capacity,
        cutoffClass,
        cutoffLottery: cutoff.lottery,
      });
    }
    return {
      position: got >= 0 ? applicant.prefs.indexOf(got) + 1 : null,
      lottery: applicant.lottery,
      refusals,
      noEligiblePlaces: applicant.prefs.length === 0,
    };
  });
}
