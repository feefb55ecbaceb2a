import type { SubmissionResult } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { ErrorView } from '../components/error-view';
import { failedStepReply, MatchStepForm } from '../components/match-step-form';
import { FormErrors, SelectField, TextAreaField, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { formatDateTime, MatchStatusBadge, MatchTimeline, ScoreExplanation } from '../components/match-parts';
import { todayInStockholm } from '../dates';
import { parseSubmission } from '../forms/submission';
import { z } from '../forms/validation';
import {
  declineReasonLabels,
  endReasonLabels,
  endReasons,
  followUpOutcomeLabels,
  followUpOutcomes,
  mayMoveMatch,
  withdrawReasonLabels,
  withdrawReasons,
  type MatchStatus,
} from '../matching/match-rules';
import { followUpSchema, moveSchema } from '../matching/match-schema';
import { coachMatch, moveMatch, organizationChoices, recordFollowUp } from '../matching/pipeline.server';

const paramsSchema = z.object({ id: z.uuid() });
const intentSchema = z.object({ intent: z.enum(['move', 'follow-up']) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:matches');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const match = await coachMatch(user, parsed.data.id, clientIp(context));
  if (!match) notFound();
  const canManage = can(user, 'record:placements');
  const needsOrganizations = canManage && match.followUps.some((f) => f.outcome === null);
  return json({ match, canManage, today: todayInStockholm(), organizations: needsOrganizations ? await organizationChoices() : [] });
}

type Reply = { intent: 'move' | 'follow-up'; reply: SubmissionResult<string[]>; saved?: boolean; to?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'record:placements');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const formData = await request.formData();
  const intent = intentSchema.safeParse({ intent: formData.get('intent') });
  if (!intent.success) return json({ message: 'Ogiltig åtgärd.' }, { status: 400 });
  const ip = clientIp(context);
  if (intent.data.intent === 'move') {
    const submission = parseSubmission(formData, { schema: moveSchema });
    if (submission.status !== 'success') return json<Reply>({ intent: 'move', reply: submission.reply() }, { status: 400 });
    const result = await moveMatch(user, parsed.data.id, submission.value, ip);
    if (!result) notFound();
    if (!result.ok) return json<Reply>({ intent: 'move', reply: submission.reply({ formErrors: result.formError ? [result.formError] : undefined, fieldErrors: result.fieldErrors }) }, { status: 409 });
    return json<Reply>({ intent: 'move', reply: submission.reply({ resetForm: true }), saved: true, to: submission.value.to });
  }
  const submission = parseSubmission(formData, { schema: followUpSchema });
  if (submission.status !== 'success') return json<Reply>({ intent: 'follow-up', reply: submission.reply() }, { status: 400 });
  const result = await recordFollowUp(user, submission.value, ip);
  if (!result) notFound();
  if (!result.ok) return json<Reply>({ intent: 'follow-up', reply: submission.reply({ formErrors: result.formError ? [result.formError] : undefined, fieldErrors: result.fieldErrors }) }, { status: 409 });
  return json<Reply>({ intent: 'follow-up', reply: submission.reply({ resetForm: true }), saved: true });
}

const savedMessages: Record<string, string> = {
  offer: 'Erbjudandet är registrerat.',
  placed: 'Placeringen är registrerad. Kontaktpersonen och handledaren får en bekräftelse.',
  ended: 'Placeringen är avslutad. Uppföljningar efter 3 och 6 månader är skapade.',
  withdrawn: 'Förslaget är återtaget.',
  'follow-up': 'Uppföljningen är sparad.',
};

function FollowUpForm({ followUp, organizations, lastResult }: { followUp: { id: string; checkpoint: number; dueOn: string }; organizations: Array<{ id: string; name: string }>; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useSchemaForm({
    id: `follow-up-${followUp.id}`,
    lastResult,
    defaultValue: { followUpId: followUp.id },
    schema: followUpSchema,
  });
  useFocusFirstError(form.id, lastResult);
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="card">
      <h3>Uppföljning efter {followUp.checkpoint} månader</h3>
      <input type="hidden" name="intent" value="follow-up" />
      <input type="hidden" name="followUpId" value={followUp.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField meta={fields.outcome} label="Vad gör personen nu?" options={followUpOutcomes.map((o) => ({ value: o, label: followUpOutcomeLabels[o] }))} />
      <SelectField
        meta={fields.employerOrganizationId}
        label="Arbetsgivare, om personen arbetar hos en organisation i Insteg"
        placeholder="Ingen av dem / okänt"
        options={organizations.map((o) => ({ value: o.id, label: o.name }))}
      />
      <button type="submit">Spara uppföljningen</button>
    </Form>
  );
}

export default function MatchPage() {
  const { match, canManage, today, organizations } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as Reply | { message: string } | undefined;
  const [params] = useSearchParams();
  const reply = data && 'reply' in data ? data : undefined;
  const lastFor = (to: MatchStatus) => (reply?.intent === 'move' ? failedStepReply(reply, to) : undefined);
  const savedKey = reply?.saved ? (reply.intent === 'move' ? reply.to : 'follow-up') : null;
  const can = (to: MatchStatus) => canManage && mayMoveMatch('coach', match.status, to);
  const openFollowUps = match.followUps.filter((f) => f.outcome === null);
  return (
    <>
      <p>
        <Link to="/matchningar">← Matchningar</Link>
      </p>
      <h1>
        {match.aspirantName}: {match.openingTitle}
      </h1>
      <p>
        <MatchStatusBadge status={match.status} /> {match.organizationName}. Föreslagen {formatDateTime(match.createdAt)}
        {match.proposedByName ? ` av ${match.proposedByName}` : ''}.{' '}
        <Link to={`/coach/aspiranter/${match.aspirantId}`}>Aspirantens profil</Link> · <Link to={`/platser/${match.openingId}`}>Platsen</Link>
      </p>
      {params.get('foreslagen') && !data ? (
        <div className="alert alert-ok" role="status">
          <p>Förslaget är skickat. Arbetsgivarens kontaktperson har fått ett e-postmeddelande.</p>
        </div>
      ) : null}
      {savedKey ? (
        <div className="alert alert-ok" role="status">
          <p>{savedMessages[savedKey]}</p>
        </div>
      ) : null}
      {data && 'message' in data ? (
        <div className="alert alert-error" role="alert">
          <p>{data.message}</p>
        </div>
      ) : null}

      <div className="grid">
        <section className="card" aria-labelledby="h-state">
          <h2 id="h-state">Läge</h2>
          <dl>
            {match.interviewAt ? (
              <>
                <dt>Intervju</dt>
                <dd>
                  {formatDateTime(match.interviewAt)}, {match.interviewPlace}
                </dd>
              </>
            ) : null}
            {match.startDate ? (
              <>
                <dt>Placering</dt>
                <dd>
                  {match.startDate} – {match.endDate}
                  {match.endReason ? `, ${endReasonLabels[match.endReason]}` : ''}
                </dd>
              </>
            ) : null}
            {match.closedReason ? (
              <>
                <dt>Skäl</dt>
                <dd>
                  {match.status === 'declined'
                    ? declineReasonLabels[match.closedReason as keyof typeof declineReasonLabels]
                    : withdrawReasonLabels[match.closedReason as keyof typeof withdrawReasonLabels]}
                  {match.closedComment ? `: ${match.closedComment}` : ''}
                </dd>
              </>
            ) : null}
            <dt>Ditt meddelande till arbetsgivaren</dt>
            <dd style={{ whiteSpace: 'pre-line' }}>{match.message ?? '–'}</dd>
            <dt>Arbetsgivarens anteckning</dt>
            <dd style={{ whiteSpace: 'pre-line' }}>{match.employerNote ?? '–'}</dd>
          </dl>
          <h3>Historik</h3>
          <MatchTimeline events={match.events} />
        </section>
        <section className="card" aria-labelledby="h-score">
          <h2 id="h-score">Poäng vid förslaget: {match.score}</h2>
          <ScoreExplanation score={match.score} parts={match.explanation} />
          <p className="muted">Vikter version {match.weightsVersion}.</p>
        </section>
      </div>

      {match.followUps.length ? (
        <section aria-labelledby="h-follow-ups" style={{ marginTop: '1.5rem' }}>
          <h2 id="h-follow-ups">Uppföljning efter placeringen</h2>
          <ul>
            {match.followUps.map((f) => (
              <li key={f.id}>
                {f.checkpoint} månader ({f.dueOn}):{' '}
                {f.outcome
                  ? `${followUpOutcomeLabels[f.outcome]}${f.employerOrganizationName ? ` hos ${f.employerOrganizationName}` : ''}${f.workThroughPartnership ? ' (arbete genom partnerskap)' : ''}`
                  : f.dueOn <= today
                    ? 'att registrera'
                    : 'inte dags än'}
              </li>
            ))}
          </ul>
          {canManage
            ? openFollowUps
                .filter((f) => f.dueOn <= today)
                .map((f) => (
                  <FollowUpForm
                    key={f.id}
                    followUp={f}
                    organizations={organizations}
                    lastResult={reply?.intent === 'follow-up' && !reply.saved && (reply.reply.initialValue as Record<string, unknown> | undefined)?.followUpId === f.id ? reply.reply : undefined}
                  />
                ))
            : null}
        </section>
      ) : null}

      {canManage ? (
        <section aria-labelledby="h-next" style={{ marginTop: '1.5rem' }}>
          <h2 id="h-next">Nästa steg</h2>
          {match.status === 'proposed' || match.status === 'reviewed' ? <p>Väntar på arbetsgivarens svar.</p> : null}
          <div className="grid">
            {can('offer') ? <MatchStepForm intent="move" to="offer" title="Arbetsgivaren har erbjudit platsen" submitLabel="Registrera erbjudandet" lastResult={lastFor('offer')} /> : null}
            {can('placed') ? (
              <MatchStepForm intent="move" to="placed" title="Registrera placeringen" submitLabel="Registrera placeringen" lastResult={lastFor('placed')} defaults={{ startDate: match.openingStart, endDate: match.openingEnd }}>
                {(field) => (
                  <>
                    <TextField meta={field('startDate')} label="Startdatum" type="date" />
                    <TextField meta={field('endDate')} label="Planerat slutdatum" type="date" />
                    <TextField meta={field('supervisorEmail')} label="Handledarens e-postadress (får bekräftelsen)" type="email" />
                  </>
                )}
              </MatchStepForm>
            ) : null}
            {can('ended') ? (
              <MatchStepForm intent="move" to="ended" title="Avsluta placeringen" submitLabel="Avsluta placeringen" lastResult={lastFor('ended')} defaults={{ endDate: match.endDate && match.endDate < today ? match.endDate : today }}>
                {(field) => (
                  <>
                    <TextField meta={field('endDate')} label="Sista dagen" type="date" />
                    <SelectField meta={field('endReason')} label="Hur slutade placeringen?" options={endReasons.map((r) => ({ value: r, label: endReasonLabels[r] }))} />
                  </>
                )}
              </MatchStepForm>
            ) : null}
            {can('withdrawn') ? (
              <MatchStepForm intent="move" to="withdrawn" title="Återta förslaget" submitLabel="Återta förslaget" secondary lastResult={lastFor('withdrawn')}>
                {(field) => (
                  <>
                    <SelectField meta={field('reason')} label="Skäl" options={withdrawReasons.map((r) => ({ value: r, label: withdrawReasonLabels[r] }))} />
                    <TextAreaField meta={field('comment')} label="Kommentar (valfri)" rows={2} />
                  </>
                )}
              </MatchStepForm>
            ) : null}
          </div>
        </section>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Matchning – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
