import { describe, expect, it } from 'vitest';
import {
  activeMatchStatuses,
  canMoveMatch,
  isActiveMatch,
  isWorkThroughPartnership,
  matchStatuses,
  matchStatusLabels,
  mayMoveMatch,
  type MatchActor,
  type MatchStatus,
} from './match-rules';

/** The pipeline as the domain describes it, written out independently of matchTransitions. */
const allowed = new Set([
  'proposed→reviewed',
  'proposed→declined',
  'proposed→withdrawn',
  'reviewed→interview',
  'reviewed→declined',
  'reviewed→withdrawn',
  'interview→offer',
  'interview→declined',
  'interview→withdrawn',
  'offer→placed',
  'offer→declined',
  'offer→withdrawn',
  'placed→ended',
]);

/** Who records arriving in each status. */
const actorsOf: Record<MatchStatus, MatchActor[]> = {
  proposed: [],
  reviewed: ['employer'],
  interview: ['employer'],
  offer: ['employer', 'coach'],
  placed: ['coach'],
  ended: ['coach'],
  declined: ['employer'],
  withdrawn: ['coach'],
};

const pairs = matchStatuses.flatMap((from) => matchStatuses.map((to) => [from, to] as const));

describe('the placement pipeline', () => {
  it('has the eight statuses, each with a Swedish label', () => {
    expect([...matchStatuses].sort()).toEqual(['declined', 'ended', 'interview', 'offer', 'placed', 'proposed', 'reviewed', 'withdrawn']);
    for (const s of matchStatuses) expect(matchStatusLabels[s].length).toBeGreaterThan(3);
  });

  it.each(pairs)('%s → %s is allowed exactly when the table says so', (from, to) => {
    expect(canMoveMatch(from, to)).toBe(allowed.has(`${from}→${to}`));
  });

  it('allows 13 moves in all', () => {
    expect(pairs.filter(([from, to]) => canMoveMatch(from, to))).toHaveLength(13);
  });

  it('never moves back to proposed, nor stays where it is', () => {
    for (const from of matchStatuses) {
      expect(canMoveMatch(from, 'proposed')).toBe(false);
      expect(canMoveMatch(from, from)).toBe(false);
      for (const actor of ['employer', 'coach'] as const) expect(mayMoveMatch(actor, from, 'proposed')).toBe(false);
    }
  });

  it('has no way out of ended, declined or withdrawn', () => {
    for (const from of ['ended', 'declined', 'withdrawn'] as const) {
      for (const to of matchStatuses) {
        expect(canMoveMatch(from, to)).toBe(false);
        expect(mayMoveMatch('coach', from, to)).toBe(false);
        expect(mayMoveMatch('employer', from, to)).toBe(false);
      }
    }
  });

  it('only lets a placement end', () => {
    expect(matchStatuses.filter((to) => canMoveMatch('placed', to))).toEqual(['ended']);
  });

  it('holds the pair while the match is active', () => {
    expect([...activeMatchStatuses]).toEqual(['proposed', 'reviewed', 'interview', 'offer', 'placed']);
    expect(matchStatuses.filter(isActiveMatch)).toEqual(['proposed', 'reviewed', 'interview', 'offer', 'placed']);
  });
});

describe('who may move a match', () => {
  it.each(pairs.flatMap(([from, to]) => (['employer', 'coach'] as const).map((actor) => [actor, from, to] as const)))('%s: %s → %s', (actor, from, to) => {
    expect(mayMoveMatch(actor, from, to)).toBe(allowed.has(`${from}→${to}`) && actorsOf[to].includes(actor));
  });

  it('lets the employer answer: interest, interview, offer, no', () => {
    expect(mayMoveMatch('employer', 'proposed', 'reviewed')).toBe(true);
    expect(mayMoveMatch('employer', 'reviewed', 'interview')).toBe(true);
    expect(mayMoveMatch('employer', 'interview', 'offer')).toBe(true);
    for (const from of ['proposed', 'reviewed', 'interview', 'offer'] as const) expect(mayMoveMatch('employer', from, 'declined')).toBe(true);
    expect(mayMoveMatch('employer', 'offer', 'placed')).toBe(false);
    expect(mayMoveMatch('employer', 'placed', 'ended')).toBe(false);
    expect(mayMoveMatch('employer', 'proposed', 'withdrawn')).toBe(false);
  });

  it('lets the coach record an offer, the placement, its end, and withdraw', () => {
    expect(mayMoveMatch('coach', 'interview', 'offer')).toBe(true);
    expect(mayMoveMatch('coach', 'offer', 'placed')).toBe(true);
    expect(mayMoveMatch('coach', 'placed', 'ended')).toBe(true);
    for (const from of ['proposed', 'reviewed', 'interview', 'offer'] as const) expect(mayMoveMatch('coach', from, 'withdrawn')).toBe(true);
    expect(mayMoveMatch('coach', 'proposed', 'reviewed')).toBe(false);
    expect(mayMoveMatch('coach', 'reviewed', 'interview')).toBe(false);
    expect(mayMoveMatch('coach', 'offer', 'declined')).toBe(false);
  });

  it('needs an allowed move even for the right actor', () => {
    expect(mayMoveMatch('coach', 'proposed', 'placed')).toBe(false);
    expect(mayMoveMatch('employer', 'proposed', 'offer')).toBe(false);
    expect(mayMoveMatch('coach', 'placed', 'withdrawn')).toBe(false);
    expect(mayMoveMatch('employer', 'placed', 'declined')).toBe(false);
  });
});

describe('work through partnership', () => {
  it.each([
    ['work at a Plusmedlem', 'arbete', { membershipLevel: 'plus', hasPartnership: false }, true],
    ['work at a member with a jobbpartnerskap', 'arbete', { membershipLevel: 'member', hasPartnership: true }, true],
    ['work at a non-member with a jobbpartnerskap', 'arbete', { membershipLevel: null, hasPartnership: true }, true],
    ['work at an ordinary member', 'arbete', { membershipLevel: 'member', hasPartnership: false }, false],
    ['work at a non-member without partnership', 'arbete', { membershipLevel: null, hasPartnership: false }, false],
    ['work, employer unknown', 'arbete', null, false],
    ['studies at a Plusmedlem', 'studier', { membershipLevel: 'plus', hasPartnership: true }, false],
    ['neither', 'varken', { membershipLevel: 'plus', hasPartnership: true }, false],
    ['unknown', 'okant', { membershipLevel: 'plus', hasPartnership: false }, false],
  ] as const)('%s → %s', (_what, outcome, employer, expected) => {
    expect(isWorkThroughPartnership(outcome, employer)).toBe(expected);
  });
});
