import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { getOutboxMessage, redactPasswordLinks } from '../../emails/outbox.server';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { audit } from '../audit/audit-log.server';
import { ErrorView } from '../components/error-view';
import { getEnv } from '../env.server';
import { z } from '../forms/validation';
import { getDb } from '../services.server';

const paramsSchema = z.object({ id: z.uuid() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:email-outbox');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const message = await getOutboxMessage(getDb(), parsed.data.id);
  if (!message) notFound();
  // Messages can carry password links: reading one is logged.
  await audit(getDb(), { actorUserId: user.id, action: 'email.read', subjectType: 'email', subjectId: message.id, ip: clientIp(context) });
  const configured = Boolean(getEnv().RESEND_API_KEY);
  // With e-mail delivery configured, nobody needs to pass a link on by hand: the password links
  // are hidden, so an admin cannot use someone else's reset or invitation to log in as them.
  const text = configured ? redactPasswordLinks(message.text) : message.text;
  return json({ message: { ...message, text, html: undefined }, configured });
}

export default function EmailMessage() {
  const { message, configured } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/admin/e-post">← Alla meddelanden</Link>
      </p>
      <h1>{message.subject}</h1>
      {message.status === 'pending' && !configured ? (
        <div className="alert alert-warn" role="status">
          <p>
            <strong>Inte skickat.</strong> Ingen e-posttjänst är konfigurerad, så meddelandet ligger kvar i kön.
          </p>
        </div>
      ) : null}
      <dl className="facts card">
        <dt>Till</dt>
        <dd>{message.to}</dd>
        <dt>Mall</dt>
        <dd>{message.template}</dd>
        <dt>Status</dt>
        <dd>{message.status}</dd>
        <dt>Försök</dt>
        <dd>{message.attempts}</dd>
        {message.lastError ? (
          <>
            <dt>Senaste fel</dt>
            <dd>{message.lastError}</dd>
          </>
        ) : null}
      </dl>
      <h2>Innehåll (textversion)</h2>
      {configured ? <p className="muted">Länkar för att välja lösenord visas inte: de går bara till mottagaren.</p> : null}
      <pre className="email-body">{message.text}</pre>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'E-postmeddelande – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
