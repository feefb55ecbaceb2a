/**
 * Matching: suggestions in both directions (top 50, with explanations), the "why not" check of
 * one pair, the proposal that starts the pipeline, and the versioned weights.
 *
 * Scope: a coach matches only their own Jobbtorg's aspirants, an admin all (aspirantScope); every
 * list of aspirants shown leaves an audit row with their ids, like a search.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.server';
import { isUniqueViolation } from '../../db/errors';
import { aspirants, jobbtorg, matchEvents, matches, matchWeightVersions, openings, users } from '../../db/schema';
import { enqueueEmail } from '../../emails/outbox.server';
import { ProposalEmail, proposalSubject } from '../../emails/match-notices';
import { aspirantScopeFilter } from '../aspirants/aspirant-search.server';
import { aspirantScope, isUuid } from '../aspirants/aspirants.server';
import { employerAspirantSummaries } from '../aspirants/employer-projection';
import { audit } from '../audit/audit-log.server';
import type { SessionUser } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { todayInStockholm } from '../dates';
import { getEnv } from '../env.server';
import { getDb, getSearch } from '../services.server';
import { checkEligibility, type Eligibility } from './eligibility';
import { loadMatchAspirants, loadMatchOpenings, type MatchAspirantRow, type MatchOpeningRow } from './match-data.server';
import {
  activeMatchIds,
  databaseCandidateAspirants,
  databaseCandidateOpenings,
  searchCandidateAspirants,
  searchCandidateOpenings,
} from './match-retrieval.server';
import type { ProposeInput } from './match-schema';
import { scoreMatch, type MatchScore } from './match-scoring';
import { weightsFromStored, type MatchWeights, type MatchWeightsInput, weightKeys } from './match-weights';

export const SUGGESTION_LIMIT = 50;

export interface CurrentWeights {
  version: number;
  weights: MatchWeights;
}

export async function currentWeights(db: DbOrTx): Promise<CurrentWeights> {
  const [row] = await db
    .select({ version: matchWeightVersions.version, weights: matchWeightVersions.weights })
    .from(matchWeightVersions)
    .orderBy(desc(matchWeightVersions.version))
    .limit(1);
  if (!row) throw new Error('match_weight_versions is empty: run the migrations');
  return { version: row.version, weights: weightsFromStored(row.weights) };
}

export async function weightHistory(user: SessionUser) {
  if (!can(user, 'manage:match-weights')) return null;
  return getDb()
    .select({
      version: matchWeightVersions.version,
      weights: matchWeightVersions.weights,
      note: matchWeightVersions.note,
      createdAt: matchWeightVersions.createdAt,
      createdBy: users.name,
    })
    .from(matchWeightVersions)
    .leftJoin(users, eq(users.id, matchWeightVersions.createdBy))
    .orderBy(desc(matchWeightVersions.version))
    .limit(50);
}

/** Adds a new weights version (admins). Earlier versions stay: stored matches refer to them. */
export async function saveWeights(user: SessionUser, input: MatchWeightsInput, ip: string) {
  if (!can(user, 'manage:match-weights')) return null;
  const weights = Object.fromEntries(weightKeys.map((k) => [k, input[k]])) as MatchWeights;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(matchWeightVersions)
      .values({ weights, note: input.note, createdBy: user.id })
      .returning({ version: matchWeightVersions.version });
    await audit(tx, { actorUserId: user.id, action: 'match.weights-changed', subjectType: 'match_weights', subjectId: String(row!.version), ip, details: { weights } });
    return row!.version;
  });
}

export interface Suggestion<T> {
  item: T;
  score: MatchScore;
}

/** The steps of a suggestion call, for a caller that times them (bench:matching). */
export type SuggestionPhase = 'read' | 'retrieve' | 'candidates' | 'judge' | 'audit';
export type PhaseTimer = (phase: SuggestionPhase) => void;

export interface SuggestionResult<T> {
  suggestions: Array<Suggestion<T>>;
  weightsVersion: number;
  source: 'search' | 'database';
  /** Candidates judged (after retrieval), for the page's "n prövade" line. */
  judged: number;
}

function rank<T extends { id: string }>(scored: Array<Suggestion<T>>) {
  return scored
    .sort((a, b) => b.score.score - a.score.score || (a.item.id < b.item.id ? -1 : 1))
    .slice(0, SUGGESTION_LIMIT);
}

async function withFallback<T>(what: string, fromSearch: () => Promise<T>, fromDatabase: () => Promise<T>): Promise<[T, 'search' | 'database']> {
  try {
    return [await fromSearch(), 'search'];
  } catch (error) {
    console.warn(`[insteg] ${what} fell back to the database: ${error instanceof Error ? error.message : String(error)}`);
    return [await fromDatabase(), 'database'];
  }
}

/**
 * The top 50 eligible aspirants for an opening, within the caller's scope, with explanations.
 * Null when the caller may not match or the opening does not exist.
 */
