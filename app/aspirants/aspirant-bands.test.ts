import { describe, expect, it } from 'vitest';
import { addMonths, ageBand, ageBandOfAge, availabilityBand, bandsChanged, enrolmentBand, monthsBetween } from './aspirant-bands';

describe('ageBandOfAge', () => {
  it.each([
    [16, '16-19'],
    [19, '16-19'],
    [20, '20-24'],
    [29, '25-29'],
    [30, '30-39'],
    [59, '50-59'],
    [60, '60+'],
  ])('%i years is %s', (age, band) => {
    expect(ageBandOfAge(age)).toBe(band);
  });
});

describe('date bands', () => {
  it('moves an aspirant to the next age band on the birthday, not the day before', () => {
    expect(ageBand('2006-03-15', '2026-03-14')).toBe('16-19');
    expect(ageBand('2006-03-15', '2026-03-15')).toBe('20-24');
  });

  it('counts whole months enrolled, until the exit for someone who left', () => {
    expect(monthsBetween('2025-01-31', '2025-02-28')).toBe(0);
    expect(monthsBetween('2025-01-15', '2025-07-15')).toBe(6);
    expect(enrolmentBand('2025-01-15', null, '2025-07-14')).toBe('0-5');
    expect(enrolmentBand('2025-01-15', null, '2025-07-15')).toBe('6-11');
    expect(enrolmentBand('2024-01-15', null, '2025-07-15')).toBe('18+');
    expect(enrolmentBand('2024-01-15', '2024-03-01', '2026-07-15')).toBe('0-5');
  });

  it('puts availability in bands relative to today', () => {
    expect(availabilityBand(null, '2026-05-01')).toBe('unknown');
    expect(availabilityBand('2026-05-01', '2026-05-01')).toBe('now');
    expect(availabilityBand('2026-05-31', '2026-05-01')).toBe('within-30');
    expect(availabilityBand('2026-06-01', '2026-05-01')).toBe('later');
  });

  it('adds months keeping the day, or the last day of a shorter month', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-01-15', 18)).toBe('2026-07-15');
  });

  it('tells which aspirants changed band between two days', () => {
    const a = { birthDate: '2006-03-15', enrolledOn: '2026-01-10', exitedOn: null, availableFrom: null };
    expect(bandsChanged(a, '2026-03-13', '2026-03-14')).toBe(false);
    expect(bandsChanged(a, '2026-03-14', '2026-03-15')).toBe(true);
    // A server down for days catches up: any change in between counts.
    expect(bandsChanged(a, '2026-03-01', '2026-07-11')).toBe(true);
  });
});
