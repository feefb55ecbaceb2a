import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { clientIp, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { ResultMessage } from '../components/result-message';
import { ScoreParts } from '../components/mentor-parts';
import { todayInStockholm } from '../dates';
import { z } from '../forms/validation';
import { mentorProgrammes } from '../mentoring/mentor-rules';
import { CohortRefused, proposeCohort, saveCohort } from '../mentoring/mentoring.server';
import { mentorProgrammeLabels } from '../openings/opening-rules';

const lockValue = z.string().regex(/^[0-9a-f-]{36}:[0-9a-f-]{36}$/, 'Ogiltigt låst par');
const querySchema = z.object({
  program: z.enum(mentorProgrammes).catch('yrkesmentor'),
  las: z.array(lockValue).max(500).catch([]),
  sparade: z.coerce.number<string>().int().min(0).optional().catch(undefined),
});
const toLocks = (values: string[]) => [...new Set(values)].map((v) => ({ adept: v.slice(0, 36), mentor: v.slice(37) }));

function parseQuery(url: URL) {
  const extra = url.searchParams.get('las-adept') && url.searchParams.get('las-mentor') ? [`${url.searchParams.get('las-adept')}:${url.searchParams.get('las-mentor')}`] : [];
  return querySchema.parse({
    program: url.searchParams.get('program') ?? undefined,
    las: [...url.searchParams.getAll('las'), ...extra],
    sparade: url.searchParams.get('sparade') ?? undefined,
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'use:mentoring-pages');
  const query = parseQuery(new URL(request.url));
  const locks = toLocks(query.las);
  try {
    const { candidates, result } = await proposeCohort(query.program, locks, todayInStockholm());
    return json({ query, candidates, result, error: null });
  } catch (error) {
    if (!(error instanceof CohortRefused)) throw error;
    const { candidates, result } = await proposeCohort(query.program, [], todayInStockholm());
    return json({ query: { ...query, las: [] }, candidates, result, error: error.message }, { status: 400 });
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'use:mentoring-pages');
  const formData = await request.formData();
  const parsed = z
    .object({ intent: z.literal('save'), program: z.enum(mentorProgrammes), las: z.array(lockValue).max(500) })
    .safeParse({ intent: formData.get('intent'), program: formData.get('program'), las: formData.getAll('las') });
  if (!parsed.success) return json({ message: 'Ogiltig begäran: räkna om kohorten och försök igen.' }, { status: 400 });
  try {
    const saved = await saveCohort(user, parsed.data.program, toLocks(parsed.data.las), todayInStockholm(), clientIp(context));
    if (!saved.ok) return json({ message: saved.formError }, { status: 409 });
    return redirect(`/mentorskap/kohort?program=${parsed.data.program}&sparade=${saved.saved}`);
  } catch (error) {
    if (error instanceof CohortRefused) return json({ message: error.message }, { status: 400 });
    throw error;
  }
}

export default function Cohort() {
  const { query, candidates, result, error } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const adeptName = new Map(candidates.adepts.map((a) => [a.id, a.name]));
  const mentorName = new Map(candidates.mentors.map((m) => [m.id, m.name]));
  const parts = new Map(candidates.pairs.map((p) => [`${p.adept}|${p.mentor}`, p.parts]));
  const paired = new Set(result.pairs.map((p) => p.adept));
  const unpaired = candidates.adepts.filter((a) => !paired.has(a.id));
  const locked = new Set(query.las);
  return (
    <>
      <p>
        <Link to="/mentorskap">← Stockholmsmentor</Link>
      </p>
      <h1>Kohortmatchning</h1>
      <p>
        För ett helt intag räknas den parning ut som ger högst total poäng, inom varje mentors lediga platser. Par du redan bestämt kan du
        låsa: de är alltid med. Ingenting sparas förrän du sparar förslagen; sedan bekräftar du varje par som vanligt.
      </p>
      {query.sparade !== undefined ? (
        <div className="alert alert-ok" role="status">
          <p>{query.sparade} parförslag är sparade. Bekräfta dem på respektive par.</p>
        </div>
      ) : null}
      <ResultMessage result={{ ok: false, message: error ?? data?.message ?? null }} />
      <Form method="get" className="stack">
        <div className="field">
          <label htmlFor="program">Program</label>
          <select id="program" name="program" defaultValue={query.program}>
            {mentorProgrammes.map((p) => (
              <option key={p} value={p}>
                {mentorProgrammeLabels[p]}
              </option>
            ))}
          </select>
        </div>
        <p>
          {candidates.adepts.length} adepter utan mentor och {candidates.mentors.length} godkända mentorer med lediga platser (
          {candidates.mentors.reduce((s, m) => s + m.capacity, 0)} platser).
        </p>
        {result.pairs.length ? (
          <div className="table-wrap">
            <table>
              <caption>
                Föreslagen parning: {result.pairs.length} par, total poäng {result.total}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Adept</th>
                  <th scope="col">Mentor</th>
                  <th scope="col">Poäng</th>
                  <th scope="col">Lås</th>
                </tr>
              </thead>
              <tbody>
                {result.pairs.map((p) => {
                  const value = `${p.adept}:${p.mentor}`;
                  return (
                    <tr key={value}>
                      <th scope="row">{adeptName.get(p.adept)}</th>
                      <td>{mentorName.get(p.mentor)}</td>
                      <td>
                        <ScoreParts score={p.score} parts={parts.get(`${p.adept}|${p.mentor}`) ?? []} />
                      </td>
                      <td>
                        <input type="checkbox" name="las" value={value} id={`las-${value}`} defaultChecked={locked.has(value)} />
                        <label htmlFor={`las-${value}`} className="visually-hidden">
                          Lås {adeptName.get(p.adept)} med {mentorName.get(p.mentor)}
                        </label>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Ingen parning är möjlig just nu.</p>
        )}
        {unpaired.length ? <p>Utan mentor i förslaget: {unpaired.map((a) => a.name).join(', ')}.</p> : null}
        <fieldset>
          <legend>Lås ett par du redan bestämt</legend>
          <div className="field">
            <label htmlFor="las-adept">Adept</label>
            <select id="las-adept" name="las-adept" defaultValue="">
              <option value="">Välj …</option>
              {candidates.adepts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="las-mentor">Mentor</label>
            <select id="las-mentor" name="las-mentor" defaultValue="">
              <option value="">Välj …</option>
              {candidates.mentors.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} ({m.capacity} lediga)
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <div className="actions">
          <button type="submit" className="secondary">
            Räkna om
          </button>
        </div>
      </Form>
      {result.pairs.length ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="program" value={query.program} />
          {query.las.map((v) => (
            <input key={v} type="hidden" name="las" value={String(v)} />
          ))}
          <button type="submit" disabled={navigation.state !== 'idle'}>
            Spara {result.pairs.length} parförslag
          </button>
        </Form>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Kohortmatchning – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
