import type { SubmissionResult } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { CandidateSummary } from '../components/candidate-summary';
import { ErrorView } from '../components/error-view';
import { failedStepReply, MatchStepForm } from '../components/match-step-form';
import { SelectField, TextAreaField, TextField } from '../components/field';
import { formatDateTime, MatchStatusBadge, MatchTimeline } from '../components/match-parts';
import { todayInStockholm } from '../dates';
import { parseSubmission } from '../forms/submission';
import { z } from '../forms/validation';
import { declineReasonLabels, declineReasons, mayMoveMatch, type MatchStatus } from '../matching/match-rules';
import { moveSchema } from '../matching/match-schema';
import { employerProposal, moveMatch } from '../matching/pipeline.server';

const paramsSchema = z.object({ id: z.uuid() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'answer:proposals');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const proposal = await employerProposal(user, parsed.data.id, clientIp(context));
  if (!proposal) notFound();
  return json({ proposal, today: todayInStockholm() });
}

type Reply = { reply: SubmissionResult<string[]>; saved?: boolean; to?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'answer:proposals');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const submission = parseSubmission(await request.formData(), { schema: moveSchema });
  if (submission.status !== 'success') return json<Reply>({ reply: submission.reply() }, { status: 400 });
  const result = await moveMatch(user, parsed.data.id, submission.value, clientIp(context));
  if (!result) notFound();
  if (!result.ok) return json<Reply>({ reply: submission.reply({ formErrors: result.formError ? [result.formError] : undefined, fieldErrors: result.fieldErrors }) }, { status: 409 });
  return json<Reply>({ reply: submission.reply({ resetForm: true }), saved: true, to: submission.value.to });
}

const savedMessages: Record<string, string> = {
  reviewed: 'Tack! Jobbcoachen får veta att ni är intresserade.',
  interview: 'Intervjun är bokad. Ni och jobbcoachen får en bekräftelse via e-post.',
  offer: 'Erbjudandet är registrerat. Jobbcoachen kontaktar er om start och handledning.',
  declined: 'Ert svar är skickat till jobbcoachen.',
};

export default function Proposal() {
  const { proposal, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const lastFor = (to: MatchStatus) => failedStepReply(data, to);
  const may = (to: MatchStatus) => mayMoveMatch('employer', proposal.status, to);
  return (
    <>
      <p>
        <Link to="/arbetsgivare/forslag">← Kandidatförslag</Link>
      </p>
      <h1>
        {proposal.candidate ? proposal.candidate.displayName : 'Kandidat'} till {proposal.openingTitle}
      </h1>
      <p>
        <MatchStatusBadge status={proposal.status} /> Föreslagen {formatDateTime(proposal.createdAt)}
        {proposal.coachName ? (
          <>
            {' '}
            av {proposal.coachName}, Jobbtorg Stockholm (<a href={`mailto:${proposal.coachEmail}`}>{proposal.coachEmail}</a>)
          </>
        ) : null}
        .
      </p>
      {data?.saved && data.to ? (
        <div className="alert alert-ok" role="status">
          <p>{savedMessages[data.to]}</p>
        </div>
      ) : null}
      <div className="grid">
        <section className="card" aria-labelledby="h-candidate">
          <h2 id="h-candidate">Kandidaten</h2>
          {proposal.candidate ? (
            <CandidateSummary candidate={proposal.candidate} />
          ) : (
            <p>Kandidaten har återkallat sitt samtycke eller lämnat Jobbtorg. Profilen visas inte längre. Kontakta jobbcoachen vid frågor.</p>
          )}
        </section>
        <section className="card" aria-labelledby="h-message">
          <h2 id="h-message">Från jobbcoachen</h2>
          <p style={{ whiteSpace: 'pre-line' }}>{proposal.message ?? 'Inget meddelande.'}</p>
          {proposal.interviewAt ? (
            <p>
              <strong>Intervju:</strong> {formatDateTime(proposal.interviewAt)}, {proposal.interviewPlace}
            </p>
          ) : null}
          {proposal.startDate ? (
            <p>
              <strong>Placering:</strong> {proposal.startDate} – {proposal.endDate}
            </p>
          ) : null}
          {proposal.closedReason ? (
            <p>
              <strong>Ert skäl:</strong> {declineReasonLabels[proposal.closedReason as keyof typeof declineReasonLabels] ?? proposal.closedReason}
            </p>
          ) : null}
          <h3>Historik</h3>
          <MatchTimeline events={proposal.events} />
        </section>
      </div>

      {proposal.candidate && (may('reviewed') || may('interview') || may('offer') || may('declined')) ? (
        <section aria-labelledby="h-answer" style={{ marginTop: '1.5rem' }}>
          <h2 id="h-answer">Ert svar</h2>
          <div className="grid">
            {may('reviewed') ? (
              <MatchStepForm to="reviewed" title="Vi är intresserade" submitLabel="Svara att ni är intresserade" lastResult={lastFor('reviewed')}>
                {(field) => <TextAreaField meta={field('note')} label="Meddelande till jobbcoachen (valfritt)" rows={2} />}
              </MatchStepForm>
            ) : null}
            {may('interview') ? (
              <MatchStepForm to="interview" title="Boka intervju" submitLabel="Boka intervjun" lastResult={lastFor('interview')}>
                {(field) => (
                  <>
                    <TextField meta={field('interviewDate')} label={`Dag (från ${today})`} type="date" />
                    <TextField meta={field('interviewTime')} label="Tid (TT:MM)" />
                    <TextField meta={field('interviewPlace')} label="Plats eller länk" />
                  </>
                )}
              </MatchStepForm>
            ) : null}
            {may('offer') ? <MatchStepForm to="offer" title="Erbjud platsen" submitLabel="Erbjud platsen" lastResult={lastFor('offer')} /> : null}
            {may('declined') ? (
              <MatchStepForm to="declined" title="Tacka nej" submitLabel="Tacka nej" secondary lastResult={lastFor('declined')}>
                {(field) => (
                  <>
                    <SelectField meta={field('reason')} label="Skäl" options={declineReasons.map((r) => ({ value: r, label: declineReasonLabels[r] }))} />
                    <TextAreaField meta={field('comment')} label="Kommentar till jobbcoachen (valfri)" rows={2} />
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

export const meta: MetaFunction = () => [{ title: 'Kandidatförslag – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
