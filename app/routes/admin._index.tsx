import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { adminOverview } from '../admin/overview.server';
import { requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:access');
  return json(await adminOverview());
}

export default function AdminHome() {
  const o = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Översikt</h1>
      <div className="grid">
        <section className="card" aria-labelledby="h-users">
          <h2 id="h-users">Användare</h2>
          <p className="stat">{o.activeUsers}</p>
          <p>aktiva konton, {o.invitedUsers} väntar på att välja lösenord</p>
          <Link to="/admin/anvandare">Hantera användare</Link>
        </section>
        <section className="card" aria-labelledby="h-orgs">
          <h2 id="h-orgs">Organisationer</h2>
          <p className="stat">{o.activeOrganizations}</p>
          <p>aktiva, varav {o.plusMembers} Plusmedlemmar med jobbpartnerskap</p>
          <Link to="/admin/organisationer">Hantera organisationer</Link>
        </section>
        <section className="card" aria-labelledby="h-mail">
          <h2 id="h-mail">E-post</h2>
          <p className="stat">{o.emailsPending}</p>
          <p>
            i kön{o.emailsDead ? `, ${o.emailsDead} kunde inte levereras` : ''}
            {o.emailConfigured ? '' : ' – ingen e-posttjänst är konfigurerad, så inget skickas'}
          </p>
          <Link to="/admin/e-post">Visa e-post</Link>
        </section>
        <section className="card" aria-labelledby="h-search">
          <h2 id="h-search">Sökindex</h2>
          <p className="stat">{o.searchBacklog}</p>
          <p>ändringar väntar på att indexeras</p>
          <Link to="/admin/sokindex">Visa sökindex</Link>
        </section>
      </div>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Översikt – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
