import { Link, useSubmit } from '@remix-run/react';
import type { FormEvent, ReactNode } from 'react';

/**
 * The onChange of a search form: filters and sorting apply at once; the search box waits for
 * Enter or the button.
 */
export function useSubmitOnFilterChange() {
  const submit = useSubmit();
  return (e: FormEvent<HTMLFormElement>) => {
    if (e.target instanceof HTMLInputElement && e.target.type === 'search') return;
    submit(e.currentTarget, { replace: true, preventScrollReset: true });
  };
}

/** Said when a search page answers from the database because Meilisearch does not. */
export function SearchFallbackNotice({ children }: { children?: ReactNode }) {
  return (
    <div className="alert alert-warn" role="status">
      <p>
        Sökfunktionen svarar inte just nu. Du ser en enklare sökning direkt i databasen: utan filterräkning och utan
        stavningstolerans. {children ?? 'Försök igen om en stund.'}
      </p>
    </div>
  );
}

/** The filters in use, each a link that removes it, and one that clears them all. */
export function ActiveFilters<K extends string>({
  filters,
  label,
  removeLink,
  clearLink,
}: {
  filters: Array<{ key: K; value: string }>;
  label: (key: K, value: string) => string;
  removeLink: (key: K, value: string) => string;
  clearLink: string;
}) {
  if (!filters.length) return null;
  return (
    <p className="actions">
      {filters.map((f) => (
        <Link key={`${f.key}-${f.value}`} className="badge" to={removeLink(f.key, f.value)} aria-label={`Ta bort filter ${label(f.key, f.value)}`}>
          {label(f.key, f.value)} ✕
        </Link>
      ))}
      <Link to={clearLink}>Rensa alla filter</Link>
    </p>
  );
}

/** Previous / next links and where we are. Nothing when everything fits on one page. */
export function Pagination({ page, pages, link }: { page: number; pages: number; link: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Sidor" className="actions">
      {page > 1 ? <Link to={link(page - 1)}>Föregående</Link> : null}
      <span>
        Sida {page} av {pages}
      </span>
      {page < pages ? <Link to={link(page + 1)}>Nästa</Link> : null}
    </nav>
  );
}

/** A row of filter links drawn as badges; the current one is marked for screen readers and by colour. */
export function FilterLinks<K extends string>({ filters, current, labels, link }: { filters: readonly K[]; current: K; labels: Record<K, string>; link: (filter: K) => string }) {
  return (
    <nav aria-label="Urval" className="actions">
      {filters.map((f) => (
        <Link key={f} to={link(f)} aria-current={f === current ? 'page' : undefined} className={f === current ? 'badge ok' : 'badge'}>
          {labels[f]}
        </Link>
      ))}
    </nav>
  );
}
