import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { changePassword, clientIp, requirePermission } from '../auth/auth.server';
import { roleLabels } from '../auth/roles';
import { changePasswordSchema } from '../auth/schemas';
import { ErrorView } from '../components/error-view';
import { FormErrors, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { parseSubmission } from '../forms/submission';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'manage:own-account');
  return json({ name: user.name, email: user.email, role: roleLabels[user.role] });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:own-account');
  const submission = parseSubmission(await request.formData(), { schema: changePasswordSchema });
  if (submission.status !== 'success') {
    return json({ result: submission.reply({ hideFields: ['current', 'password', 'confirm'] }), changed: false }, { status: 400 });
  }
  const ok = await changePassword(user, submission.value.current, submission.value.password, clientIp(context));
  if (!ok) {
    return json(
      {
        result: submission.reply({ fieldErrors: { current: ['Det nuvarande lösenordet stämmer inte'] }, hideFields: ['current', 'password', 'confirm'] }),
        changed: false,
      },
      { status: 400 },
    );
  }
  return json({ result: submission.reply({ resetForm: true }), changed: true });
}

export default function Account() {
  const { name, email, role } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useSchemaForm({
    id: 'change-password',
    lastResult: data?.result,
    schema: changePasswordSchema,
    shouldValidate: 'onSubmit',
  });
  useFocusFirstError(form.id, data?.changed ? undefined : data?.result);
  return (
    <>
      <h1>Mitt konto</h1>
      <dl className="facts card">
        <dt>Namn</dt>
        <dd>{name}</dd>
        <dt>E-post</dt>
        <dd>{email}</dd>
        <dt>Roll</dt>
        <dd>{role}</dd>
      </dl>
      <h2>Byt lösenord</h2>
      {data?.changed ? (
        <div className="alert alert-ok" role="status">
          <p>Lösenordet är bytt. Du har loggats ut på alla andra enheter.</p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
        <TextField meta={fields.current} label="Nuvarande lösenord" type="password" autoComplete="current-password" />
        <TextField meta={fields.password} label="Nytt lösenord" type="password" autoComplete="new-password" />
        <TextField meta={fields.confirm} label="Upprepa det nya lösenordet" type="password" autoComplete="new-password" />
        <button type="submit">Byt lösenord</button>
      </Form>
      <h2>Utloggning</h2>
      <p>Har du varit inloggad på en dator du inte längre har tillgång till? Logga ut överallt.</p>
      <Form method="post" action="/logout">
        <input type="hidden" name="everywhere" value="on" />
        <button type="submit" className="secondary">
          Logga ut på alla enheter
        </button>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Mitt konto – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
