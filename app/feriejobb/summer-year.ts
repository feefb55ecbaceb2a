import { todayInStockholm } from '../dates';
import { z } from '../forms/validation';
import { applicationYear } from './feriejobb-rules';

const yearQuery = z.object({ ar: z.coerce.number<string>().int().min(2020).max(2100).optional().catch(undefined) });

/** The summer a coordinator's page is about: ?ar=2027, or else the summer applications are open for. */
export function summerYearOf(request: Request) {
  return yearQuery.parse({ ar: new URL(request.url).searchParams.get('ar') ?? undefined }).ar ?? applicationYear(todayInStockholm());
}
