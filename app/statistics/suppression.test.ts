import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPrimarySuppressed, suppressionMask, type CountMatrix } from './suppression';

type Cell = readonly [number, number];

/** The inner counts with a total column (row sums) and/or a total row (column sums) appended. */
function withTotals(inner: number[][], rowTotals: boolean, columnTotals: boolean): CountMatrix {
  let values = inner.map((row) => (rowTotals ? [...row, row.reduce((a, b) => a + b, 0)] : [...row]));
  if (columnTotals) values = [...values, values[0]!.map((_, c) => values.reduce((acc, row) => acc + row[c]!, 0))];
  return { values, rowTotals, columnTotals };
}

/** The lines a reader can subtract along: each row (with its total) and each column (with its total). */
function linesOf(m: CountMatrix): Cell[][] {
  const rows = m.values.length;
  const cols = m.values[0]!.length;
  const lines: Cell[][] = [];
  if (m.rowTotals) for (let r = 0; r < rows; r++) lines.push(Array.from({ length: cols }, (_, c) => [r, c] as const));
  if (m.columnTotals) for (let c = 0; c < cols; c++) lines.push(Array.from({ length: rows }, (_, r) => [r, c] as const));
  return lines;
}

const hiddenIn = (mask: boolean[][], line: Cell[]) => line.filter(([r, c]) => mask[r]![c]).length;
const primaryMask = (m: CountMatrix, t: number) => m.values.map((row) => row.map((v) => isPrimarySuppressed(v, t)));
const cells = (m: CountMatrix) => m.values.flatMap((row, r) => row.map((v, c) => ({ r, c, v: v! })));

