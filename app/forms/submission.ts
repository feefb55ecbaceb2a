import { parse, type Intent, type Submission } from '@conform-to/react';
// The one module allowed to import it (see eslint.config.js): forms are parsed with parseSubmission.
import { parseWithZod } from '@conform-to/zod/v4';
import type { z } from 'zod';
import { NUL } from './validation';

export const NUL_MESSAGE = 'Texten innehåller ett otillåtet tecken (NUL). Ta bort det och försök igen.';

/** Conform's own fields: a form control's intent and the client's state, both JSON. */
const CONFORM_KEYS = ['__intent__', '__state__'];

interface Options<Schema extends z.ZodType> {
  schema: Schema | ((intent: Intent | null) => Schema);
  error?: z.core.$ZodErrorMap;
  disableAutoCoercion?: boolean;
}
type Parsed<Schema extends z.ZodType> = Submission<z.input<Schema>, string[], z.output<Schema>>;

/** The fields with NUL in one of their values (none: null). */
function fieldsWithNul(payload: FormData | URLSearchParams) {
  const names = new Set<string>();
  for (const [name, value] of payload.entries()) if (typeof value === 'string' && value.includes(NUL) && !CONFORM_KEYS.includes(name)) names.add(name);
  return names.size ? names : null;
}

function withoutConformKeys(payload: FormData | URLSearchParams) {
  const copy = new FormData();
  for (const [name, value] of payload.entries()) if (!CONFORM_KEYS.includes(name)) copy.append(name, value);
  return copy;
}

/**
 * conform's parseWithZod (the same call, the same submission), except that a value with NUL,
 * which PostgreSQL cannot store, is refused: its field gets NUL_MESSAGE instead of the schema's
 * messages, the other fields their messages as usual, and the reply keeps what was typed. Fields
 * the schema does not know are refused too (their message shows nowhere; only a hand-made request
 * sends them). A malformed `__intent__` or `__state__`, on which conform would throw, is ignored.
 *
 * Other control characters pass: PostgreSQL stores them, and a row saved before may hold them,
 * which its edit form (or a hidden field) sends back; refusing them would block the edit.
 */
export function parseSubmission<Schema extends z.ZodType>(payload: FormData | URLSearchParams, options: Options<Schema> & { async?: false }): Parsed<Schema>;
export function parseSubmission<Schema extends z.ZodType>(payload: FormData | URLSearchParams, options: Options<Schema> & { async: true }): Promise<Parsed<Schema>>;
export function parseSubmission<Schema extends z.ZodType>(payload: FormData | URLSearchParams, options: Options<Schema> & { async?: boolean }): Parsed<Schema> | Promise<Parsed<Schema>> {
  let form = payload;
  const run = (): Parsed<Schema> | Promise<Parsed<Schema>> => (options.async ? parseWithZod(form, { ...options, async: true }) : parseWithZod(form, { ...options, async: false }));
  let submission: Parsed<Schema> | Promise<Parsed<Schema>>;
  try {
    submission = run();
  } catch (error) {
    if (!CONFORM_KEYS.some((key) => payload.has(key))) throw error;
    form = withoutConformKeys(payload);
    submission = run();
  }
  const refused = fieldsWithNul(form);
  if (!refused) return submission;
  // The schema's messages about a refused value (on its field, or on an item of it) would only point away from the character.
  const aboutRefused = (name: string) => [...refused].some((field) => name === field || name.startsWith(`${field}[`) || name.startsWith(`${field}.`));
  const refuse = (parsed: Parsed<Schema>): Parsed<Schema> => {
    const schemaErrors = parsed.status === 'success' ? [] : Object.entries(parsed.error ?? {}).filter(([name]) => !aboutRefused(name));
    const error = Object.fromEntries([...schemaErrors, ...[...refused].map((name) => [name, [NUL_MESSAGE]] as const)]);
    return parse<z.output<Schema>, string[]>(form, { resolve: () => ({ error }) });
  };
  return submission instanceof Promise ? submission.then(refuse) : refuse(submission);
}
