import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { StatTableView } from '../components/statistics-parts';
import { formatSwedishDate, todayInStockholm } from '../dates';
import { getDb } from '../services.server';
import { resolveStatisticsRequest } from '../statistics/dashboard.server';
import { indicatorById, targetSetterLabels } from '../statistics/indicators';
import { progressLabels } from '../statistics/progress';
import { formatValue, suppressionText } from '../statistics/stat-table';
import { indicatorCards } from '../statistics/statistics.server';
import { formatPeriod, periodParam, yearThroughLabel } from '../statistics/tertial';

/** The printable report for a period ("Tertialrapport T2 2026"), for the scope the user may see. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:statistics');
  const db = getDb();
  const today = todayInStockholm();
  const url = new URL(request.url);
  if (user.role === 'employer' && user.organizationId && !url.searchParams.has('organisation')) url.searchParams.set('organisation', user.organizationId);
  const req = await resolveStatisticsRequest(db, user, url, today);
  // A tertial's report covers the year up to that tertial: T1–T2 so far, progress as at its end.
  const cards = await indicatorCards(db, req.scope, req.period.year, {
    factsVersion: req.refreshedAt,
    today,
    threshold: req.threshold,
    withGroups: req.withGroups,
    throughTertial: req.period.tertial ?? undefined,
  });
  // The period's figure: its tertial's row of the tertial table (or the whole year's).
  const rowKey = req.period.tertial === null ? 'total' : `T${req.period.tertial}`;
  const rows = cards.map((card) => {
    const row = card.byTertial.rows.find((r) => r.key === rowKey)!;
    return { id: card.id, periodText: row.cells[row.cells.length - 1]!.text, yearText: card.figureText, targets: card.targets };
  });
  return json({
    title: req.period.tertial === null ? `Årsrapport ${req.period.year}` : `Tertialrapport ${formatPeriod(req.period)}`,
    scopeName: req.scopeName,
    periodLabel: formatPeriod(req.period),
    soFarLabel: yearThroughLabel(req.period.year, req.period.tertial),
    periodValue: periodParam(req.period),
    back: req.scope.level === 'organization' ? `/statistik/organisation/${req.scope.id}?${new URLSearchParams({ period: periodParam(req.period) })}` : `/statistik?${req.query}`,
    today,
    threshold: req.threshold,
    rows,
    cards,
  });
}

export default function Report() {
  const data = useLoaderData<typeof loader>();
  return (
    <article className="report">
      <p className="no-print">
        <Link to={data.back}>Tillbaka till statistiken</Link>{' '}
        <button type="button" onClick={() => window.print()}>
          Skriv ut
        </button>
      </p>
      <h1>
        {data.title}: {data.scopeName}
      </h1>
      <p>
        Partnerskapens placeringsstatistik. Framtagen {formatSwedishDate(data.today)} ur Insteg. {suppressionText(data.threshold)}
      </p>
      <h2>Sammanfattning</h2>
      <div className="table-wrap">
        <table>
          <caption>Måtten {data.periodLabel} och för året till och med perioden ({data.soFarLabel}), mot årets mål</caption>
          <thead>
            <tr>
              <th scope="col">Mått</th>
              <th scope="col">{data.periodLabel}</th>
              <th scope="col">{data.soFarLabel}</th>
              <th scope="col">Mål</th>
              <th scope="col">Bedömning</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => {
              const def = indicatorById[r.id];
              return (
                <tr key={r.id}>
                  <th scope="row">{def.label}</th>
                  <td className="num">{r.periodText}</td>
                  <td className="num">{r.yearText}</td>
                  <td>{r.targets.length ? r.targets.map((t) => `${formatValue(def.unit, t.value)} (${targetSetterLabels[t.setBy]})`).join(', ') : '–'}</td>
                  <td>{r.targets.length ? r.targets.map((t) => progressLabels[t.progress.status]).join(', ') : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {data.cards.map((card) => {
        const def = indicatorById[card.id];
        return (
          <section key={card.id} className="indicator-card">
            <h2>{def.label}</h2>
            <dl className="definition">
              <dt>Räknas</dt>
              <dd>{def.counts}</dd>
              {def.outOf ? (
                <>
                  <dt>Bland</dt>
                  <dd>{def.outOf}</dd>
                </>
              ) : null}
              <dt>Datum som avgör tertialen</dt>
              <dd>{def.dated}</dd>
            </dl>
            <StatTableView table={card.byTertial} threshold={data.threshold} />
            {card.byGroup ? <StatTableView table={card.byGroup} threshold={data.threshold} /> : null}
          </section>
        );
      })}
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? 'Rapport'} – Insteg` }];

export function ErrorBoundary() {
  return <ErrorView />;
}
