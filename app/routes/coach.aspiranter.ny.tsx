import { useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { educationLabels, educationLevels, genderLabels, genders, swedishLevelLabels, targetGroupLabels, targetGroups } from '../aspirants/aspirant-rules';
import { aspirantSchema } from '../aspirants/aspirant-schema';
import { aspirantFormOptions, enrolAspirant } from '../aspirants/aspirants.server';
import { clientIp, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { CheckboxField, ErrorList, FormErrors, SelectField, TextAreaField, TextField, useFocusFirstError } from '../components/field';
import { swedishLevels } from '../openings/opening-rules';
import { todayInStockholm } from '../openings/openings.server';
import { OUTSIDE_STOCKHOLM } from '../geography/outside-stockholm';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'enrol:aspirant');
  return json({ options: await aspirantFormOptions(), today: todayInStockholm() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'enrol:aspirant');
  const submission = parseWithZod(await request.formData(), { schema: aspirantSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const result = await enrolAspirant(user, submission.value, clientIp(context));
  if (!result.ok) return json(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formError ? [result.formError] : undefined }), { status: 400 });
  return redirect(`/coach/aspiranter/${result.id}?inskriven=1`);
}

export default function EnrolAspirant() {
  const { options, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: 'enrol-aspirant',
    lastResult,
    defaultValue: { enrolledOn: today, swedishLevel: 'none' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: aspirantSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  useFocusFirstError(form.id, lastResult);
  const chosenGroups = new Set([fields.targetGroups.initialValue ?? []].flat());
  return (
    <div style={{ maxWidth: '48rem' }}>
      <p>
        <Link to="/coach/aspiranter">← Aspiranter</Link>
      </p>
      <h1>Skriv in aspirant</h1>
      <p>Du blir aspirantens jobbcoach. Uppgifter om målgrupp, anpassningsbehov och anteckningar syns bara för ditt Jobbtorg.</p>
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset>
          <legend>Person</legend>
          <TextField meta={fields.firstName} label="Förnamn" autoComplete="off" />
          <TextField meta={fields.lastName} label="Efternamn" autoComplete="off" />
          <TextField meta={fields.personnummer} label="Personnummer" description="ÅÅÅÅMMDD-NNNN. Samordningsnummer går också bra." autoComplete="off" />
          <SelectField meta={fields.gender} label="Kön" options={genders.map((g) => ({ value: g, label: genderLabels[g] }))} />
          <SelectField
            meta={fields.district}
            label="Bor i stadsdelsområde"
            options={[...options.districts, { value: 'utanfor', label: OUTSIDE_STOCKHOLM }]}
          />
        </fieldset>
        <fieldset aria-describedby={fields.targetGroups.errorId}>
          <legend>Målgrupper (känsliga uppgifter)</legend>
          {targetGroups.map((g) => {
            const id = `${fields.targetGroups.id}-${g}`;
            return (
              <div className="field field-checkbox" key={g}>
                <input type="checkbox" id={id} name={fields.targetGroups.name} value={g} defaultChecked={chosenGroups.has(g)} />
                <label htmlFor={id}>{targetGroupLabels[g]}</label>
              </div>
            );
          })}
          <ErrorList id={fields.targetGroups.errorId} errors={fields.targetGroups.errors} />
        </fieldset>
        <fieldset>
          <legend>Språk och utbildning</legend>
          <SelectField meta={fields.swedishLevel} label="Svenska" options={swedishLevels.map((l) => ({ value: l, label: swedishLevelLabels[l] }))} />
          <TextAreaField meta={fields.languages} label="Andra språk, ett per rad som “språk: nivå” (grundläggande, god, flytande eller modersmål)" rows={3} />
          <SelectField meta={fields.education} label="Utbildningsnivå" options={educationLevels.map((l) => ({ value: l, label: educationLabels[l] }))} />
          <CheckboxField meta={fields.completedUpperSecondary} label="Har fullföljt gymnasiet" />
          <TextAreaField meta={fields.occupations} label="Yrken (intresse eller erfarenhet), ett per rad som “SSYK-kod: år”, till exempel 5321: 3" rows={3} />
          <CheckboxField meta={fields.drivingLicence} label="Har körkort (B)" />
        </fieldset>
        <fieldset>
          <legend>Tillgänglighet</legend>
          <TextField meta={fields.availableFrom} label="Tillgänglig från" type="date" />
          <TextField meta={fields.hoursPerWeek} label="Timmar per vecka (1–40)" inputMode="numeric" />
          <TextAreaField meta={fields.adaptationNeeds} label="Behov av anpassning (känslig uppgift)" rows={3} />
        </fieldset>
        <fieldset>
          <legend>Inskrivning</legend>
          <TextField meta={fields.enrolledOn} label="Inskrivningsdatum" type="date" />
          <CheckboxField
            meta={fields.consent}
            label="Aspiranten samtycker till att en sammanfattning av profilen visas för arbetsgivare"
            description="Förnamn, initial, åldersintervall, stadsdelsområde, språk, utbildning, yrken och tillgänglighet. Samtycket kan återkallas."
          />
          <TextAreaField meta={fields.notes} label="Anteckningar (känslig uppgift)" rows={4} />
        </fieldset>
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
