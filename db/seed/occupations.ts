import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

export interface OccupationRow {
  code: string;
  level: number;
  parentCode: string | null;
  nameEn: string;
  nameSv: string | null;
}

/**
 * SSYK 2012 from Statistics Sweden: the English structure (shared/data) joined with the official
 * Swedish names we keep in ssyk2012-sv.csv. A code without a Swedish name keeps nameSv null.
 */
export function loadOccupations(): OccupationRow[] {
  const read = (file: string) =>
    parse(readFileSync(path.join(dataDir, file), 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Array<
      Record<string, string>
    >;
  const english = read('ssyk2012-en.csv');
  const swedish = new Map<string, string>();
  if (existsSync(path.join(dataDir, 'ssyk2012-sv.csv'))) {
    for (const row of read('ssyk2012-sv.csv')) if (row.code && row.name_sv) swedish.set(row.code, row.name_sv);
  }
  return english.map((row) => {
    const code = row.code!;
    if (!/^[0-9]{1,4}$/.test(code)) throw new Error(`bad SSYK code ${JSON.stringify(code)}`);
    return {
      code,
      level: code.length,
      parentCode: code.length > 1 ? code.slice(0, -1) : null,
      // Some English names in the source file end with a space inside the quotes.
      nameEn: row.name!.trim(),
      nameSv: swedish.get(code) ?? null,
    };
  });
}

/** How an occupation is shown: the Swedish name, or the code with the English name when we lack one. */
export function occupationLabel(o: { code: string; nameSv: string | null; nameEn: string }) {
  return o.nameSv ? `${o.code} ${o.nameSv}` : `${o.code} ${o.nameEn} (engelsk benämning)`;
}
