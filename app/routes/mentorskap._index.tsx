import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { mentorOrganizationsOverview } from '../mentoring/overview.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'use:mentoring-pages');
  return json({ overview: await mentorOrganizationsOverview(), name: user.name });
}

export default function MentoringHome() {
  const { overview, name } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Stockholmsmentor</h1>
      <p>
        Välkommen, {name}. Stockholmsmentor har tre program: yrkesmentor, språkmentor och ungdomsmentor. Målet är 250 matchade
        par per år.
      </p>
      <div className="grid">
        <section className="card" aria-labelledby="h-members">
          <h2 id="h-members">Möjliga mentororganisationer</h2>
          <p className="stat">{overview.members + overview.cityUnits}</p>
          <p>
            {overview.members} medlemmar i Integrationspakten och {overview.cityUnits} av stadens enheter kan erbjuda mentorer.
          </p>
          <Link to="/organisationer">Sök organisationer</Link>
        </section>
        <section className="card" aria-labelledby="h-plus">
          <h2 id="h-plus">Plusmedlemmar</h2>
          <ul>
            {overview.plusMembers.map((o) => (
              <li key={o.id}>
                <Link to={`/organisationer/${o.id}`}>{o.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Stockholmsmentor – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
