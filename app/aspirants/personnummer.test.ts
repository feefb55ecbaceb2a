import { describe, expect, it } from 'vitest';
import { createRandom, testPersonnummer } from '../../db/seed/random';
import { ageOn, birthDateOf, formatPersonnummer, isValidPersonnummer, maskPersonnummer, parsePersonnummer } from './personnummer';

// Skatteverket test series only (last four digits 98xx).
const VALID = testPersonnummer('1990-01-01', 980); // 199001019802 style
const body10 = VALID.slice(2);

describe('parsePersonnummer', () => {
  it('accepts the 12- and 10-digit forms, with and without a hyphen, and normalises to 12 digits', () => {
    for (const input of [VALID, `${VALID.slice(0, 8)}-${VALID.slice(8)}`, body10, `${body10.slice(0, 6)}-${body10.slice(6)}`, `  ${VALID} `]) {
      const r = parsePersonnummer(input);
      expect(r, input).toEqual({ ok: true, value: { normalized: VALID, birthDate: '1990-01-01', coordinationNumber: false } });
    }
  });

  it('reads "+" in the 10-digit form as a person aged 100 or more', () => {
    const old = testPersonnummer('1920-05-17', 981);
    const r = parsePersonnummer(`${old.slice(2, 8)}+${old.slice(8)}`);
    expect(r).toEqual({ ok: true, value: { normalized: old, birthDate: '1920-05-17', coordinationNumber: false } });
  });

  it('rejects a wrong check digit', () => {
    const wrong = `${VALID.slice(0, 11)}${(Number(VALID[11]) + 1) % 10}`;
    expect(parsePersonnummer(wrong)).toEqual({ ok: false, reason: 'invalid' });
    expect(isValidPersonnummer(wrong)).toBe(false);
  });

  it('rejects impossible dates', () => {
    // A correct Luhn digit does not make 13th month or 30 February valid.
    const month13 = testPersonnummer('1990-13-01', 982);
    const feb30 = testPersonnummer('1990-02-30', 982);
    expect(parsePersonnummer(month13).ok).toBe(false);
    expect(parsePersonnummer(feb30).ok).toBe(false);
  });

  it.each(['', 'abc', '19900101980', '19900101-98021', '199001019802x', '9001019802-', '1990-01-01-9802', '19900101+9802', '19900101 - 9802x'])(
    'rejects the wrong format %j',
    (input) => {
      expect(parsePersonnummer(input)).toEqual({ ok: false, reason: 'format' });
    },
  );

  it('accepts coordination numbers (day + 60) and flags them', () => {
    const samordning = testPersonnummer('1985-07-09', 983, { coordination: true });
    expect(samordning.slice(6, 8)).toBe('69');
    expect(parsePersonnummer(samordning)).toEqual({ ok: true, value: { normalized: samordning, birthDate: '1985-07-09', coordinationNumber: true } });
    expect(birthDateOf(samordning)).toBe('1985-07-09');
  });

  it('accepts every generated test-series number', () => {
    const random = createRandom(7);
    for (let i = 0; i < 500; i++) {
      const birth = `${random.int(1960, 2009)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
      const pnr = testPersonnummer(birth, random.int(980, 989));
      expect(pnr.slice(8, 10)).toBe('98');
      expect(parsePersonnummer(pnr)).toMatchObject({ ok: true, value: { normalized: pnr, birthDate: birth } });
    }
  });
});

describe('ageOn', () => {
  it('counts completed years, turning a year older on the birthday', () => {
    expect(ageOn('2008-06-15', '2024-06-14')).toBe(15);
    expect(ageOn('2008-06-15', '2024-06-15')).toBe(16);
    expect(ageOn('2008-06-15', '2024-12-31')).toBe(16);
    expect(ageOn('1990-01-01', '2019-12-31')).toBe(29);
    expect(ageOn('1990-01-01', '2020-01-01')).toBe(30);
  });

  it('lets a person born 29 February turn a year older on 1 March in common years', () => {
    expect(ageOn('2004-02-29', '2023-02-28')).toBe(18);
    expect(ageOn('2004-02-29', '2023-03-01')).toBe(19);
    expect(ageOn('2004-02-29', '2024-02-29')).toBe(20);
  });
});

describe('display', () => {
  it('masks everything after the birth date', () => {
    expect(maskPersonnummer('199001019802')).toBe('19900101-****');
  });
  it('formats the whole number with a hyphen', () => {
    expect(formatPersonnummer('199001019802')).toBe('19900101-9802');
  });
});
