/**
 * The match score and its explanation. Every point comes from one part, and the parts add up to
 * the score: `+30 samma yrke 5321`, `+10 samma kluster Järva`, `−15 svenska under kravnivå`.
 * Each factor only depends on its own data and never falls when that data improves (closer
 * occupation, more experience, closer workplace, more languages, better Swedish, more hours, a
 * priority group): the property tests hold that.
 *
 * Pure. The priority-group part names a sensitive fact: explanations are for coaches and admins.
 */
import {
  feriejobbInterestAreaLabels,
  praktikLevelLabels,
  stockholmsjobbSubtypeLabels,
  swedishLevelLabels,
  type FeriejobbInterestArea,
  type PraktikLevel,
  type StockholmsjobbSubtype,
} from '../openings/opening-rules';
import { swedishRank, type MatchAspirant, type MatchOpening } from './eligibility';
import type { MatchWeights } from './match-weights';

export const scoreFactors = ['occupation', 'experience', 'location', 'language', 'swedish', 'availability', 'priority'] as const;
export type ScoreFactor = (typeof scoreFactors)[number];

export interface ScorePart {
  factor: ScoreFactor;
  points: number;
  /** Swedish, without the points: "samma yrke 5321". */
  text: string;
}

export interface MatchScore {
  score: number;
  parts: ScorePart[];
}

/**
 * The target groups each subtype gives priority to. Stockholmsjobb follows DOMAIN.md (youth
 * employment for UVAS/KAA, jobbstart for extra support needs, introjobb for newcomers and those
 * with the weakest position); praktik levels their natural groups.
 */
export const priorityGroupsBySubtype: Record<string, readonly string[]> = {
  ungdomsanstallning: ['uvas', 'kaa'],
  jobbstartsanstallning: ['funktionsnedsattning', 'langtidsarbetslos'],
  arbetslagsanstallning: ['uvas', 'langtidsarbetslos'],
  introjobbsanstallning: ['nyanland', 'kvinna_svag_stallning'],
  sprak_introduktion: ['nyanland'],
  arbetstraning: ['funktionsnedsattning', 'langtidsarbetslos'],
  forsta_steg: ['langtidsarbetslos', 'kort_utbildning', 'kvinna_svag_stallning'],
  lss: ['funktionsnedsattning'],
};

function subtypeLabel(subtype: string) {
  const label =
    stockholmsjobbSubtypeLabels[subtype as StockholmsjobbSubtype] ??
    praktikLevelLabels[subtype as PraktikLevel] ??
    feriejobbInterestAreaLabels[subtype as FeriejobbInterestArea] ??
    subtype;
  return label.replace(/ \(.*\)$/, '').toLowerCase();
}

/** Digits shared from the start of two SSYK codes (0–4). */
export function sharedSsykLevel(a: string, b: string) {
  let n = 0;
  while (n < 4 && a[n] !== undefined && a[n] === b[n]) n++;
  return n;
}

const OCCUPATION_TEXT = ['', 'samma yrkesområde', 'samma huvudgrupp', 'samma yrkesgrupp', 'samma yrke'] as const;
const OCCUPATION_WEIGHT = ['', 'occupation1', 'occupation2', 'occupation3', 'occupation4'] as const;

export function scoreMatch(aspirant: MatchAspirant, opening: MatchOpening, weights: MatchWeights): MatchScore {
  const parts: ScorePart[] = [];
  const add = (factor: ScoreFactor, points: number, text: string) => {
    if (points !== 0) parts.push({ factor, points, text });
  };

  // Occupation: the closest of the aspirant's occupations in the SSYK hierarchy.
  let level = 0;
  for (const o of aspirant.occupations) level = Math.max(level, sharedSsykLevel(o.code, opening.occupationCode));
  if (level > 0) add('occupation', weights[OCCUPATION_WEIGHT[level] as keyof MatchWeights], `${OCCUPATION_TEXT[level]} ${opening.occupationCode.slice(0, level)}`);

  // Experience: years in the opening's occupation or its yrkesgrupp (3 digits), capped.
  const related = aspirant.occupations.filter((o) => sharedSsykLevel(o.code, opening.occupationCode) >= 3);
  const years = Math.min(weights.experienceMaxYears, Math.max(0, ...related.map((o) => Math.floor(o.years))));
  if (years > 0) {
    const exact = related.some((o) => o.code === opening.occupationCode && Math.floor(o.years) >= years);
    add('experience', years * weights.experiencePerYear, `${years} års erfarenhet ${exact ? `som ${opening.occupationCode}` : `inom ${opening.occupationCode.slice(0, 3)}`}`);
  }

  // Location: the same district, else the same cluster.
  if (aspirant.districtId !== null && aspirant.districtId === opening.districtId) {
    add('location', weights.sameDistrict, `samma stadsdelsområde ${opening.districtName ?? ''}`.trim());
  } else if (aspirant.clusterId !== null && aspirant.clusterId === opening.clusterId) {
    add('location', weights.sameCluster, `samma kluster ${opening.clusterName ?? ''}`.trim());
  }

  // Languages the opening asks for that the aspirant speaks.
  const spoken = new Set(aspirant.languages.map((l) => l.language.trim().toLowerCase()));
  const matched = [...new Set(opening.languages.map((l) => l.trim().toLowerCase()))].filter((l) => spoken.has(l)).sort();
  for (const language of matched.slice(0, weights.languageMaxMatches)) add('language', weights.languagePerMatch, `talar ${language}`);

  // Swedish against the level the employer asks for.
  if (opening.swedishLevel !== 'none') {
    const below = swedishRank(opening.swedishLevel) - swedishRank(aspirant.swedishLevel);
    const wanted = swedishLevelLabels[opening.swedishLevel].toLowerCase();
    if (below <= 0) add('swedish', weights.swedishMeets, `svenska på kravnivå (${wanted})`);
    else add('swedish', -below * weights.swedishPerLevelBelow, `svenska under kravnivå (${wanted})`);
  }

  // Availability: the share of the opening's weekly hours the aspirant can work.
  if (opening.hoursPerWeek !== null && opening.hoursPerWeek > 0) {
    if (aspirant.hoursPerWeek !== null) {
      const share = Math.min(1, aspirant.hoursPerWeek / opening.hoursPerWeek);
      add('availability', Math.floor(weights.availability * share), `kan arbeta ${Math.min(aspirant.hoursPerWeek, opening.hoursPerWeek)} av ${opening.hoursPerWeek} timmar i veckan`);
    } else {
      add('availability', Math.floor(weights.availability / 2), 'timmar per vecka ej angivna');
    }
  } else {
    add('availability', weights.availability, 'tillgänglig från startdagen');
  }

  // Priority of the subtype's target groups.
  const priority = priorityGroupsBySubtype[opening.subtype] ?? [];
  if (priority.some((g) => aspirant.targetGroups.includes(g))) {
    add('priority', weights.priorityGroup, `prioriterad målgrupp för ${subtypeLabel(opening.subtype)}`);
  }

  return { score: parts.reduce((sum, p) => sum + p.points, 0), parts };
}

/** "+30 samma yrke 5321", "−15 svenska under kravnivå (god)" (a true minus sign). */
export function formatPart(part: Pick<ScorePart, 'points' | 'text'>) {
  return `${part.points < 0 ? '−' : '+'}${Math.abs(part.points)} ${part.text}`;
}
