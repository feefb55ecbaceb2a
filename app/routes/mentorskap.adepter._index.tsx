import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { genderLabels, genders } from '../aspirants/aspirant-rules';
import { clientIp, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { CheckboxField, CheckboxGroupField, FormErrors, GroupedSelectField, SelectField, TextAreaField, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { PairStatusBadge } from '../components/mentor-parts';
import { todayInStockholm } from '../dates';
import { parseSubmission } from '../forms/submission';
import { availabilities, availabilityLabels, mentorProgrammes, type PairStatus } from '../mentoring/mentor-rules';
import { adeptSchema } from '../mentoring/mentor-schema';
import { createAdept, listAdepts } from '../mentoring/mentoring.server';
import { districtSelectOptions } from '../organizations/organizations.server';
import { mentorProgrammeLabels, swedishLevelLabels, swedishLevels, type MentorProgramme } from '../openings/opening-rules';
import { occupationGroupOptions } from '../openings/options.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'use:mentoring-pages');
  const [adepts, districts, occupationGroups] = await Promise.all([listAdepts(), districtSelectOptions(), occupationGroupOptions()]);
  return json({ adepts, districts, occupationGroups, today: todayInStockholm() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'use:mentoring-pages');
  const submission = parseSubmission(await request.formData(), { schema: adeptSchema(todayInStockholm()) });
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 });
  const created = await createAdept(user, submission.value, clientIp(context));
  if (!created.ok) return json({ result: submission.reply({ fieldErrors: created.fieldErrors }) }, { status: 400 });
  return redirect(`/mentorskap/adepter/${created.id}`);
}

export default function Adepts() {
  const { adepts, districts, occupationGroups, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const schema = useMemo(() => adeptSchema(today), [today]);
  const [form, fields] = useSchemaForm({ id: 'adept', schema, lastResult: data?.result });
  useFocusFirstError(form.id, data?.result);
  return (
    <>
      <h1>Adepter</h1>
      {adepts.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">Program</th>
                <th scope="col">Födelseår</th>
                <th scope="col">Par</th>
              </tr>
            </thead>
            <tbody>
              {adepts.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/mentorskap/adepter/${a.id}`}>
                      {a.firstName} {a.lastName}
                    </Link>
                  </th>
                  <td>{mentorProgrammeLabels[a.programme as MentorProgramme] ?? a.programme}</td>
                  <td>{a.birthYear}</td>
                  <td>{a.openPair ? <PairStatusBadge status={a.openPair as PairStatus} /> : 'Söker mentor'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Inga adepter registrerade än.</p>
      )}
      <section className="card">
        <h2>Registrera en adept</h2>
        <Form method="post" {...getFormProps(form)} className="stack" noValidate>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField meta={fields.firstName} label="Förnamn" autoComplete="off" />
          <TextField meta={fields.lastName} label="Efternamn" autoComplete="off" />
          <SelectField meta={fields.gender} label="Kön" options={genders.map((g) => ({ value: g, label: genderLabels[g] }))} />
          <TextField meta={fields.birthYear} label="Födelseår" inputMode="numeric" />
          <TextField meta={fields.email} label="E-postadress" type="email" autoComplete="off" />
          <TextField meta={fields.phone} label="Telefon (frivilligt)" type="tel" autoComplete="off" />
          <SelectField meta={fields.programme} label="Program" options={mentorProgrammes.map((p) => ({ value: p, label: mentorProgrammeLabels[p] }))} />
          <GroupedSelectField meta={fields.goalOccupationCode} label="Yrkesmål (SSYK 2012; krävs för yrkesmentor)" groups={occupationGroups} placeholder="Inget yrkesmål än" />
          <TextField meta={fields.languages} label="Språk (separera med komma)" />
          <SelectField meta={fields.swedishLevel} label="Svenska" options={swedishLevels.map((l) => ({ value: l, label: swedishLevelLabels[l] }))} />
          <SelectField meta={fields.districtId} label="Stadsdelsområde (frivilligt)" options={districts} placeholder="Inget särskilt" />
          <CheckboxGroupField meta={fields.availability} legend="När adepten kan träffas" options={availabilities.map((a) => ({ value: a, label: availabilityLabels[a] }))} />
          <CheckboxField meta={fields.studying} label="Studerar just nu" />
          <SelectField meta={fields.preferredMentorGender} label="Önskar mentor av kön (frivilligt)" options={genders.slice(0, 2).map((g) => ({ value: g, label: genderLabels[g] }))} placeholder="Ingen önskan" />
          <TextAreaField meta={fields.coordinatorNotes} label="Anteckningar (frivilligt; inga känsliga uppgifter)" rows={3} />
          <div className="actions">
            <button type="submit">Registrera adept</button>
          </div>
        </Form>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Adepter – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
