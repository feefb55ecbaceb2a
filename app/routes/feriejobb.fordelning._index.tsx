import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useMemo } from 'react';
import { addDays } from '../aspirants/aspirant-bands';
import { clientIp, requirePermission } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { ErrorView } from '../components/error-view';
import { FormErrors, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { formatDateTime } from '../components/match-parts';
import { todayInStockholm } from '../dates';
import { listRuns, RunRefused, startRun, summerOverview } from '../feriejobb/allocation.server';
import { runSchema } from '../feriejobb/application-schema';
import { DEFAULT_ANSWER_DAYS } from '../feriejobb/feriejobb-rules';
import { runStatusLabels } from '../feriejobb/feriejobb-status';
import { summerYearOf } from '../feriejobb/summer-year';
import { parseSubmission } from '../forms/submission';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:feriejobb-applications');
  const year = summerYearOf(request);
  const today = todayInStockholm();
  const [runs, overview] = await Promise.all([listRuns(year), summerOverview(year)]);
  return json({ year, today, runs, overview, canRun: can(user, 'run:feriejobb-allocation'), defaultDeadline: addDays(today, DEFAULT_ANSWER_DAYS) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'run:feriejobb-allocation');
  const year = summerYearOf(request);
  const submission = parseSubmission(await request.formData(), { schema: runSchema(todayInStockholm()) });
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 });
  try {
    const run = await startRun(user, { year, answerDeadline: submission.value.answerDeadline, seed: submission.value.seed }, clientIp(context));
    return redirect(`/feriejobb/fordelning/${run.id}`);
  } catch (error) {
    if (error instanceof RunRefused) return json({ result: submission.reply({ formErrors: [error.message] }) }, { status: 409 });
    throw error;
  }
}

export default function Allocations() {
  const { year, today, runs, overview, canRun, defaultDeadline } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = useMemo(() => runSchema(today), [today]);
  const [form, fields] = useSchemaForm({ id: 'start-run', schema, lastResult: data?.result, defaultValue: { answerDeadline: defaultDeadline } });
  useFocusFirstError(form.id, data?.result);
  return (
    <>
      <h1>Fördelning av feriejobb {year}</h1>
      <p>
        Varje fördelning räknar fram två resultat för samma ansökningar och platser: den <strong>rättvisa fördelningen</strong> (uppskjuten
        acceptans: ungdomarna får sitt högst rankade val där de står tillräckligt högt i platsens ordning, som går efter prioritering och
        sedan ett lottnummer per sökande) och, som jämförelse, den fördelning som placerar <strong>flest</strong> ungdomar. Du granskar
        resultatet innan du publicerar; först då skickas erbjudanden.
      </p>
      {canRun ? (
        <section className="card">
          <h2>Ny fördelning: omgång {overview.nextRound}</h2>
          <p>
            {overview.nextRound === 1
              ? 'Första omgången fördelar alla platser bland alla aktiva ansökningar.'
              : 'En senare omgång fördelar platser som blivit lediga (nej-svar och obesvarade erbjudanden) bland dem som ännu inte fått något erbjudande.'}
          </p>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField meta={fields.answerDeadline} label="Sista svarsdag för erbjudandena" type="date" />
            <TextField
              meta={fields.seed}
              label="Frö för lottningen (frivilligt)"
              inputMode="numeric"
              description="Lämna tomt för ett nytt slumpmässigt frö. Samma frö och samma ansökningar ger exakt samma resultat."
            />
            <div className="actions">
              <button type="submit" disabled={navigation.state === 'submitting'}>
                Starta fördelning
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      <h2>Fördelningar</h2>
      {runs.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Startad</th>
                <th scope="col">Omgång</th>
                <th scope="col">Läge</th>
                <th scope="col">Sökande</th>
                <th scope="col">Platser</th>
                <th scope="col">Rättvis: placerade</th>
                <th scope="col">Flest möjliga</th>
                <th scope="col">Frö</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/feriejobb/fordelning/${r.id}`}>{formatDateTime(r.createdAt)}</Link>
                  </th>
                  <td>{r.round}</td>
                  <td>
                    {runStatusLabels[r.status]}
                    {r.status === 'running' ? ` (${r.progress} %)` : ''}
                  </td>
                  <td>{r.applicants ?? '–'}</td>
                  <td>{r.seats ?? '–'}</td>
                  <td>{r.daPlaced ?? '–'}</td>
                  <td>{r.maxPlaced ?? '–'}</td>
                  <td>{r.seed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Ingen fördelning har körts för {year} än.</p>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Fördelning av feriejobb – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
