import type { LoaderFunctionArgs } from '@remix-run/node';
import { registerExtract } from '../aspirants/aspirants.server';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { todayInStockholm } from '../dates';
import { z } from '../forms/validation';
import { downloadOrUnavailable } from '../lib/database-outage.server';

const paramsSchema = z.object({ id: z.uuid() });

/** The register extract of one aspirant as a JSON file to hand over; every download is logged. */
export const loader = (args: LoaderFunctionArgs) => downloadOrUnavailable(args.request, () => extractFile(args));

async function extractFile({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'export:aspirant');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const extract = await registerExtract(user, parsed.data.id, clientIp(context));
  if (!extract) notFound();
  return new Response(`${JSON.stringify(extract, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="registerutdrag-${todayInStockholm()}.json"`,
      'Cache-Control': 'no-store',
    },
  });
}
