import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { createUserSchema } from '../admin/user-schema';
import { createUser, userFormOptions } from '../admin/users.server';
import { clientIp, requirePermission } from '../auth/auth.server';
import { roleLabels, roles } from '../auth/roles';
import { ErrorView } from '../components/error-view';
import { FormErrors, SelectField, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { parseSubmission } from '../forms/submission';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:users');
  return json(await userFormOptions());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:users');
  const submission = parseSubmission(await request.formData(), { schema: createUserSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const result = await createUser(actor, submission.value, clientIp(context));
  if (!result.ok) return json(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
  return redirect('/admin/anvandare?skapad=1');
}

export default function NewUser() {
  const options = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm({
    id: 'new-user',
    lastResult,
    schema: createUserSchema,
  });
  useFocusFirstError(form.id, lastResult);
  const role = fields.role.value;
  return (
    <div className="narrow">
      <h1>Ny användare</h1>
      <p>Användaren får ett e-postmeddelande med en länk för att välja lösenord.</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.name} label="Namn" autoComplete="off" />
        <TextField meta={fields.email} label="E-postadress" type="email" autoComplete="off" />
        <SelectField meta={fields.role} label="Roll" options={roles.map((r) => ({ value: r, label: roleLabels[r] }))} />
        {role === 'coach' || !role ? (
          <SelectField
            meta={fields.jobbtorgId}
            label="Jobbtorg (för jobbcoacher)"
            options={options.jobbtorg.map((j) => ({ value: String(j.id), label: j.name }))}
          />
        ) : null}
        {role === 'employer' || !role ? (
          <SelectField
            meta={fields.organizationId}
            label="Organisation (för arbetsgivarkontakter)"
            options={options.organizations.map((o) => ({ value: o.id, label: o.name }))}
          />
        ) : null}
        <div className="actions">
          <button type="submit">Skapa och skicka inbjudan</button>
          <Link to="/admin/anvandare">Avbryt</Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Ny användare – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