/** Small counts are common in the tables that matter (many 0–9), with some large ones. */
const count = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 9 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 }) });
const innerMatrix = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .chain(([rows, cols]) => fc.array(fc.array(count, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));
const table = fc
  .record({ inner: innerMatrix, rowTotals: fc.boolean(), columnTotals: fc.boolean(), threshold: fc.integer({ min: 2, max: 10 }) })
  .map(({ inner, rowTotals, columnTotals, threshold }) => ({ matrix: withTotals(inner, rowTotals, columnTotals), threshold }));

describe('suppressionMask: properties over random tables', () => {
  it('hides every cell counting 1 to threshold − 1 people (totals too)', () => {
    fc.assert(
      fc.property(table, ({ matrix, threshold }) => {
        const mask = suppressionMask(matrix, threshold);
        for (const { r, c, v } of cells(matrix)) if (v >= 1 && v < threshold) expect(mask[r]![c], `cell ${r},${c} = ${v}`).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('never leaves a row or column (its total included) with exactly one hidden cell', () => {
    fc.assert(
      fc.property(table, ({ matrix, threshold }) => {
        const mask = suppressionMask(matrix, threshold);
        for (const line of linesOf(matrix)) {
          expect(hiddenIn(mask, line), `line ${JSON.stringify(line)} of ${JSON.stringify(matrix.values)}`).not.toBe(1);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('shows zeros: with totals that are sums a zero is never hidden', () => {
    fc.assert(
      fc.property(table, ({ matrix, threshold }) => {
        const mask = suppressionMask(matrix, threshold);
        for (const { r, c, v } of cells(matrix)) if (v === 0) expect(mask[r]![c], `zero at ${r},${c}`).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('hides nothing beyond the small cells when no secondary suppression is needed', () => {
    fc.assert(
      fc.property(table, ({ matrix, threshold }) => {
        const primary = primaryMask(matrix, threshold);
        const mask = suppressionMask(matrix, threshold);
        const primaryIsSafe = linesOf(matrix).every((line) => hiddenIn(primary, line) !== 1);
        if (primaryIsSafe) expect(mask).toEqual(primary);
        // Without totals nothing can be recovered by subtraction: only the small cells go.
        if (!matrix.rowTotals && !matrix.columnTotals) expect(mask).toEqual(primary);
      }),
      { numRuns: 3000 },
    );
  });

  it('protects with the smallest cells it can: the smallest other inner cell of a line, a total only when no inner cell is left', () => {
    fc.assert(
      fc.property(table, ({ matrix, threshold }) => {
        const mask = suppressionMask(matrix, threshold);
        const rows = matrix.values.length;
        const cols = matrix.values[0]!.length;
        const isTotal = ([r, c]: Cell) => (matrix.rowTotals && c === cols - 1) || (matrix.columnTotals && r === rows - 1);
        const value = ([r, c]: Cell) => matrix.values[r]![c]!;
        const lines = linesOf(matrix);
        for (const { r, c, v } of cells(matrix)) {
          if (!mask[r]![c] || isPrimarySuppressed(v, threshold)) continue;
          // A secondary cell was chosen on a line where, when chosen, it was the best candidate;
          // cells only ever get hidden afterwards, so on that line every better candidate is hidden.
          const through = lines.filter((line) => line.some(([lr, lc]) => lr === r && lc === c));
          const chosenOn = through.filter((line) =>
            line.every((cell) => {
              if ((cell[0] === r && cell[1] === c) || mask[cell[0]]![cell[1]] || value(cell) === 0) return true;
              if (isTotal([r, c])) return isTotal(cell); // a total goes only when no inner cell is left
              return isTotal(cell) || value(cell) >= v; // an inner cell: no smaller inner cell was left
            }),
          );
          expect(chosenOn.length, `cell ${r},${c} = ${v} of ${JSON.stringify(matrix.values)} at ${threshold}`).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the shape of the input', () => {
    fc.assert(
      fc.property(table, ({ matrix, threshold }) => {
        const mask = suppressionMask(matrix, threshold);
        expect(mask.map((row) => row.length)).toEqual(matrix.values.map((row) => row.length));
      }),
      { numRuns: 500 },
    );
  });
});

describe('suppressionMask: hand examples', () => {
  it('a 2×2 table with totals where one cell is 3: the whole inner square goes, the totals stay', () => {
    // inner [[3, 10], [8, 12]]; rows 13, 20; columns 11, 22; grand total 33.
    const m = withTotals(
      [
        [3, 10],
        [8, 12],
      ],
      true,
      true,
    );
    expect(m.values).toEqual([
      [3, 10, 13],
      [8, 12, 20],
      [11, 22, 33],
    ]);
    expect(suppressionMask(m, 5)).toEqual([
      [true, true, false],
      [true, true, false],
      [false, false, false],
    ]);
    // With threshold 3 the 3 is not small: nothing is hidden.
    expect(suppressionMask(m, 3).flat().some(Boolean)).toBe(false);
  });

  it('hides the smallest other inner cell of the line, not a total and not a zero', () => {
    // Row 0: 2 is small; the candidates are 0 (zero), 9 and 40 (inner) and 51 (total): 9 goes.
    const m = withTotals([[2, 0, 40, 9]], true, false);
    expect(suppressionMask(m, 5)).toEqual([[true, false, false, true, false]]);
  });

  it('hides a total when it is the only other cell of its line', () => {
    // One inner column with a total column: the row is [3, 3]; both are small anyway.
    expect(suppressionMask(withTotals([[3], [7]], true, false), 5)).toEqual([
      [true, true],
      [false, false],
    ]);
    // A total row under one column: [3, 7, 10] vertically; 3 is alone in its column, 7 joins it.
    expect(suppressionMask(withTotals([[3], [7]], false, true), 5)).toEqual([[true], [true], [false]]);
  });

  it('cascades: protecting a row can expose a column, which is then protected too', () => {
    // t = 5. 4 at (0,0): row 0 hides 6 at (0,1); then column 0 has one hidden cell and hides 8 at
    // (1,0), column 1 likewise hides 7 at (1,1). Row 1 ends with two hidden cells. Totals stay.
    const m = withTotals(
      [
        [4, 6, 30],
        [8, 7, 30],
      ],
      true,
      true,
    );
    expect(suppressionMask(m, 5)).toEqual([
      [true, true, false, false],
      [true, true, false, false],
      [false, false, false, false],
    ]);
  });

  it('treats a small total like any small cell, and ignores null (not applicable) cells', () => {
    // Row totals only: [1, 2, 3] → all three small; [0, 0, 0] → nothing.
    expect(suppressionMask(withTotals([[1, 2], [0, 0]], true, false), 5)).toEqual([
      [true, true, true],
      [false, false, false],
    ]);
    const withNull: CountMatrix = { values: [[3, null, 20, 23]], rowTotals: true, columnTotals: false };
    expect(suppressionMask(withNull, 5)).toEqual([[true, false, true, false]]);
  });

  it('isPrimarySuppressed: 1 to threshold − 1, never 0, null or the threshold itself', () => {
    expect([0, 1, 4, 5, 6].map((v) => isPrimarySuppressed(v, 5))).toEqual([false, true, true, false, false]);
    expect(isPrimarySuppressed(null, 5)).toBe(false);
    expect([1, 2, 3].map((v) => isPrimarySuppressed(v, 3))).toEqual([true, true, false]);
  });
});
