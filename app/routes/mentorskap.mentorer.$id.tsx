import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { ResultMessage } from '../components/result-message';
import { FormErrors, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { PairStatusBadge, PairSuggestions } from '../components/mentor-parts';
import { todayInStockholm } from '../dates';
import { parseSubmission } from '../forms/submission';
import { z } from '../forms/validation';
import { availabilityLabels, mentorStatusLabels, type Availability } from '../mentoring/mentor-rules';
import { approveSchema } from '../mentoring/mentor-schema';
import { approveMentor, getMentor, setMentorActive, suggestionsForMentor, suggestPair } from '../mentoring/mentoring.server';
import { mentorProgrammeLabels, type MentorProgramme } from '../openings/opening-rules';

const paramsSchema = z.object({ id: z.uuid() });
const intentSchema = z.object({ intent: z.enum(['approve', 'suggest', 'deactivate', 'reactivate']) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'use:mentoring-pages');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const today = todayInStockholm();
  const mentor = await getMentor(parsed.data.id);
  if (!mentor) notFound();
  return json({ mentor, today, suggestions: mentor.status === 'approved' ? await suggestionsForMentor(mentor.id, today) : [] });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'use:mentoring-pages');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const formData = await request.formData();
  const intent = intentSchema.safeParse({ intent: formData.get('intent') });
  if (!intent.success) return json({ result: null, message: 'Ogiltig åtgärd.', ok: false }, { status: 400 });
  const today = todayInStockholm();
  if (intent.data.intent === 'deactivate' || intent.data.intent === 'reactivate') {
    const active = intent.data.intent === 'reactivate';
    const done = await setMentorActive(user, parsed.data.id, active, clientIp(context));
    if (done === null) notFound();
    if (!done) return json({ result: null, message: active ? 'Mentorn är redan aktiv.' : 'Mentorn är redan inaktiv.', ok: false }, { status: 409 });
    return json({ result: null, message: active ? 'Mentorn är aktiv igen.' : 'Mentorn är inaktiv: öppna förslag är avbrutna, pågående par fortsätter.', ok: true });
  }
  if (intent.data.intent === 'suggest') {
    const adept = z.object({ adeptId: z.uuid() }).safeParse({ adeptId: formData.get('adeptId') });
    if (!adept.success) return json({ result: null, message: 'Välj en adept i listan.', ok: false }, { status: 400 });
    const result = await suggestPair(user, adept.data.adeptId, parsed.data.id, today, clientIp(context));
    if (!result.ok) return json({ result: null, message: result.formError ?? 'Paret kunde inte föreslås.', ok: false }, { status: 409 });
    return redirect(`/mentorskap/par/${result.id}`);
  }
  const submission = parseSubmission(formData, { schema: approveSchema(today) });
  if (submission.status !== 'success') return json({ result: submission.reply(), message: null, ok: false }, { status: 400 });
  const done = await approveMentor(user, parsed.data.id, submission.value, clientIp(context));
  if (!done) return json({ result: submission.reply(), message: 'Mentorn är redan godkänd.', ok: false }, { status: 409 });
  return json({ result: submission.reply({ resetForm: true }), message: 'Mentorn är godkänd och kan nu få adepter.', ok: true });
}

export default function MentorPage() {
  const { mentor, today, suggestions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const schema = useMemo(() => approveSchema(today), [today]);
  const [form, fields] = useSchemaForm({
    id: 'approve',
    schema,
    lastResult: data?.result,
    defaultValue: { interviewedOn: mentor.interviewedOn ?? '', trainingCompletedOn: mentor.trainingCompletedOn ?? '' },
  });
  useFocusFirstError(form.id, data?.result);
  return (
    <>
      <p>
        <Link to="/mentorskap/mentorer">← Mentorer</Link>
      </p>
      <h1>
        {mentor.firstName} {mentor.lastName}
      </h1>
      <ResultMessage result={data} />
      <dl className="facts">
        <dt>Organisation</dt>
        <dd>{mentor.organizationName}</dd>
        <dt>Status</dt>
        <dd>{mentorStatusLabels[mentor.status]}</dd>
        <dt>Program</dt>
        <dd>{mentor.programmes.map((p) => mentorProgrammeLabels[p as MentorProgramme] ?? p).join(', ')}</dd>
        <dt>Yrke (SSYK)</dt>
        <dd>{mentor.occupationCode}</dd>
        <dt>Språk</dt>
        <dd>{mentor.languages.length ? mentor.languages.join(', ') : '–'}</dd>
        <dt>Kan träffas</dt>
        <dd>{mentor.availability.map((a) => availabilityLabels[a as Availability] ?? a).join(', ')}</dd>
        <dt>Adepter</dt>
        <dd>
          {mentor.taken} av {mentor.maxAdepts}
        </dd>
        <dt>Mentorutbildning</dt>
        <dd>{mentor.trainingCompletedOn ?? 'Inte genomgången – erbjud utbildning'}</dd>
        <dt>Intervju</dt>
        <dd>{mentor.interviewedOn ?? 'Inte genomförd'}</dd>
        <dt>Kontakt</dt>
        <dd>{[mentor.email, mentor.phone].filter(Boolean).join(', ')}</dd>
      </dl>
      {mentor.status !== 'approved' ? (
        <section className="card">
          <h2>Godkänn mentorn</h2>
          <p>Bara godkända mentorer föreslås till adepter. Godkännandet kräver en genomförd intervju.</p>
          <Form method="post" {...getFormProps(form)} className="stack" noValidate>
            <input type="hidden" name="intent" value="approve" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField meta={fields.interviewedOn} label="Intervju genomförd (datum)" type="date" />
            <TextField meta={fields.trainingCompletedOn} label="Mentorutbildning genomförd (datum, frivilligt)" type="date" />
            <div className="actions">
              <button type="submit">Godkänn mentor</button>
            </div>
          </Form>
        </section>
      ) : (
        <section>
          <h2>Förslag på adepter</h2>
          <PairSuggestions
            hiddenName="adeptId"
            emptyText={mentor.taken >= mentor.maxAdepts ? 'Mentorn har inga lediga platser.' : 'Ingen adept utan mentor passar just nu.'}
            rows={(suggestions ?? []).map((s) => ({ id: s.adeptId, name: s.name, detail: mentorProgrammeLabels[s.programme as MentorProgramme] ?? s.programme, score: s.score, parts: s.parts }))}
          />
        </section>
      )}
      <Form method="post" className="actions">
        <input type="hidden" name="intent" value={mentor.status === 'inactive' ? 'reactivate' : 'deactivate'} />
        <button type="submit" className="secondary">
          {mentor.status === 'inactive' ? 'Aktivera mentorn igen' : 'Inaktivera mentorn'}
        </button>
      </Form>
      <h2>Par</h2>
      {mentor.pairs.length ? (
        <ul>
          {mentor.pairs.map((p) => (
            <li key={p.id}>
              <Link to={`/mentorskap/par/${p.id}`}>{p.adeptName}</Link> <PairStatusBadge status={p.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p>Inga par än.</p>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Mentor – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
