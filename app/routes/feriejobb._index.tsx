import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { summerOverview } from '../feriejobb/allocation.server';
import { summerYearOf } from '../feriejobb/summer-year';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:feriejobb-applications');
  const year = summerYearOf(request);
  return json({ year, overview: await summerOverview(year) });
}

export default function FeriejobbStart() {
  const { year, overview } = useLoaderData<typeof loader>();
  const suffix = `?ar=${year}`;
  return (
    <>
      <h1>Feriejobb sommaren {year}</h1>
      <nav aria-label="Sommar" className="actions">
        <Link to={`?ar=${year - 1}`}>← {year - 1}</Link>
        <Link to={`?ar=${year + 1}`}>{year + 1} →</Link>
      </nav>
      <div className="cards">
        <section className="card">
          <h2>Ansökningar</h2>
          <p className="figure">{overview.applications}</p>
          <p>
            {overview.unchecked > 0 ? (
              <Link to={`/feriejobb/ansokningar${suffix}&visa=ej-granskade`}>{overview.unchecked} med prioritering att granska</Link>
            ) : (
              'Alla prioriteringar granskade'
            )}
          </p>
          <p>
            <Link to={`/feriejobb/ansokningar${suffix}`}>Alla ansökningar</Link> · <Link to="/feriejobb/ansok">Ansökningssidan</Link>
          </p>
        </section>
        <section className="card">
          <h2>Platser</h2>
          <p className="figure">{overview.seats}</p>
          <p>
            i {overview.openings} publicerade feriejobb (arbetsplats och period) med start {year}
          </p>
          <p>Stadens mål: 9 000 ungdomar med feriejobb per år.</p>
        </section>
        <section className="card">
          <h2>Erbjudanden</h2>
          <dl className="facts">
            <dt>Tackat ja</dt>
            <dd>{overview.offers.accepted}</dd>
            <dt>Väntar på svar</dt>
            <dd>{overview.offers.pending}</dd>
            <dt>Tackat nej</dt>
            <dd>{overview.offers.declined}</dd>
            <dt>Obesvarade</dt>
            <dd>{overview.offers.expired}</dd>
          </dl>
          <p>
            <Link to={`/feriejobb/fordelning${suffix}`}>Fördelning: omgång {overview.nextRound} är nästa</Link>
          </p>
        </section>
      </div>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Feriejobb – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
