import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { userStatusSchema } from '../admin/user-schema';
import { changeUserStatus, listUsers } from '../admin/users.server';
import { clientIp, requirePermission } from '../auth/auth.server';
import { roleLabels, roles } from '../auth/roles';
import { ErrorView } from '../components/error-view';
import { ResultMessage } from '../components/result-message';
import { searchText, z } from '../forms/validation';

const filterSchema = z.object({
  q: searchText(100).optional().catch(undefined),
  role: z.enum(roles).optional().catch(undefined),
  status: z.enum(['active', 'inactive']).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:users');
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json({ users: await listUsers(filter), filter });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:users');
  const parsed = userStatusSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false, message: 'Ogiltig begäran.' }, { status: 400 });
  const result = await changeUserStatus(actor, parsed.data.userId, parsed.data.intent, clientIp(context));
  return json(result, { status: result.ok ? 200 : 400 });
}

export default function AdminUsers() {
  const { users, filter } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <div className="actions" style={{ justifyContent: 'space-between' }}>
        <h1>Användare</h1>
        <Link className="button" to="/admin/anvandare/ny">
          Ny användare
        </Link>
      </div>
      <ResultMessage result={result} />
      <Form method="get" className="filters" role="search" aria-label="Filtrera användare">
        <div className="field">
          <label htmlFor="q">Namn eller e-post</label>
          <input id="q" name="q" type="search" defaultValue={filter.q ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="role">Roll</label>
          <select id="role" name="role" defaultValue={filter.role ?? ''}>
            <option value="">Alla roller</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filter.status ?? ''}>
            <option value="">Alla</option>
            <option value="active">Aktiva</option>
            <option value="inactive">Inaktiverade</option>
          </select>
        </div>
        <button type="submit">Filtrera</button>
      </Form>
      <p className="muted">{users.length} användare</p>
      <div className="table-wrap">
        <table>
          <caption className="muted" style={{ textAlign: 'left' }}>
            Användare i Insteg
          </caption>
          <thead>
            <tr>
              <th scope="col">Namn</th>
              <th scope="col">E-post</th>
              <th scope="col">Roll</th>
              <th scope="col">Tillhör</th>
              <th scope="col">Status</th>
              <th scope="col">Åtgärd</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{roleLabels[u.role]}</td>
                <td>{u.jobbtorgName ?? u.organizationName ?? '–'}</td>
                <td>
                  {!u.active ? (
                    <span className="badge error">Inaktiverad</span>
                  ) : u.invited ? (
                    <span className="badge warn">Inbjuden</span>
                  ) : (
                    <span className="badge ok">Aktiv</span>
                  )}
                </td>
                <td>
                  <Form method="post" className="actions">
                    <input type="hidden" name="userId" value={u.id} />
                    {u.active ? (
                      <button type="submit" name="intent" value="deactivate" className="secondary" aria-label={`Inaktivera ${u.name}`}>
                        Inaktivera
                      </button>
                    ) : (
                      <button type="submit" name="intent" value="reactivate" className="secondary" aria-label={`Aktivera ${u.name}`}>
                        Aktivera
                      </button>
                    )}
                    {u.active && u.invited ? (
                      <button type="submit" name="intent" value="resend-invite" className="secondary" aria-label={`Skicka ny inbjudan till ${u.name}`}>
                        Ny inbjudan
                      </button>
                    ) : null}
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Användare – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
