import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { languageLevelLabels } from '../aspirants/aspirant-rules';
import { aspirantSchema } from '../aspirants/aspirant-schema';
import { aspirantFormOptions, getAspirantForEdit, updateAspirant } from '../aspirants/aspirants.server';
import { formatPersonnummer } from '../aspirants/personnummer';
import { clientIp, forbidden, notFound, requirePermission } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { AspirantFormFields } from '../components/aspirant-form';
import { ErrorView } from '../components/error-view';
import { useFocusFirstError, useSchemaForm } from '../components/field';
import { parseSubmission } from '../forms/submission';
import { z } from '../forms/validation';

const paramsSchema = z.object({ id: z.uuid() });

/** The form shows and corrects the whole personnummer: only those who may reveal it may edit. */
async function requireEditor(request: Request) {
  const user = await requirePermission(request, 'write:aspirant:own-jobbtorg');
  if (!can(user, 'reveal:personnummer')) forbidden();
  return user;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireEditor(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const a = await getAspirantForEdit(user, parsed.data.id, clientIp(context));
  if (!a) notFound();
  if (a.exitedOn) throw redirect(`/coach/aspiranter/${a.id}`);
  return json({
    id: a.id,
    name: `${a.firstName ?? ''} ${a.lastName ?? ''}`.trim(),
    defaults: {
      firstName: a.firstName ?? '',
      lastName: a.lastName ?? '',
      personnummer: a.personnummer ? formatPersonnummer(a.personnummer) : '',
      gender: a.gender,
      district: a.districtId === null ? 'utanfor' : String(a.districtId),
      targetGroups: a.targetGroups,
      languages: a.languages.map((l) => `${l.language}: ${languageLevelLabels[l.level]}`).join('\n'),
      swedishLevel: a.swedishLevel,
      education: a.education,
      completedUpperSecondary: a.completedUpperSecondary ? 'on' : '',
      occupations: a.occupations.map((o) => `${o.code}: ${o.years}`).join('\n'),
      drivingLicence: a.drivingLicence ? 'on' : '',
      availableFrom: a.availableFrom ?? '',
      hoursPerWeek: a.hoursPerWeek === null ? '' : String(a.hoursPerWeek),
      adaptationNeeds: a.adaptationNeeds ?? '',
      enrolledOn: a.enrolledOn,
      notes: a.notes ?? '',
      // Consent is changed on the profile page; the edit form has no such field.
      consent: '',
    },
    options: await aspirantFormOptions(),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireEditor(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const submission = parseSubmission(await request.formData(), { schema: aspirantSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const result = await updateAspirant(user, parsed.data.id, submission.value, clientIp(context));
  if (!result) notFound();
  if (!result.ok) return json(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formError ? [result.formError] : undefined }), { status: 400 });
  return redirect(`/coach/aspiranter/${result.id}?sparad=1`);
}

export default function EditAspirant() {
  const { id, name, defaults, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm({
    id: 'edit-aspirant',
    lastResult,
    defaultValue: defaults,
    schema: aspirantSchema,
  });
  useFocusFirstError(form.id, lastResult);
  return (
    <div style={{ maxWidth: '48rem' }}>
      <p>
        <Link to={`/coach/aspiranter/${id}`}>← {name}</Link>
      </p>
      <h1>Ändra uppgifter för {name}</h1>
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
        <AspirantFormFields form={form} fields={fields} districts={options.districts} mode="edit" />
        <div className="actions">
          <button type="submit">Spara ändringar</button>
          <Link className="button secondary" to={`/coach/aspiranter/${id}`}>
            Avbryt
          </Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Ändra aspirant – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
