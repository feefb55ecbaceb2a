/**
 * The date-dependent facets of the aspirant search (age band, months enrolled, availability).
 * Pure: the index document, the daily band refresh and the PostgreSQL fallback all use these,
 * so a band means the same thing everywhere.
 */
import { ageOn } from './personnummer';

export const ageBands = ['16-19', '20-24', '25-29', '30-39', '40-49', '50-59', '60+'] as const;
export type AgeBand = (typeof ageBands)[number];
export const ageBandLabels: Record<AgeBand, string> = {
  '16-19': '16–19 år',
  '20-24': '20–24 år',
  '25-29': '25–29 år',
  '30-39': '30–39 år',
  '40-49': '40–49 år',
  '50-59': '50–59 år',
  '60+': '60 år eller äldre',
};

export const enrolmentBands = ['0-5', '6-11', '12-17', '18+'] as const;
export type EnrolmentBand = (typeof enrolmentBands)[number];
export const enrolmentBandLabels: Record<EnrolmentBand, string> = {
  '0-5': 'Under 6 månader',
  '6-11': '6–11 månader',
  '12-17': '12–17 månader',
  '18+': '18 månader eller mer',
};

export const availabilityBands = ['now', 'within-30', 'later', 'unknown'] as const;
export type AvailabilityBand = (typeof availabilityBands)[number];
export const availabilityBandLabels: Record<AvailabilityBand, string> = {
  now: 'Tillgänglig nu',
  'within-30': 'Inom 30 dagar',
  later: 'Senare',
  unknown: 'Ej angivet',
};

function parts(iso: string) {
  return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) };
}

/** Whole months from `from` to `to` (both YYYY-MM-DD); 0 when `to` is before `from`. */
export function monthsBetween(from: string, to: string) {
  const f = parts(from);
  const t = parts(to);
  const months = (t.y - f.y) * 12 + (t.m - f.m) - (t.d < f.d ? 1 : 0);
  return Math.max(0, months);
}

/** The band of an age in whole years (the youth statistics count 16–29). */
export function ageBandOfAge(age: number): AgeBand {
  if (age < 20) return '16-19';
  if (age < 25) return '20-24';
  if (age < 30) return '25-29';
  if (age < 40) return '30-39';
  if (age < 50) return '40-49';
  if (age < 60) return '50-59';
  return '60+';
}

export function ageBand(birthDate: string, today: string): AgeBand {
  return ageBandOfAge(ageOn(birthDate, today));
}

/** Months enrolled: until today, or until the exit for someone who has left. */
export function enrolmentBand(enrolledOn: string, exitedOn: string | null, today: string): EnrolmentBand {
  const months = monthsBetween(enrolledOn, exitedOn ?? today);
  if (months < 6) return '0-5';
  if (months < 12) return '6-11';
  if (months < 18) return '12-17';
  return '18+';
}

export function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(iso: string, months: number) {
  const { y, m, d } = parts(iso);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  // The same day of the month, or the month's last day (31 Aug + 6 months = 28/29 Feb).
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export function availabilityBand(availableFrom: string | null, today: string): AvailabilityBand {
  if (!availableFrom) return 'unknown';
  if (availableFrom <= today) return 'now';
  if (availableFrom <= addDays(today, 30)) return 'within-30';
  return 'later';
}

export interface BandInput {
  birthDate: string;
  enrolledOn: string;
  exitedOn: string | null;
  availableFrom: string | null;
}

/** All date bands of one aspirant on one day, as one comparable key. */
export function bandsOn(a: BandInput, today: string) {
  return {
    ageBand: ageBand(a.birthDate, today),
    monthsEnrolled: enrolmentBand(a.enrolledOn, a.exitedOn, today),
    availability: availabilityBand(a.availableFrom, today),
  };
}

export function bandsChanged(a: BandInput, from: string, to: string) {
  const x = bandsOn(a, from);
  const y = bandsOn(a, to);
  return x.ageBand !== y.ageBand || x.monthsEnrolled !== y.monthsEnrolled || x.availability !== y.availability;
}
