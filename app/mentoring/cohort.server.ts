import { solveBMatching } from '../lib/highs.server';

export interface CohortInput {
  /** Adept ids. */
  adepts: string[];
  /** Mentor ids with how many more adepts each can take in this cohort. */
  mentors: { id: string; capacity: number }[];
  /** Eligible pairs with their score (only these may be chosen). */
  pairs: { adept: string; mentor: string; score: number }[];
  /** Pairs the coordinator has already decided: always in the result. */
  locked: { adept: string; mentor: string }[];
}

export interface CohortResult {
  pairs: { adept: string; mentor: string; score: number; locked: boolean }[];
  total: number;
}

export class CohortRefused extends Error {}

/**
 * The pairing of a whole intake that maximises the total score: each adept at most once, each
 * mentor at most their capacity, the locked pairs always included (they use their mentor's
 * capacity). The same solver as the feriejobb max-coverage mode (solveBMatching: a weighted
 * bipartite b-matching by HiGHS). Locked pairs are fixed by their bounds, not removed, so their
 * mentors' capacity rows stay exact.
 */
export async function optimalCohort(input: CohortInput): Promise<CohortResult> {
  const adeptIndex = new Map(input.adepts.map((id, i) => [id, i]));
  const mentorIndex = new Map(input.mentors.map((m, i) => [m.id, i]));
  const lockedKeys = new Set(input.locked.map((l) => `${l.adept}|${l.mentor}`));
  const lockedAdepts = new Map<string, number>();
  const lockedPerMentor = new Map<string, number>();
  for (const l of input.locked) {
    if (!adeptIndex.has(l.adept) || !mentorIndex.has(l.mentor)) throw new CohortRefused('Ett låst par hör inte till omgången.');
    lockedAdepts.set(l.adept, (lockedAdepts.get(l.adept) ?? 0) + 1);
    lockedPerMentor.set(l.mentor, (lockedPerMentor.get(l.mentor) ?? 0) + 1);
  }
  if ([...lockedAdepts.values()].some((n) => n > 1)) throw new CohortRefused('En adept kan bara låsas till en mentor.');
  for (const m of input.mentors) {
    if ((lockedPerMentor.get(m.id) ?? 0) > m.capacity) throw new CohortRefused('En mentor har fler låsta par än lediga platser.');
  }

  // Columns: every eligible pair, plus locked pairs that were not in the eligible list (score 0).
  const columns = input.pairs.filter((p) => adeptIndex.has(p.adept) && mentorIndex.has(p.mentor) && (p.score > 0 || lockedKeys.has(`${p.adept}|${p.mentor}`)));
  const present = new Set(columns.map((p) => `${p.adept}|${p.mentor}`));
  for (const l of input.locked) if (!present.has(`${l.adept}|${l.mentor}`)) columns.push({ ...l, score: 0 });

  const fixed = new Uint8Array(columns.length);
  columns.forEach((p, j) => (fixed[j] = lockedKeys.has(`${p.adept}|${p.mentor}`) ? 1 : 0));
  const chosen = await solveBMatching({
    left: input.adepts.length,
    capacity: input.mentors.map((m) => m.capacity),
    edgeLeft: Int32Array.from(columns, (p) => adeptIndex.get(p.adept)!),
    edgeRight: Int32Array.from(columns, (p) => mentorIndex.get(p.mentor)!),
    weight: Float64Array.from(columns, (p) => p.score),
    fixed,
  });
  const pairs: CohortResult['pairs'] = chosen.map((j) => {
    const p = columns[j]!;
    return { adept: p.adept, mentor: p.mentor, score: p.score, locked: fixed[j] === 1 };
  });
  return { pairs, total: pairs.reduce((s, p) => s + p.score, 0) };
}
