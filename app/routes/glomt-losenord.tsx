import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { clientIp, requestPasswordReset, RESET_VALID_MINUTES } from '../auth/auth.server';
import { forgotPasswordSchema } from '../auth/schemas';
import { ErrorView } from '../components/error-view';
import { TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { parseSubmission } from '../forms/submission';

export async function loader(_: LoaderFunctionArgs) {
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await request.formData(), { schema: forgotPasswordSchema });
  if (submission.status !== 'success') return json({ result: submission.reply(), sent: false }, { status: 400 });
  await requestPasswordReset(submission.value.email, clientIp(context));
  // The same answer whether or not the address has an account.
  return json({ result: submission.reply({ resetForm: true }), sent: true });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const [form, fields] = useSchemaForm({
    id: 'forgot-password',
    lastResult: data?.result,
    schema: forgotPasswordSchema,
    shouldValidate: 'onSubmit',
  });
  useFocusFirstError(form.id, data?.sent ? undefined : data?.result);
  return (
    <div className="narrow">
      <h1>Glömt lösenordet</h1>
      {data?.sent ? (
        <div className="alert alert-ok" role="status">
          <p>
            Om adressen hör till ett konto i Insteg har vi skickat en länk för att välja ett nytt lösenord. Länken gäller i{' '}
            {RESET_VALID_MINUTES} minuter och kan användas en gång.
          </p>
        </div>
      ) : (
        <p>Ange e-postadressen till ditt konto så skickar vi en länk där du kan välja ett nytt lösenord.</p>
      )}
      <Form method="post" {...getFormProps(form)} className="stack">
        <TextField meta={fields.email} label="E-postadress" type="email" autoComplete="email" />
        <div className="actions">
          <button type="submit">Skicka länk</button>
          <Link to="/login">Tillbaka till inloggningen</Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Glömt lösenordet – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
