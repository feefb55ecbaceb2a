import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { BarChart, exportLinks, IndicatorCardView, PeriodSelect, ScopeTrail, StatTableView } from '../components/statistics-parts';
import { todayInStockholm } from '../dates';
import { getDb } from '../services.server';
import { drillHref, resolveStatisticsRequest } from '../statistics/dashboard.server';
import { dimensionLabels, indicatorById, indicators } from '../statistics/indicators';
import { appliesTo, breakdownTable, indicatorCards } from '../statistics/statistics.server';
import { formatPeriod, periodParam } from '../statistics/tertial';
import { suppressionText } from '../statistics/stat-table';

/** A breakdown with more rows than this is shown as its table alone: the bars would be unreadable. */
const MAX_CHART_ROWS = 12;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:statistics');
  const url = new URL(request.url);
  // An employer's statistics are their organisation's partner page.
  if (user.role === 'employer' && user.organizationId) {
    const period = url.searchParams.get('period');
    return redirect(`/statistik/organisation/${user.organizationId}${period ? `?${new URLSearchParams({ period })}` : ''}`);
  }
  const db = getDb();
  const today = todayInStockholm();
  const req = await resolveStatisticsRequest(db, user, url, today);
  if (req.scope.level === 'organization') return redirect(`/statistik/organisation/${req.scope.id}?${new URLSearchParams({ period: periodParam(req.period) })}`);
  const [cards, breakdown] = await Promise.all([
    indicatorCards(db, req.scope, req.period.year, { factsVersion: req.refreshedAt, today, threshold: req.threshold, withGroups: req.withGroups }),
    breakdownTable(db, req.scope, req.period, req.indicator, req.dimension, { factsVersion: req.refreshedAt, threshold: req.threshold, href: drillHref(user, req.dimension, req.period) }),
  ]);
  return json({
    scope: req.scope,
    scopeName: req.scopeName,
    trail: req.trail,
    period: req.period,
    periodValue: periodParam(req.period),
    query: req.query.toString(),
    indicator: req.indicator,
    dimension: req.dimension,
    threshold: req.threshold,
    refreshedAt: req.refreshedAt,
    cards,
    breakdown,
    years: req.years,
    choosable: indicators.filter((d) => appliesTo(d, req.scope)).map((d) => ({ id: d.id, label: d.label, dimensions: d.dimensions })),
  });
}

export default function StatisticsDashboard() {
  const data = useLoaderData<typeof loader>();
  const { scope, period, threshold } = data;
  const exportHref = exportLinks(data.query);
  const chosen = data.choosable.find((c) => c.id === data.indicator);
  const dimensionChoices = (chosen?.dimensions ?? []).filter((d) => d !== scope.level && !(scope.level === 'jobbtorg' && d === 'cluster'));
  const scopeFields = (
    <>
      {scope.level === 'cluster' ? <input type="hidden" name="kluster" value={scope.id} /> : null}
      {scope.level === 'jobbtorg' ? <input type="hidden" name="jobbtorg" value={scope.id} /> : null}
    </>
  );
  return (
    <>
      <h1>Statistik: {data.scopeName}</h1>
      <ScopeTrail trail={data.trail} />
      <p>
        Placeringsstatistik för partnerskapen, {formatPeriod(period)}. Allt redovisas per tertial (T1 januari–april, T2 maj–augusti, T3
        september–december) och könsuppdelat. {suppressionText(threshold)}
      </p>
      <p className="muted">
        Uppdaterad {data.refreshedAt ? new Date(data.refreshedAt).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }) : 'aldrig'}. Siffrorna
        räknas om automatiskt när underlaget ändras.
      </p>
      <Form method="get" className="filters no-print">
        {scopeFields}
        <PeriodSelect years={data.years} value={data.periodValue} />
        <button type="submit">Visa</button>
        <Link to={`/statistik/rapport?${data.query}`}>Tertialrapport {formatPeriod(period)} (utskrift)</Link>
      </Form>

      <section aria-labelledby="h-breakdown" className="card indicator-card">
        <h2 id="h-breakdown">Fördelning och fördjupning</h2>
        <p>Välj ett mått och hur det ska delas upp. Klicka på ett kluster, ett Jobbtorg eller en organisation för att gå vidare.</p>
        <Form method="get" className="filters no-print">
          {scopeFields}
          <input type="hidden" name="period" value={data.periodValue} />
          <div className="field">
            <label htmlFor="indikator">Mått</label>
            <select id="indikator" name="indikator" defaultValue={data.indicator}>
              {data.choosable.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="dimension">Uppdelning</label>
            <select id="dimension" name="dimension" defaultValue={data.dimension}>
              {dimensionChoices.map((d) => (
                <option key={d} value={d}>
                  {dimensionLabels[d]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Visa uppdelning</button>
        </Form>
        {data.breakdown.rows.length <= MAX_CHART_ROWS + 1 ? <BarChart table={data.breakdown} /> : null}
        <StatTableView table={data.breakdown} threshold={threshold} exportHref={exportHref(data.breakdown.id)} />
        <p className="muted">{indicatorById[data.indicator].once ?? ''}</p>
      </section>

      <h2>Måtten {period.year}</h2>
      {data.cards.map((card) => (
        <IndicatorCardView key={card.id} card={card} threshold={threshold} exportHref={exportHref} />
      ))}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Statistik – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
