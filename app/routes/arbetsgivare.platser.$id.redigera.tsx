import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { useFocusFirstError, useSchemaForm } from '../components/field';
import { OpeningForm } from '../components/opening-form';
import { parseSubmission } from '../forms/submission';
import { z } from '../forms/validation';
import { openingKindLabels } from '../openings/opening-rules';
import { openingSchema } from '../openings/opening-schema';
import { formValues, getOpening, updateOpening } from '../openings/openings.server';
import { openingFormOptions } from '../openings/options.server';

const paramsSchema = z.object({ id: z.uuid() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'manage:own-openings');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const opening = await getOpening(user, parsed.data.id);
  if (!opening || !opening.canManage) notFound();
  if (!opening.canEdit) throw redirect(`/arbetsgivare/platser/${opening.id}`);
  return json({ id: opening.id, kind: opening.kind, values: formValues(opening), options: await openingFormOptions(user.organizationId!) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:own-openings');
  const parsedParams = paramsSchema.safeParse(params);
  if (!parsedParams.success) notFound();
  const submission = parseSubmission(await request.formData(), { schema: openingSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const result = await updateOpening(user, parsedParams.data.id, submission.value, clientIp(context));
  if (!result) notFound();
  if (!result.ok) return json(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formError ? [result.formError] : undefined }), { status: 400 });
  return redirect(`/arbetsgivare/platser/${result.id}`);
}

export default function EditOpening() {
  const { id, kind, values, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm({
    id: `edit-opening-${id}`,
    lastResult,
    defaultValue: values,
    schema: openingSchema,
  });
  useFocusFirstError(form.id, lastResult);
  return (
    <div style={{ maxWidth: '48rem' }}>
      <h1>Ändra plats: {openingKindLabels[kind]}</h1>
      <OpeningForm form={form} fields={fields} kind={kind} options={options} submitLabel="Spara ändringar" cancelTo={`/arbetsgivare/platser/${id}`} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Ändra plats – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
