import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { clientIp, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { useFocusFirstError, useSchemaForm } from '../components/field';
import { OpeningForm } from '../components/opening-form';
import { parseSubmission } from '../forms/submission';
import { z } from '../forms/validation';
import { openingKindLabels, openingKinds } from '../openings/opening-rules';
import { openingSchema } from '../openings/opening-schema';
import { createOpening } from '../openings/openings.server';
import { openingFormOptions } from '../openings/options.server';

const querySchema = z.object({ typ: z.enum(openingKinds).optional().catch(undefined) });

const kindIntro: Record<(typeof openingKinds)[number], string> = {
  stockholmsjobb: 'En visstidsanställning i stadens verksamhet för personer med försörjningsstöd eller unga 16–29 år som behöver extra stöd.',
  feriejobb: 'Sommarjobb för ungdomar 16–19 år, högst tre veckor och 90 timmar.',
  praktik: 'Språkpraktik, arbetsträning, praktik som första steg till jobb, APL, LIA eller högskolepraktik.',
  mentor: 'En chef eller medarbetare som blir mentor i Stockholmsmentor: yrkesmentor, språkmentor eller ungdomsmentor.',
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'manage:own-openings');
  const { typ } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const options = await openingFormOptions(user.organizationId!);
  const kind = typ && options.allowedKinds.includes(typ) ? typ : null;
  return json({ options, kind, contact: { name: user.name, email: user.email } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:own-openings');
  const submission = parseSubmission(await request.formData(), { schema: openingSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const result = await createOpening(user, submission.value, clientIp(context));
  if (!result.ok) return json(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formError ? [result.formError] : undefined }), { status: 400 });
  return redirect(`/arbetsgivare/platser/${result.id}?skapad=1`);
}

export default function NewOpening() {
  const { options, kind, contact } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm({
    id: `new-opening-${kind ?? 'none'}`,
    lastResult,
    defaultValue: { kind, contactName: contact.name, contactEmail: contact.email, swedishLevel: 'none', places: '1' },
    schema: openingSchema,
  });
  useFocusFirstError(form.id, lastResult);
  if (!kind) {
    return (
      <>
        <h1>Ny plats</h1>
        <p>Vilken sorts plats vill {options.organizationName} erbjuda?</p>
        <ul className="kind-choices">
          {options.allowedKinds.map((k) => (
            <li key={k} className="card">
              <h2>
                <Link to={`?typ=${k}`}>{openingKindLabels[k]}</Link>
              </h2>
              <p>{kindIntro[k]}</p>
            </li>
          ))}
        </ul>
        {options.allowedKinds.length < openingKinds.length ? (
          <p className="muted">
            Stockholmsjobb erbjuds bara av stadens enheter, och mentorskap av medlemmar i Integrationspakten och stadens enheter.
          </p>
        ) : null}
      </>
    );
  }
  return (
    <div style={{ maxWidth: '48rem' }}>
      <h1>Ny plats: {openingKindLabels[kind]}</h1>
      <p>Platsen sparas som utkast. Du publicerar den när den är klar.</p>
      <OpeningForm form={form} fields={fields} kind={kind} options={options} submitLabel="Spara utkast" cancelTo="/arbetsgivare/platser" />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Ny plats – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
