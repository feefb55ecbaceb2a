import { filterValue, searchText, z } from '../forms/validation';
import { openingKinds, openingStatuses } from './opening-rules';

/**
 * The whole search state lives in the URL (so a search can be shared): parsed here from the
 * query string, tolerant of junk (an invalid value is dropped, not an error page).
 */
const list = <T extends z.ZodTypeAny>(item: T) => z.array(item).max(50).catch([]);

export const openingSearchSchema = z.object({
  q: searchText(200).catch(''),
  kind: list(z.enum(openingKinds)),
  subtype: list(filterValue(60)),
  district: list(filterValue(80)),
  cluster: list(filterValue(80)),
  ssyk1: list(z.string().regex(/^[0-9]$/)),
  ssyk2: list(z.string().regex(/^[0-9]{2}$/)),
  ssyk3: list(z.string().regex(/^[0-9]{3}$/)),
  ssyk4: list(z.string().regex(/^[0-9]{4}$/)),
  organization: list(filterValue(200)),
  membership: list(z.enum(['member', 'plus'])),
  month: list(z.string().regex(/^[0-9]{4}-[0-9]{2}$/)),
  language: list(filterValue(40)),
  status: list(z.enum(openingStatuses)),
  sort: z.enum(['relevance', 'deadline', 'start', 'newest']).catch('relevance'),
  page: z.coerce.number().int().min(1).max(400).catch(1),
});

export type OpeningSearch = z.infer<typeof openingSearchSchema>;

const listKeys = ['kind', 'subtype', 'district', 'cluster', 'ssyk1', 'ssyk2', 'ssyk3', 'ssyk4', 'organization', 'membership', 'month', 'language', 'status'] as const;
export type FacetKey = (typeof listKeys)[number];
export const facetKeys = listKeys;

export function parseOpeningSearch(params: URLSearchParams): OpeningSearch {
  const raw: Record<string, unknown> = { q: params.get('q') ?? '', sort: params.get('sort') ?? undefined, page: params.get('page') ?? undefined };
  for (const key of listKeys) raw[key] = params.getAll(key);
  return openingSearchSchema.parse(raw);
}

/** Builds the URL query of a search state (inverse of parseOpeningSearch). */
export function openingSearchQuery(search: Partial<OpeningSearch>): string {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  for (const key of listKeys) for (const v of search[key] ?? []) params.append(key, v);
  if (search.sort && search.sort !== 'relevance') params.set('sort', search.sort);
  if (search.page && search.page > 1) params.set('page', String(search.page));
  return params.toString();
}

/** Splits a highlighted string (markers \u0001 … \u0002) into plain and marked parts, for safe rendering. */
export function highlightParts(text: string): Array<{ text: string; mark: boolean }> {
  const parts: Array<{ text: string; mark: boolean }> = [];
  // eslint-disable-next-line no-control-regex -- the markers are control characters on purpose
  const re = /\u0001([^\u0002]*)\u0002/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), mark: false });
    parts.push({ text: m[1]!, mark: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), mark: false });
  return parts;
}
