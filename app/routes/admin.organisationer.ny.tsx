import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { clientIp, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { FormErrors, SelectField, TextAreaField, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { parseSubmission } from '../forms/submission';
import {
  cityUnitTypeLabels,
  cityUnitTypes,
  createOrganizationSchema,
  membershipLevelLabels,
  membershipLevels,
  organizationKindLabels,
  organizationKinds,
} from '../organizations/organization-schema';
import { createOrganization, districtOptions } from '../organizations/organizations.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:organizations');
  return json({ districts: await districtOptions() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:organizations');
  const submission = parseSubmission(await request.formData(), { schema: createOrganizationSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const result = await createOrganization(actor, submission.value, clientIp(context));
  if (!result.ok) return json(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
  return redirect(`/organisationer/${result.id}`);
}

export default function NewOrganization() {
  const { districts } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm({
    id: 'new-organization',
    lastResult,
    schema: createOrganizationSchema,
  });
  useFocusFirstError(form.id, lastResult);
  const kind = fields.kind.value;
  const level = fields.membershipLevel.value;
  return (
    <div className="narrow">
      <h1>Ny organisation</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.name} label="Namn" autoComplete="organization" />
        <SelectField meta={fields.kind} label="Typ" options={organizationKinds.map((k) => ({ value: k, label: organizationKindLabels[k] }))} />
        {!kind || kind === 'city_unit' ? (
          <SelectField
            meta={fields.cityUnitType}
            label="Typ av enhet (stadens enheter)"
            options={cityUnitTypes.map((t) => ({ value: t, label: cityUnitTypeLabels[t] }))}
          />
        ) : null}
        {!kind || kind === 'integrationspakt_member' ? (
          <SelectField
            meta={fields.membershipLevel}
            label="Medlemsnivå (Integrationspakten)"
            options={membershipLevels.map((l) => ({ value: l, label: membershipLevelLabels[l] }))}
          />
        ) : null}
        <TextField
          meta={fields.orgNumber}
          label="Organisationsnummer"
          description="Tio siffror, till exempel 556677-8899. Behövs inte för stadens nämnder och förvaltningar."
          inputMode="numeric"
        />
        <SelectField meta={fields.districtId} label="Stadsdelsområde" options={districts.map((d) => ({ value: String(d.id), label: d.name }))} />
        {!kind || (kind === 'integrationspakt_member' && (!level || level === 'plus')) ? (
          <fieldset className="stack">
            <legend>Jobbpartnerskap (Plusmedlemmar)</legend>
            <TextField meta={fields.partnershipSignedOn} label="Undertecknat" type="date" />
            <TextAreaField meta={fields.partnershipTerms} label="Krav och åtaganden i partnerskapet" />
            <TextAreaField meta={fields.jobbspar} label="Jobbspår (ett per rad)" rows={3} />
          </fieldset>
        ) : null}
        <div className="actions">
          <button type="submit">Spara organisation</button>
          <Link to="/admin/organisationer">Avbryt</Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Ny organisation – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
