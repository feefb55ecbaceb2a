import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addAggregates, buildTable, emptyAggregate, figureOf, formatCount, type Aggregate, type StatTable, type TableInput } from './stat-table';

const people = (n: number): Aggregate => ({ n, num: n, den: 0, sum: 0 });
const ratio = (num: number, den: number): Aggregate => ({ n: den, num, den, sum: 0 });
const months = (den: number, sum: number): Aggregate => ({ n: den, num: 0, den, sum });
const places = (num: number): Aggregate => ({ n: 1, num, den: 0, sum: 0 });

function input(unit: TableInput['unit'], rows: Aggregate[][], threshold = 5, totals: TableInput['totals'] = { row: 'Totalt', column: 'Totalt' }): TableInput {
  return {
    id: 'test',
    title: 'Test',
    unit,
    rowHeader: 'Rad',
    columns: ['Kvinnor', 'Män', 'Annat / uppgift saknas'].slice(0, rows[0]?.length ?? 3),
    rows: rows.map((cells, i) => ({ key: `r${i}`, label: `Rad ${i}`, cells })),
    totals,
    threshold,
  };
}

const texts = (t: StatTable) => t.rows.map((r) => r.cells.map((c) => c.text));
const values = (t: StatTable) => t.rows.map((r) => r.cells.map((c) => c.value));
const hidden = (t: StatTable) => t.rows.map((r) => r.cells.map((c) => c.suppressed));

describe('buildTable: counts of people', () => {
  // Farsta: 7 women, 8 men; Rinkeby-Kista: 6 women, 3 men.
  const table = buildTable(input('people', [
    [people(7), people(8), people(0)],
    [people(6), people(3), people(0)],
  ]));

  it('adds a total column (row sums) and a total row (column sums)', () => {
    expect(table.columns).toEqual(['Kvinnor', 'Män', 'Annat / uppgift saknas', 'Totalt']);
    expect(table.rows.map((r) => [r.key, r.label, r.total])).toEqual([
      ['r0', 'Rad 0', false],
      ['r1', 'Rad 1', false],
      ['total', 'Totalt', true],
    ]);
    expect(table.rows.map((r) => r.cells[3]!.value)).toEqual([15, 9, 24]);
    expect(table.rows[2]!.cells.map((c) => c.value)).toEqual([13, 11, 0, 24]);
  });

  it('hides the cell of 3 as "<5", and with it a second cell of its row and of its column', () => {
    const cell3 = table.rows[1]!.cells[1]!;
    expect(cell3).toEqual({ value: null, text: '<5', suppressed: true, base: null });
    // Row "Rad 1" and column "Män" each get a second hidden cell, and so on until no line has one.
    expect(hidden(table)).toEqual([
      [true, true, false, false],
      [true, true, false, false],
      [false, false, false, false],
    ]);
    for (const row of table.rows) for (const cell of row.cells) if (cell.suppressed) expect(cell.value).toBeNull();
    // The zeros and the totals stay.
    expect(texts(table)[2]).toEqual(['13', '11', '0', '24']);
    expect(table.rows.map((r) => r.cells[2]!.text)).toEqual(['0', '0', '0']);
  });

  it('follows the threshold: with 3 nothing here is small, with 10 the row totals of 9 go too', () => {
    const at3 = buildTable({ ...input('people', [[people(7), people(8), people(0)], [people(6), people(3), people(0)]]), threshold: 3 });
    expect(values(at3)).toEqual([
      [7, 8, 0, 15],
      [6, 3, 0, 9],
      [13, 11, 0, 24],
    ]);
    const small = buildTable(input('people', [[people(2), people(9)]], 3, {}));
    expect(texts(small)).toEqual([['<3', '9']]);
    const at10 = buildTable({ ...input('people', [[people(7), people(8), people(0)], [people(6), people(3), people(0)]]), threshold: 10 });
    expect(at10.rows[1]!.cells[3]!.suppressed).toBe(true);
    expect(at10.rows[1]!.cells[3]!.text).toBe('<10');
  });

  it('formats counts the Swedish way', () => {
    const big = buildTable(input('people', [[people(9000), people(12)]], 5, {}));
    expect(texts(big)).toEqual([[formatCount(9000), '12']]);
    expect(formatCount(9000)).toBe('9\u00a0000');
  });

  it('counts pairs like people: protected', () => {
    const t = buildTable(input('pairs', [[people(4), people(20)]], 5, {}));
    expect(texts(t)).toEqual([['<5', '20']]);
  });
});

describe('buildTable: places are not people', () => {
  it('never suppresses places, and sums them', () => {
    const t = buildTable(input('places', [
      [places(3), places(1), places(0)],
      [places(2), places(250), places(0)],
    ]));
    expect(hidden(t).flat().some(Boolean)).toBe(false);
    expect(values(t)).toEqual([
      [3, 1, 0, 4],
      [2, 250, 0, 252],
      [5, 251, 0, 256],
    ]);
  });
});

