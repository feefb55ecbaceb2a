import type { FieldMetadata } from '@conform-to/react';
import { educationLabels, educationLevels, genderLabels, genders, swedishLevelLabels, targetGroupLabels, targetGroups } from '../aspirants/aspirant-rules';
import type { aspirantSchema } from '../aspirants/aspirant-schema';
import { OUTSIDE_STOCKHOLM } from '../geography/outside-stockholm';
import { swedishLevels } from '../openings/opening-rules';
import type { z } from '../forms/validation';
import { CheckboxField, ErrorList, FormErrors, SelectField, TextAreaField, TextField } from './field';

// The enrolment and edit forms infer slightly different value types (defaults from the loader);
// both have every field of the schema, which is all this component needs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fields = Record<keyof z.input<typeof aspirantSchema>, FieldMetadata<any, any, string[]>>;

/**
 * The aspirant's profile fields, shared by enrolment and edit. Consent is given at enrolment
 * here; afterwards it is given or withdrawn on the profile page, where each change is logged.
 */
export function AspirantFormFields({
  form,
  fields,
  districts,
  mode,
}: {
  form: { errorId: string; errors?: string[] };
  fields: Fields;
  districts: Array<{ value: string; label: string }>;
  mode: 'enrol' | 'edit';
}) {
  const chosenGroups = new Set([fields.targetGroups.initialValue ?? []].flat());
  return (
    <>
      <FormErrors id={form.errorId} errors={form.errors} />
      <fieldset>
        <legend>Person</legend>
        <TextField meta={fields.firstName} label="Förnamn" autoComplete="off" />
        <TextField meta={fields.lastName} label="Efternamn" autoComplete="off" />
        <TextField meta={fields.personnummer} label="Personnummer" description="ÅÅÅÅMMDD-NNNN. Samordningsnummer går också bra." autoComplete="off" />
        <SelectField meta={fields.gender} label="Kön" options={genders.map((g) => ({ value: g, label: genderLabels[g] }))} />
        <SelectField meta={fields.district} label="Bor i stadsdelsområde" options={[...districts, { value: 'utanfor', label: OUTSIDE_STOCKHOLM }]} />
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
        <SelectField
          meta={fields.swedishLevel}
          label="Svenska"
          options={swedishLevels.map((l) => ({
            value: l,
            label: swedishLevelLabels[l],
          }))}
        />
        <TextAreaField meta={fields.languages} label="Andra språk, ett per rad som “språk: nivå” (grundläggande, god, flytande eller modersmål)" rows={3} />
        <SelectField
          meta={fields.education}
          label="Utbildningsnivå"
          options={educationLevels.map((l) => ({
            value: l,
            label: educationLabels[l],
          }))}
        />
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
        {mode === 'enrol' ? (
          <CheckboxField
            meta={fields.consent}
            label="Aspiranten samtycker till att en sammanfattning av profilen visas för arbetsgivare"
            description="Förnamn, initial, åldersintervall, stadsdelsområde, språk, utbildning, yrken och tillgänglighet. Samtycket kan återkallas."
          />
        ) : null}
        <TextAreaField meta={fields.notes} label="Anteckningar (känslig uppgift)" rows={4} />
      </fieldset>
    </>
  );
}
