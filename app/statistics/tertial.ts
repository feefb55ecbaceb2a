/**
 * Tertials (T1 January–April, T2 May–August, T3 September–December) and reporting periods: a
 * tertial of a year, or the whole year.
 */

export type Tertial = 1 | 2 | 3;
export const tertials: readonly Tertial[] = [1, 2, 3];

export interface Period {
  year: number;
  /** Null for the whole year. */
  tertial: Tertial | null;
}

/** The tertial of a calendar date (YYYY-MM-DD). */
export function tertialOf(isoDate: string): Tertial {
  const month = Number(isoDate.slice(5, 7));
  return month <= 4 ? 1 : month <= 8 ? 2 : 3;
}

/** First and last day of a period, as calendar dates. */
export function periodRange(period: Period): { from: string; to: string } {
  const { year, tertial } = period;
  if (tertial === null) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const [fromMonth, toMonth, toDay] = tertial === 1 ? ['01', '04', '30'] : tertial === 2 ? ['05', '08', '31'] : ['09', '12', '31'];
  return { from: `${year}-${fromMonth}-01`, to: `${year}-${toMonth}-${toDay}` };
}

export function tertialLabel(tertial: Tertial): string {
  return `T${tertial}`;
}

export function tertialMonths(tertial: Tertial): string {
  return tertial === 1 ? 'januari–april' : tertial === 2 ? 'maj–augusti' : 'september–december';
}

/** "T2 2026" or "Helår 2026". */
export function formatPeriod(period: Period): string {
  return period.tertial === null ? `Helår ${period.year}` : `T${period.tertial} ${period.year}`;
}

/** "2026-T2" or "2026" (the URL form). */
export function periodParam(period: Period): string {
  return period.tertial === null ? String(period.year) : `${period.year}-T${period.tertial}`;
}

/** Parses the URL form; null when it is not a period. */
export function parsePeriod(value: string): Period | null {
  const match = /^(\d{4})(?:-T([123]))?$/.exec(value.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  return { year, tertial: match[2] ? (Number(match[2]) as Tertial) : null };
}

/** The year up to and including a tertial: "T1 2026", "T1–T2 2026", "Helår 2026" (also for null). */
export function yearThroughLabel(year: number, tertial: Tertial | null): string {
  if (tertial === null || tertial === 3) return `Helår ${year}`;
  return tertial === 1 ? `T1 ${year}` : `T1–T${tertial} ${year}`;
}

/** The years the statistics pages offer, newest first: from 2022 (the plan's first targets) to this year. */
export function reportYears(today: string): number[] {
  const current = Number(today.slice(0, 4));
  return Array.from({ length: Math.max(1, current - 2021) }, (_, i) => current - i);
}

function dayNumber(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;
}

/**
 * How much of a period has passed on a day: 0 before it starts, 1 after it ends, otherwise the
 * share of its days up to and including `today`.
 */
export function elapsedShare(period: Period, today: string): number {
  const { from, to } = periodRange(period);
  if (today < from) return 0;
  if (today >= to) return 1;
  return (dayNumber(today) - dayNumber(from) + 1) / (dayNumber(to) - dayNumber(from) + 1);
}
