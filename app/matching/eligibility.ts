/**
 * The hard rules of matching: whether an aspirant may be proposed for an opening at all, and if
 * not, which rules fail, each with a Swedish reason. Pure; the suggestion service applies the same
 * rules as Meilisearch filters (search/match-filters.ts) and then checks every candidate here.
 *
 * The reasons name sensitive facts (target groups): they are for coaches and admins only.
 */
import { ageOn } from '../aspirants/personnummer';
import {
  ageWindow,
  openingKindLabels,
  stockholmsjobbSubtypeLabels,
  swedishLevels,
  type OpeningKind,
  type StockholmsjobbSubtype,
  type SwedishLevel,
} from '../openings/opening-rules';

export interface MatchAspirant {
  id: string;
  birthDate: string;
  districtId: number | null;
  clusterId: number | null;
  targetGroups: readonly string[];
  languages: ReadonlyArray<{ language: string; level: string }>;
  swedishLevel: SwedishLevel;
  occupations: ReadonlyArray<{ code: string; years: number }>;
  availableFrom: string | null;
  hoursPerWeek: number | null;
  /** The day the coach noted a criminal-record extract (belastningsregisterutdrag); null if none. */
  criminalRecordCheckedOn: string | null;
  exitedOn: string | null;
  /** Consent to share a profile summary with employers is given and not withdrawn. */
  consented: boolean;
  /** Placements in force (status placed), for the overlap rule. */
  placements: ReadonlyArray<{ openingId: string; startDate: string; endDate: string }>;
}

export interface MatchOpening {
  id: string;
  kind: OpeningKind;
  subtype: string;
  startDate: string;
  endDate: string;
  ageMin: number | null;
  ageMax: number | null;
  districtId: number | null;
  clusterId: number | null;
  /** Names for the explanation ("samma kluster Järva"); the rules use only the ids. */
  districtName?: string | null;
  clusterName?: string | null;
  occupationCode: string;
  swedishLevel: SwedishLevel;
  swedishRequired: boolean;
  languages: readonly string[];
  criminalRecordRequired: boolean;
  /** Stockholmsjobb hours per week; null when the kind has none. */
  hoursPerWeek: number | null;
}

export const eligibilityRules = ['kind', 'enrolled', 'consent', 'age', 'target_group', 'availability', 'overlap', 'swedish', 'criminal_record'] as const;
export type EligibilityRule = (typeof eligibilityRules)[number];

export const eligibilityRuleLabels: Record<EligibilityRule, string> = {
  kind: 'Typ av plats',
  enrolled: 'Inskriven',
  consent: 'Samtycke',
  age: 'Ålder på startdagen',
  target_group: 'Målgrupp',
  availability: 'Tillgänglighet',
  overlap: 'Ingen annan placering samtidigt',
  swedish: 'Svenska',
  criminal_record: 'Utdrag ur belastningsregistret',
};

export interface RuleFailure {
  rule: EligibilityRule;
  reason: string;
}

export interface Eligibility {
  eligible: boolean;
  failures: RuleFailure[];
}

/** The age window of an opening: its own, narrowed to what its kind and subtype allow. */
export function openingAgeWindow(opening: Pick<MatchOpening, 'kind' | 'subtype' | 'ageMin' | 'ageMax'>) {
  const allowed = ageWindow(opening.kind, opening.subtype);
  return {
    min: Math.max(allowed.min, opening.ageMin ?? allowed.min),
    max: Math.min(allowed.max, opening.ageMax ?? allowed.max),
  };
}

export function swedishRank(level: SwedishLevel) {
  return swedishLevels.indexOf(level);
}

/** Target groups that mark a youth (16–29) as needing special support for a Stockholmsjobb. */
export const youthSupportGroups = ['kaa', 'uvas', 'funktionsnedsattning', 'kort_utbildning', 'langtidsarbetslos', 'nyanland', 'kvinna_svag_stallning'] as const;
export const YOUTH_MAX_AGE = 29;

/** Stockholmsjobb: on social assistance, or a youth 16–29 with support needs (DOMAIN.md). */
export function inStockholmsjobbTargetGroup(targetGroups: readonly string[], ageOnStart: number) {
  if (targetGroups.includes('forsorjningsstod')) return true;
  return ageOnStart >= 16 && ageOnStart <= YOUTH_MAX_AGE && targetGroups.some((g) => (youthSupportGroups as readonly string[]).includes(g));
}

