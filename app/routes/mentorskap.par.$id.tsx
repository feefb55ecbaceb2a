import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { ResultMessage } from '../components/result-message';
import { FormErrors, SelectField, TextAreaField, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { HealthBadge, PairStatusBadge, ScoreParts } from '../components/mentor-parts';
import { todayInStockholm } from '../dates';
import { parseSubmission } from '../forms/submission';
import { z } from '../forms/validation';
import { pairOutcomeLabels, pairOutcomes } from '../mentoring/mentor-rules';
import { endPairSchema, meetingSchema } from '../mentoring/mentor-schema';
import { cancelPair, confirmPair, endPair, getPair, logMeeting } from '../mentoring/mentoring.server';
import { mentorProgrammeLabels, type MentorProgramme } from '../openings/opening-rules';

const paramsSchema = z.object({ id: z.uuid() });
const intentSchema = z.object({ intent: z.enum(['confirm', 'cancel', 'meeting', 'end']) });
type Intent = z.infer<typeof intentSchema>['intent'];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'use:mentoring-pages');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const today = todayInStockholm();
  const pair = await getPair(parsed.data.id, today);
  if (!pair) notFound();
  return json({ pair, today });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'use:mentoring-pages');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const formData = await request.formData();
  const intent = intentSchema.safeParse({ intent: formData.get('intent') });
  if (!intent.success) return json({ intent: null as Intent | null, result: null, message: 'Ogiltig åtgärd.', ok: false }, { status: 400 });
  const today = todayInStockholm();
  const ip = clientIp(context);
  const id = parsed.data.id;
  const reply = (i: Intent, ok: boolean, message: string, status = ok ? 200 : 409) => json({ intent: i as Intent | null, result: null, message, ok }, { status });
  if (intent.data.intent === 'confirm') {
    const r = await confirmPair(user, id, today, ip);
    return r.ok ? reply('confirm', true, 'Paret är bekräftat. Mentorn och adepten har fått ett välkomstmejl med tips inför första mötet.') : reply('confirm', false, r.formError ?? '');
  }
  if (intent.data.intent === 'cancel') {
    const r = await cancelPair(user, id, ip);
    return r.ok ? reply('cancel', true, 'Förslaget är avbrutet.') : reply('cancel', false, r.formError ?? '');
  }
  const schema = intent.data.intent === 'meeting' ? meetingSchema(today) : endPairSchema(today);
  const submission = parseSubmission(formData, { schema });
  if (submission.status !== 'success') return json({ intent: intent.data.intent as Intent | null, result: submission.reply(), message: null, ok: false }, { status: 400 });
  const r =
    intent.data.intent === 'meeting'
      ? await logMeeting(user, id, submission.value as z.infer<ReturnType<typeof meetingSchema>>, ip)
      : await endPair(user, id, submission.value as z.infer<ReturnType<typeof endPairSchema>>, ip);
  if (!r.ok) return json({ intent: intent.data.intent as Intent | null, result: submission.reply({ formErrors: r.formError ? [r.formError] : undefined, fieldErrors: r.fieldErrors }), message: null, ok: false }, { status: 409 });
  return json({ intent: intent.data.intent as Intent | null, result: submission.reply({ resetForm: true }), message: intent.data.intent === 'meeting' ? 'Mötet är loggat.' : 'Paret är avslutat.', ok: true });
}

