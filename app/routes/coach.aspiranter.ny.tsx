import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { aspirantSchema } from '../aspirants/aspirant-schema';
import { aspirantFormOptions, enrolAspirant } from '../aspirants/aspirants.server';
import { clientIp, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { AspirantFormFields } from '../components/aspirant-form';
import { useFocusFirstError, useSchemaForm } from '../components/field';
import { todayInStockholm } from '../dates';
import { parseSubmission } from '../forms/submission';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'enrol:aspirant');
  return json({ options: await aspirantFormOptions(), today: todayInStockholm() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'enrol:aspirant');
  const submission = parseSubmission(await request.formData(), { schema: aspirantSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const result = await enrolAspirant(user, submission.value, clientIp(context));
  if (!result.ok) return json(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formError ? [result.formError] : undefined }), { status: 400 });
  return redirect(`/coach/aspiranter/${result.id}?inskriven=1`);
}

export default function EnrolAspirant() {
  const { options, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm({
    id: 'enrol-aspirant',
    lastResult,
    defaultValue: { enrolledOn: today, swedishLevel: 'none' },
    schema: aspirantSchema,
  });
  useFocusFirstError(form.id, lastResult);
  return (
    <div style={{ maxWidth: '48rem' }}>
      <p>
        <Link to="/coach/aspiranter">← Aspiranter</Link>
      </p>
      <h1>Skriv in aspirant</h1>
      <p>Du blir aspirantens jobbcoach. Uppgifter om målgrupp, anpassningsbehov och anteckningar syns bara för ditt Jobbtorg.</p>
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
        <AspirantFormFields form={form} fields={fields} districts={options.districts} mode="enrol" />
        <div className="actions">
          <button type="submit">Skriv in</button>
          <Link className="button secondary" to="/coach/aspiranter">
            Avbryt
          </Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Skriv in aspirant – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
