import { Link } from '@remix-run/react';

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
