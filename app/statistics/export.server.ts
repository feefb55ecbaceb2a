/**
 * A statistics table as a file: CSV for Swedish spreadsheets (semicolon, decimal comma, UTF-8
 * with BOM) and XLSX. Both are written from the same StatTable the page shows, so a hidden cell
 * is hidden in the file too ("<5", never the number).
 */
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
import { suppressionText, type StatTable } from './stat-table';

const unitSuffix: Record<StatTable['unit'], string> = { people: '', places: '', pairs: '', share: ' (%)', average: ' (månader)' };

function headers(table: StatTable): string[] {
  return [table.rowHeader, ...table.columns.map((c) => `${c}${unitSuffix[table.unit]}`)];
}

function csvField(value: string): string {
  return /[";\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function tableToCsv(table: StatTable): string {
  const lines = [headers(table), ...table.rows.map((r) => [r.label, ...r.cells.map((c) => (c.value === null ? (c.suppressed ? c.text : '') : String(c.value).replace('.', ',')))])];
  return `\uFEFF${lines.map((line) => line.map(csvField).join(';')).join('\r\n')}\r\n`;
}

export async function tableToXlsx(table: StatTable, threshold: number): Promise<Buffer> {
  const bold = (value: string): Cell => ({ value, fontWeight: 'bold' });
  const rows: Row[] = [
    [bold(table.title)],
    [],
    headers(table).map(bold),
    ...table.rows.map((r): Row => [
      r.total ? bold(r.label) : { value: r.label },
      ...r.cells.map((c): Cell => (c.value === null ? { value: c.suppressed ? c.text : '' } : { value: c.value, type: Number })),
    ]),
    [],
    [{ value: suppressionText(threshold) }],
  ];
  return writeXlsxFile(rows, { sheet: 'Tabell', columns: [{ width: 40 }, ...table.columns.map(() => ({ width: 18 }))] }).toBuffer();
}
