import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { getUser } from '../auth/auth.server';
import { startPages } from '../auth/roles';
import { ErrorView } from '../components/error-view';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(startPages[user.role]);
  return json({});
}

export default function Index() {
  return (
    <>
      <h1>Insteg</h1>
      <p className="lead">
        Insteg är Stockholms stads plattform för arbetsmarknadsinsatser. Här publicerar arbetsgivare i Integrationspakten och
        stadens egna verksamheter platser för Stockholmsjobb, feriejobb, praktik och mentorskap, och jobbcoacher på Jobbtorg
        Stockholm matchar sina aspiranter mot dem.
      </p>
      <p>
        <Link className="button" to="/login">
          Logga in
        </Link>
      </p>
      <div className="grid">
        <section className="card" aria-labelledby="h-arbetsgivare">
          <h2 id="h-arbetsgivare">För arbetsgivare</h2>
          <p>Publicera platser, svara på förslag från jobbcoacher och följ era placeringar.</p>
        </section>
        <section className="card" aria-labelledby="h-coach">
          <h2 id="h-coach">För jobbcoacher</h2>
          <p>Håll ihop aspiranternas handlingsplaner och hitta rätt plats med förklarade matchningar.</p>
        </section>
        <section className="card" aria-labelledby="h-mentor">
          <h2 id="h-mentor">För Stockholmsmentor</h2>
          <p>Para ihop mentorer och adepter och följ varje par.</p>
        </section>
      </div>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Insteg – Stockholms stad' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
