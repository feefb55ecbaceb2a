import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ageBandLabels } from '../aspirants/aspirant-bands';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { formatDateTime, MatchStatusBadge } from '../components/match-parts';
import { employerProposals } from '../matching/pipeline.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'answer:proposals');
  const rows = await employerProposals(user, clientIp(context));
  if (!rows) notFound();
  return json({ rows });
}

export default function Proposals() {
  const { rows } = useLoaderData<typeof loader>();
  const waiting = rows.filter((r) => r.status === 'proposed').length;
  return (
    <>
      <h1>Kandidatförslag</h1>
      <p>
        Jobbcoacher på Jobbtorg Stockholm föreslår kandidater till era platser. {waiting ? `${waiting} väntar på ert svar.` : 'Inga förslag väntar på svar.'}
      </p>
      {rows.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Kandidat</th>
                <th scope="col">Plats</th>
                <th scope="col">Läge</th>
                <th scope="col">Föreslagen</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/arbetsgivare/forslag/${r.id}`}>{r.candidate ? r.candidate.displayName : 'Profilen visas inte längre'}</Link>
                    {r.candidate ? <div className="muted">{ageBandLabels[r.candidate.ageBand]}</div> : null}
                  </th>
                  <td>{r.openingTitle}</td>
                  <td>
                    <MatchStatusBadge status={r.status} />
                  </td>
                  <td>{formatDateTime(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Inga förslag ännu.</p>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Kandidatförslag – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
