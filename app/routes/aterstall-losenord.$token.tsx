import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { checkPasswordToken, clientIp, resetPassword } from '../auth/auth.server';
import { newPasswordSchema } from '../auth/schemas';
import { ErrorView } from '../components/error-view';
import { FormErrors, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { parseSubmission } from '../forms/submission';
import { PASSWORD_MIN, tokenParamsSchema } from '../forms/validation';

const paramsSchema = tokenParamsSchema;

export async function loader({ params }: LoaderFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  const token = parsed.success ? await checkPasswordToken(parsed.data.token) : null;
  return json({ valid: token !== null, purpose: token?.purpose ?? null, email: token?.email ?? null });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsedParams = paramsSchema.safeParse(params);
  const submission = parseSubmission(await request.formData(), { schema: newPasswordSchema });
  if (submission.status !== 'success') return json(submission.reply({ hideFields: ['password', 'confirm'] }), { status: 400 });
  const ok = parsedParams.success && (await resetPassword(parsedParams.data.token, submission.value.password, clientIp(context)));
  if (!ok) {
    return json(
      submission.reply({ formErrors: ['Länken har redan använts eller har gått ut. Begär en ny länk.'], hideFields: ['password', 'confirm'] }),
      { status: 410 },
    );
  }
  return redirect('/login?losenord=nytt');
}

export default function ResetPassword() {
  const { valid, purpose, email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm({
    id: 'reset-password',
    lastResult,
    schema: newPasswordSchema,
    shouldValidate: 'onSubmit',
  });
  useFocusFirstError(form.id, lastResult);
  const title = purpose === 'invite' ? 'Välj lösenord' : 'Välj nytt lösenord';
  if (!valid) {
    return (
      <div className="narrow">
        <h1>Länken fungerar inte</h1>
        <p>Länken har redan använts eller har gått ut. Av säkerhetsskäl fungerar varje länk bara en gång och under en begränsad tid.</p>
        <p>
          <Link to="/glomt-losenord">Begär en ny länk</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{title}</h1>
      <p>
        Kontot: <strong>{email}</strong>. Välj ett lösenord med minst {PASSWORD_MIN} tecken. En fras med flera ord är lätt att
        komma ihåg och svår att gissa.
      </p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="text" name="username" value={email ?? ''} autoComplete="username" readOnly hidden />
        <TextField meta={fields.password} label="Nytt lösenord" type="password" autoComplete="new-password" />
        <TextField meta={fields.confirm} label="Upprepa lösenordet" type="password" autoComplete="new-password" />
        <button type="submit">Spara lösenord</button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Välj lösenord – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
