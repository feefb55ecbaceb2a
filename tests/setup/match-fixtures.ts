/**
 * MatchAspirant and MatchOpening values for the pure matching tests. As they stand the aspirant
 * (27 on the start date, on social assistance, consented, SSYK 5321) is eligible for the opening
 * (a praktik as 5321 starting 2027-06-14); each test overrides what it is about.
 */
import type { MatchAspirant, MatchOpening } from '../../app/matching/eligibility';

export const MATCH_START = '2027-06-14';

export function matchAspirant(overrides: Partial<MatchAspirant> = {}): MatchAspirant {
  return {
    id: 'asp-1',
    birthDate: '2000-03-10',
    districtId: 1,
    clusterId: 1,
    targetGroups: ['forsorjningsstod'],
    languages: [],
    swedishLevel: 'good',
    occupations: [{ code: '5321', years: 2 }],
    availableFrom: null,
    hoursPerWeek: 40,
    criminalRecordCheckedOn: null,
    exitedOn: null,
    consented: true,
    placements: [],
    ...overrides,
  };
}

export function matchOpening(overrides: Partial<MatchOpening> = {}): MatchOpening {
  return {
    id: 'opening-1',
    kind: 'praktik',
    subtype: 'arbetstraning',
    startDate: MATCH_START,
    endDate: '2027-09-30',
    ageMin: null,
    ageMax: null,
    districtId: 1,
    clusterId: 1,
    occupationCode: '5321',
    swedishLevel: 'none',
    swedishRequired: false,
    languages: [],
    criminalRecordRequired: false,
    hoursPerWeek: null,
    ...overrides,
  };
}
