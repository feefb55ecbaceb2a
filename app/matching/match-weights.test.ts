import { describe, expect, it } from 'vitest';
import { defaultMatchWeights, matchWeightsSchema, weightFields, weightKeys, weightsFromStored } from './match-weights';

/** The admin's form as the browser posts it: every value a string. */
function form(changes: Record<string, string | undefined> = {}) {
  const values: Record<string, string | undefined> = {
    ...Object.fromEntries(Object.entries(defaultMatchWeights).map(([k, v]) => [k, String(v)])),
    note: 'Mer vikt åt närhet till arbetsplatsen',
    ...changes,
  };
  for (const [k, v] of Object.entries(values)) if (v === undefined) delete values[k];
  return values;
}

/** Field → messages, from a failed parse. */
function errorsOf(input: unknown) {
  const result = matchWeightsSchema.safeParse(input);
  expect(result.success).toBe(false);
  const errors: Record<string, string[]> = {};
  for (const issue of result.error!.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  return errors;
}

describe('the weights form', () => {
  it('has a Swedish label and a maximum for every weight, and defaults within them', () => {
    expect(weightKeys).toHaveLength(14);
    for (const k of weightKeys) {
      expect(weightFields[k].label.length).toBeGreaterThan(3);
      expect(defaultMatchWeights[k]).toBeGreaterThanOrEqual(0);
      expect(defaultMatchWeights[k]).toBeLessThanOrEqual(weightFields[k].max);
    }
  });

  it('accepts the defaults as form strings, with a note, and returns numbers', () => {
    const result = matchWeightsSchema.safeParse(form({ note: '  Version 2: mer vikt åt språk  ' }));
    expect(result.success).toBe(true);
    expect(result.data).toEqual({ ...defaultMatchWeights, note: 'Version 2: mer vikt åt språk' });
  });

  it('accepts numbers, surrounding spaces, zero, the maximum and equal ordered weights', () => {
    expect(matchWeightsSchema.safeParse({ ...defaultMatchWeights, note: 'Som tal' }).success).toBe(true);
    const result = matchWeightsSchema.safeParse(form({ occupation4: ' 100 ', occupation3: '20', occupation1: '0', sameDistrict: '10', sameCluster: '10', experiencePerYear: '20' }));
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ occupation4: 100, occupation1: 0, sameDistrict: 10, sameCluster: 10, experiencePerYear: 20 });
  });

  it.each([
    ['an empty value', { sameCluster: '' }, 'sameCluster', 'Ange ett värde för ”Samma kluster”'],
    ['only spaces', { availability: '   ' }, 'availability', 'Ange ett värde för ”Kan arbeta platsens timmar”'],
    ['a missing field', { occupation4: undefined }, 'occupation4', 'Ange samma yrke (4 siffror)'],
    ['a decimal comma', { languagePerMatch: '2,5' }, 'languagePerMatch', 'Ange ett heltal'],
    ['a decimal point', { languagePerMatch: '2.5' }, 'languagePerMatch', 'Ange ett heltal'],
    ['letters', { swedishMeets: 'fem' }, 'swedishMeets', 'Ange ett heltal'],
    ['a negative value', { occupation1: '-1' }, 'occupation1', 'Värdet får inte vara negativt'],
    ['above the maximum of 100', { occupation4: '101' }, 'occupation4', 'Värdet får vara högst 100'],
    ['above the maximum of 20', { experiencePerYear: '21' }, 'experiencePerYear', 'Värdet får vara högst 20'],
    ['above the maximum of 10', { languageMaxMatches: '11' }, 'languageMaxMatches', 'Värdet får vara högst 10'],
    ['occupation 3 above occupation 4', { occupation3: '31' }, 'occupation3', 'Får inte vara högre än ”Samma yrke (4 siffror)”'],
    ['occupation 2 above occupation 3', { occupation2: '21' }, 'occupation2', 'Får inte vara högre än ”Samma yrkesgrupp (3 siffror)”'],
    ['occupation 1 above occupation 2', { occupation1: '13' }, 'occupation1', 'Får inte vara högre än ”Samma huvudgrupp (2 siffror)”'],
    ['the cluster above the district', { sameCluster: '16' }, 'sameCluster', 'Får inte vara högre än ”Samma stadsdelsområde”'],
    ['no note', { note: undefined }, 'note', 'Beskriv varför vikterna ändras'],
    ['an empty note', { note: '  ' }, 'note', 'Beskriv varför vikterna ändras'],
    ['a note of 501 characters', { note: 'x'.repeat(501) }, 'note', 'Högst 500 tecken'],
  ])('refuses %s, in Swedish, on its field', (_what, changes, field, message) => {
    expect(errorsOf(form(changes))).toEqual({ [field]: [message] });
  });

  it('returns every error at once, not only the first', () => {
    const errors = errorsOf(
      form({
        occupation1: '-1',
        languagePerMatch: '2,5',
        availability: '',
        experienceMaxYears: '41',
        occupation4: '10', // below occupation3 (20): the order error lands on occupation3
        sameCluster: '20', // above sameDistrict (15)
        note: undefined,
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(['availability', 'experienceMaxYears', 'languagePerMatch', 'note', 'occupation1', 'occupation3', 'sameCluster']);
    expect(errors.occupation1).toEqual(['Värdet får inte vara negativt']);
    expect(errors.occupation3).toEqual(['Får inte vara högre än ”Samma yrke (4 siffror)”']);
    expect(errors.sameCluster).toEqual(['Får inte vara högre än ”Samma stadsdelsområde”']);
  });

  it('reports each broken order of a chain', () => {
    const errors = errorsOf(form({ occupation4: '5', occupation3: '10', occupation2: '15', occupation1: '20' }));
    expect(errors).toEqual({
      occupation3: ['Får inte vara högre än ”Samma yrke (4 siffror)”'],
      occupation2: ['Får inte vara högre än ”Samma yrkesgrupp (3 siffror)”'],
      occupation1: ['Får inte vara högre än ”Samma huvudgrupp (2 siffror)”'],
    });
  });

  it('does not compare a pair while one of its fields is itself invalid', () => {
    expect(errorsOf(form({ occupation4: '' }))).toEqual({ occupation4: ['Ange ett värde för ”Samma yrke (4 siffror)”'] });
    expect(errorsOf(form({ sameDistrict: '-5' }))).toEqual({ sameDistrict: ['Värdet får inte vara negativt'] });
  });
});

describe('weightsFromStored', () => {
  it('reads a complete stored version as it is', () => {
    const stored = { ...defaultMatchWeights, occupation4: 40, sameCluster: 0 };
    expect(weightsFromStored(stored)).toEqual(stored);
  });

  it('fills keys missing from an older version with the defaults', () => {
    expect(weightsFromStored({ occupation4: 44, priorityGroup: 3 })).toEqual({ ...defaultMatchWeights, occupation4: 44, priorityGroup: 3 });
  });

  it('replaces invalid values with the defaults and drops unknown keys', () => {
    const result = weightsFromStored({ occupation4: '40', occupation3: -1, occupation2: 2.5, occupation1: null, sameDistrict: Number.NaN, sameCluster: true, note: 'x', extra: 5 });
    expect(result).toEqual(defaultMatchWeights);
    expect(Object.keys(result).sort()).toEqual([...weightKeys].sort());
  });

  it.each([null, undefined, 'weights', 42, []])('takes the defaults from %o', (stored) => {
    expect(weightsFromStored(stored)).toEqual(defaultMatchWeights);
  });

  it('does not share the defaults object', () => {
    const w = weightsFromStored({});
    w.occupation4 = 99;
    expect(defaultMatchWeights.occupation4).toBe(30);
  });
});
