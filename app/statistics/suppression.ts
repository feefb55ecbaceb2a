/**
 * Protecting individuals in the published tables: a cell counting between 1 and threshold − 1
 * people is shown as "<threshold" (primary suppression), and no suppressed cell can be recovered
 * by subtracting the visible cells of its row or column from the total (secondary suppression:
 * a row or column never has exactly one hidden cell). Zero is shown: it names nobody.
 *
 * A table is a matrix of counts whose last column holds the rows' totals and whose last row holds
 * the columns' totals, when the table has them. Null cells (not applicable) take no part.
 */

export interface CountMatrix {
  values: (number | null)[][];
  /** The last column is each row's total. */
  rowTotals: boolean;
  /** The last row is each column's total. */
  columnTotals: boolean;
}

export function isPrimarySuppressed(value: number | null, threshold: number): boolean {
  return value !== null && value > 0 && value < threshold;
}

type Cell = readonly [number, number];

function lines(matrix: CountMatrix): Cell[][] {
  const rows = matrix.values.length;
  const cols = rows ? matrix.values[0]!.length : 0;
  const result: Cell[][] = [];
  if (matrix.rowTotals && cols > 1) {
    for (let r = 0; r < rows; r++) result.push(Array.from({ length: cols }, (_, c) => [r, c] as const));
  }
  if (matrix.columnTotals && rows > 1) {
    for (let c = 0; c < cols; c++) result.push(Array.from({ length: rows }, (_, r) => [r, c] as const));
  }
  return result;
}

/** Which cells to hide: primary suppression, then secondary until no line has a single hidden cell. */
export function suppressionMask(matrix: CountMatrix, threshold: number): boolean[][] {
  const { values } = matrix;
  const hidden = values.map((row) => row.map((v) => isPrimarySuppressed(v, threshold)));
  const rows = values.length;
  const cols = rows ? values[0]!.length : 0;
  const isTotal = ([r, c]: Cell) => (matrix.rowTotals && c === cols - 1) || (matrix.columnTotals && r === rows - 1);
  const allLines = lines(matrix);
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of allLines) {
      const present = line.filter(([r, c]) => values[r]![c] !== null);
      const hiddenCount = present.filter(([r, c]) => hidden[r]![c]).length;
      if (hiddenCount !== 1) continue;
      // Hide the smallest other cell, preferring a non-zero inner cell (hiding a zero protects
      // nothing, since a zero is never hidden on its own) and a total only as the last resort.
      const candidates = present
        .filter(([r, c]) => !hidden[r]![c])
        .sort((a, b) => {
          const [va, vb] = [values[a[0]]![a[1]]!, values[b[0]]![b[1]]!];
          const rank = (cell: Cell, v: number) => (v === 0 ? 2 : 0) + (isTotal(cell) ? 1 : 0);
          return rank(a, va) - rank(b, vb) || va - vb || a[0] - b[0] || a[1] - b[1];
        });
      const pick = candidates[0];
      if (!pick) continue;
      hidden[pick[0]]![pick[1]] = true;
      changed = true;
    }
  }
  return hidden;
}
