// The HiGHS solve of a b-matching, in a worker thread so a long solve does not block the web
// server's event loop. Plain JavaScript loaded by path (see highs.server.ts); it receives the
// problem's typed arrays and answers with the chosen edges' indices, or an error message.
import { parentPort } from 'node:worker_threads';
import loadHighs from 'highs';

const highsPromise = loadHighs();

async function solve(problem) {
  const highs = await highsPromise;
  const n = problem.weight.length;
  const rows = problem.left + problem.capacity.length;
  const starts = new Int32Array(n + 1);
  const indices = new Int32Array(2 * n);
  for (let j = 0; j < n; j++) {
    indices[2 * j] = problem.edgeLeft[j];
    indices[2 * j + 1] = problem.left + problem.edgeRight[j];
    starts[j + 1] = 2 * (j + 1);
  }
  const rowUpper = new Float64Array(rows);
  rowUpper.fill(1, 0, problem.left);
  for (let i = 0; i < problem.capacity.length; i++) rowUpper[problem.left + i] = problem.capacity[i];
  const colLower = new Float64Array(n);
  if (problem.fixed) for (let j = 0; j < n; j++) if (problem.fixed[j]) colLower[j] = 1;
  const run = (integer) => {
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
  let values = run(false);
  if (values.some((v) => Math.abs(v - Math.round(v)) > 1e-6)) values = run(true);
  const chosen = [];
  values.forEach((v, j) => {
    if (v > 0.5) chosen.push(j);
  });
  return chosen;
}

parentPort.on('message', async ({ id, problem }) => {
  try {
    parentPort.postMessage({ id, chosen: await solve(problem) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
