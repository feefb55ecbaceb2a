import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elapsedShare, formatPeriod, parsePeriod, periodParam, periodRange, tertialOf, tertials, type Period, type Tertial } from './tertial';

describe('tertialOf', () => {
  it.each([
    ['2025-01-01', 1],
    ['2025-04-30', 1],
    ['2025-05-01', 2],
    ['2025-08-31', 2],
    ['2025-09-01', 3],
    ['2025-12-31', 3],
    ['2026-01-01', 1],
    ['2024-02-29', 1],
  ] as const)('%s is in T%i', (date, tertial) => {
    expect(tertialOf(date)).toBe(tertial);
  });

  it('agrees with periodRange for every day of a leap year and a common year', () => {
    for (const year of [2024, 2025]) {
      for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
        const iso = d.toISOString().slice(0, 10);
        const inRange = tertials.filter((t) => {
          const { from, to } = periodRange({ year, tertial: t });
          return from <= iso && iso <= to;
        });
        expect(inRange, iso).toEqual([tertialOf(iso)]);
      }
    }
  });
});

describe('periodRange', () => {
  it('gives the first and last day of each tertial and of the year', () => {
    expect(periodRange({ year: 2026, tertial: 1 })).toEqual({ from: '2026-01-01', to: '2026-04-30' });
    expect(periodRange({ year: 2026, tertial: 2 })).toEqual({ from: '2026-05-01', to: '2026-08-31' });
    expect(periodRange({ year: 2026, tertial: 3 })).toEqual({ from: '2026-09-01', to: '2026-12-31' });
    expect(periodRange({ year: 2026, tertial: null })).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});

describe('parsePeriod', () => {
  it('accepts a year and a tertial of a year', () => {
    expect(parsePeriod('2026')).toEqual({ year: 2026, tertial: null });
    expect(parsePeriod('2026-T2')).toEqual({ year: 2026, tertial: 2 });
    expect(parsePeriod('2026-T1')).toEqual({ year: 2026, tertial: 1 });
    expect(parsePeriod('2026-T3')).toEqual({ year: 2026, tertial: 3 });
  });

  it.each(['2026-T4', '2026-T0', '26', '', '2026-', '2026-T', '2026-t2', 'T2-2026', '20266', '2026-T22', '1999', '2101', 'abcd'])('refuses %j', (value) => {
    expect(parsePeriod(value)).toBeNull();
  });

  it('reads back what periodParam writes, and formats both kinds', () => {
    const period = fc.record({ year: fc.integer({ min: 2000, max: 2100 }), tertial: fc.constantFrom<Tertial | null>(1, 2, 3, null) });
    fc.assert(
      fc.property(period, (p: Period) => {
        expect(parsePeriod(periodParam(p))).toEqual(p);
      }),
    );
    expect(formatPeriod({ year: 2026, tertial: 2 })).toBe('T2 2026');
    expect(formatPeriod({ year: 2026, tertial: null })).toBe('Helår 2026');
  });
});

describe('elapsedShare', () => {
  const year: Period = { year: 2026, tertial: null };
  const t1Leap: Period = { year: 2024, tertial: 1 };

  it('is 0 before the period starts', () => {
    expect(elapsedShare(year, '2025-12-31')).toBe(0);
    expect(elapsedShare({ year: 2026, tertial: 2 }, '2026-04-30')).toBe(0);
  });

  it('counts the first day on the first day', () => {
    expect(elapsedShare(year, '2026-01-01')).toBeCloseTo(1 / 365, 12);
    // T1 of a leap year has 31 + 29 + 31 + 30 = 121 days.
    expect(elapsedShare(t1Leap, '2024-01-01')).toBeCloseTo(1 / 121, 12);
  });

  it('is the share of days up to and including today in the middle', () => {
    // 2 July 2026 is day 183 of 365.
    expect(elapsedShare(year, '2026-07-02')).toBeCloseTo(183 / 365, 12);
    // 29 February 2024 is day 60 of T1 2024.
    expect(elapsedShare(t1Leap, '2024-02-29')).toBeCloseTo(60 / 121, 12);
    // The day before the end: all but one day.
    expect(elapsedShare(year, '2026-12-30')).toBeCloseTo(364 / 365, 12);
  });

  it('is 1 on the last day and after', () => {
    expect(elapsedShare(year, '2026-12-31')).toBe(1);
    expect(elapsedShare(year, '2027-06-01')).toBe(1);
    expect(elapsedShare(t1Leap, '2024-04-30')).toBe(1);
  });

  it('grows with the day and stays within 0–1', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => new Date(Date.UTC(2025, 6, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const [x, y] = [elapsedShare(year, early), elapsedShare(year, late)];
        expect(x).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(1);
        expect(x).toBeLessThanOrEqual(y);
      }),
    );
  });
});
