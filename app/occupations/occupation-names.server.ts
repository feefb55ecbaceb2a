import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.server';
import { occupations } from '../../db/schema';
import { getDb } from '../services.server';

/** Swedish names (English where SCB has none) of SSYK codes at any level, for facet labels. */
export async function occupationNames(codes: Iterable<string>, db: DbOrTx = getDb()): Promise<Record<string, string>> {
  const list = [...new Set(codes)];
  if (!list.length) return {};
  const rows = await db
    .select({ code: occupations.code, nameSv: occupations.nameSv, nameEn: occupations.nameEn })
    .from(occupations)
    .where(inArray(occupations.code, list));
  return Object.fromEntries(rows.map((r) => [r.code, r.nameSv ?? r.nameEn]));
}
