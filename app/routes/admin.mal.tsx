import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { clientIp, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { FormErrors, SelectField, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { formatDateTime } from '../components/match-parts';
import { ResultMessage } from '../components/result-message';
import { todayInStockholm } from '../dates';
import { parseSubmission } from '../forms/submission';
import { z } from '../forms/validation';
import { getDb } from '../services.server';
import { indicatorById, indicatorIds, indicators, targetSetterLabels, targetSetters, type IndicatorId } from '../statistics/indicators';
import { formatValue } from '../statistics/stat-table';
import { statisticsState } from '../statistics/statistics.server';
import { deleteTargetSchema, targetSchema, thresholdSchema } from '../statistics/target-schema';
import { deleteTarget, listTargets, saveTarget, saveThreshold } from '../statistics/targets.server';

const actionSchema = z.discriminatedUnion('intent', [targetSchema, thresholdSchema, deleteTargetSchema]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:statistics');
  const db = getDb();
  const [targets, state] = await Promise.all([listTargets(db), statisticsState(db)]);
  // In the order the dashboard shows the indicators, newest year first.
  const order = (id: string) => indicatorIds.indexOf(id as IndicatorId);
  targets.sort((a, b) => order(a.indicator) - order(b.indicator) || b.year - a.year || a.setBy.localeCompare(b.setBy));
  return json({ targets, threshold: state.threshold, year: Number(todayInStockholm().slice(0, 4)) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:statistics');
  const submission = parseSubmission(await request.formData(), { schema: actionSchema });
  if (submission.status !== 'success') return json({ reply: submission.reply(), ok: false, message: null as string | null }, { status: 400 });
  const db = getDb();
  const ip = clientIp(context);
  const v = submission.value;
  if (v.intent === 'save-target') {
    await saveTarget(db, user, v, ip);
    return json({ reply: submission.reply({ resetForm: true }), ok: true, message: `Målet för ${indicatorById[v.indicator].label.toLowerCase()} ${v.year} är sparat.` });
  }
  if (v.intent === 'save-threshold') {
    await saveThreshold(db, user, v.threshold, ip);
    return json({ reply: submission.reply(), ok: true, message: `Celler med färre än ${v.threshold} personer döljs nu.` });
  }
  const removed = await deleteTarget(db, user, v.id, ip);
  return json(
    { reply: submission.reply(), ok: removed, message: removed ? 'Målet är borttaget.' : 'Målet fanns inte längre.' },
    { status: removed ? 200 : 409 },
  );
}

export default function StatisticsTargets() {
  const { targets, threshold, year } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [targetForm, targetFields] = useSchemaForm({ id: 'target', lastResult: data?.reply, schema: targetSchema, defaultValue: { year: String(year) } });
  const [thresholdForm, thresholdFields] = useSchemaForm({ id: 'threshold', lastResult: data?.reply, schema: thresholdSchema, defaultValue: { threshold: String(threshold) } });
  useFocusFirstError(targetForm.id, data?.reply);
  return (
    <>
      <h1>Mål och skydd för statistiken</h1>
      <ResultMessage result={data} />
      <section className="card" aria-labelledby="h-new-target">
        <h2 id="h-new-target">Sätt ett mål</h2>
        <p>
          Ett mål gäller från sitt år tills ett senare mål för samma mått och beslutsfattare ersätter det. Andelar anges i procent,
          inskrivningstid i månader.
        </p>
        <Form method="post" id={targetForm.id} onSubmit={targetForm.onSubmit} noValidate>
          <input type="hidden" name="intent" value="save-target" />
          <FormErrors id={targetForm.errorId} errors={targetForm.errors} />
          <SelectField meta={targetFields.indicator!} label="Mått" options={indicators.map((i) => ({ value: i.id, label: i.label }))} />
          <div className="grid">
            <TextField meta={targetFields.year!} label="År" inputMode="numeric" />
            <SelectField meta={targetFields.setBy!} label="Satt av" options={targetSetters.map((s) => ({ value: s, label: targetSetterLabels[s] }))} />
            <TextField meta={targetFields.value!} label="Mål" inputMode="text" />
          </div>
          <TextField meta={targetFields.note!} label="Källa eller kommentar (frivilligt)" />
          <button type="submit">Spara målet</button>
        </Form>
      </section>
      <section aria-labelledby="h-targets">
        <h2 id="h-targets">Mål</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Mått</th>
                <th scope="col">År</th>
                <th scope="col">Mål</th>
                <th scope="col">Satt av</th>
                <th scope="col">Kommentar</th>
                <th scope="col">Ändrat</th>
                <th scope="col">
                  <span className="visually-hidden">Åtgärd</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {targets.map((t) => {
                const def = indicatorById[t.indicator as IndicatorId];
                return (
                  <tr key={t.id}>
                    <th scope="row">{def.label}</th>
                    <td>{t.year}</td>
                    <td className="num">{formatValue(def.unit, t.value)}</td>
                    <td>{targetSetterLabels[t.setBy]}</td>
                    <td>{t.note ?? ''}</td>
                    <td>
                      {formatDateTime(t.updatedAt)}
                      {t.updatedBy ? `, ${t.updatedBy}` : ''}
                    </td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="delete-target" />
                        <input type="hidden" name="id" value={t.id} />
                        <button type="submit" className="link-button" aria-label={`Ta bort målet för ${def.label.toLowerCase()} ${t.year}`}>
                          Ta bort
                        </button>
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="h-threshold">
        <h2 id="h-threshold">Skydd för enskilda</h2>
        <p>
          En cell som räknar färre personer än gränsen visas som &lt;gränsen i tabeller, diagram och nedladdningar, och en andra cell döljs där
          summorna annars skulle avslöja den. Nu: {threshold}.
        </p>
        <Form method="post" id={thresholdForm.id} onSubmit={thresholdForm.onSubmit} noValidate>
          <input type="hidden" name="intent" value="save-threshold" />
          <TextField meta={thresholdFields.threshold!} label="Minsta antal personer i en cell (2–50)" inputMode="numeric" />
          <button type="submit">Spara gränsen</button>
        </Form>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Mål för statistiken – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
