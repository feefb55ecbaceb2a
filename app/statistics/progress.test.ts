import { describe, expect, it } from 'vitest';
import { indicatorById } from './indicators';
import { genderBucket, genderColumns, progressLabels, progressOf } from './progress';

const people = indicatorById.stockholmsjobb_aspirants;
const places = indicatorById.stockholmsjobb_places;
const pairs = indicatorById.mentor_pairs;
const share = indicatorById.stockholmsjobb_outcome_3m;
const average = indicatorById.enrolment_months;
const averageYouth = indicatorById.enrolment_months_youth;

describe('progressOf: counts accumulate over the year', () => {
  it('is on track when the share of the target reached is at least the share of the year gone', () => {
    expect(progressOf(people, 400, 800, 0.5)).toEqual({ status: 'on_track', ofTarget: 0.5, yearShare: 0.5 });
    expect(progressOf(people, 401, 800, 0.5).status).toBe('on_track');
    expect(progressOf(places, 100, 250, 0.25).status).toBe('on_track');
    expect(progressOf(pairs, 0, 250, 0).status).toBe('on_track');
  });

  it('is behind when below the share of the year gone', () => {
    expect(progressOf(people, 399, 800, 0.5)).toEqual({ status: 'behind', ofTarget: 399 / 800, yearShare: 0.5 });
    expect(progressOf(pairs, 10, 250, 0.1).status).toBe('behind');
  });

  it('is reached as soon as the target is, also early in the year', () => {
    expect(progressOf(people, 800, 800, 0.1)).toEqual({ status: 'reached', ofTarget: 1, yearShare: 0.1 });
    expect(progressOf(people, 900, 800, 1).status).toBe('reached');
    expect(progressOf(people, 900, 800, 1).ofTarget).toBeCloseTo(1.125, 12);
  });

  it('is not reached when the year is over below the target', () => {
    expect(progressOf(people, 799, 800, 1)).toEqual({ status: 'not_reached', ofTarget: 799 / 800, yearShare: 1 });
  });

  it('counts a target of 0 as reached', () => {
    expect(progressOf(places, 0, 0, 0.5)).toEqual({ status: 'reached', ofTarget: 1, yearShare: 0.5 });
  });
});

describe('progressOf: shares and averages are compared directly', () => {
  it('a share reaches its target at or above it, whatever part of the year has passed', () => {
    expect(progressOf(share, 55, 55, 0.1)).toEqual({ status: 'reached', ofTarget: null, yearShare: 0.1 });
    expect(progressOf(share, 80, 55, 1).status).toBe('reached');
    expect(progressOf(share, 54.9, 55, 0.1)).toEqual({ status: 'not_reached', ofTarget: null, yearShare: 0.1 });
    expect(progressOf(share, 0, 55, 1).status).toBe('not_reached');
  });

  it('an average enrolment time is better when lower', () => {
    expect(average.lowerIsBetter).toBe(true);
    expect(averageYouth.lowerIsBetter).toBe(true);
    expect(progressOf(average, 8, 8, 0.5).status).toBe('reached');
    expect(progressOf(average, 7.9, 8, 0.5).status).toBe('reached');
    expect(progressOf(average, 8.1, 8, 0.5).status).toBe('not_reached');
    expect(progressOf(averageYouth, 5.4, 5.5, 1).status).toBe('reached');
    expect(progressOf(averageYouth, 5.6, 5.5, 1)).toEqual({ status: 'not_reached', ofTarget: null, yearShare: 1 });
    // Higher is better for a share with the same numbers.
    expect(progressOf(share, 8.1, 8, 0.5).status).toBe('reached');
  });
});

describe('progressOf: unknown', () => {
  it('cannot judge a hidden or missing figure, of any unit', () => {
    for (const def of [people, places, pairs, share, average]) {
      expect(progressOf(def, null, 100, 0.4)).toEqual({ status: 'unknown', ofTarget: null, yearShare: 0.4 });
    }
    expect(progressLabels.unknown).toBe('Kan inte bedömas');
  });
});

describe('gender columns', () => {
  it('puts women and men in their columns and everything else in the third', () => {
    expect(genderColumns.map((g) => g.key)).toEqual(['kvinna', 'man', 'other']);
    expect(genderBucket('kvinna')).toBe('kvinna');
    expect(genderBucket('man')).toBe('man');
    expect(genderBucket('annat')).toBe('other');
    expect(genderBucket('uppgift_saknas')).toBe('other');
    expect(genderBucket(null)).toBe('other');
  });
});
