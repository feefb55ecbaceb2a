import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { HealthBadge, PairStatusBadge } from '../components/mentor-parts';
import { todayInStockholm } from '../dates';
import { MENTOR_TARGET_PAIRS_PER_YEAR, pairOutcomeLabels } from '../mentoring/mentor-rules';
import { mentoringFollowUp, pairsWithHealth } from '../mentoring/mentoring.server';
import { mentorOrganizationsOverview } from '../mentoring/overview.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'use:mentoring-pages');
  const today = todayInStockholm();
  const year = Number(today.slice(0, 4));
  const [overview, pairs, followUp] = await Promise.all([mentorOrganizationsOverview(), pairsWithHealth(today), mentoringFollowUp(year)]);
  return json({ overview, name: user.name, pairs, followUp, year });
}

export default function MentoringHome() {
  const { overview, name, pairs, followUp, year } = useLoaderData<typeof loader>();
  const total = followUp.byTertial.reduce((sum, r) => sum + r.n, 0);
  const cell = (tertial: number, gender: string) => followUp.byTertial.filter((r) => r.tertial === tertial && r.gender === gender).reduce((sum, r) => sum + r.n, 0);
  const other = (tertial: number) => followUp.byTertial.filter((r) => r.tertial === tertial && r.gender !== 'kvinna' && r.gender !== 'man').reduce((sum, r) => sum + r.n, 0);
  return (
    <>
      <h1>Stockholmsmentor</h1>
      <p>
        Välkommen, {name}. Stockholmsmentor har tre program: yrkesmentor, språkmentor och ungdomsmentor. Målet är 250 matchade
        par per år.
      </p>
      <nav aria-label="Stockholmsmentor" className="actions">
        <Link to="/mentorskap/mentorer">Mentorer</Link>
        <Link to="/mentorskap/adepter">Adepter</Link>
        <Link to="/mentorskap/kohort">Kohortmatchning</Link>
      </nav>
      <section className="card" aria-labelledby="h-pairs">
        <h2 id="h-pairs">Pågående par</h2>
        {pairs.length ? (
          <ul>
            {pairs.map((p) => (
              <li key={p.id}>
                <Link to={`/mentorskap/par/${p.id}`}>
                  {p.mentorName} och {p.adeptName}
                </Link>{' '}
                <PairStatusBadge status={p.status} /> <HealthBadge health={p.health} />{' '}
                <span className="muted">senaste möte: {p.lastMeeting ?? 'inget än'}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>Inga bekräftade par än.</p>
        )}
      </section>
      <section className="card" aria-labelledby="h-follow-up">
        <h2 id="h-follow-up">Matchade par {year}</h2>
        <p>
          {total} av målet {MENTOR_TARGET_PAIRS_PER_YEAR} par (räknat från dagen paret bekräftades).
        </p>
        <div className="table-wrap">
          <table>
            <caption>Bekräftade par per tertial och adeptens kön</caption>
            <thead>
              <tr>
                <th scope="col">Tertial</th>
                <th scope="col">Kvinnor</th>
                <th scope="col">Män</th>
                <th scope="col">Annat/uppgift saknas</th>
              </tr>
            </thead>
            <tbody>
              {[1, 2, 3].map((t) => (
                <tr key={t}>
                  <th scope="row">T{t}</th>
                  <td>{cell(t, 'kvinna')}</td>
                  <td>{cell(t, 'man')}</td>
                  <td>{other(t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {followUp.outcomes.length ? (
          <p>
            Avslutade par {year}: {followUp.outcomes.map((o) => `${o.outcome ? pairOutcomeLabels[o.outcome] : 'okänt'} ${o.n}`).join(', ')}.
          </p>
        ) : null}
        {followUp.organizationsCredited.length ? (
          <p>Mentorernas organisationer: {followUp.organizationsCredited.map((o) => `${o.name} (${o.n})`).join(', ')}.</p>
        ) : null}
      </section>
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
