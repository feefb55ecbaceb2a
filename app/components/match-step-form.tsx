import type { SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import type { MatchStatus } from '../matching/match-rules';
import { moveSchema } from '../matching/match-schema';
import { FormErrors, useFocusFirstError, useSchemaForm, type AnyField } from './field';

/**
 * One step of the placement pipeline as a form (employer's answers, coach's records): posts
 * `to` and the step's fields, validated by moveSchema on both sides. `fields` gives the step's
 * inputs their conform metadata by name.
 */
export function MatchStepForm({
  to,
  title,
  submitLabel,
  lastResult,
  defaults,
  intent,
  secondary,
  children,
}: {
  to: MatchStatus;
  title: string;
  submitLabel: string;
  lastResult?: SubmissionResult<string[]>;
  defaults?: Record<string, string>;
  /** The page's action intent, when the page has more than one kind of form. */
  intent?: string;
  secondary?: boolean;
  children?: (field: (name: string) => AnyField) => ReactNode;
}) {
  const [form, fields] = useSchemaForm({ id: `match-step-${to}`, lastResult, defaultValue: { to, ...defaults }, schema: moveSchema });
  useFocusFirstError(form.id, lastResult);
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="card">
      <h3>{title}</h3>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <input type="hidden" name="to" value={to} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {children?.((name) => (fields as unknown as Record<string, AnyField>)[name]!)}
      <button type="submit" className={secondary ? 'secondary' : undefined}>
        {submitLabel}
      </button>
    </Form>
  );
}

/** The action's reply for the step form of `to`, if that form was the one that failed. */
export function failedStepReply(reply: { reply: SubmissionResult<string[]>; saved?: boolean } | undefined, to: MatchStatus) {
  return reply && !reply.saved && (reply.reply.initialValue as Record<string, unknown> | undefined)?.to === to ? reply.reply : undefined;
}
