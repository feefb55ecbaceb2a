import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { listCaseload } from '../aspirants/aspirants.server';
import { clientIp, requirePermission } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { ErrorView } from '../components/error-view';
import { z } from '../forms/validation';

const querySchema = z.object({ alla: z.literal('1').optional().catch(undefined) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:aspirant:own-jobbtorg');
  const { alla } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const includeExited = alla === '1';
  const aspirants = await listCaseload(user, { includeExited, ip: clientIp(context) });
  return json({ aspirants, includeExited, canEnrol: can(user, 'enrol:aspirant'), showJobbtorg: user.role === 'admin' });
}

export default function Caseload() {
  const { aspirants, includeExited, canEnrol, showJobbtorg } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="actions" style={{ justifyContent: 'space-between' }}>
        <h1>Aspiranter</h1>
        {canEnrol ? (
          <Link className="button" to="/coach/aspiranter/ny">
            Skriv in aspirant
          </Link>
        ) : null}
      </div>
      <nav aria-label="Urval" className="actions">
        {includeExited ? <Link to="/coach/aspiranter">Visa bara inskrivna</Link> : <Link to="?alla=1">Visa även utskrivna</Link>}
      </nav>
      {aspirants.length === 0 ? (
        <div className="card" style={{ marginTop: '1rem' }}>
          <p>Inga aspiranter{includeExited ? '' : ' är inskrivna just nu'}.</p>
        </div>
      ) : (
        <div className="table-wrap" style={{ marginTop: '1rem' }}>
          <table>
            <caption className="muted">{aspirants.length} aspiranter</caption>
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">Ålder</th>
                <th scope="col">Inskriven</th>
                <th scope="col">Handlingsplan</th>
                <th scope="col">Jobbcoach</th>
                {showJobbtorg ? <th scope="col">Jobbtorg</th> : null}
                {includeExited ? <th scope="col">Utskriven</th> : null}
              </tr>
            </thead>
            <tbody>
              {aspirants.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/coach/aspiranter/${a.id}`}>
                      {a.lastName}, {a.firstName}
                    </Link>
                  </th>
                  <td>{a.age} år</td>
                  <td>{a.enrolledOn}</td>
                  <td>{a.hasPlan ? 'Ja' : <span className="badge">Saknas</span>}</td>
                  <td>{a.coachName ?? '–'}</td>
                  {showJobbtorg ? <td>{a.jobbtorgName}</td> : null}
                  {includeExited ? <td>{a.exitedOn ?? '–'}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Aspiranter – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
