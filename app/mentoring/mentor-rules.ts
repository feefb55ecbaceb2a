/**
 * Stockholmsmentor's rules: mentor and pair statuses, the pair lifecycle, pair health and the
 * per-programme score of a mentor for an adept, with its explanation. Pure: no I/O.
 */
import { mentorProgrammes, type MentorProgramme } from '../openings/opening-rules';

export { mentorProgrammes, type MentorProgramme };

export const MENTOR_TARGET_PAIRS_PER_YEAR = 250;
/** A pair with no meeting for this many days needs follow-up (5 weeks). */
export const HEALTH_DAYS = 35;

export const mentorStatuses = ['registered', 'approved', 'inactive'] as const;
export type MentorStatus = (typeof mentorStatuses)[number];
export const mentorStatusLabels: Record<MentorStatus, string> = {
  registered: 'Registrerad (ej godkänd)',
  approved: 'Godkänd',
  inactive: 'Inaktiv',
};

export const availabilities = ['weekday_daytime', 'weekday_evening', 'weekend'] as const;
export type Availability = (typeof availabilities)[number];
export const availabilityLabels: Record<Availability, string> = {
  weekday_daytime: 'Vardagar dagtid',
  weekday_evening: 'Vardagar kvällstid',
  weekend: 'Helger',
};

export const pairStatuses = ['suggested', 'confirmed', 'active', 'ended', 'cancelled'] as const;
export type PairStatus = (typeof pairStatuses)[number];
export const pairStatusLabels: Record<PairStatus, string> = {
  suggested: 'Föreslaget',
  confirmed: 'Bekräftat',
  active: 'Aktivt',
  ended: 'Avslutat',
  cancelled: 'Avbrutet förslag',
};
/** Pairs that count against a mentor's capacity. */
export const capacityPairStatuses = ['confirmed', 'active'] as const satisfies readonly PairStatus[];

const transitions: Record<PairStatus, readonly PairStatus[]> = {
  suggested: ['confirmed', 'cancelled'],
  confirmed: ['active', 'ended'],
  active: ['ended'],
  ended: [],
  cancelled: [],
};
export function mayMovePair(from: PairStatus, to: PairStatus) {
  return transitions[from].includes(to);
}

export const pairOutcomes = ['work', 'studies', 'other'] as const;
export type PairOutcome = (typeof pairOutcomes)[number];
export const pairOutcomeLabels: Record<PairOutcome, string> = {
  work: 'Adepten fick arbete',
  studies: 'Adepten började studera',
  other: 'Annat',
};

export type PairHealth = 'on-track' | 'needs-follow-up';
export const pairHealthLabels: Record<PairHealth, string> = { 'on-track': 'På rätt spår', 'needs-follow-up': 'Behöver uppföljning' };

function dayNumber(iso: string) {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/**
 * An active pair's health on `today`: "behöver uppföljning" when no meeting is logged for 5 weeks
 * (35 days after the last meeting, or after the confirmation when none is logged), else "på rätt spår".
 */
export function pairHealth(lastMeetingOn: string | null, confirmedOn: string, today: string): PairHealth {
  const since = lastMeetingOn && lastMeetingOn > confirmedOn ? lastMeetingOn : confirmedOn;
  return dayNumber(today) - dayNumber(since) >= HEALTH_DAYS ? 'needs-follow-up' : 'on-track';
}

// ---------------------------------------------------------------------------------------------
// The score
// ---------------------------------------------------------------------------------------------

export interface ScoringMentor {
  id: string;
  gender: string;
  occupationCode: string;
  languages: readonly string[];
  programmes: readonly string[];
  availability: readonly string[];
  districtId: number | null;
  status: MentorStatus;
  /** Adepts the mentor can still take (capacity minus confirmed and active pairs). */
  freeCapacity: number;
}

export interface ScoringAdept {
  id: string;
  programme: MentorProgramme;
  goalOccupationCode: string | null;
  languages: readonly string[];
  availability: readonly string[];
  districtId: number | null;
  age: number;
  studying: boolean;
  /** The mentor's gender the adept asked for, if any. */
  preferredMentorGender: string | null;
}

export interface ScorePart {
  label: string;
  points: number;
}

/** Per programme: yrkesmentor weighs occupation, språkmentor language and time, ungdomsmentor age and studies. */
export const programmeWeights: Record<MentorProgramme, { occupation: number; language: number; availability: number; district: number; youth: number; studies: number }> = {
  yrkesmentor: { occupation: 50, language: 10, availability: 10, district: 5, youth: 0, studies: 0 },
  sprakmentor: { occupation: 10, language: 35, availability: 30, district: 10, youth: 0, studies: 0 },
  ungdomsmentor: { occupation: 20, language: 10, availability: 15, district: 10, youth: 20, studies: 15 },
};

/** Null when the mentor may be suggested for the adept, else why not (Swedish). */
export function pairRefusal(mentor: ScoringMentor, adept: ScoringAdept): string | null {
  if (mentor.status !== 'approved') return 'Mentorn är inte godkänd';
  if (!mentor.programmes.includes(adept.programme)) return 'Mentorn erbjuder inte det programmet';
  if (mentor.freeCapacity <= 0) return 'Mentorn har inga lediga platser';
  if (adept.preferredMentorGender && adept.preferredMentorGender !== mentor.gender) return 'Adepten önskar en mentor av annat kön';
  if (adept.programme === 'ungdomsmentor' && adept.age > 29) return 'Ungdomsmentor är för adepter upp till 29 år';
  return null;
}

function sharedDigits(a: string, b: string) {
  let n = 0;
  while (n < 4 && a[n] === b[n]) n++;
  return n;
}

/** The mentor's score for the adept, as parts that add up to it. Assumes pairRefusal is null. */
export function scorePair(mentor: ScoringMentor, adept: ScoringAdept): { score: number; parts: ScorePart[] } {
  const w = programmeWeights[adept.programme];
  const parts: ScorePart[] = [];
  if (adept.goalOccupationCode) {
    const digits = sharedDigits(mentor.occupationCode, adept.goalOccupationCode);
    if (digits > 0) parts.push({ label: digits === 4 ? `samma yrke ${mentor.occupationCode}` : `närliggande yrke (${digits} siffror i SSYK)`, points: Math.round((w.occupation * digits) / 4) });
  }
  const shared = adept.languages.filter((l) => mentor.languages.includes(l));
  if (shared.length) parts.push({ label: `gemensamt språk: ${shared.join(', ')}`, points: w.language });
  const times = adept.availability.filter((a) => mentor.availability.includes(a));
  if (times.length && adept.availability.length) parts.push({ label: 'kan träffas samma tider', points: Math.round((w.availability * times.length) / adept.availability.length) });
  if (mentor.districtId !== null && mentor.districtId === adept.districtId) parts.push({ label: 'samma stadsdelsområde', points: w.district });
  if (w.youth && adept.age <= 24) parts.push({ label: 'ung adept (högst 24 år)', points: w.youth });
  if (w.studies && adept.studying) parts.push({ label: 'adepten studerar', points: w.studies });
  return { score: parts.reduce((s, p) => s + p.points, 0), parts: parts.filter((p) => p.points > 0) };
}
