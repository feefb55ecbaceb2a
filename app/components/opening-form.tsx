import { getFormProps, type FieldMetadata, type FormMetadata } from '@conform-to/react';
import { Form, Link } from '@remix-run/react';
import {
  feriejobbInterestAreaLabels,
  feriejobbInterestAreas,
  meetingFrequencies,
  meetingFrequencyLabels,
  mentorProgrammeLabels,
  mentorProgrammes,
  openingKindLabels,
  praktikLevelLabels,
  praktikLevels,
  stockholmsjobbSubtypeLabels,
  stockholmsjobbSubtypes,
  swedishLevelLabels,
  swedishLevels,
  type OpeningKind,
} from '../openings/opening-rules';
import { CheckboxField, FormErrors, GroupedSelectField, SelectField, TextAreaField, TextField } from './field';
import { OUTSIDE_STOCKHOLM } from '../geography/outside-stockholm';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Fields = Record<string, FieldMetadata<any, any, string[]>>;

export interface OpeningFormOptions {
  districts: Array<{ id: number; name: string }>;
  occupationGroups: Array<{ label: string; options: Array<{ value: string; label: string }> }>;
}

const opts = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((v) => ({ value: v, label: labels[v] }));

/** The opening form for one kind (chosen before the form), used for new and edited openings. */
export function OpeningForm({
  form,
  fields,
  kind,
  options,
  submitLabel,
  cancelTo,
}: {
  form: FormMetadata<any, string[]>;
  fields: Fields;
  kind: OpeningKind;
  options: OpeningFormOptions;
  submitLabel: string;
  cancelTo: string;
}) {
  const f = fields as Record<string, FieldMetadata<any, any, string[]>>;
  const field = (name: string) => f[name]!;
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="kind" value={kind} />
      {field('kind').errors ? <FormErrors errors={field('kind').errors} /> : null}

      <fieldset className="stack">
        <legend>Om platsen ({openingKindLabels[kind]})</legend>
        <TextField meta={field('title')} label="Rubrik" />
        <TextAreaField meta={field('description')} label="Beskrivning av platsen och arbetsuppgifterna" rows={6} />
        {kind === 'stockholmsjobb' ? (
          <>
            <SelectField meta={field('subtype')} label="Anställningsform" options={opts(stockholmsjobbSubtypes, stockholmsjobbSubtypeLabels)} />
            <TextField meta={field('hoursPerWeek')} label="Timmar per vecka" type="number" inputMode="numeric" />
            <CheckboxField meta={field('wageSubsidy')} label="Lönesubvention från Arbetsförmedlingen" />
            <CheckboxField meta={field('combinableWithStudies')} label="Kan kombineras med studier" />
            <TextAreaField meta={field('learningGoals')} label="Lärandemål (ett per rad)" rows={4} />
          </>
        ) : null}
        {kind === 'feriejobb' ? (
          <>
            <SelectField meta={field('interestArea')} label="Intresseområde" options={opts(feriejobbInterestAreas, feriejobbInterestAreaLabels)} />
            <TextField meta={field('totalHours')} label="Antal timmar totalt (högst 90)" type="number" inputMode="numeric" />
            <div className="two-col">
              <TextField meta={field('dailyStart')} label="Arbetsdagen börjar (tidigast 06:00)" description="TT:MM" />
              <TextField meta={field('dailyEnd')} label="Arbetsdagen slutar (senast 19:00)" description="TT:MM" />
            </div>
            <CheckboxField meta={field('languageSupport')} label="Språkstöd finns för unga nyanlända" />
            <CheckboxField meta={field('adaptedPlace')} label="Anpassad plats (till exempel vid funktionsnedsättning)" />
          </>
        ) : null}
        {kind === 'praktik' ? (
          <>
            <SelectField meta={field('level')} label="Typ av praktik" options={opts(praktikLevels, praktikLevelLabels)} />
            <TextField meta={field('lengthWeeks')} label="Längd i veckor" type="number" inputMode="numeric" />
            <CheckboxField meta={field('canLeadToEmployment')} label="Kan leda till anställning" />
          </>
        ) : null}
        {kind === 'mentor' ? (
          <>
            <SelectField meta={field('programme')} label="Mentorprogram" options={opts(mentorProgrammes, mentorProgrammeLabels)} />
            <GroupedSelectField meta={field('mentorOccupationCode')} label="Mentorns yrke (SSYK)" groups={options.occupationGroups} />
            <SelectField meta={field('meetingFrequency')} label="Hur ofta ni träffas" options={opts(meetingFrequencies, meetingFrequencyLabels)} />
          </>
        ) : null}
      </fieldset>

      <fieldset className="stack">
        <legend>Arbetsplats och yrke</legend>
        <TextField meta={field('workplaceAddress')} label="Arbetsplatsens adress" />
        <SelectField
          meta={field('district')}
          label="Stadsdelsområde"
          options={[...options.districts.map((d) => ({ value: String(d.id), label: d.name })), { value: 'utanfor', label: OUTSIDE_STOCKHOLM }]}
        />
        <GroupedSelectField meta={field('occupationCode')} label="Yrke (SSYK 2012)" groups={options.occupationGroups} />
        <TextField meta={field('places')} label="Antal platser (1–500)" type="number" inputMode="numeric" />
      </fieldset>

      <fieldset className="stack">
        <legend>Period</legend>
        <div className="two-col">
          <TextField meta={field('startDate')} label="Startdatum" type="date" />
          <TextField meta={field('endDate')} label="Slutdatum" type="date" />
          <TextField meta={field('applicationDeadline')} label="Sista ansökningsdag" type="date" />
        </div>
        {kind !== 'mentor' ? (
          <div className="two-col">
            <TextField meta={field('ageMin')} label={kind === 'feriejobb' ? 'Lägsta ålder (16–19)' : 'Lägsta ålder (valfritt)'} type="number" inputMode="numeric" />
            <TextField meta={field('ageMax')} label={kind === 'feriejobb' ? 'Högsta ålder (16–19)' : 'Högsta ålder (valfritt)'} type="number" inputMode="numeric" />
          </div>
        ) : null}
      </fieldset>

      <fieldset className="stack">
        <legend>Krav och anpassningar</legend>
        <SelectField meta={field('swedishLevel')} label="Svenska" options={opts(swedishLevels, swedishLevelLabels)} />
        <CheckboxField meta={field('swedishRequired')} label="Nivån på svenska är ett krav (inte bara önskemål)" />
        <TextField meta={field('languages')} label={kind === 'mentor' ? 'Språk mentorn talar' : 'Andra språk som är meriterande'} description="Skriv flera med kommatecken, till exempel arabiska, somaliska" />
        <CheckboxField meta={field('drivingLicence')} label="Körkort krävs" />
        <CheckboxField meta={field('criminalRecordRequired')} label="Utdrag ur belastningsregistret krävs (till exempel arbete med barn)" />
        <TextAreaField meta={field('adaptations')} label="Anpassningar arbetsplatsen kan erbjuda" rows={3} />
      </fieldset>

      <fieldset className="stack">
        <legend>Kontakt</legend>
        <div className="two-col">
          <TextField meta={field('contactName')} label="Kontaktperson" />
          <TextField meta={field('contactEmail')} label="Kontaktpersonens e-post" type="email" />
          <TextField meta={field('contactPhone')} label="Kontaktpersonens telefon (valfritt)" type="tel" />
          <TextField meta={field('supervisorName')} label="Handledare på arbetsplatsen" />
          <TextField meta={field('supervisorPhone')} label="Handledarens telefon (valfritt)" type="tel" />
        </div>
      </fieldset>

      <div className="actions">
        <button type="submit">{submitLabel}</button>
        <Link to={cancelTo}>Avbryt</Link>
      </div>
    </Form>
  );
}
