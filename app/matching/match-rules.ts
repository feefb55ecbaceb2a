/**
 * The placement pipeline: statuses, the allowed transitions, who may take each one, and the
 * reasons offered. Pure; the service and the database trigger (migration 0006) enforce the same
 * table.
 */
export const matchStatuses = ['proposed', 'reviewed', 'interview', 'offer', 'placed', 'ended', 'declined', 'withdrawn'] as const;
export type MatchStatus = (typeof matchStatuses)[number];

export const matchStatusLabels: Record<MatchStatus, string> = {
  proposed: 'Föreslagen',
  reviewed: 'Intresse från arbetsgivaren',
  interview: 'Intervju bokad',
  offer: 'Erbjudande',
  placed: 'Placerad',
  ended: 'Avslutad',
  declined: 'Nej från arbetsgivaren',
  withdrawn: 'Återtagen',
};

/** Statuses that hold the aspirant and the opening (one active match per pair). */
export const activeMatchStatuses = ['proposed', 'reviewed', 'interview', 'offer', 'placed'] as const satisfies readonly MatchStatus[];
export function isActiveMatch(status: MatchStatus) {
  return (activeMatchStatuses as readonly MatchStatus[]).includes(status);
}

export const matchTransitions: Record<MatchStatus, readonly MatchStatus[]> = {
  proposed: ['reviewed', 'declined', 'withdrawn'],
  reviewed: ['interview', 'declined', 'withdrawn'],
  interview: ['offer', 'declined', 'withdrawn'],
  offer: ['placed', 'declined', 'withdrawn'],
  placed: ['ended'],
  ended: [],
  declined: [],
  withdrawn: [],
};

export function canMoveMatch(from: MatchStatus, to: MatchStatus) {
  return matchTransitions[from].includes(to);
}

export type MatchActor = 'employer' | 'coach';

/**
 * Who records each step: the employer answers (interest, interview, offer, no); the coach records
 * the placement, its end, an offer told by phone, and withdraws a proposal.
 */
export const transitionActors: Record<Exclude<MatchStatus, 'proposed'>, readonly MatchActor[]> = {
  reviewed: ['employer'],
  interview: ['employer'],
  offer: ['employer', 'coach'],
  placed: ['coach'],
  ended: ['coach'],
  declined: ['employer'],
  withdrawn: ['coach'],
};

export function mayMoveMatch(actor: MatchActor, from: MatchStatus, to: MatchStatus) {
  return to !== 'proposed' && canMoveMatch(from, to) && transitionActors[to].includes(actor);
}

export const declineReasons = ['kompetens', 'sprak', 'tillsatt', 'passar_inte', 'annat'] as const;
export const declineReasonLabels: Record<(typeof declineReasons)[number], string> = {
  kompetens: 'Kompetensen passar inte platsen',
  sprak: 'Språkkraven uppfylls inte',
  tillsatt: 'Platsen är redan tillsatt',
  passar_inte: 'Vi kan inte ta emot just nu',
  annat: 'Annat skäl',
};

export const withdrawReasons = ['aspirant_avstar', 'annan_plats', 'arbete', 'studier', 'halsa', 'annat'] as const;
export const withdrawReasonLabels: Record<(typeof withdrawReasons)[number], string> = {
  aspirant_avstar: 'Aspiranten avstår',
  annan_plats: 'Aspiranten har fått en annan plats',
  arbete: 'Aspiranten har fått arbete',
  studier: 'Aspiranten har börjat studera',
  halsa: 'Hälsoskäl',
  annat: 'Annat skäl',
};

export const endReasons = ['enligt_plan', 'arbete', 'studier', 'avbruten', 'annat'] as const;
export type EndReason = (typeof endReasons)[number];
export const endReasonLabels: Record<EndReason, string> = {
  enligt_plan: 'Avslutad enligt plan',
  arbete: 'Fick arbete',
  studier: 'Började studera',
  avbruten: 'Avbruten i förtid',
  annat: 'Annat',
};

/** Follow-up checkpoints after a placement ends, in months. */
export const followUpCheckpoints = [3, 6] as const;
export type FollowUpCheckpoint = (typeof followUpCheckpoints)[number];

export const followUpOutcomes = ['arbete', 'studier', 'varken', 'okant'] as const;
export type FollowUpOutcome = (typeof followUpOutcomes)[number];
export const followUpOutcomeLabels: Record<FollowUpOutcome, string> = {
  arbete: 'Arbetar',
  studier: 'Studerar',
  varken: 'Varken arbetar eller studerar',
  okant: 'Okänt',
};

/**
 * Work through partnership: the person works at an organisation that, on the day the outcome is
 * recorded, is a Plusmedlem or has a jobbpartnerskap in force.
 */
export function isWorkThroughPartnership(
  outcome: FollowUpOutcome,
  employer: { membershipLevel: 'member' | 'plus' | null; hasPartnership: boolean } | null,
) {
  return outcome === 'arbete' && employer !== null && (employer.membershipLevel === 'plus' || employer.hasPartnership);
}

/** The coach's list of matches: which part of the pipeline to show. */
export const matchListFilters = ['active', 'placed', 'closed', 'all'] as const;
export type MatchListFilter = (typeof matchListFilters)[number];
