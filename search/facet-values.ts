/**
 * Facet counting through one combined attribute. Meilisearch counts facets per attribute, and
 * for result sets of up to a few thousand documents it walks every matching document once per
 * requested attribute: with 7–12 facets that was most of a search's time. Each document
 * therefore also carries `facetValues`, every facet value prefixed with its attribute
 * ("ssyk4=5321"), and a search asks for that one facet and splits the counts again. The counts
 * are the same (a document counts once per distinct value); filtering still uses the separate
 * attributes. Measured on 100,000 aspirants: facet time at 1,000–3,000 matches about 4× lower.
 */
export const FACET_VALUES = 'facetValues';
const SEPARATOR = '=';

type FacetSource = Record<string, unknown>;

/** The combined values of the given attributes of one document (null and '' are not values). */
export function combinedFacetValues(document: FacetSource, attributes: readonly string[]): string[] {
  const values: string[] = [];
  for (const attribute of attributes) {
    const raw = document[attribute];
    const list = Array.isArray(raw) ? raw : [raw];
    for (const value of new Set(list)) {
      if (value === null || value === undefined || value === '') continue;
      values.push(`${attribute}${SEPARATOR}${String(value)}`);
    }
  }
  return values;
}

/** Splits the counts of `facetValues` back into one distribution per attribute (each present, maybe empty). */
export function splitFacetCounts<A extends string>(distribution: Record<string, number> | undefined, attributes: readonly A[]): Record<A, Record<string, number>> {
  const result = new Map<string, Record<string, number>>(attributes.map((a) => [a, {}]));
  for (const [combined, count] of Object.entries(distribution ?? {})) {
    const at = combined.indexOf(SEPARATOR);
    const bucket = at < 0 ? undefined : result.get(combined.slice(0, at));
    if (bucket) bucket[combined.slice(at + 1)] = count;
  }
  return Object.fromEntries(result) as Record<A, Record<string, number>>;
}
