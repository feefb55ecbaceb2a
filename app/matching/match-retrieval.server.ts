/**
 * Candidate retrieval for matching: the hard rules as Meilisearch filters, in buckets that reach
 * the candidates most likely to score high (same occupation and place first, then wider), in one
 * multi-search request. The pool (a few hundred ids) is then read from PostgreSQL, judged by
 * checkEligibility and scored in TypeScript (matching.server.ts). When Meilisearch is down the
 * same hard rules run as SQL (databaseCandidates*), so matching keeps working, more slowly.
 * See docs/decisions/007-matching-retrieval-and-pipeline.md.
 */
import { and, desc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.server';
import { aspirants, matches, openings } from '../../db/schema';
import type { SearchHandle } from '../../search/client.server';
import { physicalIndexName } from '../../search/indexes';
import { quoteFilterValue as q } from '../../search/query.server';
import { employerVisible } from '../aspirants/employer-projection';
import {
  birthDateRange,
  dateTs,
  dayTurning,
  openingAgeWindow,
  swedishRank,
  YOUTH_MAX_AGE,
  youthSupportGroups,
  type MatchAspirant,
  type MatchOpening,
} from './eligibility';

interface Bucket {
  filter: string[];
  limit: number;
}

const list = (values: readonly (string | number)[]) => `[${values.map((v) => q(v)).join(', ')}]`;

/** The hard rules of an opening as a filter on the aspirants index (scope added by the caller). */
export function aspirantFiltersFor(opening: MatchOpening): string[] | null {
  if (opening.kind === 'mentor') return null;
  const window = openingAgeWindow(opening);
  if (window.min > window.max) return null;
  const born = birthDateRange(opening.startDate, window.min, window.max);
  const filters = [
    'consented = true',
    `birthTs >= ${dateTs(born.bornFrom)}`,
    `birthTs <= ${dateTs(born.bornTo)}`,
    `availableFromTs <= ${dateTs(opening.startDate)}`,
  ];
  if (opening.swedishRequired) filters.push(`swedishRank >= ${swedishRank(opening.swedishLevel)}`);
  if (opening.criminalRecordRequired) filters.push('criminalRecordChecked = true');
  if (opening.kind === 'stockholmsjobb') {
    const youth = birthDateRange(opening.startDate, 16, YOUTH_MAX_AGE);
    filters.push(
      `(targetGroups = "forsorjningsstod" OR (targetGroups IN ${list(youthSupportGroups)} AND birthTs >= ${dateTs(youth.bornFrom)} AND birthTs <= ${dateTs(youth.bornTo)}))`,
    );
  }
  return filters;
}

/** The hard rules of an aspirant as a filter on the openings index. */
export function openingFiltersFor(aspirant: MatchAspirant, today: string): string[] | null {
  if (aspirant.exitedOn !== null || !aspirant.consented) return null;
  const birth = dateTs(aspirant.birthDate);
  const filters = [
    'status = "published"',
    `deadlineTs >= ${dateTs(today)}`,
    'kind != "mentor"',
    `bornFromTs <= ${birth}`,
    `bornToTs >= ${birth}`,
    `swedishRequired = false OR swedishRank <= ${swedishRank(aspirant.swedishLevel)}`,
  ];
  if (aspirant.availableFrom) filters.push(`startTs >= ${dateTs(aspirant.availableFrom)}`);
  if (aspirant.criminalRecordCheckedOn === null) filters.push('criminalRecordRequired = false');
  if (!aspirant.targetGroups.includes('forsorjningsstod')) {
    if (aspirant.targetGroups.some((g) => (youthSupportGroups as readonly string[]).includes(g))) {
      // A youth with support needs: Stockholmsjobb starting before the 30th birthday.
      filters.push(`kind != "stockholmsjobb" OR startTs < ${dateTs(dayTurning(aspirant.birthDate, YOUTH_MAX_AGE + 1))}`);
    } else {
      filters.push('kind != "stockholmsjobb"');
    }
  }
  for (const p of aspirant.placements) {
    filters.push(`NOT (startTs <= ${dateTs(p.endDate)} AND endTs >= ${dateTs(p.startDate)})`);
  }
  return filters;
}

async function runBuckets(search: SearchHandle, index: 'aspirants' | 'openings', base: string[], buckets: Bucket[]) {
  const indexUid = physicalIndexName(index, search.prefix);
  const response = await search.client.multiSearch({
    queries: buckets.map((b) => ({ indexUid, q: '', filter: [...base, ...b.filter], limit: b.limit, attributesToRetrieve: ['id'] })),
  });
  const ids = new Set<string>();
  for (const result of response.results) for (const hit of result.hits) ids.add(String((hit as { id: unknown }).id));
  return [...ids];
}

/**
 * Bucket sizes: the pool is at most their sum (about 700 aspirant ids, 400 opening ids). Opening
 * documents are larger (descriptions), and Meilisearch's time grows with the hits it returns, so
 * the opening buckets are smaller; the hard rules are already filters, so most hits are eligible.
 */
const WIDE = 60;
const NEAR = 100;
const OPENING_WIDE = 35;
const OPENING_NEAR = 60;

export async function searchCandidateAspirants(search: SearchHandle, opening: MatchOpening, scope: string[]): Promise<string[]> {
  const hard = aspirantFiltersFor(opening);
  if (hard === null) return [];
  const code = opening.occupationCode;
  const place: string[][] = [];
  if (opening.districtId !== null) place.push([`districtId = ${opening.districtId}`]);
  if (opening.clusterId !== null) place.push([`clusterId = ${opening.clusterId}`]);
  const buckets: Bucket[] = [
    ...place.map((p) => ({ filter: [`ssyk4 = ${q(code)}`, ...p], limit: NEAR })),
    { filter: [`ssyk4 = ${q(code)}`], limit: NEAR },
    ...place.slice(-1).map((p) => ({ filter: [`ssyk3 = ${q(code.slice(0, 3))}`, ...p], limit: WIDE })),
    { filter: [`ssyk3 = ${q(code.slice(0, 3))}`], limit: WIDE },
    { filter: [`ssyk2 = ${q(code.slice(0, 2))}`], limit: WIDE },
    ...place.map((p) => ({ filter: p, limit: WIDE })),
    ...(opening.languages.length ? [{ filter: [`languages IN ${list(opening.languages)}`], limit: WIDE }] : []),
    { filter: [], limit: WIDE },
  ];
  return runBuckets(search, 'aspirants', [...scope, ...hard], buckets);
}

export async function searchCandidateOpenings(search: SearchHandle, aspirant: MatchAspirant, today: string): Promise<string[]> {
  const hard = openingFiltersFor(aspirant, today);
  if (hard === null) return [];
  const codes = [...new Set(aspirant.occupations.map((o) => o.code))];
  const place: string[][] = [];
  if (aspirant.districtId !== null) place.push([`districtId = ${aspirant.districtId}`]);
  if (aspirant.clusterId !== null) place.push([`clusterId = ${aspirant.clusterId}`]);
  const buckets: Bucket[] = [];
  if (codes.length) {
    const level = (n: number) => list([...new Set(codes.map((c) => c.slice(0, n)))]);
    buckets.push(
      ...place.map((p) => ({ filter: [`ssyk4 IN ${level(4)}`, ...p], limit: OPENING_NEAR })),
      { filter: [`ssyk4 IN ${level(4)}`], limit: OPENING_NEAR },
      ...place.slice(-1).map((p) => ({ filter: [`ssyk3 IN ${level(3)}`, ...p], limit: OPENING_WIDE })),
      { filter: [`ssyk3 IN ${level(3)}`], limit: OPENING_WIDE },
      { filter: [`ssyk2 IN ${level(2)}`], limit: OPENING_WIDE },
    );
  }
  const spoken = aspirant.languages.map((l) => l.language.toLowerCase());
  buckets.push(
    ...place.map((p) => ({ filter: p, limit: OPENING_WIDE })),
    ...(spoken.length ? [{ filter: [`languages IN ${list(spoken)}`], limit: OPENING_WIDE }] : []),
    { filter: [], limit: OPENING_WIDE },
  );
  return runBuckets(search, 'openings', hard, buckets);
}

// -----------------------------------------------------------------------------------------------
// The same retrieval in SQL, for when Meilisearch is unavailable
// -----------------------------------------------------------------------------------------------

const FALLBACK_POOL = 700;

/** Candidate aspirants by SQL: the coarse hard rules, the closest occupations first. */
export async function databaseCandidateAspirants(db: DbOrTx, opening: MatchOpening, scope: SQL): Promise<string[]> {
  if (opening.kind === 'mentor') return [];
  const window = openingAgeWindow(opening);
  const born = birthDateRange(opening.startDate, window.min, window.max);
  const code = opening.occupationCode;
  const closeness = sql<number>`(select coalesce(max(case
      when o->>'code' = ${code} then 4 when o->>'code' like ${`${code.slice(0, 3)}%`} then 3
      when o->>'code' like ${`${code.slice(0, 2)}%`} then 2 when o->>'code' like ${`${code.slice(0, 1)}%`} then 1 else 0 end), 0)
    from jsonb_array_elements(${aspirants.occupations}) o)`;
  const rows = await db
    .select({ id: aspirants.id })
    .from(aspirants)
    .where(
      and(
        scope,
        isNull(aspirants.exitedOn),
        employerVisible,
        gte(aspirants.birthDate, born.bornFrom),
        lte(aspirants.birthDate, born.bornTo),
        or(isNull(aspirants.availableFrom), lte(aspirants.availableFrom, opening.startDate)),
      ),
    )
    .orderBy(desc(closeness), desc(sql`${aspirants.districtId} is not distinct from ${opening.districtId}`), aspirants.id)
    .limit(FALLBACK_POOL);
  return rows.map((r) => r.id);
}

/** Candidate openings by SQL: published, deadline not passed, not a mentor slot, starting after the aspirant is available; the age window and the other rules are left to checkEligibility. */
export async function databaseCandidateOpenings(db: DbOrTx, aspirant: MatchAspirant, today: string): Promise<string[]> {
  if (aspirant.exitedOn !== null || !aspirant.consented) return [];
  const codes = [...new Set(aspirant.occupations.map((o) => o.code))];
  const closeness = codes.length
    ? sql<number>`greatest(${sql.join(
        codes.map(
          (c) => sql`case when ${openings.occupationCode} = ${c} then 4 when left(${openings.occupationCode}, 3) = ${c.slice(0, 3)} then 3
            when left(${openings.occupationCode}, 2) = ${c.slice(0, 2)} then 2 when left(${openings.occupationCode}, 1) = ${c.slice(0, 1)} then 1 else 0 end`,
        ),
        sql`, `,
      )})`
    : sql<number>`0`;
  const rows = await db
    .select({ id: openings.id })
    .from(openings)
    .where(
      and(
        eq(openings.status, 'published'),
        gte(openings.applicationDeadline, today),
        ne(openings.kind, 'mentor'),
        aspirant.availableFrom ? gte(openings.startDate, aspirant.availableFrom) : undefined,
      ),
    )
    .orderBy(desc(closeness), openings.id)
    .limit(FALLBACK_POOL);
  return rows.map((r) => r.id);
}

/** Aspirants with an active match for the opening (not suggested again), and vice versa. */
export async function activeMatchIds(db: DbOrTx, by: { openingId: string } | { aspirantId: string }) {
  const rows = await db
    .select({ openingId: matches.openingId, aspirantId: matches.aspirantId })
    .from(matches)
    .where(
      and(
        'openingId' in by ? eq(matches.openingId, by.openingId) : eq(matches.aspirantId, by.aspirantId),
        inArray(matches.status, ['proposed', 'reviewed', 'interview', 'offer', 'placed']),
      ),
    );
  return new Set(rows.map((r) => ('openingId' in by ? r.aspirantId : r.openingId)));
}
