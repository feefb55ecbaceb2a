import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { formatPersonnummer } from '../aspirants/personnummer';
import { ErrorView } from '../components/error-view';
import { ResultMessage } from '../components/result-message';
import { CheckboxGroupField, FormErrors, useFocusFirstError, useSchemaForm } from '../components/field';
import { formatDateTime } from '../components/match-parts';
import { prioritySchema } from '../feriejobb/application-schema';
import { getApplication, setPriorityGroups, withdrawApplication } from '../feriejobb/applications.server';
import { priorityGroupLabels, priorityGroups, summerMonthLabels, type SummerMonth } from '../feriejobb/feriejobb-rules';
import { applicationStatusLabels, offerStatusLabels, runStatusLabels } from '../feriejobb/feriejobb-status';
import { parseSubmission } from '../forms/submission';
import { z } from '../forms/validation';
import { feriejobbInterestAreaLabels, type FeriejobbInterestArea } from '../openings/opening-rules';

const paramsSchema = z.object({ id: z.uuid() });
const intentSchema = z.object({ intent: z.enum(['priority', 'withdraw']) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:feriejobb-applications');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const application = await getApplication(user, parsed.data.id, clientIp(context));
  if (!application) notFound();
  return json({ application });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'check:feriejobb-priority');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const formData = await request.formData();
  const intent = intentSchema.safeParse({ intent: formData.get('intent') });
  if (!intent.success) return json({ intent: null, message: 'Ogiltig åtgärd.', ok: false }, { status: 400 });
  if (intent.data.intent === 'withdraw') {
    const done = await withdrawApplication(user, parsed.data.id, clientIp(context));
    if (!done) return json({ intent: 'withdraw' as const, message: 'Ansökan är redan återkallad.', ok: false }, { status: 409 });
    return json({ intent: 'withdraw' as const, message: 'Ansökan är återkallad och är inte med i kommande fördelningar.', ok: true });
  }
  const submission = parseSubmission(formData, { schema: prioritySchema });
  if (submission.status !== 'success') return json({ intent: 'priority' as const, result: submission.reply(), message: null, ok: false }, { status: 400 });
  const done = await setPriorityGroups(user, parsed.data.id, submission.value.priorityGroups, clientIp(context));
  if (!done) notFound();
  return json({ intent: 'priority' as const, result: submission.reply(), message: 'Prioriteringen är sparad.', ok: true });
}

const eventLabels: Record<string, string> = {
  confirmed: 'Ansökan bekräftad',
  updated: 'Ny ansökan ersatte den tidigare',
  'priority-checked': 'Prioritering granskad',
  withdrawn: 'Ansökan återkallad',
  offered: 'Erbjudande skickat',
  'offer-accepted': 'Tackade ja',
  'offer-declined': 'Tackade nej',
  'offer-expired': 'Erbjudandet blev obesvarat',
};

export default function FeriejobbApplication() {
  const { application: a } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const priorityResult = data && 'result' in data ? data.result : undefined;
  const [form, fields] = useSchemaForm({
    id: 'priority',
    schema: prioritySchema,
    lastResult: priorityResult,
    defaultValue: { priorityGroups: a.priorityGroups as never },
  });
  useFocusFirstError(form.id, priorityResult);
  return (
    <>
      <p>
        <Link to={`/feriejobb/ansokningar?ar=${a.year}`}>← Ansökningar {a.year}</Link>
      </p>
      <h1>
        {a.firstName} {a.lastName}
      </h1>
      <ResultMessage result={data} />
      <section className="card">
        <h2>Ansökan</h2>
        <dl className="facts">
          <dt>Personnummer</dt>
          <dd>{formatPersonnummer(a.personnummer)}</dd>
          <dt>Ålder 1 juni {a.year}</dt>
          <dd>{a.age} år</dd>
          <dt>Kön</dt>
          <dd>{a.genderLabel}</dd>
          <dt>E-post</dt>
          <dd>{a.email}</dd>
          <dt>Telefon</dt>
          <dd>{a.phone ?? '–'}</dd>
          <dt>Bor i</dt>
          <dd>{a.districtName}</dd>
          <dt>Intresseområden</dt>
          <dd>
            <ol>
              {a.interestAreas.map((x) => (
                <li key={x}>{feriejobbInterestAreaLabels[x as FeriejobbInterestArea] ?? x}</li>
              ))}
            </ol>
          </dd>
          <dt>Önskat område</dt>
          <dd>{a.preferredDistrictName ?? 'Inget särskilt'}</dd>
          <dt>Kan arbeta</dt>
          <dd>{a.months.map((m) => summerMonthLabels[m as SummerMonth]).join(', ')}</dd>
          <dt>Språk</dt>
          <dd>{a.languages.length ? a.languages.join(', ') : '–'}</dd>
          <dt>Anpassning</dt>
          <dd className="pre-line">{a.adaptationNeeds ?? '–'}</dd>
          <dt>Vårdnadshavare</dt>
          <dd>{a.guardianName ? [a.guardianName, a.guardianEmail, a.guardianPhone].filter(Boolean).join(', ') : '–'}</dd>
          <dt>Status</dt>
          <dd>
            {applicationStatusLabels[a.status]} (version {a.revision})
          </dd>
        </dl>
      </section>
      <section className="card">
        <h2>Prioritering</h2>
        <p>
          Markera de grupper du har kontrollerat att ungdomen tillhör. Platser rangordnar sökande efter prioritering och sedan lottnummer;
          anpassade platser sätter funktionsnedsättning först och platser med språkstöd nyanlända först.
        </p>
        <p className="muted">
          {a.priorityCheckedAt ? `Senast granskad ${formatDateTime(a.priorityCheckedAt)}.` : 'Prioriteringen är inte granskad än.'}
        </p>
        <Form method="post" {...getFormProps(form)} className="stack">
          <input type="hidden" name="intent" value="priority" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <CheckboxGroupField
            meta={fields.priorityGroups}
            legend="Prioriteringsgrupper (kontrollerade)"
            options={priorityGroups.map((g) => ({ value: g, label: priorityGroupLabels[g] }))}
          />
          <div className="actions">
            <button type="submit">Spara prioritering</button>
          </div>
        </Form>
      </section>
      <section className="card">
        <h2>Erbjudanden och fördelningar</h2>
        {a.offers.length ? (
          <ul>
            {a.offers.map((o) => (
              <li key={o.id}>
                Omgång {o.round}: {o.openingTitle} hos {o.organizationName} – {offerStatusLabels[o.status]} (svar senast {o.deadline})
              </li>
            ))}
          </ul>
        ) : (
          <p>Inga erbjudanden än.</p>
        )}
        {a.results.length ? (
          <ul>
            {a.results.map((r) => (
              <li key={r.runId}>
                <Link to={`/feriejobb/fordelning/${r.runId}`}>Fördelning omgång {r.round}</Link> ({runStatusLabels[r.status]}):{' '}
                {r.openingId ? 'fick plats' : 'ingen plats'}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="card">
        <h2>Historik</h2>
        <ul>
          {a.events.map((e) => (
            <li key={e.id}>
              {formatDateTime(e.at)}: {eventLabels[e.kind] ?? e.kind}
            </li>
          ))}
        </ul>
      </section>
      {a.status === 'active' ? (
        <Form method="post">
          <input type="hidden" name="intent" value="withdraw" />
          <button type="submit" className="secondary">
            Återkalla ansökan
          </button>
        </Form>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Ansökan om feriejobb – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
