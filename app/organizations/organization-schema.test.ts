import { describe, expect, it } from 'vitest';
import { parseSubmission } from '../forms/submission';
import { createOrganizationSchema, normalizeOrgNumber, organizationFilterSchema } from './organization-schema';

/** Field → messages, the way the form's action reports them. */
function fieldErrors(values: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) form.append(k, v);
  const submission = parseSubmission(form, { schema: createOrganizationSchema });
  return submission.status === 'success' ? null : submission.error;
}

function parse(values: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) form.append(k, v);
  const submission = parseSubmission(form, { schema: createOrganizationSchema });
  if (submission.status !== 'success') throw new Error(JSON.stringify(submission.error));
  return submission.value;
}

const plus = {
  name: 'Gubbängens Trädgård AB',
  kind: 'integrationspakt_member',
  membershipLevel: 'plus',
  orgNumber: '556012-5790',
  partnershipSignedOn: '2025-09-01',
  partnershipTerms: 'Tre platser per termin.',
};

describe('normalizeOrgNumber', () => {
  // Real organisationsnummer whose check digits are known: AB Volvo, Stockholms kommun, Volvo Personvagnar.
  it.each([
    ['556012-5790', '556012-5790'],
    ['5560125790', '556012-5790'],
    [' 556012 5790 ', '556012-5790'],
    ['212000-0142', '212000-0142'],
    ['556074-3089', '556074-3089'],
  ])('accepts %j as %s', (input, expected) => {
    expect(normalizeOrgNumber(input)).toBe(expected);
  });

  it.each(['556012-5791', '556012-5799', '212000-0143', '556074-3088'])('rejects %s (wrong check digit)', (input) => {
    expect(normalizeOrgNumber(input)).toBeNull();
  });

  it.each(['', '556012-579', '55601257900', '16556012-5790', '55601A-5790', '556012_5790'])('rejects %j (not ten digits)', (input) => {
    expect(normalizeOrgNumber(input)).toBeNull();
  });
});

describe('createOrganizationSchema', () => {
  it('accepts a Plusmedlem and turns the partnership fields into a partnership', () => {
    expect(parse({ ...plus, orgNumber: '5560125790', jobbspar: 'Trädgårdsarbetare\n\n  Maskinförare  \n', districtId: '3' })).toEqual({
      name: 'Gubbängens Trädgård AB',
      orgNumber: '556012-5790',
      kind: 'integrationspakt_member',
      cityUnitType: null,
      membershipLevel: 'plus',
      districtId: 3,
      partnership: { signedOn: '2025-09-01', terms: 'Tre platser per termin.', jobbspar: ['Trädgårdsarbetare', 'Maskinförare'] },
    });
  });

  it('requires the partnership fields of a Plusmedlem', () => {
    expect(fieldErrors({ name: 'X AB', kind: 'integrationspakt_member', membershipLevel: 'plus', orgNumber: '556012-5790' })).toEqual({
      partnershipSignedOn: ['En Plusmedlem har ett jobbpartnerskap: ange när det undertecknades'],
      partnershipTerms: ['Beskriv kraven i jobbpartnerskapet'],
    });
  });

  it('does not ask an ordinary member for a partnership, and drops partnership fields sent anyway', () => {
    const value = parse({ ...plus, membershipLevel: 'member' });
    expect(value.partnership).toBeNull();
    expect(value.membershipLevel).toBe('member');
    expect(parse({ name: 'Y AB', kind: 'integrationspakt_member', membershipLevel: 'member', orgNumber: '556012-5790' }).partnership).toBeNull();
  });

  it('requires a membership level of an Integrationspakten member', () => {
    expect(fieldErrors({ name: 'X AB', kind: 'integrationspakt_member', orgNumber: '556012-5790' })).toEqual({ membershipLevel: ['Välj medlemsnivå'] });
  });

  it('requires a city unit type of a city unit, but no organisationsnummer', () => {
    expect(fieldErrors({ name: 'Kulturförvaltningen', kind: 'city_unit' })).toEqual({ cityUnitType: ['Välj vilken sorts enhet i staden det är'] });
    expect(parse({ name: 'Kulturförvaltningen', kind: 'city_unit', cityUnitType: 'namnd' })).toMatchObject({
      kind: 'city_unit',
      cityUnitType: 'namnd',
      membershipLevel: null,
      orgNumber: null,
      partnership: null,
    });
  });

  it('keeps only the fields that belong to the kind', () => {
    const supplier = parse({ name: 'Lev AB', kind: 'supplier', orgNumber: '556074-3089', cityUnitType: 'bolag', membershipLevel: 'plus', partnershipTerms: 'x' });
    expect(supplier).toMatchObject({ kind: 'supplier', cityUnitType: null, membershipLevel: null, partnership: null });
  });

  it('requires an organisationsnummer of members and suppliers and checks it', () => {
    expect(fieldErrors({ name: 'Lev AB', kind: 'supplier' })).toEqual({ orgNumber: ['Ange organisationsnummer'] });
    expect(fieldErrors({ name: 'Lev AB', kind: 'supplier', orgNumber: '556012-5791' })).toEqual({
      orgNumber: ['Ange ett giltigt organisationsnummer, till exempel 556677-8899'],
    });
  });

  it('returns every error at once, not just the first', () => {
    expect(fieldErrors({ name: '', kind: 'integrationspakt_member', membershipLevel: 'plus', orgNumber: '123', partnershipSignedOn: '2025-13-40' })).toEqual({
      name: ['Ange organisationens namn'],
      orgNumber: ['Ange ett giltigt organisationsnummer, till exempel 556677-8899'],
      partnershipSignedOn: ['Ange ett datum som ÅÅÅÅ-MM-DD'],
      partnershipTerms: ['Beskriv kraven i jobbpartnerskapet'],
    });
    expect(fieldErrors({ name: '', kind: 'city_unit', orgNumber: '123' })).toEqual({
      name: ['Ange organisationens namn'],
      orgNumber: ['Ange ett giltigt organisationsnummer, till exempel 556677-8899'],
      cityUnitType: ['Välj vilken sorts enhet i staden det är'],
    });
    expect(fieldErrors({})).toEqual({ name: ['Ange organisationens namn'], kind: ['Välj typ av organisation'] });
  });

  it('limits the length of the name', () => {
    expect(fieldErrors({ name: 'x'.repeat(161), kind: 'city_unit', cityUnitType: 'namnd' })).toEqual({ name: ['Högst 160 tecken'] });
  });
});

describe('organizationFilterSchema', () => {
  it('ignores values it does not understand instead of failing the page', () => {
    expect(organizationFilterSchema.parse({ kind: 'nonsense', page: '-3', districtId: 'x', q: '  vård ' })).toEqual({ q: 'vård', page: 1 });
    expect(organizationFilterSchema.parse({ kind: 'supplier', membershipLevel: 'plus', page: '2', districtId: '4' })).toEqual({
      kind: 'supplier',
      membershipLevel: 'plus',
      districtId: 4,
      page: 2,
    });
  });

  it('drops NUL and other control characters from the search word (NUL would fail the query)', () => {
    expect(organizationFilterSchema.parse({ q: ' v\0å\u0001rd\t' })).toEqual({ q: 'vård', page: 1 });
    expect(organizationFilterSchema.parse({ q: '\0' })).toEqual({ q: '', page: 1 });
  });
});