export async function suggestionsForOpening(
  user: SessionUser,
  openingId: string,
  ip: string | null,
  lap?: PhaseTimer,
): Promise<(SuggestionResult<MatchAspirantRow> & { opening: MatchOpeningRow }) | null> {
  const scope = aspirantScope(user);
  const searchScope = aspirantScopeFilter(user, false);
  if (scope === null || searchScope === null || !can(user, 'match:aspirants') || !isUuid(openingId)) return null;
  const db = getDb();
  const [[opening], weights] = await Promise.all([loadMatchOpenings(db, [openingId]), currentWeights(db)]);
  if (!opening || opening.status === 'draft') return null;
  lap?.('read');
  const [ids, source] = await withFallback(
    'match retrieval (aspirants)',
    () => searchCandidateAspirants(getSearch(), opening, searchScope),
    () => databaseCandidateAspirants(db, opening, scope),
  );
  lap?.('retrieve');
  const [candidates, taken] = await Promise.all([loadMatchAspirants(db, ids, scope), activeMatchIds(db, { openingId })]);
  lap?.('candidates');
  const scored = candidates
    .filter((a) => !taken.has(a.id) && checkEligibility(a, opening).eligible)
    .map((a) => ({ item: a, score: scoreMatch(a, opening, weights.weights) }));
  const suggestions = rank(scored);
  lap?.('judge');
  if (suggestions.length) {
    await audit(db, {
      actorUserId: user.id,
      action: 'aspirant.suggested',
      subjectType: 'opening',
      subjectId: openingId,
      ip,
      details: { ids: suggestions.map((s) => s.item.id) },
    });
  }
  lap?.('audit');
  return { opening, suggestions, weightsVersion: weights.version, source, judged: candidates.length };
}

/** The top 50 openings an aspirant is eligible for, with explanations. */
export async function suggestionsForAspirant(
  user: SessionUser,
  aspirantId: string,
  ip: string | null,
  lap?: PhaseTimer,
): Promise<(SuggestionResult<MatchOpeningRow> & { aspirant: MatchAspirantRow }) | null> {
  const scope = aspirantScope(user);
  if (scope === null || !can(user, 'match:aspirants') || !isUuid(aspirantId)) return null;
  const db = getDb();
  const today = todayInStockholm();
  const [[aspirant], weights] = await Promise.all([loadMatchAspirants(db, [aspirantId], scope), currentWeights(db)]);
  if (!aspirant) return null;
  lap?.('read');
  const [ids, source] = await withFallback(
    'match retrieval (openings)',
    () => searchCandidateOpenings(getSearch(), aspirant, today),
    () => databaseCandidateOpenings(db, aspirant, today),
  );
  lap?.('retrieve');
  const [candidates, taken] = await Promise.all([loadMatchOpenings(db, ids), activeMatchIds(db, { aspirantId })]);
  lap?.('candidates');
  const scored = candidates
    .filter((o) => o.status === 'published' && o.applicationDeadline >= today && o.placesTaken < o.places)
    .filter((o) => !taken.has(o.id) && checkEligibility(aspirant, o).eligible)
    .map((o) => ({ item: o, score: scoreMatch(aspirant, o, weights.weights) }));
  const suggestions = rank(scored);
  lap?.('judge');
  await audit(db, { actorUserId: user.id, action: 'aspirant.viewed', subjectType: 'aspirant', subjectId: aspirantId, ip, details: { for: 'matching' } });
  lap?.('audit');
  return { aspirant, suggestions, weightsVersion: weights.version, source, judged: candidates.length };
}

export interface PairCheck {
  aspirant: MatchAspirantRow;
  opening: MatchOpeningRow;
  eligibility: Eligibility;
  score: MatchScore;
  weightsVersion: number;
  /** Whether the opening can take a proposal now (published, deadline not passed, a place free). */
  openForProposals: { ok: boolean; reason?: string };
  activeMatchId: string | null;
}

function openingAcceptsProposals(opening: MatchOpeningRow, today: string): { ok: boolean; reason?: string } {
  if (opening.status !== 'published') return { ok: false, reason: 'Platsen är inte publicerad.' };
  if (opening.applicationDeadline < today) return { ok: false, reason: `Sista ansökningsdag var ${opening.applicationDeadline}.` };
  if (opening.placesTaken >= opening.places) return { ok: false, reason: 'Alla platser är tillsatta.' };
  return { ok: true };
}

