import { filterValue, searchText, z } from '../forms/validation';
import { swedishLevels } from '../openings/opening-rules';
import { ageBands, availabilityBands, enrolmentBands } from './aspirant-bands';
import { targetGroups } from './aspirant-rules';

/**
 * The aspirant search state in the URL: filters only (facet values), never an aspirant's data
 * beyond the typed name. Tolerant of junk: an invalid value is dropped, not an error page.
 */
const list = <T extends z.ZodTypeAny>(item: T) =>
  z
    .array(z.unknown())
    .catch([])
    // Value by value: one stale or mistyped value must not drop the valid ones next to it (which
    // would widen the result to everything). At most 50 values are kept.
    .transform((values) =>
      values
        .flatMap((value) => {
          const parsed = item.safeParse(value);
          return parsed.success ? [parsed.data as z.output<T>] : [];
        })
        .slice(0, 50),
    );

export const aspirantSearchSchema = z.object({
  q: searchText(100).catch(''),
  targetGroup: list(z.enum(targetGroups)),
  swedish: list(z.enum(swedishLevels)),
  language: list(filterValue(40)),
  district: list(filterValue(80)),
  ssyk1: list(z.string().regex(/^[0-9]$/)),
  ssyk2: list(z.string().regex(/^[0-9]{2}$/)),
  ssyk3: list(z.string().regex(/^[0-9]{3}$/)),
  ssyk4: list(z.string().regex(/^[0-9]{4}$/)),
  availability: list(z.enum(availabilityBands)),
  age: list(z.enum(ageBands)),
  plan: list(z.enum(['true', 'false'])),
  months: list(z.enum(enrolmentBands)),
  /** "1": also aspirants who have left. */
  alla: z.enum(['1']).optional().catch(undefined),
  /** Relevance when there is a name to match, otherwise by name. */
  sort: z.enum(['relevance', 'name', 'enrolled']).catch('relevance'),
  page: z.coerce.number().int().min(1).max(500).catch(1),
});
export type AspirantSearch = z.infer<typeof aspirantSearchSchema>;

export const aspirantFacetKeys = ['targetGroup', 'swedish', 'language', 'district', 'ssyk1', 'ssyk2', 'ssyk3', 'ssyk4', 'availability', 'age', 'plan', 'months'] as const;
export type AspirantFacetKey = (typeof aspirantFacetKeys)[number];

export function parseAspirantSearch(params: URLSearchParams): AspirantSearch {
  const raw: Record<string, unknown> = {
    q: params.get('q') ?? '',
    alla: params.get('alla') ?? undefined,
    sort: params.get('sort') ?? undefined,
    page: params.get('page') ?? undefined,
  };
  for (const key of aspirantFacetKeys) raw[key] = params.getAll(key);
  return aspirantSearchSchema.parse(raw);
}

export function aspirantSearchQuery(search: Partial<AspirantSearch>): string {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  for (const key of aspirantFacetKeys) for (const v of search[key] ?? []) params.append(key, v);
  if (search.alla) params.set('alla', search.alla);
  if (search.sort && search.sort !== 'relevance') params.set('sort', search.sort);
  if (search.page && search.page > 1) params.set('page', String(search.page));
  return params.toString();
}
