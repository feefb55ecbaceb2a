import { solveBMatching } from '../lib/highs.server';
import type { AllocationInstance, Assignment } from './allocation';

export interface MaxCoverageResult {
  assignment: Assignment;
  placed: number;
  /** Columns (acceptable applicant–place pairs) and rows of the model HiGHS solved. */
  columns: number;
  rows: number;
}

/**
 * The assignment placing the most youths within their lists: maximise Σ x(a,p) over listed pairs
 * subject to Σ_p x(a,p) ≤ 1 per applicant and Σ_a x(a,p) ≤ capacity per place, solved by HiGHS
 * as a b-matching with unit weights (see solveBMatching).
 */
export async function maxCoverage(instance: AllocationInstance): Promise<MaxCoverageResult> {
  const { applicants, places } = instance;
  const assignment = new Int32Array(applicants.length).fill(-1);
  let columns = 0;
  for (const a of applicants) columns += a.prefs.length;
  const rows = applicants.length + places.length;
  const edgeLeft = new Int32Array(columns);
  const edgeRight = new Int32Array(columns);
  let j = 0;
  applicants.forEach((applicant, a) => {
    for (const p of applicant.prefs) {
      edgeLeft[j] = a;
      edgeRight[j] = p;
      j++;
    }
  });
  const chosen = await solveBMatching({
    left: applicants.length,
    capacity: places.map((p) => p.capacity),
    edgeLeft,
    edgeRight,
    weight: new Float64Array(columns).fill(1),
  });
  for (const c of chosen) assignment[edgeLeft[c]!] = edgeRight[c]!;
  return { assignment, placed: chosen.length, columns, rows };
}