async function checkPairIn(db: DbOrTx, user: SessionUser, openingId: string, aspirantId: string): Promise<PairCheck | null> {
  const scope = aspirantScope(user);
  if (scope === null || !can(user, 'match:aspirants') || !isUuid(openingId) || !isUuid(aspirantId)) return null;
  const [[aspirant], [opening], weights] = await Promise.all([
    loadMatchAspirants(db, [aspirantId], scope),
    loadMatchOpenings(db, [openingId]),
    currentWeights(db),
  ]);
  if (!aspirant || !opening || opening.status === 'draft') return null;
  const [active] = await db
    .select({ id: matches.id })
    .from(matches)
    .where(and(eq(matches.openingId, openingId), eq(matches.aspirantId, aspirantId), sql`${matches.status} in ('proposed','reviewed','interview','offer','placed')`));
  return {
    aspirant,
    opening,
    eligibility: checkEligibility(aspirant, opening),
    score: scoreMatch(aspirant, opening, weights.weights),
    weightsVersion: weights.version,
    openForProposals: openingAcceptsProposals(opening, todayInStockholm()),
    activeMatchId: active?.id ?? null,
  };
}

/** One pair: every hard rule with its result ("why not"), and the score with its explanation. */
export async function checkPair(user: SessionUser, openingId: string, aspirantId: string, ip: string | null): Promise<PairCheck | null> {
  const db = getDb();
  const result = await checkPairIn(db, user, openingId, aspirantId);
  if (result) {
    await audit(db, { actorUserId: user.id, action: 'aspirant.viewed', subjectType: 'aspirant', subjectId: aspirantId, ip, details: { for: 'match-check', openingId } });
  }
  return result;
}

export type ProposeResult = { ok: true; matchId: string } | { ok: false; formError: string; fieldErrors?: Record<string, string[]> };

/**
 * A coach proposes an aspirant for an opening. The rules are checked again inside the
 * transaction, with the aspirant's row locked; the score, its explanation and the weights version
 * are stored as they are now; the employer's contact person is told by e-mail (outbox).
 */
export async function propose(user: SessionUser, input: ProposeInput, ip: string): Promise<ProposeResult | null> {
  if (!can(user, 'propose:match')) return null;
  try {
    return await getDb().transaction(async (tx): Promise<ProposeResult | null> => {
      const scope = aspirantScope(user);
      if (scope === null) return null;
      const [locked] = await tx.select({ id: aspirants.id }).from(aspirants).where(and(eq(aspirants.id, input.aspirantId), scope)).for('update');
      if (!locked) return null;
      const pair = await checkPairIn(tx, user, input.openingId, input.aspirantId);
      if (!pair) return null;
      if (pair.activeMatchId) return { ok: false, formError: 'Aspiranten är redan föreslagen för den här platsen.' };
      if (!pair.openForProposals.ok) return { ok: false, formError: pair.openForProposals.reason! };
      if (!pair.eligibility.eligible) {
        return { ok: false, formError: `Aspiranten uppfyller inte kraven: ${pair.eligibility.failures.map((f) => f.reason).join(' ')}` };
      }
      const [row] = await tx
        .insert(matches)
        .values({
          openingId: input.openingId,
          aspirantId: input.aspirantId,
          score: pair.score.score,
          explanation: pair.score.parts,
          weightsVersion: pair.weightsVersion,
          proposedBy: user.id,
          message: input.message,
        })
        .returning({ id: matches.id });
      const matchId = row!.id;
      await tx.insert(matchEvents).values({ matchId, fromStatus: null, toStatus: 'proposed', actorUserId: user.id });
      await audit(tx, { actorUserId: user.id, action: 'match.proposed', subjectType: 'match', subjectId: matchId, ip, details: { ids: [input.aspirantId], openingId: input.openingId, score: pair.score.score } });
      const [summary] = await employerAspirantSummaries(tx, [input.aspirantId]);
      const [office] = await tx.select({ name: jobbtorg.name }).from(jobbtorg).where(eq(jobbtorg.id, pair.aspirant.jobbtorgId));
      await enqueueEmail(tx, {
        to: pair.opening.contactEmail,
        subject: proposalSubject(pair.opening.title),
        template: 'match-proposal',
        element: ProposalEmail({
          contactName: pair.opening.contactName,
          openingTitle: pair.opening.title,
          organizationName: pair.opening.organizationName,
          candidateName: summary?.displayName ?? 'en kandidat',
          coachName: user.name,
          jobbtorgName: office?.name ?? 'Jobbtorg Stockholm',
          message: input.message,
          url: `${getEnv().APP_URL}/arbetsgivare/forslag/${matchId}`,
        }),
      });
      return { ok: true, matchId };
    });
  } catch (error) {
    // Two coaches proposing the same pair at once: the unique index lets one through.
    if (isUniqueViolation(error, 'matches_one_active_per_pair')) return { ok: false, formError: 'Aspiranten är redan föreslagen för den här platsen.' };
    throw error;
  }
}

/** The opening's id and title if it exists and is visible to matching (for breadcrumbs). */
export async function openingTitle(id: string) {
  if (!isUuid(id)) return null;
  const [row] = await getDb().select({ id: openings.id, title: openings.title }).from(openings).where(eq(openings.id, id));
  return row ?? null;
}
