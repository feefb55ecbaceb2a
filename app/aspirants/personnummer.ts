import Personnummer from 'personnummer';

/**
 * Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer,
 * day of birth + 60). Validation is delegated to the `personnummer` package; this module adds the
 * normalised 12-digit form we store, age on a given date and masking for display. Pure.
 */

export interface ParsedPersonnummer {
  /** The stored form: 12 digits, YYYYMMDDNNNN (coordination numbers keep day + 60). */
  normalized: string;
  /** The real birth date, YYYY-MM-DD (day − 60 for a coordination number). */
  birthDate: string;
  coordinationNumber: boolean;
}

export type PersonnummerResult = { ok: true; value: ParsedPersonnummer } | { ok: false; reason: 'format' | 'invalid' };

/** 10 or 12 digits, optionally with "-" or "+" (the latter marks a person aged 100 or more) before the last four. */
const FORMAT = /^(\d{2})?(\d{6})([-+]?)(\d{4})$/;

export function parsePersonnummer(input: string): PersonnummerResult {
  const trimmed = input.trim().replace(/\s+/g, '');
  const match = FORMAT.exec(trimmed);
  if (!match) return { ok: false, reason: 'format' };
  // "+" only makes sense in the 10-digit form; with a century it is ambiguous.
  if (match[1] && match[3] === '+') return { ok: false, reason: 'format' };
  let parsed: Personnummer;
  try {
    parsed = Personnummer.parse(trimmed, { allowCoordinationNumber: true, allowInterimNumber: false });
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const normalized = parsed.format(true);
  if (!/^\d{12}$/.test(normalized)) return { ok: false, reason: 'invalid' };
  const coordinationNumber = parsed.isCoordinationNumber();
  const day = Number(parsed.day) - (coordinationNumber ? 60 : 0);
  return {
    ok: true,
    value: {
      normalized,
      birthDate: `${parsed.fullYear}-${parsed.month}-${String(day).padStart(2, '0')}`,
      coordinationNumber,
    },
  };
}

export function isValidPersonnummer(input: string) {
  return parsePersonnummer(input).ok;
}

/** The birth date (YYYY-MM-DD) of a stored 12-digit number. */
export function birthDateOf(normalized: string) {
  const day = Number(normalized.slice(6, 8));
  const realDay = day > 60 ? day - 60 : day;
  return `${normalized.slice(0, 4)}-${normalized.slice(4, 6)}-${String(realDay).padStart(2, '0')}`;
}

/** Completed years on `onDate` (YYYY-MM-DD); a person born 29 February turns a year older on 1 March in other years. */
export function ageOn(birthDate: string, onDate: string) {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** "19900101-****": the date part only, for everyone who has not asked to see the whole number. */
export function maskPersonnummer(normalized: string) {
  return `${normalized.slice(0, 8)}-****`;
}

/** "19900101-1234": the whole number in its usual written form. */
export function formatPersonnummer(normalized: string) {
  return `${normalized.slice(0, 8)}-${normalized.slice(8)}`;
}
