import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorView } from '../components/error-view';
import { confirmApplication } from '../feriejobb/applications.server';
import { tokenParamsSchema } from '../forms/validation';

const paramsSchema = tokenParamsSchema;

/**
 * The confirmation link. Opening it shows a button; only the POST confirms, so a mail client that
 * fetches links to preview them does not confirm anything on the youth's behalf.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  return json({ valid: parsed.success });
}

export async function action({ params }: ActionFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) return json({ status: 'invalid' as const }, { status: 404 });
  const result = await confirmApplication(parsed.data.token);
  const status = result.status === 'confirmed' ? 200 : result.status === 'invalid' ? 404 : 410;
  return json(result, { status });
}

export default function ConfirmApplication() {
  const { valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.status === 'confirmed') {
    return (
      <div className="narrow">
        <h1>Tack, {result.firstName}!</h1>
        <div className="alert alert-ok" role="status">
          <p>
            {result.updated
              ? `Din ansökan om feriejobb ${result.year} är uppdaterad. Den nya ansökan ersätter den gamla.`
              : `Din ansökan om feriejobb ${result.year} är registrerad.`}{' '}
            Vi har skickat en bekräftelse till din e-post.
          </p>
        </div>
      </div>
    );
  }
  const problem =
    !valid || result?.status === 'invalid'
      ? 'Länken är inte giltig. Kontrollera att du har kopierat hela länken.'
      : result?.status === 'already-confirmed'
        ? 'Den här ansökan är redan bekräftad. Du behöver inte göra något mer.'
        : result?.status === 'expired'
          ? 'Länken har slutat gälla. Skicka ansökan igen så får du en ny länk.'
          : null;
  return (
    <div className="narrow">
      <h1>Bekräfta din ansökan om feriejobb</h1>
      {problem ? (
        <div className="alert alert-error" role="alert">
          <p>{problem}</p>
          <p>
            <Link to="/feriejobb/ansok">Till ansökan</Link>
          </p>
        </div>
      ) : (
        <Form method="post" className="stack">
          <p>Klicka på knappen för att bekräfta din ansökan. Har du sökt tidigare i år ersätter den här ansökan den förra.</p>
          <div className="actions">
            <button type="submit">Bekräfta ansökan</button>
          </div>
        </Form>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Bekräfta ansökan om feriejobb – Insteg' }, { name: 'robots', content: 'noindex' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
