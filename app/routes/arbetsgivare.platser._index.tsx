import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { statusBadgeClass } from '../components/opening-details';
import { z } from '../forms/validation';
import { openingKindLabels, openingStatuses, openingStatusLabels } from '../openings/opening-rules';
import { listOwnOpenings } from '../openings/openings.server';
import { openingSubtypeLabel } from '../../search/documents';

const filterSchema = z.object({ status: z.enum(openingStatuses).optional().catch(undefined) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'manage:own-openings');
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await listOwnOpenings(user, filter.status);
  return json({ openings: rows.map((o) => ({ ...o, subtypeLabel: openingSubtypeLabel(o.kind, o.subtype) })), filter });
}

export default function OwnOpenings() {
  const { openings, filter } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="actions" style={{ justifyContent: 'space-between' }}>
        <h1>Våra platser</h1>
        <Link className="button" to="/arbetsgivare/platser/ny">
          Ny plats
        </Link>
      </div>
      <nav aria-label="Filtrera på status" className="actions">
        <Link to="/arbetsgivare/platser" aria-current={!filter.status ? 'page' : undefined}>
          Alla
        </Link>
        {openingStatuses.map((s) => (
          <Link key={s} to={`?status=${s}`} aria-current={filter.status === s ? 'page' : undefined}>
            {openingStatusLabels[s]}
          </Link>
        ))}
      </nav>
      {openings.length === 0 ? (
        <div className="card" style={{ marginTop: '1rem' }}>
          <p>Här finns inga platser ännu. Skapa en plats för Stockholmsjobb, feriejobb, praktik eller mentorskap så kan jobbcoacher hitta den.</p>
          <Link to="/arbetsgivare/platser/ny">Skapa er första plats</Link>
        </div>
      ) : (
        <div className="table-wrap" style={{ marginTop: '1rem' }}>
          <table>
            <thead>
              <tr>
                <th scope="col">Rubrik</th>
                <th scope="col">Sort</th>
                <th scope="col">Platser</th>
                <th scope="col">Start</th>
                <th scope="col">Sista ansökningsdag</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {openings.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/arbetsgivare/platser/${o.id}`}>{o.title}</Link>
                    {o.unpublishReason ? <div className="muted">Avpublicerad: {o.unpublishReason}</div> : null}
                  </td>
                  <td>
                    {openingKindLabels[o.kind]}
                    <div className="muted">{o.subtypeLabel}</div>
                  </td>
                  <td>{o.places}</td>
                  <td>{o.startDate}</td>
                  <td>{o.applicationDeadline}</td>
                  <td>
                    <span className={`badge ${statusBadgeClass(o.status)}`}>{openingStatusLabels[o.status]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Våra platser – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
