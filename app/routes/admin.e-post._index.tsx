import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { listOutbox, retryDeadEmail } from '../../emails/outbox.server';
import { clientIp, requirePermission } from '../auth/auth.server';
import { audit } from '../audit/audit-log.server';
import { ErrorView } from '../components/error-view';
import { ResultMessage } from '../components/result-message';
import { getEnv } from '../env.server';
import { z } from '../forms/validation';
import { getDb } from '../services.server';

const filterSchema = z.object({ status: z.enum(['pending', 'sent', 'dead']).optional().catch(undefined) });
const retrySchema = z.object({ intent: z.literal('retry'), id: z.uuid() });

export const statusLabels = { pending: 'I kön', sent: 'Skickat', dead: 'Kunde inte levereras' } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:email-outbox');
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json({
    messages: await listOutbox(getDb(), filter.status),
    filter,
    configured: Boolean(getEnv().RESEND_API_KEY),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:email-outbox');
  const parsed = retrySchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false, message: 'Ogiltig begäran.' }, { status: 400 });
  const ok = await getDb().transaction(async (tx) => {
    const done = await retryDeadEmail(tx, parsed.data.id);
    if (done) await audit(tx, { actorUserId: actor.id, action: 'email.retried', subjectType: 'email', subjectId: parsed.data.id, ip: clientIp(context) });
    return done;
  });
  return json(ok ? { ok, message: 'Meddelandet ligger i kön igen.' } : { ok, message: 'Meddelandet kunde inte läggas i kön igen.' }, {
    status: ok ? 200 : 400,
  });
}

export default function EmailOutbox() {
  const { messages, filter, configured } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>E-post</h1>
      {!configured ? (
        <div className="alert alert-warn" role="status">
          <p>
            <strong>Ingen e-posttjänst är konfigurerad (RESEND_API_KEY saknas).</strong> Meddelanden skickas inte utan stannar i
            kön. Du kan läsa dem här, till exempel för att hämta en länk i en demo.
          </p>
        </div>
      ) : null}
      <ResultMessage result={result} />
      <Form method="get" className="filters" aria-label="Filtrera e-post">
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filter.status ?? ''}>
            <option value="">Alla</option>
            <option value="pending">I kön</option>
            <option value="sent">Skickat</option>
            <option value="dead">Kunde inte levereras</option>
          </select>
        </div>
        <button type="submit">Filtrera</button>
      </Form>
      {messages.length === 0 ? (
        <p>Inga meddelanden.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Skapat</th>
                <th scope="col">Till</th>
                <th scope="col">Ämne</th>
                <th scope="col">Status</th>
                <th scope="col">Försök</th>
                <th scope="col">Åtgärd</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{new Date(m.createdAt).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' })}</td>
                  <td>{m.to}</td>
                  <td>
                    <Link to={`/admin/e-post/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>
                    <span className={`badge ${m.status === 'sent' ? 'ok' : m.status === 'dead' ? 'error' : 'warn'}`}>
                      {m.status === 'pending' && !configured ? 'Inte skickat' : statusLabels[m.status]}
                    </span>
                    {m.lastError ? <div className="muted">{m.lastError}</div> : null}
                  </td>
                  <td>{m.attempts}</td>
                  <td>
                    {m.status === 'dead' ? (
                      <Form method="post">
                        <input type="hidden" name="id" value={m.id} />
                        <button type="submit" name="intent" value="retry" className="secondary">
                          Försök igen
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'E-post – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
