import loadHighs from 'highs';
import type { AllocationInstance, Assignment } from './allocation';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsPromise: Promise<Highs> | null = null;

/** The HiGHS WebAssembly runtime, loaded once per process from the npm package (no download). */
function getHighs() {
  highsPromise ??= loadHighs().catch((error: unknown) => {
    highsPromise = null;
    throw error;
  });
  return highsPromise;
}

export interface MaxCoverageResult {
  assignment: Assignment;
  placed: number;
  /** Columns (acceptable applicant–place pairs) and rows of the model HiGHS solved. */
  columns: number;
  rows: number;
}

/**
 * The assignment placing the most youths within their lists: maximise Σ x(a,p) over listed pairs
 * subject to Σ_p x(a,p) ≤ 1 per applicant and Σ_a x(a,p) ≤ capacity per place. The constraint
 * matrix is that of a bipartite b-matching, which is totally unimodular, so the LP's optimal
 * vertex (HiGHS' simplex) is integral; should HiGHS ever return a fractional solution the model
 * is solved again as a MIP.
 */
export async function maxCoverage(instance: AllocationInstance): Promise<MaxCoverageResult> {
  const { applicants, places } = instance;
  const assignment = new Int32Array(applicants.length).fill(-1);
  let columns = 0;
  for (const a of applicants) columns += a.prefs.length;
  const rows = applicants.length + places.length;
  if (columns === 0) return { assignment, placed: 0, columns, rows };

  const highs = await getHighs();
  const starts = new Int32Array(columns + 1);
  const indices = new Int32Array(2 * columns);
  const colApplicant = new Int32Array(columns);
  const colPlace = new Int32Array(columns);
  let j = 0;
  applicants.forEach((applicant, a) => {
    for (const p of applicant.prefs) {
      indices[2 * j] = a;
      indices[2 * j + 1] = applicants.length + p;
      colApplicant[j] = a;
      colPlace[j] = p;
      j++;
      starts[j] = 2 * j;
    }
  });
  const rowUpper = new Float64Array(rows);
  rowUpper.fill(1, 0, applicants.length);
  places.forEach((place, p) => (rowUpper[applicants.length + p] = place.capacity));

  const solve = (integer: boolean) => {
    const model = highs.createModel({
      numCols: columns,
      numRows: rows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: new Float64Array(columns).fill(1),
      colLower: new Float64Array(columns),
      colUpper: new Float64Array(columns).fill(1),
      rowLower: new Float64Array(rows).fill(-highs.infinity),
      rowUpper,
      matrix: { format: 'csc', numRows: rows, numCols: columns, starts, indices, values: new Float64Array(2 * columns).fill(1) },
      ...(integer ? { integrality: new Int32Array(columns).fill(highs.constants.variableType.integer) } : {}),
    });
    try {
      model.options.set({ output_flag: false });
      model.run();
      const status = model.getModelStatus();
      if (status !== highs.constants.modelStatus.optimal) throw new Error(`HiGHS ended with model status ${status}`);
      return model.getSolution().colValue;
    } finally {
      model.dispose();
    }
  };

  let values = solve(false);
  if (values.some((v) => Math.abs(v - Math.round(v)) > 1e-6)) values = solve(true);
  let placed = 0;
  values.forEach((v, col) => {
    if (v > 0.5) {
      assignment[colApplicant[col]!] = colPlace[col]!;
      placed++;
    }
  });
  return { assignment, placed, columns, rows };
}
