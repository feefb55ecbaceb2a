/**
 * The partner page's figures for one organisation and period: open places, how fast proposals
 * are answered, placements by kind and gender, and outcomes three months after a placement. Read
 * from the source tables (an organisation's rows are few and indexed), protected like every table.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.server';
import { followUpOutcomeLabels, followUpOutcomes } from '../matching/match-rules';
import { openingKindLabels, openingKinds } from '../openings/opening-rules';
import { genderColumns, type GenderBucket } from './progress';
import { buildTable, emptyAggregate, type StatTable } from './stat-table';
import { formatPeriod, periodRange, type Period } from './tertial';

export interface ProposalFigures {
  received: number;
  answered: number;
  /** Median hours from proposal to the employer's first answer; null without answers. */
  medianHours: number | null;
  answeredWithinThreeDays: number;
}

export interface PartnerSummary {
  openPlaces: number;
  publishedOpenings: number;
  proposals: ProposalFigures;
  placements: StatTable;
  outcomes: StatTable;
}

type Counted = { key: string; gender: GenderBucket; n: number };

function countTable(
  id: string,
  title: string,
  rowHeader: string,
  keys: readonly string[],
  labels: Record<string, string>,
  counted: Counted[],
  threshold: number,
): StatTable {
  return buildTable({
    id,
    title,
    unit: 'people',
    rowHeader,
    columns: genderColumns.map((g) => g.label),
    rows: keys.map((key) => ({
      key,
      label: labels[key] ?? key,
      cells: genderColumns.map((g) => {
        const n = counted.filter((c) => c.key === key && c.gender === g.key).reduce((sum, c) => sum + c.n, 0);
        return { ...emptyAggregate, n };
      }),
    })),
    totals: { row: 'Totalt', column: 'Totalt' },
    threshold,
  });
}

const genderCase = (column: string) => sql.raw(`case when ${column} in ('kvinna', 'man') then ${column}::text else 'other' end`);

export async function partnerSummary(db: DbOrTx, organizationId: string, period: Period, threshold: number): Promise<PartnerSummary> {
  const { from, to } = periodRange(period);
  const [places] = await db.execute<{ open_places: number; published: number }>(sql`
    select coalesce(sum(greatest(o.places - opening_seats_in_force(o.id), 0)) filter (where o.status = 'published'), 0)::int as open_places,
      count(*) filter (where o.published_at::date between ${from} and ${to})::int as published
    from openings o
    where o.organization_id = ${organizationId}`);
  const [proposals] = await db.execute<{ received: number; answered: number; median_hours: number | null; within: number }>(sql`
    select count(*)::int as received,
      count(m.answered_at)::int as answered,
      percentile_cont(0.5) within group (order by extract(epoch from m.answered_at - m.created_at) / 3600)
        filter (where m.answered_at is not null)::float8 as median_hours,
      count(*) filter (where m.answered_at <= m.created_at + interval '3 days')::int as within
    from matches m join openings o on o.id = m.opening_id
    where o.organization_id = ${organizationId} and m.created_at::date between ${from} and ${to}`);
  const placements = await db.execute<Counted>(sql`
    select kind as key, gender, count(*)::int as n from (
      select o.kind::text as kind, ${genderCase('a.gender')} as gender
      from matches m join openings o on o.id = m.opening_id join aspirants a on a.id = m.aspirant_id
      where o.organization_id = ${organizationId} and m.status in ('placed', 'ended') and m.start_date between ${from} and ${to}
      union all
      select 'feriejobb', ${genderCase('fa.gender')}
      from feriejobb_offers fo join openings o on o.id = fo.opening_id join feriejobb_applications fa on fa.id = fo.application_id
      where o.organization_id = ${organizationId} and fo.status = 'accepted' and o.start_date between ${from} and ${to}
      union all
      select 'mentor', ${genderCase('ad.gender')}
      from mentor_pairs mp join mentors me on me.id = mp.mentor_id join adepts ad on ad.id = mp.adept_id
      where me.organization_id = ${organizationId} and mp.status in ('confirmed', 'active', 'ended') and mp.confirmed_on between ${from} and ${to}
    ) p group by 1, 2`);
  const outcomes = await db.execute<Counted>(sql`
    select f.outcome::text as key, ${genderCase('a.gender')} as gender, count(*)::int as n
    from placement_follow_ups f
      join matches m on m.id = f.match_id
      join openings o on o.id = m.opening_id
      join aspirants a on a.id = m.aspirant_id
    where o.organization_id = ${organizationId} and f.checkpoint = 3 and f.outcome is not null and f.due_on between ${from} and ${to}
    group by 1, 2`);
  const label = formatPeriod(period);
  return {
    openPlaces: places?.open_places ?? 0,
    publishedOpenings: places?.published ?? 0,
    proposals: {
      received: proposals?.received ?? 0,
      answered: proposals?.answered ?? 0,
      medianHours: proposals?.median_hours === null || proposals?.median_hours === undefined ? null : Math.round(Number(proposals.median_hours) * 10) / 10,
      answeredWithinThreeDays: proposals?.within ?? 0,
    },
    placements: countTable('partner.placeringar', `Placeringar per typ och kön, ${label}`, 'Typ av plats', openingKinds, openingKindLabels, [...placements], threshold),
    outcomes: countTable(
      'partner.utfall',
      `Utfall tre månader efter avslutad placering, per kön, ${label}`,
      'Utfall',
      followUpOutcomes,
      followUpOutcomeLabels,
      [...outcomes],
      threshold,
    ),
  };
}