export default function PairPage() {
  const { pair, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const meeting = useMemo(() => meetingSchema(today), [today]);
  const end = useMemo(() => endPairSchema(today), [today]);
  const [meetingForm, meetingFields] = useSchemaForm({ id: 'meeting', schema: meeting, lastResult: data?.intent === 'meeting' ? data.result : undefined, defaultValue: { metOn: today, minutes: '60' } });
  const [endForm, endFields] = useSchemaForm({ id: 'end', schema: end, lastResult: data?.intent === 'end' ? data.result : undefined, defaultValue: { endedOn: today } });
  useFocusFirstError(meetingForm.id, data?.intent === 'meeting' ? data.result : undefined);
  useFocusFirstError(endForm.id, data?.intent === 'end' ? data.result : undefined);
  const { mentor, adept } = pair;
  const status = pair.pair.status;
  return (
    <>
      <p>
        <Link to="/mentorskap">← Stockholmsmentor</Link>
      </p>
      <h1>
        {mentor.firstName} {mentor.lastName} och {adept.firstName} {adept.lastName}
      </h1>
      <ResultMessage result={data} />
      <dl className="facts">
        <dt>Läge</dt>
        <dd>
          <PairStatusBadge status={status} /> {pair.health ? <HealthBadge health={pair.health} /> : null}
        </dd>
        <dt>Program</dt>
        <dd>{mentorProgrammeLabels[pair.pair.programme as MentorProgramme] ?? pair.pair.programme}</dd>
        <dt>Mentor</dt>
        <dd>
          <Link to={`/mentorskap/mentorer/${mentor.id}`}>
            {mentor.firstName} {mentor.lastName}
          </Link>
          , {pair.organizationName}
        </dd>
        <dt>Adept</dt>
        <dd>
          <Link to={`/mentorskap/adepter/${adept.id}`}>
            {adept.firstName} {adept.lastName}
          </Link>
        </dd>
        <dt>Matchning</dt>
        <dd>
          <ScoreParts score={pair.pair.score} parts={pair.pair.explanation} />
        </dd>
        {pair.pair.confirmedOn ? (
          <>
            <dt>Bekräftat</dt>
            <dd>{pair.pair.confirmedOn}</dd>
          </>
        ) : null}
        {pair.pair.endedOn ? (
          <>
            <dt>Avslutat</dt>
            <dd>
              {pair.pair.endedOn}: {pair.pair.outcome ? pairOutcomeLabels[pair.pair.outcome] : ''} – {pair.pair.endReason}
            </dd>
          </>
        ) : null}
      </dl>
      {status === 'suggested' ? (
        <div className="actions">
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <button type="submit">Bekräfta paret</button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="secondary">
              Avbryt förslaget
            </button>
          </Form>
        </div>
      ) : null}
      {status === 'confirmed' || status === 'active' ? (
        <>
          <section className="card">
            <h2>Logga ett möte</h2>
            <Form method="post" {...getFormProps(meetingForm)} className="stack" noValidate>
              <input type="hidden" name="intent" value="meeting" />
              <FormErrors id={meetingForm.errorId} errors={meetingForm.errors} />
              <TextField meta={meetingFields.metOn} label="Datum" type="date" />
              <TextField meta={meetingFields.minutes} label="Längd i minuter" inputMode="numeric" />
              <TextAreaField meta={meetingFields.topic} label="Vad pratade ni om?" rows={2} />
              <div className="actions">
                <button type="submit">Logga mötet</button>
              </div>
            </Form>
          </section>
          <section className="card">
            <h2>Avsluta paret</h2>
            <Form method="post" {...getFormProps(endForm)} className="stack" noValidate>
              <input type="hidden" name="intent" value="end" />
              <FormErrors id={endForm.errorId} errors={endForm.errors} />
              <TextField meta={endFields.endedOn} label="Slutdatum" type="date" />
              <SelectField meta={endFields.outcome} label="Utfall" options={pairOutcomes.map((o) => ({ value: o, label: pairOutcomeLabels[o] }))} />
              <TextAreaField meta={endFields.reason} label="Varför avslutas paret?" rows={2} />
              <div className="actions">
                <button type="submit">Avsluta paret</button>
              </div>
            </Form>
          </section>
        </>
      ) : null}
      <h2>Möten</h2>
      {pair.meetings.length ? (
        <ul>
          {pair.meetings.map((m) => (
            <li key={m.id}>
              {m.metOn}, {m.minutes} min: {m.topic}
            </li>
          ))}
        </ul>
      ) : (
        <p>Inga möten loggade än.</p>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Mentorpar – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
