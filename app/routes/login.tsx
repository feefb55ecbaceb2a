import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { clientIp, login, requireAnonymous, safeRedirectTo } from '../auth/auth.server';
import { throttleMessage } from '../auth/login-throttle';
import { startPages } from '../auth/roles';
import { loginSchema } from '../auth/schemas';
import { ErrorView } from '../components/error-view';
import { FormErrors, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { parseSubmission } from '../forms/submission';
import { NUL } from '../forms/validation';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: loginSchema });
  if (submission.status !== 'success') {
    return json(submission.reply({ hideFields: ['password'] }), { status: 400 });
  }
  const result = await login(submission.value, { ip: clientIp(context), userAgent: request.headers.get('user-agent') });
  if (!result.ok) {
    if (result.reason === 'throttled') {
      return json(submission.reply({ formErrors: [throttleMessage(result.decision.retryAfterSeconds)], hideFields: ['password'] }), {
        status: 429,
        headers: { 'Retry-After': String(result.decision.retryAfterSeconds) },
      });
    }
    return json(submission.reply({ formErrors: ['Fel e-postadress eller lösenord.'], hideFields: ['password'] }), { status: 400 });
  }
  const to = safeRedirectTo(submission.value.redirectTo, startPages[result.user.role]);
  return redirect(to === '/' ? startPages[result.user.role] : to, { headers: { 'Set-Cookie': result.setCookie } });
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  // One with NUL would have the form refused over a field nobody sees (safeRedirectTo ignores it anyway).
  const redirectTo = searchParams.get('redirectTo') ?? '';
  const [form, fields] = useSchemaForm({
    id: 'login',
    lastResult,
    schema: loginSchema,
    shouldValidate: 'onSubmit',
  });
  useFocusFirstError(form.id, lastResult);
  return (
    <div className="narrow">
      <h1>Logga in</h1>
      <p>Insteg används av jobbcoacher, arbetsgivare och mentorsamordnare i Stockholms stads arbetsmarknadsinsatser.</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo.includes(NUL) ? '' : redirectTo} />
        <TextField meta={fields.email} label="E-postadress" type="email" autoComplete="username" />
        <TextField meta={fields.password} label="Lösenord" type="password" autoComplete="current-password" />
        <div className="actions">
          <button type="submit" disabled={navigation.state === 'submitting'}>
            Logga in
          </button>
          <Link to="/glomt-losenord">Glömt lösenordet?</Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Logga in – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
