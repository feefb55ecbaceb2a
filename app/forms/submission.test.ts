import { parseWithZod } from '@conform-to/zod/v4';
import { describe, expect, it } from 'vitest';
import { NUL_MESSAGE, parseSubmission } from './submission';
import { emailField, requiredText, z } from './validation';

const schema = z.object({
  title: requiredText('Ange en rubrik', 20),
  email: emailField(),
  months: z.array(z.enum(['6', '7', '8'])).min(1, 'Välj minst en månad'),
  note: z.string().optional(),
});

function formOf(entries: Array<[string, string]>) {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
}

const good: Array<[string, string]> = [
  ['title', 'Lagerarbete'],
  ['email', 'anna@exempel.se'],
  ['months', '6'],
  ['months', '7'],
];

describe('parseSubmission', () => {
  it('is parseWithZod when no value holds NUL', () => {
    const forms: Array<Array<[string, string]>> = [good, [...good.slice(1), ['title', 'x'.repeat(21)]], []];
    for (const entries of forms) {
      const ours = parseSubmission(formOf(entries), { schema });
      const theirs = parseWithZod(formOf(entries), { schema });
      expect(ours.status).toBe(theirs.status);
      expect(ours.reply()).toEqual(theirs.reply());
      if (ours.status === 'success' && theirs.status === 'success') expect(ours.value).toEqual(theirs.value);
    }
  });

  it('refuses a value with NUL next to its field, and keeps what was typed', () => {
    const submission = parseSubmission(formOf([...good.slice(1), ['title', 'Lager\0arbete'], ['note', 'Fri text']]), { schema });
    expect(submission.status).toBe('error');
    const reply = submission.reply();
    expect(reply.status).toBe('error');
    expect(reply.error).toEqual({ title: [NUL_MESSAGE] });
    expect(reply.initialValue).toEqual({ title: 'Lager\0arbete', email: 'anna@exempel.se', months: ['6', '7'], note: 'Fri text' });
    expect(NUL_MESSAGE).toBe('Texten innehåller ett otillåtet tecken (NUL). Ta bort det och försök igen.');
  });

  it("reports the schema's errors on the other fields, and only the refusal on the refused one", () => {
    const submission = parseSubmission(formOf([['title', ''], ['email', 'anna\0@exempel.se'], ['months', '9']]), { schema });
    expect(submission.status).toBe('error');
    expect(submission.reply().error).toEqual({ title: ['Ange en rubrik'], email: [NUL_MESSAGE], 'months[0]': [expect.any(String)] });
  });

  it('refuses once per field, for a repeated field, an unknown one and a key like __proto__, with URLSearchParams too', () => {
    const params = new URLSearchParams([...good, ['months', '\0'], ['months', '8\0'], ['extra', '\0'], ['__proto__', 'a\0'], ['', '\0']]);
    const submission = parseSubmission(params, { schema });
    expect(submission.status).toBe('error');
    const error = submission.reply().error!;
    expect(Object.keys(error).sort()).toEqual(['', '__proto__', 'extra', 'months']);
    expect(Object.getPrototypeOf(error)).toBe(Object.prototype);
    expect(error.months).toEqual([NUL_MESSAGE]);
    expect(JSON.parse(JSON.stringify(submission.reply()))).toMatchObject({ error: { __proto__: [NUL_MESSAGE] } });
  });

  it('lets other control characters through (rows saved before may hold them), and files', () => {
    const form = formOf([...good, ['note', 'a\u0001b\u000bc\u001b[31m\u007f\t\r\n']]);
    form.append('title2', new Blob(['\0']), 'nul.txt');
    const submission = parseSubmission(form, { schema });
    expect(submission.status).toBe('success');
    if (submission.status === 'success') expect(submission.value.note).toBe('a\u0001b\u000bc\u001b[31m\u007f\t\r\n');
  });

  it('keeps the options: reply hides fields, a schema of the intent, async parsing', async () => {
    const hidden = parseSubmission(formOf([...good, ['note', '\0']]), { schema }).reply({ hideFields: ['title'] });
    expect(hidden.initialValue).not.toHaveProperty('title');
    expect(hidden.error).toEqual({ note: [NUL_MESSAGE] });

    const byIntent = parseSubmission(formOf([...good, ['title', 'a\0']]), { schema: () => schema });
    expect(byIntent.status).toBe('error');

    const later = parseSubmission(formOf([...good, ['title', 'a\0']]), { schema, async: true });
    expect(later).toBeInstanceOf(Promise);
    expect((await later).reply().error).toEqual({ title: [NUL_MESSAGE] });
    const fine = await parseSubmission(formOf(good), { schema: schema.refine(async () => true), async: true });
    expect(fine.status).toBe('success');
  });

  it("keeps conform's intents, and ignores a malformed one instead of throwing", () => {
    const validate = parseSubmission(formOf([...good, ['__intent__', JSON.stringify({ type: 'validate', payload: { name: 'title' } })], ['title', '\0']]), { schema });
    expect(validate.status).toBeUndefined();
    expect(validate.reply().error).toEqual({ title: [NUL_MESSAGE] });

    for (const intent of ['x', '{}', '"\0"', JSON.stringify({ type: 'remove', payload: { name: 'title', index: 0 } })]) {
      expect(() => parseWithZod(formOf([...good, ['__intent__', intent]]), { schema }), intent).toThrow();
      expect(parseSubmission(formOf([...good, ['__intent__', intent]]), { schema }).status, intent).toBe('success');
      expect(parseSubmission(formOf([...good, ['__state__', intent], ['note', '\0']]), { schema }).reply().error, intent).toEqual({ note: [NUL_MESSAGE] });
    }
  });
});
