import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { listAuditLog } from '../audit/audit-query.server';
import { requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { z } from '../forms/validation';

const querySchema = z.object({ before: z.coerce.number().int().positive().optional().catch(undefined) });
const PAGE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:audit-log');
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const entries = await listAuditLog({ before: query.before, limit: PAGE });
  return json({ entries, next: entries.length === PAGE ? entries[entries.length - 1]!.id : null });
}

export default function AuditLogPage() {
  const { entries, next } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Granskningslogg</h1>
      <p>Inloggningar, administrativa ändringar och varje läsning av känsliga uppgifter.</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Tid</th>
              <th scope="col">Vem</th>
              <th scope="col">Händelse</th>
              <th scope="col">Gäller</th>
              <th scope="col">IP</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' })}</td>
                <td>{e.actorName ?? '–'}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.subjectType ? `${e.subjectType} ${e.subjectId ?? ''}` : '–'}</td>
                <td>{e.ip ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next ? (
        <p>
          <Link to={`?before=${next}`}>Äldre händelser</Link>
        </p>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Granskningslogg – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
