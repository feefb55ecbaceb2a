import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { genderLabels, genders } from '../aspirants/aspirant-rules';
import { clientIp, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { CheckboxGroupField, FormErrors, GroupedSelectField, SelectField, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { todayInStockholm } from '../dates';
import { parseSubmission } from '../forms/submission';
import { availabilities, availabilityLabels, mentorProgrammes, mentorStatusLabels } from '../mentoring/mentor-rules';
import { mentorSchema } from '../mentoring/mentor-schema';
import { createMentor, listMentors, mentorOrganizationOptions, mentorSlotDefaults } from '../mentoring/mentoring.server';
import { districtSelectOptions } from '../organizations/organizations.server';
import { z } from '../forms/validation';
import { mentorProgrammeLabels, type MentorProgramme } from '../openings/opening-rules';
import { occupationGroupOptions } from '../openings/options.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'use:mentoring-pages');
  const slotId = z.uuid().safeParse(new URL(request.url).searchParams.get('plats'));
  const [mentors, organizations, districts, occupationGroups, slot] = await Promise.all([
    listMentors(),
    mentorOrganizationOptions(),
    districtSelectOptions(),
    occupationGroupOptions(),
    slotId.success ? mentorSlotDefaults(slotId.data) : Promise.resolve(null),
  ]);
  return json({ mentors, organizations, districts, occupationGroups, slot, today: todayInStockholm() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'use:mentoring-pages');
  const submission = parseSubmission(await request.formData(), { schema: mentorSchema(todayInStockholm()) });
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 });
  const created = await createMentor(user, submission.value, clientIp(context));
  if (!created.ok) return json({ result: submission.reply({ fieldErrors: created.fieldErrors }) }, { status: 400 });
  return redirect(`/mentorskap/mentorer/${created.id}`);
}

const programmeOptions = mentorProgrammes.map((p) => ({ value: p, label: mentorProgrammeLabels[p] }));
const availabilityOptions = availabilities.map((a) => ({ value: a, label: availabilityLabels[a] }));

export default function Mentors() {
  const { mentors, organizations, districts, occupationGroups, slot, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const schema = useMemo(() => mentorSchema(today), [today]);
  const [form, fields] = useSchemaForm({ id: 'mentor', schema, lastResult: data?.result, defaultValue: slot ? { maxAdepts: '1', organizationId: slot.organizationId, programmes: slot.programmes as never, occupationCode: slot.occupationCode, openingId: slot.openingId } : { maxAdepts: '1' } });
  useFocusFirstError(form.id, data?.result);
  return (
    <>
      <h1>Mentorer</h1>
      {mentors.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">Organisation</th>
                <th scope="col">Program</th>
                <th scope="col">Status</th>
                <th scope="col">Adepter</th>
                <th scope="col">Mentorutbildning</th>
              </tr>
            </thead>
            <tbody>
              {mentors.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link to={`/mentorskap/mentorer/${m.id}`}>
                      {m.firstName} {m.lastName}
                    </Link>
                  </th>
                  <td>{m.organizationName}</td>
                  <td>{m.programmes.map((p) => mentorProgrammeLabels[p as MentorProgramme] ?? p).join(', ')}</td>
                  <td>{mentorStatusLabels[m.status]}</td>
                  <td>
                    {m.taken} av {m.maxAdepts}
                  </td>
                  <td>{m.trainingCompletedOn ?? 'Inte genomgången'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Inga mentorer registrerade än.</p>
      )}
      <section className="card">
        <h2>Registrera en mentor</h2>
        {slot ? <p>Från mentorskapsplatsen ”{slot.title}”: organisation, program och yrke är ifyllda från platsen.</p> : null}
        <Form method="post" {...getFormProps(form)} className="stack" noValidate>
          <FormErrors id={form.errorId} errors={form.errors} />
          {slot ? <input type="hidden" name={fields.openingId.name} value={slot.openingId} /> : null}
          <TextField meta={fields.firstName} label="Förnamn" autoComplete="off" />
          <TextField meta={fields.lastName} label="Efternamn" autoComplete="off" />
          <SelectField meta={fields.gender} label="Kön" options={genders.map((g) => ({ value: g, label: genderLabels[g] }))} />
          <TextField meta={fields.email} label="E-postadress" type="email" autoComplete="off" />
          <TextField meta={fields.phone} label="Telefon (frivilligt)" type="tel" autoComplete="off" />
          <SelectField meta={fields.organizationId} label="Organisation" options={organizations} />
          <GroupedSelectField meta={fields.occupationCode} label="Mentorns yrke (SSYK 2012)" groups={occupationGroups} />
          <SelectField meta={fields.districtId} label="Stadsdelsområde där mentorn arbetar (frivilligt)" options={districts} placeholder="Inget särskilt" />
          <TextField meta={fields.languages} label="Språk utöver svenska (frivilligt, separera med komma)" />
          <CheckboxGroupField meta={fields.programmes} legend="Program mentorn erbjuder" options={programmeOptions} />
          <CheckboxGroupField meta={fields.availability} legend="När mentorn kan träffas" options={availabilityOptions} />
          <TextField meta={fields.maxAdepts} label="Antal adepter samtidigt (1–5)" inputMode="numeric" />
          <TextField meta={fields.trainingCompletedOn} label="Mentorutbildning genomförd (datum, frivilligt)" type="date" />
          <TextField meta={fields.interviewedOn} label="Intervju genomförd (datum, frivilligt)" type="date" />
          <div className="actions">
            <button type="submit">Registrera mentor</button>
          </div>
        </Form>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Mentorer – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
