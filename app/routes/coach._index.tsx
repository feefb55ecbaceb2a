import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { dueList, type DueItem } from '../aspirants/aspirants.server';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { todayInStockholm } from '../dates';
import { ErrorView } from '../components/error-view';
import { jobbtorgOverview } from '../geography/jobbtorg.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'use:coach-pages');
  const office = await jobbtorgOverview(user.jobbtorgId!);
  if (!office) notFound();
  return json({ office, name: user.name, due: await dueList(user, clientIp(context)), today: todayInStockholm() });
}

const dueKindLabels: Record<DueItem['kind'], string> = {
  'plan-missing': 'Handlingsplan saknas',
  'plan-review': 'Följ upp handlingsplanen',
  'nearing-limit': 'Närmar sig 18 månader',
  'follow-up': 'Uppföljning av aktivitet',
  'placement-follow-up': 'Uppföljning efter placering',
};

function DueList({ items, today }: { items: DueItem[]; today: string }) {
  if (!items.length) {
    return (
      <div className="card">
        <p>Inget att göra just nu: alla dina aspiranter har aktuella handlingsplaner och uppföljningar.</p>
      </div>
    );
  }
  return (
    <div className="table-wrap">
      <table>
        <caption className="muted">{items.length} saker att göra, de äldsta först</caption>
        <thead>
          <tr>
            <th scope="col">Senast</th>
            <th scope="col">Aspirant</th>
            <th scope="col">Vad</th>
            <th scope="col">Detaljer</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.kind}-${item.aspirantId}-${item.dueOn}-${item.detail}`}>
              <td>
                {item.dueOn}
                {item.dueOn < today ? <> <span className="badge warn">försenad</span></> : null}
              </td>
              <th scope="row">
                <Link to={item.href ?? `/coach/aspiranter/${item.aspirantId}`}>{item.name}</Link>
              </th>
              <td>{dueKindLabels[item.kind]}</td>
              <td>{item.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function CoachHome() {
  const { office, name, due, today } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{office.name}</h1>
      <p>Välkommen, {name}.</p>
      <section aria-labelledby="h-due" style={{ marginBottom: '1.5rem' }}>
        <h2 id="h-due">Att göra</h2>
        <DueList items={due} today={today} />
      </section>
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
