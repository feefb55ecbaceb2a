import { z } from 'zod';

// Swedish default messages for any rule that has no message of its own.
z.config(z.locales.sv());

export { z };

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
