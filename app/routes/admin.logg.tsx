import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { auditActionLabel, auditActions } from '../audit/audit-labels';
import { auditActors, listAuditLog } from '../audit/audit-query.server';
import { requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { z } from '../forms/validation';

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional()).catch(undefined);
// PostgreSQL has no year 0: "0000-01-01" is a valid ISO date string but would fail the query.
const day = z.iso.date().refine((d) => d >= '0001-01-01');
const querySchema = z.object({
  before: optional(z.coerce.number().int().positive()),
  user: optional(z.uuid()),
  aspirant: optional(z.uuid()),
  action: optional(z.string().regex(/^[a-z.-]{1,60}$/)),
  from: optional(day),
  to: optional(day),
});
const PAGE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:audit-log');
  const params = new URL(request.url).searchParams;
  const query = querySchema.parse(Object.fromEntries(params));
  const entries = await listAuditLog({
    before: query.before,
    limit: PAGE,
    actorUserId: query.user,
    aspirantId: query.aspirant,
    action: query.action,
    from: query.from,
    to: query.to,
  });
  params.delete('before');
  return json({
    entries: entries.map((e) => ({ ...e, label: auditActionLabel(e.action) })),
    next: entries.length === PAGE ? entries[entries.length - 1]!.id : null,
    query,
    baseQuery: params.toString(),
    actors: await auditActors(),
    actions: auditActions.map((a) => ({ value: a, label: auditActionLabel(a) })),
  });
}

export default function AuditLogPage() {
  const { entries, next, query, baseQuery, actors, actions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Granskningslogg</h1>
      <p>Inloggningar, administrativa ändringar och varje läsning av känsliga uppgifter. Loggen kan inte ändras eller raderas.</p>
      <Form method="get" className="filters" aria-label="Filtrera loggen">
        <div className="field">
          <label htmlFor="user">Användare</label>
          <select id="user" name="user" defaultValue={query.user ?? ''}>
            <option value="">Alla</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="aspirant">Aspirant (id)</label>
          <input id="aspirant" name="aspirant" defaultValue={query.aspirant ?? ''} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="action">Händelse</label>
          <select id="action" name="action" defaultValue={query.action ?? ''}>
            <option value="">Alla</option>
            {actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">Från</label>
          <input id="from" name="from" type="date" defaultValue={query.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="to">Till</label>
          <input id="to" name="to" type="date" defaultValue={query.to ?? ''} />
        </div>
        <button type="submit">Filtrera</button>
        <Link to="/admin/logg">Rensa</Link>
      </Form>
      {entries.length === 0 ? (
        <div className="card">
          <p>Inga händelser matchar filtret.</p>
        </div>
      ) : (
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
                  <td>{e.actorName ?? 'Systemet'}</td>
                  <td>
                    {e.label} <code className="muted">{e.action}</code>
                  </td>
                  <td>
                    {e.subjectType === 'aspirant' && e.subjectId ? (
                      <Link to={`?aspirant=${e.subjectId}`}>aspirant {e.subjectId.slice(0, 8)}</Link>
                    ) : e.subjectType ? (
                      `${e.subjectType} ${e.subjectId ?? ''}`
                    ) : (
                      '–'
                    )}
                    {e.shownCount !== null ? ` (${e.shownCount} visade)` : ''}
                  </td>
                  <td>{e.ip ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? (
        <p>
          <Link to={`?${baseQuery ? `${baseQuery}&` : ''}before=${next}`}>Äldre händelser</Link>
        </p>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Granskningslogg – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
