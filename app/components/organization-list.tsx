import { Form, Link, useLocation } from '@remix-run/react';
import type { ReactNode } from 'react';
import {
  cityUnitTypeLabels,
  type membershipLevelLabels,
  organizationKindLabels,
  organizationKinds,
  type OrganizationFilter,
} from '../organizations/organization-schema';

interface Item {
  id: string;
  name: string;
  kind: keyof typeof organizationKindLabels;
  membershipLevel: keyof typeof membershipLevelLabels | null;
  cityUnitType: keyof typeof cityUnitTypeLabels | null;
  districtName: string | null;
  active: boolean;
}

export function organizationTypeLabel(o: Pick<Item, 'kind' | 'membershipLevel' | 'cityUnitType'>) {
  if (o.kind === 'city_unit' && o.cityUnitType) return cityUnitTypeLabels[o.cityUnitType];
  if (o.kind === 'integrationspakt_member') return o.membershipLevel === 'plus' ? 'Plusmedlem' : 'Medlem i Integrationspakten';
  return organizationKindLabels[o.kind];
}

export function OrganizationFilters({
  filter,
  districts,
}: {
  filter: OrganizationFilter;
  districts: Array<{ id: number; name: string }>;
}) {
  return (
    <Form method="get" className="filters" role="search" aria-label="Sök organisationer">
      <div className="field">
        <label htmlFor="q">Sök</label>
        <input id="q" name="q" type="search" defaultValue={filter.q ?? ''} placeholder="Namn, stadsdel …" />
      </div>
      <div className="field">
        <label htmlFor="kind">Typ</label>
        <select id="kind" name="kind" defaultValue={filter.kind ?? ''}>
          <option value="">Alla typer</option>
          {organizationKinds.map((k) => (
            <option key={k} value={k}>
              {organizationKindLabels[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="membershipLevel">Medlemsnivå</label>
        <select id="membershipLevel" name="membershipLevel" defaultValue={filter.membershipLevel ?? ''}>
          <option value="">Alla</option>
          <option value="member">Medlem</option>
          <option value="plus">Plusmedlem</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="districtId">Stadsdelsområde</label>
        <select id="districtId" name="districtId" defaultValue={filter.districtId ?? ''}>
          <option value="">Alla</option>
          {districts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">Sök</button>
    </Form>
  );
}

export function SearchFallbackNotice({ source }: { source: 'search' | 'database' }) {
  if (source === 'search') return null;
  return (
    <div className="alert alert-warn" role="status">
      <p>
        Sökfunktionen svarar inte just nu. Listan visas direkt från databasen: sökningen tål inga stavfel och kan gå
        långsammare. Allt som sparas nu kommer med i sökningen när den fungerar igen.
      </p>
    </div>
  );
}

export function OrganizationTable({
  items,
  linkTo,
  actions,
}: {
  items: Item[];
  linkTo: (id: string) => string;
  actions?: (item: Item) => ReactNode;
}) {
  if (items.length === 0) return <p>Inga organisationer matchar sökningen.</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col">Typ</th>
            <th scope="col">Stadsdelsområde</th>
            <th scope="col">Status</th>
            {actions ? <th scope="col">Åtgärd</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={linkTo(o.id)}>{o.name}</Link>
              </td>
              <td>{organizationTypeLabel(o)}</td>
              <td>{o.districtName ?? '–'}</td>
              <td>{o.active ? <span className="badge ok">Aktiv</span> : <span className="badge error">Inaktiverad</span>}</td>
              {actions ? <td>{actions(o)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Pager({ page, total, pageSize }: { page: number; total: number; pageSize: number }) {
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set('page', String(p));
    return `?${params}`;
  };
  return (
    <nav aria-label="Sidor" className="actions" style={{ marginTop: '1rem' }}>
      {page > 1 ? <Link to={href(page - 1)}>Föregående</Link> : null}
      <span>
        Sida {page} av {pages}
      </span>
      {page < pages ? <Link to={href(page + 1)}>Nästa</Link> : null}
    </nav>
  );
}
