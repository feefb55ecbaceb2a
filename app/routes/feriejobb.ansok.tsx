import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useMemo } from 'react';
import { genderLabels, genders } from '../aspirants/aspirant-rules';
import { clientIp } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { CheckboxField, CheckboxGroupField, FormErrors, SelectField, TextAreaField, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { todayInStockholm } from '../dates';
import { applicationSchema, areaFields } from '../feriejobb/application-schema';
import { submitApplication } from '../feriejobb/applications.server';
import { parseSubmission } from '../forms/submission';
import { districtSelectOptions } from '../organizations/organizations.server';
import { applicationYear, CONFIRMATION_VALID_HOURS, FERIEJOBB_MAX_AGE, FERIEJOBB_MIN_AGE, summerMonthLabels, summerMonths } from '../feriejobb/feriejobb-rules';
import { feriejobbInterestAreaLabels, feriejobbInterestAreas } from '../openings/opening-rules';

export async function loader(_: LoaderFunctionArgs) {
  return json({ year: applicationYear(todayInStockholm()), districts: await districtSelectOptions() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const year = applicationYear(todayInStockholm());
  const submission = parseSubmission(await request.formData(), { schema: applicationSchema(year) });
  if (submission.status !== 'success') return json({ result: submission.reply(), sent: false }, { status: 400 });
  const result = await submitApplication(submission.value, year, clientIp(context));
  if (!result.ok) return json({ result: submission.reply({ fieldErrors: result.fieldErrors }), sent: false }, { status: 400 });
  return json({ result: submission.reply({ resetForm: true }), sent: true });
}

const areaOptions = feriejobbInterestAreas.map((a) => ({ value: a, label: feriejobbInterestAreaLabels[a] }));
const choiceLabels = ['Förstahandsval', 'Andrahandsval', 'Tredjehandsval', 'Fjärdehandsval', 'Femtehandsval'];

export default function ApplyForFeriejobb() {
  const { year, districts } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = useMemo(() => applicationSchema(year), [year]);
  const [form, fields] = useSchemaForm({ id: 'feriejobb-application', schema, lastResult: data?.result });
  useFocusFirstError(form.id, data?.sent ? undefined : data?.result);

  if (data?.sent) {
    return (
      <div className="narrow">
        <h1>Bekräfta din ansökan</h1>
        <div className="alert alert-ok" role="status">
          <p>
            Nästan klart! Vi har skickat ett e-postmeddelande med en länk. Din ansökan gäller först när du har klickat på länken. Länken
            gäller i {CONFIRMATION_VALID_HOURS} timmar.
          </p>
        </div>
        <p>Hittar du inget meddelande? Titta i skräpposten. Du kan också skicka ansökan igen: den senaste bekräftade ansökan är den som gäller.</p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <h1>Sök feriejobb sommaren {year}</h1>
      <p>
        Feriejobb är sommarjobb hos Stockholms stad och företag i staden för dig som är {FERIEJOBB_MIN_AGE}–{FERIEJOBB_MAX_AGE} år den 1 juni{' '}
        {year}. Platserna fördelas rättvist: först efter prioriteringsgrupp, sedan genom lottning. Du behöver inget konto. Söker du igen
        ersätter den nya ansökan den gamla när du bekräftar den.
      </p>
      <Form method="post" {...getFormProps(form)} className="stack" noValidate>
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset>
          <legend>Om dig</legend>
          <TextField meta={fields.firstName} label="Förnamn" autoComplete="given-name" />
          <TextField meta={fields.lastName} label="Efternamn" autoComplete="family-name" />
          <TextField meta={fields.personnummer} label="Personnummer" description="ÅÅÅÅMMDD-NNNN. Vi räknar din ålder den 1 juni." autoComplete="off" />
          <SelectField meta={fields.gender} label="Kön" options={genders.map((g) => ({ value: g, label: genderLabels[g] }))} />
          <TextField meta={fields.email} label="E-postadress" type="email" autoComplete="email" description="Dit skickar vi bekräftelsen och ett eventuellt erbjudande." />
          <TextField meta={fields.phone} label="Mobilnummer (frivilligt)" type="tel" autoComplete="tel" />
          <SelectField meta={fields.districtId} label="Stadsdelsområde där du bor" options={districts} />
        </fieldset>
        <fieldset>
          <legend>Vad vill du jobba med?</legend>
          <p className="field-description">Välj upp till fem intresseområden i den ordning du helst vill. Bara det första är obligatoriskt.</p>
          {areaFields.map((name, i) => (
            <SelectField key={name} meta={fields[name]} label={choiceLabels[i]!} options={areaOptions} placeholder={i === 0 ? 'Välj …' : 'Inget val'} />
          ))}
          <SelectField
            meta={fields.preferredDistrictId}
            label="Vill du helst jobba i ett annat område än där du bor? (frivilligt)"
            options={districts}
            placeholder="Nej, nära där jag bor"
          />
          <CheckboxGroupField
            meta={fields.months}
            legend="Vilka månader kan du jobba?"
            description="Ett feriejobb är högst tre veckor. Välj alla månader du kan."
            options={summerMonths.map((m) => ({ value: String(m), label: summerMonthLabels[m] }))}
          />
        </fieldset>
        <fieldset>
          <legend>Språk och anpassning</legend>
          <TextField meta={fields.languages} label="Språk du talar, utöver svenska (frivilligt, separera med komma)" />
          <TextAreaField meta={fields.adaptationNeeds} label="Behöver du anpassning på arbetsplatsen? Berätta gärna (frivilligt)" rows={3} />
        </fieldset>
        <fieldset>
          <legend>Vårdnadshavare</legend>
          <p className="field-description">Obligatoriskt om du är under 18 år den 1 juni {year}. Vårdnadshavaren får en kopia av ett erbjudande.</p>
          <TextField meta={fields.guardianName} label="Vårdnadshavarens namn" autoComplete="off" />
          <TextField meta={fields.guardianEmail} label="Vårdnadshavarens e-postadress" type="email" autoComplete="off" />
          <TextField meta={fields.guardianPhone} label="Vårdnadshavarens telefonnummer" type="tel" autoComplete="off" />
        </fieldset>
        <CheckboxField
          meta={fields.consent}
          label="Jag samtycker till att Stockholms stad behandlar mina uppgifter för att fördela feriejobb"
          description="Uppgifterna används bara för att fördela och följa upp feriejobb. Du kan när som helst be oss återkalla din ansökan."
        />
        <div className="actions">
          <button type="submit" disabled={navigation.state === 'submitting'}>
            Skicka ansökan
          </button>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Sök feriejobb – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
