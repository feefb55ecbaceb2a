/**
 * The statistics' tables as the dashboard, the exports and the printed report show them: one
 * model, built here from aggregated counts with the suppression applied, so the screen, CSV and
 * XLSX can never disagree about which cells are hidden.
 */
import { countsPeople, type IndicatorId, type IndicatorUnit, type TargetSetter } from './indicators';
import type { Progress } from './progress';
import { isPrimarySuppressed, suppressionMask } from './suppression';

/** What the database returns for one cell: people (rows), numerator, denominator, sum of values. */
export interface Aggregate {
  n: number;
  num: number;
  den: number;
  sum: number;
}

export const emptyAggregate: Aggregate = { n: 0, num: 0, den: 0, sum: 0 };

export function addAggregates(a: Aggregate, b: Aggregate): Aggregate {
  return { n: a.n + b.n, num: a.num + b.num, den: a.den + b.den, sum: a.sum + b.sum };
}

export interface StatCell {
  /** The figure (a count, a percentage, months); null when hidden or not applicable. */
  value: number | null;
  /** As shown: "12", "<5", "61,5 %", "7,9", "–". */
  text: string;
  suppressed: boolean;
  /** For shares and averages: the people it is computed from, when shown. */
  base?: number | null;
}

export interface StatRow {
  key: string;
  label: string;
  href?: string;
  cells: StatCell[];
  total?: boolean;
}

export interface StatTable {
  /** Stable id, used by the export links. */
  id: string;
  title: string;
  unit: IndicatorUnit;
  rowHeader: string;
  columns: string[];
  rows: StatRow[];
  /** Shown under the table: how the figures were protected, etc. */
  note?: string;
}

/** What a cell hidden only to protect another cell shows (as in Statistics Sweden's tables). */
export const SECONDARY_TEXT = '..';

/** The sentence under every statistics table and in every export. */
export function suppressionText(threshold: number): string {
  return `Celler som räknar färre än ${threshold} personer visas som <${threshold}. Där summorna annars skulle avslöja en sådan cell döljs även en annan cell, som då visas som "..".`;
}

const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatCount(value: number): string {
  return integer.format(value);
}

export function formatValue(unit: IndicatorUnit, value: number): string {
  if (unit === 'share') return `${oneDecimal.format(value)} %`;
  if (unit === 'average') return oneDecimal.format(value);
  return integer.format(value);
}

/** The figure an aggregate stands for, or null when there is nothing to compute it from. */
export function figureOf(unit: IndicatorUnit, a: Aggregate): number | null {
  switch (unit) {
    case 'people':
    case 'pairs':
      return a.n;
    case 'places':
      return a.num;
    case 'share':
      return a.den > 0 ? Math.round((1000 * a.num) / a.den) / 10 : null;
    case 'average':
      return a.den > 0 ? Math.round((10 * a.sum) / a.den) / 10 : null;
  }
}

export interface TableInput {
  id: string;
  title: string;
  unit: IndicatorUnit;
  rowHeader: string;
  columns: string[];
  rows: Array<{ key: string; label: string; href?: string; cells: Aggregate[] }>;
  /** Adds a total column (sum of the row) and a total row (sum of the columns). */
  totals: { row?: string; column?: string };
  threshold: number;
  note?: string;
}

/**
 * Builds a table: totals added as sums, figures computed, cells counting 1 to threshold − 1 people
 * hidden with secondary suppression over rows and columns. For shares both the numerator and the
 * denominator are protected (a share is hidden when either is); for averages the people it is
 * computed from.
 */
export function buildTable(input: TableInput): StatTable {
  const { unit, threshold } = input;
  const rows = input.rows.map((r) => ({ ...r, cells: input.totals.column ? [...r.cells, r.cells.reduce(addAggregates, emptyAggregate)] : r.cells }));
  const width = rows[0]?.cells.length ?? input.columns.length + (input.totals.column ? 1 : 0);
  if (input.totals.row) {
    const sums = Array.from({ length: width }, (_, c) => rows.reduce((acc, r) => addAggregates(acc, r.cells[c] ?? emptyAggregate), emptyAggregate));
    rows.push({ key: 'total', label: input.totals.row, cells: sums });
  }
  const shape = { rowTotals: Boolean(input.totals.column), columnTotals: Boolean(input.totals.row) };
  const mask = (pick: (a: Aggregate) => number) => suppressionMask({ values: rows.map((r) => r.cells.map(pick)), ...shape }, threshold);
  const protect = countsPeople(unit);
  const guarded: Array<(a: Aggregate) => number> = !protect ? [] : unit === 'share' ? [(a) => a.num, (a) => a.den] : unit === 'average' ? [(a) => a.den] : [(a) => a.n];
  const masks = guarded.map(mask);
  // A cell hidden for its own small count says so; one hidden only to protect another says "..".
  const hiddenText = (a: Aggregate) => (guarded.some((pick) => isPrimarySuppressed(pick(a), threshold)) ? `<${threshold}` : SECONDARY_TEXT);
  return {
    id: input.id,
    title: input.title,
    unit,
    rowHeader: input.rowHeader,
    columns: input.totals.column ? [...input.columns, input.totals.column] : input.columns,
    note: input.note,
    rows: rows.map((r, ri) => ({
      key: r.key,
      label: r.label,
      href: r.href,
      total: input.totals.row !== undefined && ri === rows.length - 1,
      cells: r.cells.map((a, ci) => {
        if (masks.some((m) => m[ri]![ci])) return { value: null, text: hiddenText(a), suppressed: true, base: null };
        const value = figureOf(unit, a);
        const base = unit === 'share' || unit === 'average' ? a.den : undefined;
        return { value, text: value === null ? '–' : formatValue(unit, value), suppressed: false, base };
      }),
    })),
  };
}

export interface TargetValue {
  setBy: TargetSetter;
  value: number;
  /** The year the target was set for (it holds until a later one replaces it). */
  year: number;
}

/** One indicator on the dashboard: the year's figure, its targets with progress, its tables. */
export interface IndicatorCard {
  id: IndicatorId;
  /** The year's figure so far (null when hidden or nothing to compute). */
  figure: number | null;
  figureText: string;
  targets: Array<TargetValue & { progress: Progress }>;
  byTertial: StatTable;
  byGroup: StatTable | null;
}
