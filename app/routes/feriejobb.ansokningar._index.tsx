import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { clientIp, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { FilterLinks, Pagination } from '../components/search-parts';
import { listApplications } from '../feriejobb/applications.server';
import { priorityGroupLabels, type PriorityGroup } from '../feriejobb/feriejobb-rules';
import { applicationFilterLabels, applicationFilters, offerStatusLabels, type OfferStatus } from '../feriejobb/feriejobb-status';
import { summerYearOf } from '../feriejobb/summer-year';
import { searchText, z } from '../forms/validation';
import { feriejobbInterestAreaLabels, type FeriejobbInterestArea } from '../openings/opening-rules';

const querySchema = z.object({
  visa: z.enum(applicationFilters).catch('alla'),
  q: searchText(100).optional().catch(undefined),
  sida: z.coerce.number<string>().int().min(1).max(10_000).catch(1),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:feriejobb-applications');
  const year = summerYearOf(request);
  const params = new URL(request.url).searchParams;
  const query = querySchema.parse({ visa: params.get('visa') ?? undefined, q: params.get('q') ?? undefined, sida: params.get('sida') ?? undefined });
  const result = await listApplications(user, { year, q: query.q, filter: query.visa, page: query.sida, ip: clientIp(context) });
  return json({ year, query, ...result });
}

export default function FeriejobbApplications() {
  const { year, query, rows, total, pageSize } = useLoaderData<typeof loader>();
  const link = (changes: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams({ ar: String(year), visa: query.visa, ...(query.q ? { q: query.q } : {}) });
    for (const [k, v] of Object.entries(changes)) if (v === undefined) params.delete(k);
    else params.set(k, String(v));
    return `?${params.toString()}`;
  };
  return (
    <>
      <h1>Ansökningar om feriejobb {year}</h1>
      <Form method="get" className="actions" role="search">
        <input type="hidden" name="ar" value={year} />
        <input type="hidden" name="visa" value={query.visa} />
        <label htmlFor="q">Sök namn, e-post eller personnummer</label>
        <input id="q" name="q" type="search" defaultValue={query.q ?? ''} />
        <button type="submit">Sök</button>
      </Form>
      <FilterLinks filters={applicationFilters} current={query.visa} labels={applicationFilterLabels} link={(f) => link({ visa: f, sida: undefined })} />
      <p role="status">{total === 1 ? '1 ansökan' : `${total} ansökningar`}</p>
      {rows.length ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{applicationFilterLabels[query.visa]}</caption>
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">Ålder 1 juni</th>
                <th scope="col">Bor i</th>
                <th scope="col">Förstahandsval</th>
                <th scope="col">Prioritering</th>
                <th scope="col">Erbjudande</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/feriejobb/ansokningar/${r.id}`}>
                      {r.firstName} {r.lastName}
                    </Link>
                  </th>
                  <td>{r.age}</td>
                  <td>{r.districtName}</td>
                  <td>{feriejobbInterestAreaLabels[r.interestAreas[0] as FeriejobbInterestArea] ?? r.interestAreas[0]}</td>
                  <td>
                    {r.priorityCheckedAt === null ? (
                      <span className="badge warn">Ej granskad</span>
                    ) : r.priorityGroups.length ? (
                      r.priorityGroups.map((g) => priorityGroupLabels[g as PriorityGroup] ?? g).join(', ')
                    ) : (
                      'Ingen'
                    )}
                  </td>
                  <td>{r.offerStatus ? offerStatusLabels[r.offerStatus as OfferStatus] : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Inga ansökningar i det här urvalet.</p>
      )}
      <Pagination page={query.sida} pages={Math.ceil(total / pageSize)} link={(p) => link({ sida: p })} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Ansökningar om feriejobb – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