describe('buildTable: shares', () => {
  it('computes the share with one decimal from the numerator and denominator, base shown', () => {
    const t = buildTable(input('share', [[ratio(8, 13), ratio(5, 8), ratio(20, 30), ratio(7, 16), ratio(0, 10), ratio(10, 10), ratio(0, 0)]], 5, {}));
    expect(texts(t)).toEqual([['61,5 %', '62,5 %', '66,7 %', '43,8 %', '0,0 %', '100,0 %', '–']]);
    expect(values(t)).toEqual([[61.5, 62.5, 66.7, 43.8, 0, 100, null]]);
    expect(t.rows[0]!.cells.map((c) => c.base)).toEqual([13, 8, 30, 16, 10, 10, 0]);
  });

  it('hides a share when the numerator or the denominator counts 1 to threshold − 1 people', () => {
    const t = buildTable(input('share', [[ratio(3, 10), ratio(0, 4), ratio(4, 4), ratio(1, 20), ratio(5, 5), ratio(0, 5)]], 5, {}));
    expect(hidden(t)).toEqual([[true, true, true, true, false, false]]);
    expect(texts(t)[0]!.slice(0, 4)).toEqual(['<5', '<5', '<5', '<5']);
    expect(t.rows[0]!.cells[0]!.base).toBeNull();
    expect(texts(t)[0]!.slice(4)).toEqual(['100,0 %', '0,0 %']);
  });

  it('computes the totals from summed numerators and denominators, not from the shares', () => {
    const t = buildTable(input('share', [
      [ratio(6, 10), ratio(9, 10)],
      [ratio(12, 20), ratio(5, 5)],
    ]));
    expect(values(t)).toEqual([
      [60, 90, 75],
      [60, 100, 68],
      [60, 93.3, 71.1],
    ]);
    expect(t.rows[2]!.cells.map((c) => c.base)).toEqual([30, 15, 45]);
  });

  it('protects the denominator with secondary suppression too', () => {
    // Denominators [[10, 3], [10, 10]]: the 3 hides its row and column partners.
    const t = buildTable(input('share', [
      [ratio(5, 10), ratio(0, 3)],
      [ratio(5, 10), ratio(6, 10)],
    ]));
    expect(hidden(t)).toEqual([
      [true, true, false],
      [true, true, false],
      [false, false, false],
    ]);
  });
});

describe('buildTable: averages', () => {
  it('shows the average with one decimal and hides it when its base is small', () => {
    const t = buildTable(input('average', [[months(6, 48.3), months(3, 24), months(0, 0), months(5, 27.25)]], 5, {}));
    expect(texts(t)).toEqual([['8,1', '<5', '–', '5,5']]);
    expect(t.rows[0]!.cells.map((c) => c.base)).toEqual([6, null, 0, 5]);
  });

  it('averages the total over all people, not the rows’ averages', () => {
    const t = buildTable(input('average', [[months(10, 50), months(5, 100)]], 5, { column: 'Totalt' }));
    expect(values(t)).toEqual([[5, 20, 10]]);
  });
});

describe('buildTable: properties', () => {
  const cell = fc.record({ n: fc.nat(40), num: fc.nat(40), den: fc.nat(40), sum: fc.nat(400) });
  const grid = fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }))
    .chain(([r, c]) => fc.array(fc.array(cell, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

  it('totals are the sums of the rows and columns, and every small people count is hidden', () => {
    fc.assert(
      fc.property(grid, fc.integer({ min: 2, max: 10 }), (rows, threshold) => {
        const t = buildTable(input('people', rows, threshold));
        const open = buildTable(input('people', rows, 1));
        const width = rows[0]!.length;
        rows.forEach((cells, r) => expect(open.rows[r]!.cells[width]!.value).toBe(cells.reduce(addAggregates, emptyAggregate).n));
        for (let c = 0; c < width; c++) expect(open.rows[rows.length]!.cells[c]!.value).toBe(rows.reduce((a, row) => a + row[c]!.n, 0));
        for (const row of open.rows) for (const [c, cellOpen] of row.cells.entries()) {
          const shown = t.rows[open.rows.indexOf(row)]!.cells[c]!;
          if (cellOpen.value! > 0 && cellOpen.value! < threshold) expect(shown).toMatchObject({ suppressed: true, text: `<${threshold}`, value: null });
          if (!shown.suppressed) expect(shown.value).toBe(cellOpen.value);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('figureOf agrees with the unit', () => {
    expect(figureOf('people', { n: 4, num: 9, den: 9, sum: 9 })).toBe(4);
    expect(figureOf('pairs', { n: 4, num: 9, den: 9, sum: 9 })).toBe(4);
    expect(figureOf('places', { n: 4, num: 9, den: 9, sum: 9 })).toBe(9);
    expect(figureOf('share', { n: 0, num: 1, den: 3, sum: 0 })).toBe(33.3);
    expect(figureOf('average', { n: 0, num: 0, den: 3, sum: 10 })).toBe(3.3);
    expect(figureOf('share', emptyAggregate)).toBeNull();
    expect(figureOf('average', emptyAggregate)).toBeNull();
  });
});
