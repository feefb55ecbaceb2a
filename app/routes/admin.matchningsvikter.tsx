import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { FormErrors, TextAreaField, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { formatDateTime } from '../components/match-parts';
import { parseSubmission } from '../forms/submission';
import { matchWeightsSchema, weightFields, weightKeys, weightsFromStored } from '../matching/match-weights';
import { saveWeights, weightHistory } from '../matching/matching.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'manage:match-weights');
  const history = await weightHistory(user);
  if (!history || !history.length) notFound();
  return json({ history: history.map((h) => ({ ...h, weights: weightsFromStored(h.weights) })) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:match-weights');
  const submission = parseSubmission(await request.formData(), { schema: matchWeightsSchema });
  if (submission.status !== 'success') return json({ reply: submission.reply(), version: null }, { status: 400 });
  const version = await saveWeights(user, submission.value, clientIp(context));
  if (version === null) notFound();
  return json({ reply: submission.reply({ resetForm: true }), version });
}

export default function MatchWeights() {
  const { history } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const current = history[0]!;
  const [form, fields] = useSchemaForm({
    id: 'match-weights',
    lastResult: data?.reply,
    defaultValue: Object.fromEntries(weightKeys.map((k) => [k, String(current.weights[k])])),
    schema: matchWeightsSchema,
  });
  useFocusFirstError(form.id, data?.reply);
  return (
    <>
      <h1>Matchningens vikter</h1>
      <p>
        Poängen för en matchning är summan av delarna nedan, och varje förslag visar sina delar. Ändringar sparas som en ny version; förslag som redan
        gjorts behåller poängen och versionen de fick. Gällande version: {current.version}.
      </p>
      {data?.version ? (
        <div className="alert alert-ok" role="status">
          <p>Version {data.version} gäller från och med nu.</p>
        </div>
      ) : null}
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="grid">
          {weightKeys.map((k) => (
            <TextField key={k} meta={fields[k]!} label={`${weightFields[k].label} (0–${weightFields[k].max})`} inputMode="numeric" />
          ))}
        </div>
        <TextAreaField meta={fields.note!} label="Varför ändras vikterna?" rows={2} />
        <button type="submit">Spara som ny version</button>
      </Form>
      <section aria-labelledby="h-history" style={{ marginTop: '1.5rem' }}>
        <h2 id="h-history">Versioner</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Från</th>
                <th scope="col">Av</th>
                <th scope="col">Varför</th>
                <th scope="col">Vikter</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.version}>
                  <th scope="row">{h.version}</th>
                  <td>{formatDateTime(h.createdAt)}</td>
                  <td>{h.createdBy ?? '–'}</td>
                  <td>{h.note}</td>
                  <td className="muted">{weightKeys.map((k) => `${weightFields[k].label.toLowerCase()} ${h.weights[k]}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Matchningens vikter – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
