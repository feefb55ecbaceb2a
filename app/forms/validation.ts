import { z } from 'zod';

// Swedish default messages for any rule that has no message of its own.
z.config(z.locales.sv());

export { z };

/** For a check that should speak only when the value passed the checks before it: one message, not two. */
function passedSoFar(payload: { issues: readonly unknown[] }) {
  return payload.issues.length === 0;
}

/**
 * NUL is the one character PostgreSQL's text cannot hold: a value with it fails the whole
 * statement ("invalid byte sequence for encoding UTF8: 0x00"), a 500 instead of an answer. Forms
 * refuse it (app/forms/submission.ts); from the URL, search words drop it and filter values with it
 * are ignored (below).
 */
export const NUL = '\u0000';

/**
 * C0 control characters other than tab, line feed and carriage return: nobody types them into a
 * search box. (Forms refuse only NUL: the others can be stored, and rows saved before may hold
 * them, which a form sends back when the person edits the row.)
 */
// eslint-disable-next-line no-control-regex -- control characters are what is matched
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** A search word from the URL, trimmed, its control characters dropped (NUL would fail the query). */
export function searchText(max: number) {
  return z
    .string()
    .transform((text) => text.replace(CONTROL_CHARACTERS, ''))
    .pipe(z.string().trim().max(max));
}

/** A filter value from the URL (a facet value, a name): one with NUL is no value the filter knows. */
export function filterValue(max: number) {
  return z
    .string()
    .max(max)
    .refine((value) => !value.includes(NUL));
}

/** The first day PostgreSQL's date type holds: it has no year 0. */
export const FIRST_STORABLE_DAY = '0001-01-01';

/**
 * A calendar date written ÅÅÅÅ-MM-DD that the database can store. zod's ISO date also accepts
 * year 0000, which PostgreSQL refuses ("date/time field value out of range"): a 500 instead of
 * an error next to the field.
 */
export function storableDate(params?: Parameters<typeof z.iso.date>[0]) {
  return z.iso.date(params).refine((d) => d >= FIRST_STORABLE_DAY, { error: 'Ange ett datum som ÅÅÅÅ-MM-DD', when: passedSoFar });
}

/** The largest value of PostgreSQL's integer type: a larger id fails in the query, not in the form. */
export const MAX_INTEGER = 2_147_483_647;

/** `.max(MAX_INTEGER, fitsInteger(message))` on a whole-number id field: the field's own message, once. */
export function fitsInteger(message: string) {
  return { error: message, when: passedSoFar };
}

/** A required text field: trimmed, with a Swedish message when empty. */
export function requiredText(emptyMessage: string, max = 200) {
  return z
    .string({ error: emptyMessage })
    .trim()
    .min(1, emptyMessage)
    .max(max, `Högst ${max} tecken`);
}

export function emailField(emptyMessage = 'Ange e-postadress') {
  return z
    .string({ error: emptyMessage })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Ange en giltig e-postadress, till exempel namn@exempel.se' }).max(254, 'E-postadressen är för lång'));
}

export const PASSWORD_MIN = 12;

export function newPasswordField() {
  return z
    .string({ error: 'Ange ett lösenord' })
    .min(PASSWORD_MIN, `Lösenordet måste ha minst ${PASSWORD_MIN} tecken`)
    .max(200, 'Lösenordet får ha högst 200 tecken');
}

/** An optional free-text field: trimmed, empty becomes null. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `Högst ${max} tecken`)
    .optional()
    .transform((v) => v || null);
}

/** An optional phone number: digits, spaces, +, parentheses and dashes; empty becomes undefined. */
export const optionalPhone = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z
    .string()
    .trim()
    .max(30, 'Högst 30 tecken')
    .regex(/^\+?[0-9 ()-]{6,30}$/, 'Ange ett telefonnummer med siffror, till exempel 070-123 45 67')
    .optional(),
);

/** Languages separated by commas or lines → a lower-cased list without repeats (at most 10). */
export const languageList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const list = [...new Set((value ?? '').split(/[,\n]/).map((s) => s.trim().toLowerCase()).filter(Boolean))];
    if (list.length > 10) ctx.addIssue({ code: 'custom', message: 'Högst 10 språk' });
    if (list.some((l) => l.length > 40)) ctx.addIssue({ code: 'custom', message: 'Ett språk får vara högst 40 tecken' });
    return list;
  });

/** What a link token looks like (base64url, see app/lib/tokens.server.ts); anything else is refused before a lookup. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;
export const tokenParamsSchema = z.object({ token: z.string().regex(TOKEN_SHAPE) });
