import { describe, expect, it } from 'vitest';
import {
  ageWindow,
  canTransition,
  employerActions,
  isEditable,
  isPastDue,
  mayPost,
  openingKinds,
  openingStatuses,
  postingRefusal,
  type OpeningKind,
  type OpeningStatus,
  type OrganizationKind,
} from './opening-rules';

describe('who may post what', () => {
  const expected: Record<OrganizationKind, Record<OpeningKind, boolean>> = {
    city_unit: { stockholmsjobb: true, feriejobb: true, praktik: true, mentor: true },
    integrationspakt_member: { stockholmsjobb: false, feriejobb: true, praktik: true, mentor: true },
    supplier: { stockholmsjobb: false, feriejobb: true, praktik: true, mentor: false },
  };

  it.each(Object.keys(expected) as OrganizationKind[])('%s', (orgKind) => {
    const actual = Object.fromEntries(openingKinds.map((k) => [k, mayPost(orgKind, k)]));
    expect(actual).toEqual(expected[orgKind]);
  });

  it('explains a refusal in Swedish and says nothing when posting is allowed', () => {
    expect(postingRefusal('integrationspakt_member', 'stockholmsjobb')).toBe(
      'Bara stadens egna enheter (nämnder, stadsdelsförvaltningar och bolag) kan erbjuda Stockholmsjobb.',
    );
    expect(postingRefusal('supplier', 'stockholmsjobb')).toMatch(/Bara stadens egna enheter/);
    expect(postingRefusal('supplier', 'mentor')).toBe('Mentorskap kan erbjudas av medlemmar i Integrationspakten och stadens enheter.');
    expect(postingRefusal('city_unit', 'stockholmsjobb')).toBeNull();
    expect(postingRefusal('supplier', 'feriejobb')).toBeNull();
  });
});

describe('the lifecycle', () => {
  // from → the statuses it may move to (the same table as the trigger in migration 0002).
  const allowed: Record<OpeningStatus, OpeningStatus[]> = {
    draft: ['published', 'closed'],
    published: ['draft', 'paused', 'filled', 'closed', 'expired'],
    paused: ['draft', 'published', 'filled', 'closed', 'expired'],
    filled: ['published', 'closed'],
    closed: [],
    expired: [],
  };

  const pairs = openingStatuses.flatMap((from) => openingStatuses.map((to) => [from, to, allowed[from].includes(to)] as const));

  it('covers all 36 pairs of statuses', () => {
    expect(pairs).toHaveLength(36);
  });

  it.each(pairs)('%s → %s: %s', (from, to, ok) => {
    expect(canTransition(from, to)).toBe(ok);
  });

  it('closed and expired are terminal; nothing moves back to expired by hand', () => {
    for (const to of openingStatuses) {
      expect(canTransition('closed', to)).toBe(false);
      expect(canTransition('expired', to)).toBe(false);
    }
  });

  it('offers an employer only allowed moves, never to draft or expired', () => {
    for (const from of openingStatuses) {
      for (const action of employerActions[from]) {
        expect(canTransition(from, action.to), `${from} → ${action.to}`).toBe(true);
        expect(['draft', 'expired']).not.toContain(action.to);
      }
    }
    expect(employerActions.draft.map((a) => a.to)).toEqual(['published', 'closed']);
    expect(employerActions.filled.map((a) => a.to)).toEqual(['published', 'closed']);
    expect(employerActions.closed).toEqual([]);
    expect(employerActions.expired).toEqual([]);
  });

  it.each([
    ['draft', true],
    ['published', true],
    ['paused', true],
    ['filled', false],
    ['closed', false],
    ['expired', false],
  ] as const)('%s is editable: %s', (status, editable) => {
    expect(isEditable(status)).toBe(editable);
  });
});

describe('isPastDue', () => {
  const today = '2026-11-23';
  it.each<[string, { applicationDeadline: string; endDate: string }, string, boolean]>([
    ['deadline and end in the future', { applicationDeadline: '2026-11-30', endDate: '2027-02-01' }, today, false],
    ['deadline today', { applicationDeadline: '2026-11-23', endDate: '2027-02-01' }, today, false],
    ['deadline yesterday', { applicationDeadline: '2026-11-22', endDate: '2027-02-01' }, today, true],
    ['end today (dates checked one by one)', { applicationDeadline: '2026-11-23', endDate: '2026-11-23' }, today, false],
    ['end yesterday (dates checked one by one)', { applicationDeadline: '2026-11-23', endDate: '2026-11-22' }, today, true],
    ['deadline on the last day of the year, seen on 1 January', { applicationDeadline: '2026-12-31', endDate: '2027-03-01' }, '2027-01-01', true],
    ['deadline in the next month', { applicationDeadline: '2026-12-01', endDate: '2027-03-01' }, today, false],
  ])('%s', (_name, opening, day, expected) => {
    expect(isPastDue(opening, day)).toBe(expected);
  });
});

describe('ageWindow', () => {
  it.each([
    ['feriejobb', null, { min: 16, max: 19 }],
    ['stockholmsjobb', 'ungdomsanstallning', { min: 16, max: 29 }],
    ['stockholmsjobb', 'jobbstartsanstallning', { min: 18, max: 29 }],
    ['stockholmsjobb', 'arbetslagsanstallning', { min: 20, max: 29 }],
    ['stockholmsjobb', 'introjobbsanstallning', { min: 16, max: 67 }],
    ['praktik', 'apl', { min: 16, max: 67 }],
    ['mentor', null, { min: 16, max: 67 }],
  ] as const)('%s %s', (kind, subtype, window) => {
    expect(ageWindow(kind, subtype)).toEqual(window);
  });
});

describe('kindOfSubtype', () => {
  it('maps every subtype to exactly its kind, and nothing else', async () => {
    const rules = await import('./opening-rules');
    const table: Array<[readonly string[], string]> = [
      [rules.stockholmsjobbSubtypes, 'stockholmsjobb'],
      [rules.feriejobbInterestAreas, 'feriejobb'],
      [rules.praktikLevels, 'praktik'],
      [rules.mentorProgrammes, 'mentor'],
    ];
    const all = table.flatMap(([values]) => values);
    expect(new Set(all).size).toBe(all.length);
    for (const [values, kind] of table) for (const v of values) expect(rules.kindOfSubtype(v)).toBe(kind);
    expect(rules.kindOfSubtype('okänd')).toBeNull();
  });
});
