/**
 * Progress against a target, and the gender columns every table shows. Pure: the dashboard,
 * the report and the tests share it.
 */
import type { IndicatorDefinition } from './indicators';

export type GenderBucket = 'kvinna' | 'man' | 'other';
export const genderColumns: ReadonlyArray<{ key: GenderBucket; label: string }> = [
  { key: 'kvinna', label: 'Kvinnor' },
  { key: 'man', label: 'Män' },
  { key: 'other', label: 'Annat / uppgift saknas' },
];

export function genderBucket(gender: string | null): GenderBucket {
  return gender === 'kvinna' || gender === 'man' ? gender : 'other';
}

export type ProgressStatus = 'reached' | 'on_track' | 'behind' | 'not_reached' | 'unknown';
export const progressLabels: Record<ProgressStatus, string> = {
  reached: 'Målet är nått',
  on_track: 'I fas med målet',
  behind: 'Efter målet',
  not_reached: 'Målet är inte nått',
  unknown: 'Kan inte bedömas',
};

export interface Progress {
  status: ProgressStatus;
  /** For counts: the share of the annual target reached (0–1+); for shares and averages: null. */
  ofTarget: number | null;
  /** How much of the year has passed (0–1). */
  yearShare: number;
}

/**
 * Counts (people, places, pairs) accumulate over the year: on track when the share of the target
 * reached is at least the share of the year gone. Shares and averages are compared directly
 * (an average enrolment time is better when lower).
 */
export function progressOf(def: Pick<IndicatorDefinition, 'unit' | 'lowerIsBetter'>, figure: number | null, target: number, yearShare: number): Progress {
  if (figure === null) return { status: 'unknown', ofTarget: null, yearShare };
  if (def.unit === 'share' || def.unit === 'average') {
    const reached = def.lowerIsBetter ? figure <= target : figure >= target;
    return { status: reached ? 'reached' : 'not_reached', ofTarget: null, yearShare };
  }
  const ofTarget = target > 0 ? figure / target : 1;
  if (ofTarget >= 1) return { status: 'reached', ofTarget, yearShare };
  if (yearShare >= 1) return { status: 'not_reached', ofTarget, yearShare };
  return { status: ofTarget >= yearShare ? 'on_track' : 'behind', ofTarget, yearShare };
}
