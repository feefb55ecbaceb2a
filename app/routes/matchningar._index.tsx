import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { FilterLinks } from '../components/search-parts';
import { formatDateTime, MatchStatusBadge } from '../components/match-parts';
import { z } from '../forms/validation';
import { matchListFilters, type MatchListFilter } from '../matching/match-rules';
import { coachMatches } from '../matching/pipeline.server';

const querySchema = z.object({ visa: z.enum(matchListFilters).catch('active') });

const filterLabels: Record<MatchListFilter, string> = {
  active: 'Pågående förslag',
  placed: 'Placeringar',
  closed: 'Avslutade förslag',
  all: 'Alla',
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:matches');
  const { visa } = querySchema.parse({ visa: new URL(request.url).searchParams.get('visa') ?? undefined });
  const rows = await coachMatches(user, visa, clientIp(context));
  if (!rows) notFound();
  return json({ visa, rows });
}

export default function Matches() {
  const { visa, rows } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Matchningar</h1>
      <FilterLinks filters={matchListFilters} current={visa} labels={filterLabels} link={(f) => `?visa=${f}`} />
      {rows.length ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{filterLabels[visa]}</caption>
            <thead>
              <tr>
                <th scope="col">Aspirant</th>
                <th scope="col">Plats</th>
                <th scope="col">Arbetsgivare</th>
                <th scope="col">Läge</th>
                <th scope="col">Senast ändrad</th>
                <th scope="col">Poäng</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/matchningar/${r.id}`}>{r.aspirantName}</Link>
                  </th>
                  <td>{r.openingTitle}</td>
                  <td>{r.organizationName}</td>
                  <td>
                    <MatchStatusBadge status={r.status} />
                    {r.startDate ? <div className="muted">{r.startDate} – {r.endDate}</div> : null}
                  </td>
                  <td>{formatDateTime(r.statusChangedAt)}</td>
                  <td>{r.score}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Inga matchningar i det här urvalet.</p>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Matchningar – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
