import { describe, expect, it } from 'vitest';
import { loadOccupations, occupationLabel } from './occupations';

describe('loadOccupations', () => {
  const rows = loadOccupations();
  const byCode = new Map(rows.map((r) => [r.code, r]));

  it('reads all 633 SSYK 2012 codes: 10 major groups, 46, 148 and 429 unit groups', () => {
    expect(rows).toHaveLength(633);
    const perLevel = [1, 2, 3, 4].map((level) => rows.filter((r) => r.level === level).length);
    expect(perLevel).toEqual([10, 46, 148, 429]);
    expect(byCode.size).toBe(633);
  });

  it('keeps codes as strings with their leading zeros', () => {
    expect(byCode.get('0110')).toMatchObject({ code: '0110', level: 4, parentCode: '011', nameEn: 'Commissioned armed forces officers' });
    expect(byCode.get('0')).toMatchObject({ level: 1, parentCode: null, nameEn: 'Armed forces occupations' });
    expect(byCode.get('01')).toMatchObject({ level: 2, parentCode: '0' });
    expect(byCode.has('110')).toBe(false);
    for (const r of rows) {
      expect(typeof r.code).toBe('string');
      expect(r.code).toMatch(/^[0-9]{1,4}$/);
      expect(r.level).toBe(r.code.length);
    }
  });

  it('gives every code below the top a parent that exists one level up', () => {
    for (const r of rows) {
      if (r.level === 1) {
        expect(r.parentCode).toBeNull();
        continue;
      }
      expect(r.parentCode).toBe(r.code.slice(0, -1));
      expect(byCode.get(r.parentCode!)?.level, `parent of ${r.code}`).toBe(r.level - 1);
    }
  });

  it('has an English name for every code, without stray whitespace or quotes', () => {
    for (const r of rows) {
      expect(r.nameEn.length, r.code).toBeGreaterThan(0);
      expect(r.nameEn).toBe(r.nameEn.trim());
      expect(r.nameEn.startsWith('"')).toBe(false);
    }
    expect(byCode.get('031')!.nameEn).toBe('Armed forces occupations, other ranks');
    expect(byCode.get('11')!.nameEn).toBe('Legislators, chief executives and senior government officials');
  });

  it('joins a Swedish name where there is one, and leaves it null (not empty) otherwise', () => {
    for (const r of rows) {
      if (r.nameSv !== null) expect(r.nameSv.trim().length, r.code).toBeGreaterThan(0);
    }
  });
});

describe('occupationLabel', () => {
  it('shows the Swedish name with the code', () => {
    expect(occupationLabel({ code: '2512', nameSv: 'Mjukvaru- och systemutvecklare m.fl.', nameEn: 'Software and system developers' })).toBe(
      '2512 Mjukvaru- och systemutvecklare m.fl.',
    );
  });

  it('falls back to the code and the English name, marked as English', () => {
    expect(occupationLabel({ code: '0110', nameSv: null, nameEn: 'Commissioned armed forces officers' })).toBe(
      '0110 Commissioned armed forces officers (engelsk benämning)',
    );
    expect(occupationLabel({ code: '0110', nameSv: '', nameEn: 'Commissioned armed forces officers' })).toBe(
      '0110 Commissioned armed forces officers (engelsk benämning)',
    );
  });
});
