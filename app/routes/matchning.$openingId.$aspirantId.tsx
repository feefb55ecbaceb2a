import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { ErrorView } from '../components/error-view';
import { FormErrors, TextAreaField, useFocusFirstError, useSchemaForm } from '../components/field';
import { ScoreExplanation } from '../components/match-parts';
import { parseSubmission } from '../forms/submission';
import { z } from '../forms/validation';
import { eligibilityRuleLabels, eligibilityRules } from '../matching/eligibility';
import { proposeSchema } from '../matching/match-schema';
import { checkPair, propose } from '../matching/matching.server';

const paramsSchema = z.object({ openingId: z.uuid(), aspirantId: z.uuid() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'match:aspirants');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const pair = await checkPair(user, parsed.data.openingId, parsed.data.aspirantId, clientIp(context));
  if (!pair) notFound();
  const failed = new Map(pair.eligibility.failures.map((f) => [f.rule, f.reason]));
  return json({
    opening: { id: pair.opening.id, title: pair.opening.title, organizationName: pair.opening.organizationName, startDate: pair.opening.startDate },
    aspirant: { id: pair.aspirant.id, name: `${pair.aspirant.firstName} ${pair.aspirant.lastName}` },
    // Every rule with its result; the kind rule only when it is the problem.
    rules: eligibilityRules
      .filter((rule) => rule !== 'kind' || failed.has(rule))
      .map((rule) => ({ rule, label: eligibilityRuleLabels[rule], ok: !failed.has(rule), reason: failed.get(rule) ?? null })),
    eligible: pair.eligibility.eligible,
    score: pair.score,
    weightsVersion: pair.weightsVersion,
    openForProposals: pair.openForProposals,
    activeMatchId: pair.activeMatchId,
    canPropose: can(user, 'propose:match'),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'propose:match');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const formData = await request.formData();
  formData.set('openingId', parsed.data.openingId);
  formData.set('aspirantId', parsed.data.aspirantId);
  const submission = parseSubmission(formData, { schema: proposeSchema });
  if (submission.status !== 'success') return json({ reply: submission.reply() }, { status: 400 });
  const result = await propose(user, submission.value, clientIp(context));
  if (!result) notFound();
  if (!result.ok) return json({ reply: submission.reply({ formErrors: [result.formError], fieldErrors: result.fieldErrors }) }, { status: 409 });
  return redirect(`/matchningar/${result.matchId}?foreslagen=1`);
}

export default function PairCheck() {
  const { opening, aspirant, rules, eligible, score, weightsVersion, openForProposals, activeMatchId, canPropose } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useSchemaForm({
    id: 'propose',
    lastResult: data?.reply,
    schema: proposeSchema.omit({ openingId: true, aspirantId: true }),
  });
  useFocusFirstError(form.id, data?.reply);
  return (
    <>
      <p>
        <Link to={`/matchning/plats/${opening.id}`}>← Matchning för {opening.title}</Link> ·{' '}
        <Link to={`/matchning/aspirant/${aspirant.id}`}>Platser för {aspirant.name}</Link>
      </p>
      <h1>
        {aspirant.name} och {opening.title}
      </h1>
      <p>
        {opening.organizationName}, start {opening.startDate}.
      </p>
      <div className="grid">
        <section className="card" aria-labelledby="h-rules">
          <h2 id="h-rules">{eligible ? 'Uppfyller alla krav' : 'Uppfyller inte alla krav'}</h2>
          <ul className="plain">
            {rules.map((r) => (
              <li key={r.rule} className={r.ok ? 'rule-ok' : 'rule-fail'}>
                <strong>{r.label}</strong>
                {r.reason ? `: ${r.reason}` : ''}
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="h-score">
          <h2 id="h-score">Poäng {score.score}</h2>
          <ScoreExplanation score={score.score} parts={score.parts} />
          <p className="muted">Vikter version {weightsVersion}. Poängen sparas med förslaget.</p>
        </section>
      </div>
      <section aria-labelledby="h-propose" style={{ marginTop: '1.5rem' }}>
        <h2 id="h-propose">Föreslå för arbetsgivaren</h2>
        {activeMatchId ? (
          <p>
            Aspiranten är redan föreslagen: <Link to={`/matchningar/${activeMatchId}`}>se förslaget</Link>.
          </p>
        ) : !canPropose ? (
          <p>Bara jobbcoacher föreslår aspiranter.</p>
        ) : !eligible ? (
          <p>Aspiranten kan föreslås när alla krav är uppfyllda.</p>
        ) : !openForProposals.ok ? (
          <p>{openForProposals.reason}</p>
        ) : (
          <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="card">
            <p>
              Arbetsgivaren ser en sammanfattning av profilen (förnamn och initial, åldersgrupp, område, språk, utbildning, yrken och
              tillgänglighet), aldrig personnummer, målgrupper, anteckningar eller anpassningsbehov. Skriv inget känsligt i meddelandet.
            </p>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextAreaField meta={fields.message} label="Meddelande till arbetsgivaren (valfritt)" rows={4} />
            <button type="submit">Föreslå {aspirant.name.split(' ')[0]}</button>
          </Form>
        )}
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Matchning – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
