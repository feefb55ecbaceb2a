import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { ErrorView } from '../components/error-view';
import { ResultMessage } from '../components/result-message';
import { FilterLinks, Pagination } from '../components/search-parts';
import { formatDateTime } from '../components/match-parts';
import { discardRun, getRun, placeNames, publishRun, runResults, RunRefused } from '../feriejobb/allocation.server';
import { districtSelectOptions } from '../organizations/organizations.server';
import { priorityClassLabels, priorityGroupLabels, type PriorityGroup } from '../feriejobb/feriejobb-rules';
import { resultFilterLabels, resultFilters, runStatusLabels } from '../feriejobb/feriejobb-status';
import { formatSwedishDate } from '../dates';
import { z } from '../forms/validation';
import { feriejobbInterestAreaLabels, type FeriejobbInterestArea } from '../openings/opening-rules';

const paramsSchema = z.object({ id: z.uuid() });
const querySchema = z.object({
  visa: z.enum(resultFilters).catch('alla'),
  sida: z.coerce.number<string>().int().min(1).max(10_000).catch(1),
});
const intentSchema = z.object({ intent: z.enum(['publish', 'discard']) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:feriejobb-applications');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const run = await getRun(parsed.data.id);
  if (!run) notFound();
  const url = new URL(request.url);
  const query = querySchema.parse({ visa: url.searchParams.get('visa') ?? undefined, sida: url.searchParams.get('sida') ?? undefined });
  const finished = run.status === 'review' || run.status === 'published';
  const [results, fairnessNames, districts] = await Promise.all([
    finished ? runResults(user, run.id, { filter: query.visa, page: query.sida, ip: clientIp(context) }) : Promise.resolve(null),
    run.priceOfFairness ? placeNames(run.priceOfFairness.places.map((p) => p.key)) : Promise.resolve(new Map()),
    districtSelectOptions(),
  ]);
  return json({
    run,
    query,
    results,
    fairnessNames: Object.fromEntries(fairnessNames),
    districtNames: Object.fromEntries(districts.map((d) => [d.value, d.label])),
    canRun: can(user, 'run:feriejobb-allocation'),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'run:feriejobb-allocation');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const intent = intentSchema.safeParse({ intent: (await request.formData()).get('intent') });
  if (!intent.success) return json({ ok: false, message: 'Ogiltig åtgärd.' }, { status: 400 });
  const ip = clientIp(context);
  if (intent.data.intent === 'discard') {
    const done = await discardRun(user, parsed.data.id, ip);
    if (!done) return json({ ok: false, message: 'Bara en fördelning som väntar på granskning eller har misslyckats kan förkastas.' }, { status: 409 });
    return json({ ok: true, message: 'Fördelningen är förkastad.' });
  }
  try {
    const result = await publishRun(user, parsed.data.id, ip);
    if (!result) notFound();
    return json({ ok: true, message: `Fördelningen är publicerad: ${result.offered} erbjudanden skickas med e-post.` });
  } catch (error) {
    if (error instanceof RunRefused) return json({ ok: false, message: error.message }, { status: 409 });
    throw error;
  }
}

const lotteryText = (n: number) => n.toFixed(3).replace('.', ',');

type Results = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['results']>;
type ResultRow = Results['rows'][number];

function Explanation({ row, names }: { row: ResultRow; names: Results['names'] }) {
  const e = row.explanation;
  const placeName = (id: string | null | undefined) => {
    const p = id ? names[id] : undefined;
    return p ? `${p.title} (${p.organizationName}${p.districtName ? `, ${p.districtName}` : ''}, ${p.startDate}–${p.endDate})` : 'en plats';
  };
  const orgName = (id: string) => names[id]?.organizationName ?? 'Platsen';
  return (
    <>
      {row.openingId ? (
        <p>
          Fick sitt val nr {e.position} av {row.listLength}: {placeName(row.openingId)}.
        </p>
      ) : e.noEligiblePlaces ? (
        <p>Ingen plats: inga platser matchade intresseområden, ålder den 1 juni och de månader hen kan arbeta.</p>
      ) : (
        <p>Ingen plats av de {row.listLength} på listan.</p>
      )}
      {e.refusals.length ? (
        <ul>
          {e.refusals.map((r) => {
            const id = r.placeId;
            const seats = r.capacity === 1 ? 'enda plats' : `${r.capacity} platser`;
            return (
              <li key={id}>
                {r.reason === 'no-seats'
                  ? `${placeName(id)}: hade inga lediga platser i den här omgången.`
                  : r.reason === 'higher-priority'
                    ? `${orgName(id)}:s ${seats} (${names[id]?.title ?? ''}) gick till sökande med högre prioritet; ditt lottnummer var ${lotteryText(e.lottery)}.`
                    : `${orgName(id)}:s ${seats} (${names[id]?.title ?? ''}) gick till sökande med samma prioritet och lägre lottnummer (sista som fick plats hade ${lotteryText(r.cutoffLottery ?? 0)}); ditt lottnummer var ${lotteryText(e.lottery)}.`}
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}

/** One breakdown of the price of fairness: seats filled by the fair result and by max coverage. */
function FairnessTable({ caption, heading, cells, name }: { caption: string; heading: string; cells: { key: string; fair: number; max: number }[]; name: (key: string) => string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">Rättvis</th>
            <th scope="col">Flest möjliga</th>
          </tr>
        </thead>
        <tbody>
          {cells.map((c) => (
            <tr key={c.key}>
              <th scope="row">{name(c.key)}</th>
              <td>{c.fair}</td>
              <td>{c.max}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function AllocationRun() {
  const { run, query, results, fairnessNames, districtNames, canRun } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const working = run.status === 'queued' || run.status === 'running';
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate();
    }, 1500);
    return () => clearInterval(timer);
  }, [working, revalidator]);
  const price = run.priceOfFairness;
  const link = (changes: Record<string, string | number>) => `?${new URLSearchParams({ visa: query.visa, sida: '1', ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, String(v)])) })}`;
  return (
    <>
      <p>
        <Link to={`/feriejobb/fordelning?ar=${run.year}`}>← Fördelningar {run.year}</Link>
      </p>
      <h1>
        Fördelning {run.year}, omgång {run.round}
      </h1>
      <ResultMessage result={data} />
      <dl className="facts">
        <dt>Läge</dt>
        <dd>{runStatusLabels[run.status]}</dd>
        <dt>Frö för lottningen</dt>
        <dd>{run.seed}</dd>
        <dt>Sista svarsdag</dt>
        <dd>{formatSwedishDate(run.answerDeadline)}</dd>
        <dt>Startad</dt>
        <dd>{formatDateTime(run.createdAt)}</dd>
        {run.publishedAt ? (
          <>
            <dt>Publicerad</dt>
            <dd>{formatDateTime(run.publishedAt)}</dd>
          </>
        ) : null}
      </dl>
      {working ? (
        <section className="card" aria-live="polite">
          <h2>Pågår</h2>
          <label htmlFor="run-progress">{run.progressLabel}</label>
          <progress id="run-progress" max={100} value={run.progress}>
            {run.progress} %
          </progress>
          <p>{run.progress} % klart. Sidan uppdateras av sig själv.</p>
        </section>
      ) : null}
      {run.status === 'failed' ? (
        <div className="alert alert-error" role="alert">
          <p>Fördelningen misslyckades: {run.error}. Inget resultat sparades; starta en ny fördelning.</p>
        </div>
      ) : null}
      {run.daPlaced !== null && run.maxPlaced !== null ? (
        <>
          <section className="card">
            <h2>Resultat</h2>
            <dl className="facts">
              <dt>Sökande i omgången</dt>
              <dd>{run.applicants}</dd>
              <dt>Lediga platser</dt>
              <dd>
                {run.seats} i {run.places} feriejobb
              </dd>
              <dt>Rättvis fördelning placerar</dt>
              <dd>{run.daPlaced} ungdomar</dd>
              <dt>Flest möjliga (HiGHS)</dt>
              <dd>{run.maxPlaced} ungdomar</dd>
              <dt>Stabilitetskontroll</dt>
              <dd>
                {run.blockingPairs === 0 ? (
                  <span className="badge ok">Stabil: ingen sökande och plats som båda hellre hade haft varandra</span>
                ) : (
                  <span className="badge error">{run.blockingPairs} blockerande par – publicera inte</span>
                )}
              </dd>
              <dt>Beräkningstid</dt>
              <dd>
                rättvis {Math.round(run.daMs ?? 0)} ms, flest möjliga {Math.round(run.maxMs ?? 0)} ms
              </dd>
            </dl>
          </section>
          {price ? (
            <section className="card">
              <h2>Rättvisans pris</h2>
              {price.extraPlaced === 0 ? (
                <p>Den rättvisa fördelningen placerar lika många som det går: rättvisan kostar inga platser.</p>
              ) : (
                <>
                  <p>
                    Den fördelning som placerar flest skulle fylla <strong>{price.extraPlaced}</strong> fler platser, men då skulle en del
                    ungdomar få en plats de rankat lägre trots att en plats de hellre ville ha gick till någon med lägre prioritet eller
                    högre lottnummer.
                  </p>
                  <FairnessTable
                    caption="Skillnad per intresseområde"
                    heading="Intresseområde"
                    cells={price.byArea.filter((c) => c.max !== c.fair)}
                    name={(key) => feriejobbInterestAreaLabels[key as FeriejobbInterestArea] ?? key}
                  />
                  <FairnessTable
                    caption="Skillnad per stadsdelsområde"
                    heading="Område"
                    cells={price.byDistrict.filter((c) => c.max !== c.fair)}
                    name={(key) => (key === 'x' ? 'Utanför Stockholm' : districtNames[key] ?? key)}
                  />
                  <FairnessTable
                    caption="Platser som flest möjliga fyller mer av"
                    heading="Plats"
                    cells={price.places}
                    name={(key) => (fairnessNames[key] ? `${fairnessNames[key]!.title} (${fairnessNames[key]!.organizationName})` : key)}
                  />
                </>
              )}
            </section>
          ) : null}
        </>
      ) : null}
      {canRun && run.status === 'review' ? (
        <section className="card">
          <h2>Granska och publicera</h2>
          <p>
            När du publicerar får varje ungdom med plats ett erbjudande med e-post (vårdnadshavare får en kopia för den som är under 18) och
            svarar med en länk senast {formatSwedishDate(run.answerDeadline)}. Andra fördelningar för samma omgång förkastas.
          </p>
          <div className="actions">
            <Form method="post">
              <input type="hidden" name="intent" value="publish" />
              <button type="submit" disabled={run.blockingPairs !== 0}>
                Publicera och skicka erbjudanden
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="discard" />
              <button type="submit" className="secondary">
                Förkasta
              </button>
            </Form>
          </div>
        </section>
      ) : null}
      {results ? (
        <section>
          <h2>Resultat per sökande</h2>
          <FilterLinks filters={resultFilters} current={query.visa} labels={resultFilterLabels} link={(f) => link({ visa: f })} />
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Sökande</th>
                  <th scope="col">Prioritering</th>
                  <th scope="col">Lottnummer</th>
                  <th scope="col">Förklaring</th>
                </tr>
              </thead>
              <tbody>
                {results.rows.map((r) => (
                  <tr key={r.applicationId}>
                    <th scope="row">
                      <Link to={`/feriejobb/ansokningar/${r.applicationId}`}>
                        {r.firstName} {r.lastName}
                      </Link>
                    </th>
                    <td>{r.priorityGroups.length ? r.priorityGroups.map((g) => priorityGroupLabels[g as PriorityGroup] ?? g).join(', ') : priorityClassLabels[2]}</td>
                    <td>{lotteryText(r.lottery)}</td>
                    <td>
                      <Explanation row={r} names={results.names} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={query.sida} pages={Math.ceil(results.total / results.pageSize)} link={(p) => link({ sida: p })} />
        </section>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Fördelning av feriejobb – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