/** Two date periods (inclusive ISO dates) share at least one day. */
export function periodsOverlap(a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }) {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}

/** "minst 16 år" for an open-ended window, unless the person is above it. */
const ageWindowText = (min: number, max: number, age: number) => (max >= 67 && age < min ? `minst ${min} år` : `${min}–${max} år`);

export function checkEligibility(aspirant: MatchAspirant, opening: MatchOpening): Eligibility {
  const failures: RuleFailure[] = [];
  const fail = (rule: EligibilityRule, reason: string) => failures.push({ rule, reason });

  if (opening.kind === 'mentor') {
    fail('kind', 'Mentorskap matchas i Stockholmsmentor, inte här.');
  }
  if (aspirant.exitedOn !== null) {
    fail('enrolled', `Aspiranten skrevs ut ${aspirant.exitedOn}.`);
  }
  if (!aspirant.consented) {
    fail('consent', 'Aspiranten har inte samtyckt till att arbetsgivare får se en sammanfattning av profilen.');
  }
  const age = ageOn(aspirant.birthDate, opening.startDate);
  const window = openingAgeWindow(opening);
  if (age < window.min || age > window.max) {
    const what =
      opening.kind === 'stockholmsjobb' && opening.subtype in stockholmsjobbSubtypeLabels
        ? stockholmsjobbSubtypeLabels[opening.subtype as StockholmsjobbSubtype].replace(/ \(.*\)$/, '').toLowerCase()
        : `platsen (${openingKindLabels[opening.kind].toLowerCase()})`;
    fail('age', `Är ${age} år på startdagen ${opening.startDate}; ${what} kräver ${ageWindowText(window.min, window.max, age)}.`);
  }
  if (opening.kind === 'stockholmsjobb' && !inStockholmsjobbTargetGroup(aspirant.targetGroups, age)) {
    fail('target_group', 'Stockholmsjobb är för personer med försörjningsstöd eller unga 16–29 år med behov av särskilt stöd.');
  }
  if (aspirant.availableFrom !== null && aspirant.availableFrom > opening.startDate) {
    fail('availability', `Tillgänglig först ${aspirant.availableFrom}; platsen börjar ${opening.startDate}.`);
  }
  const clash = aspirant.placements.find((p) => periodsOverlap(p, opening));
  if (clash) {
    fail('overlap', `Har redan en placering ${clash.startDate}–${clash.endDate} som överlappar platsens period.`);
  }
  if (opening.swedishRequired && swedishRank(aspirant.swedishLevel) < swedishRank(opening.swedishLevel)) {
    fail('swedish', 'Svenska under den nivå som arbetsgivaren kräver.');
  }
  if (opening.criminalRecordRequired && aspirant.criminalRecordCheckedOn === null) {
    fail('criminal_record', 'Platsen kräver utdrag ur belastningsregistret och inget utdrag är noterat.');
  }
  return { eligible: failures.length === 0, failures };
}

/** Seconds since the epoch at UTC midnight of an ISO date: how dates are stored in the search indexes. */
export function dateTs(iso: string) {
  return Date.parse(`${iso}T00:00:00Z`) / 1000;
}

function isLeap(year: number) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `year` with the month and day of `iso`; 29 February becomes the 28th in a common year. */
function sameDayIn(year: number, iso: string) {
  const md = iso.slice(5);
  return `${String(year).padStart(4, '0')}-${md === '02-29' && !isLeap(year) ? '02-28' : md}`;
}

/**
 * The birth dates (inclusive) of everyone whose age on `onDate` lies in [minAge, maxAge]: the same
 * rule as ageOn, as a range the search index can filter on.
 */
export function birthDateRange(onDate: string, minAge: number, maxAge: number) {
  const year = Number(onDate.slice(0, 4));
  const bornTo = sameDayIn(year - minAge, onDate);
  // Older than maxAge from the day after the (maxAge + 1)th birthday on or before onDate.
  const limit = sameDayIn(year - maxAge - 1, onDate);
  const next = new Date(Date.parse(`${limit}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { bornFrom: next, bornTo };
}

/** The day someone born on `birthDate` turns `age` (ageOn's rule: 29 February → 1 March in common years). */
export function dayTurning(birthDate: string, age: number) {
  const year = Number(birthDate.slice(0, 4)) + age;
  const md = birthDate.slice(5);
  return `${String(year).padStart(4, '0')}-${md === '02-29' && !isLeap(year) ? '03-01' : md}`;
}
