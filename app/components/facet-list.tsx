/**
 * The facet filters of a search page: one collapsible group per facet, each value a checkbox
 * with its count. The surrounding GET form submits on change, so the URL holds the whole state.
 */
export function FacetList<K extends string>({
  keys,
  titles,
  counts,
  selected,
  label,
  openByDefault = [],
}: {
  keys: readonly K[];
  titles: Record<K, string>;
  counts: Partial<Record<K, Record<string, number>>>;
  selected: Record<K, readonly string[]>;
  label: (key: K, value: string) => string;
  openByDefault?: readonly K[];
}) {
  return (
    <aside className="facets" aria-label="Filter">
      {keys.map((key) => {
        const count = counts[key] ?? {};
        const values = [...new Set([...Object.keys(count), ...selected[key]])].sort(
          (a, b) => (count[b] ?? 0) - (count[a] ?? 0) || a.localeCompare(b, 'sv'),
        );
        if (!values.length) return null;
        return (
          <details key={key} open={selected[key].length > 0 || openByDefault.includes(key)}>
            <summary>{titles[key]}</summary>
            <ul>
              {values.map((value) => (
                <li key={value}>
                  <label>
                    <input type="checkbox" name={key} value={value} defaultChecked={selected[key].includes(value)} />
                    <span>
                      {label(key, value)} <span className="muted">({count[value] ?? 0})</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </aside>
  );
}
