import { describe, expect, it } from 'vitest';
import { combinedFacetValues, splitFacetCounts } from './facet-values';

describe('combined facet values', () => {
  it('prefixes every value with its attribute, once per distinct value, skipping empty ones', () => {
    expect(combinedFacetValues({ kind: 'praktik', languages: ['arabiska', 'arabiska', 'somaliska'], membershipLevel: null, hasPlan: false, title: 'x' }, ['kind', 'languages', 'membershipLevel', 'hasPlan'])).toEqual([
      'kind=praktik',
      'languages=arabiska',
      'languages=somaliska',
      'hasPlan=false',
    ]);
  });

  it('splits counts back per attribute, keeping values that contain the separator, every attribute present', () => {
    expect(splitFacetCounts({ 'kind=praktik': 3, 'organizationName=A=B AB': 2, 'unknown=x': 1, junk: 4 }, ['kind', 'organizationName', 'status'])).toEqual({
      kind: { praktik: 3 },
      organizationName: { 'A=B AB': 2 },
      status: {},
    });
  });
});
