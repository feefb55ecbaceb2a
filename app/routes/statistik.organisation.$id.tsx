import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { notFound, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { BarChart, exportLinks, IndicatorCardView, PeriodSelect, ScopeTrail, StatTableView } from '../components/statistics-parts';
import { todayInStockholm } from '../dates';
import { getDb } from '../services.server';
import { resolveStatisticsRequest } from '../statistics/dashboard.server';
import { partnerSummary } from '../statistics/partner.server';
import { suppressionText } from '../statistics/stat-table';
import { indicatorCards } from '../statistics/statistics.server';
import { formatPeriod, periodParam } from '../statistics/tertial';

const paramsSchema = z.object({ id: z.uuid() });

/** The partner page of one organisation: admins any, an employer only their own (scopeFor). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:statistics');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const db = getDb();
  const today = todayInStockholm();
  const url = new URL(request.url);
  url.searchParams.set('organisation', parsed.data.id);
  url.searchParams.delete('kluster');
  url.searchParams.delete('jobbtorg');
  const req = await resolveStatisticsRequest(db, user, url, today);
  if (req.scope.level !== 'organization') notFound();
  const [summary, cards] = await Promise.all([
    partnerSummary(db, req.scope.id, req.period, req.threshold),
    indicatorCards(db, req.scope, req.period.year, { factsVersion: req.refreshedAt, today, threshold: req.threshold, withGroups: req.withGroups }),
  ]);
  return json({
    id: req.scope.id,
    scopeName: req.scopeName,
    trail: req.trail,
    period: req.period,
    periodValue: periodParam(req.period),
    query: req.query.toString(),
    threshold: req.threshold,
    summary,
    cards,
    years: req.years,
  });
}

export default function PartnerPage() {
  const data = useLoaderData<typeof loader>();
  const { summary, threshold, period } = data;
  const exportHref = exportLinks(data.query);
  const p = summary.proposals;
  return (
    <>
      <h1>Partnersida: {data.scopeName}</h1>
      <ScopeTrail trail={data.trail} />
      <p>
        {formatPeriod(period)}. {suppressionText(threshold)}
      </p>
      <Form method="get" className="filters no-print">
        <PeriodSelect years={data.years} value={data.periodValue} />
        <button type="submit">Visa</button>
      </Form>
      <div className="cards">
        <section className="card" aria-labelledby="h-open">
          <h2 id="h-open">Lediga platser nu</h2>
          <p className="figure">{summary.openPlaces}</p>
          <p>{summary.publishedOpenings} platsannonser publicerade under perioden.</p>
        </section>
        <section className="card" aria-labelledby="h-proposals">
          <h2 id="h-proposals">Kandidatförslag</h2>
          <p className="figure">
            {p.answered} av {p.received}
          </p>
          <p>
            besvarade.{' '}
            {p.medianHours === null
              ? 'Inga svar under perioden.'
              : `Mediantid till svar: ${p.medianHours < 48 ? `${p.medianHours.toLocaleString('sv-SE')} timmar` : `${(Math.round(p.medianHours / 2.4) / 10).toLocaleString('sv-SE')} dagar`}; ${p.answeredWithinThreeDays} besvarade inom tre dagar.`}
          </p>
        </section>
      </div>
      <section className="card indicator-card" aria-labelledby="h-placements">
        <h2 id="h-placements">Placeringar</h2>
        <BarChart table={summary.placements} />
        <StatTableView table={summary.placements} threshold={threshold} exportHref={exportHref(summary.placements.id)} />
      </section>
      <section className="card indicator-card" aria-labelledby="h-outcomes">
        <h2 id="h-outcomes">Utfall efter placering</h2>
        <StatTableView table={summary.outcomes} threshold={threshold} exportHref={exportHref(summary.outcomes.id)} />
      </section>
      <h2>Måtten {period.year}</h2>
      {data.cards.map((card) => (
        <IndicatorCardView key={card.id} card={card} threshold={threshold} exportHref={exportHref} />
      ))}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Partnersida – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
