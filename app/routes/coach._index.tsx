import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { notFound, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { jobbtorgOverview } from '../geography/jobbtorg.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'use:coach-pages');
  const office = await jobbtorgOverview(user.jobbtorgId!);
  if (!office) notFound();
  return json({ office, name: user.name });
}

export default function CoachHome() {
  const { office, name } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{office.name}</h1>
      <p>Välkommen, {name}.</p>
      <div className="grid">
        <section className="card" aria-labelledby="h-cluster">
          <h2 id="h-cluster">Kluster {office.clusterName}</h2>
          <p>Samverkar med {office.afOffice} och stadsdelsområdena:</p>
          <ul>
            {office.districts.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="h-colleagues">
          <h2 id="h-colleagues">Jobbcoacher på {office.name}</h2>
          <ul>
            {office.colleagues.map((c) => (
              <li key={c.email}>{c.name}</li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="h-employers">
          <h2 id="h-employers">Arbetsgivare</h2>
          <p>Hitta Integrationspaktens medlemmar och stadens enheter i ditt kluster.</p>
          <Link to="/organisationer">Sök arbetsgivare</Link>
        </section>
      </div>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Start – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
