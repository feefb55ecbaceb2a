import loadHighs from 'highs';

export type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsPromise: Promise<Highs> | null = null;

/** The HiGHS WebAssembly runtime, loaded once per process from the npm package (no download). */
export function getHighs() {
  highsPromise ??= loadHighs().catch((error: unknown) => {
    highsPromise = null;
    throw error;
  });
  return highsPromise;
}

export interface BMatchingProblem {
  /** How many left vertices (each matched at most once). */
  left: number;
  /** Each right vertex's capacity. */
  capacity: ArrayLike<number>;
  /** Edge endpoints and weights; an edge with `fixed` set is always chosen. */
  edgeLeft: Int32Array;
  edgeRight: Int32Array;
  weight: Float64Array;
  fixed?: Uint8Array;
}

/**
 * A maximum-weight bipartite b-matching (each left vertex at most once, each right vertex at most
 * its capacity, fixed edges always in) solved with HiGHS. The constraint matrix is totally
 * unimodular, so the LP's optimal vertex found by the simplex is integral; should HiGHS ever return
 * a fractional solution the model is solved again as a MIP. Returns the chosen edges' indices.
 * Used by the feriejobb max-coverage mode and Stockholmsmentor's cohort pairing.
 */
export async function solveBMatching(problem: BMatchingProblem): Promise<number[]> {
  const n = problem.weight.length;
  if (n === 0) return [];
  const highs = await getHighs();
  const rows = problem.left + problem.capacity.length;
  const starts = new Int32Array(n + 1);
  const indices = new Int32Array(2 * n);
  for (let j = 0; j < n; j++) {
    indices[2 * j] = problem.edgeLeft[j]!;
    indices[2 * j + 1] = problem.left + problem.edgeRight[j]!;
    starts[j + 1] = 2 * (j + 1);
  }
  const rowUpper = new Float64Array(rows);
  rowUpper.fill(1, 0, problem.left);
  for (let i = 0; i < problem.capacity.length; i++) rowUpper[problem.left + i] = problem.capacity[i]!;
  const colLower = new Float64Array(n);
  if (problem.fixed) for (let j = 0; j < n; j++) if (problem.fixed[j]) colLower[j] = 1;
  const solve = (integer: boolean) => {
    const model = highs.createModel({
      numCols: n,
      numRows: rows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: problem.weight,
      colLower,
      colUpper: new Float64Array(n).fill(1),
      rowLower: new Float64Array(rows).fill(-highs.infinity),
      rowUpper,
      matrix: { format: 'csc', numRows: rows, numCols: n, starts, indices, values: new Float64Array(2 * n).fill(1) },
      ...(integer ? { integrality: new Int32Array(n).fill(highs.constants.variableType.integer) } : {}),
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
  const chosen: number[] = [];
  values.forEach((v, j) => {
    if (v > 0.5) chosen.push(j);
  });
  return chosen;
}
