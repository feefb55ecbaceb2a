import type { LoaderFunctionArgs } from '@remix-run/node';
import { audit } from '../audit/audit-log.server';
import { clientIp, requirePermission } from '../auth/auth.server';
import { todayInStockholm } from '../dates';
import { z } from '../forms/validation';
import { downloadOrUnavailable } from '../lib/database-outage.server';
import { getDb } from '../services.server';
import { findTable, resolveStatisticsRequest } from '../statistics/dashboard.server';
import { tableToCsv, tableToXlsx } from '../statistics/export.server';
import { periodParam } from '../statistics/tertial';

const exportSchema = z.object({
  tabell: z.string().regex(/^[a-z0-9_]+\.[a-z0-9_]+$/, 'Okänd tabell'),
  format: z.enum(['csv', 'xlsx'], { error: 'Välj CSV eller XLSX' }),
});

/** A spreadsheet runs a CSV cell starting with = + - @ as a formula: such a row label (an organisation's name) gets a leading apostrophe. */
const inertLabel = (label: string) => (/^[=+\-@]/.test(label) ? `'${label}` : label);

/**
 * One statistics table as CSV or XLSX, for the scope and period in the query: the same table,
 * with the same hidden cells, as the page shows. Every download is logged.
 */
export const loader = (args: LoaderFunctionArgs) => downloadOrUnavailable(args.request, () => exportTable(args));

async function exportTable({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:statistics');
  const url = new URL(request.url);
  const parsed = exportSchema.safeParse({ tabell: url.searchParams.get('tabell') ?? undefined, format: url.searchParams.get('format') ?? undefined });
  if (!parsed.success) throw new Response(parsed.error.issues[0]?.message ?? 'Ogiltig fråga', { status: 400 });
  url.searchParams.delete('tabell');
  url.searchParams.delete('format');
  const db = getDb();
  const today = todayInStockholm();
  const req = await resolveStatisticsRequest(db, user, url, today);
  const table = await findTable(db, req, parsed.data.tabell, today);
  await audit(db, {
    actorUserId: user.id,
    action: 'statistics.exported',
    ip: clientIp(context),
    details: { table: table.id, format: parsed.data.format, scope: req.scope, period: periodParam(req.period) },
  });
  const name = `insteg-${table.id.replace('.', '-')}-${periodParam(req.period)}`;
  const headers = { 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="${name}.${parsed.data.format}"` };
  if (parsed.data.format === 'csv') {
    const csv = tableToCsv({ ...table, rows: table.rows.map((r) => ({ ...r, label: inertLabel(r.label) })) });
    return new Response(csv, { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
  }
  const body = await tableToXlsx(table, req.threshold);
  return new Response(new Uint8Array(body), { headers: { ...headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
}
