import { render } from '@react-email/render';
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { ReactElement } from 'react';
import { Resend } from 'resend';
import type { Database, DbOrTx } from '../db/client.server';
import { emailOutbox, type EmailOutboxRow } from '../db/schema';

export const MAX_EMAIL_ATTEMPTS = 8;

/**
 * A subject is one line of plain text. Subjects name openings by their title, which is typed by
 * an employer: a line break in it must not reach the mail headers (where it could start a header
 * of its own), so any run of line breaks becomes one space.
 */
export function subjectLine(subject: string) {
  return subject.replace(/\s*[\r\n\v\f\u0085\u2028\u2029]\s*/g, ' ').trim();
}

/**
 * Queues an e-mail inside the caller's transaction. The message is rendered now, so what the
 * outbox holds is exactly what will be sent (and what admins can read while it waits).
 */
export async function enqueueEmail(
  tx: DbOrTx,
  message: { to: string; subject: string; template: string; element: ReactElement },
) {
  const [html, text] = await Promise.all([render(message.element), render(message.element, { plainText: true })]);
  const [row] = await tx
    .insert(emailOutbox)
    .values({ to: message.to, subject: subjectLine(message.subject), template: message.template, html, text })
    .returning({ id: emailOutbox.id });
  return row!.id;
}

export interface SendResult {
  ok: boolean;
  providerMessageId?: string;
  error?: string;
  /** False for errors that retrying cannot fix (e.g. 422 validation). */
  retryable?: boolean;
}

export type EmailSender = (row: EmailOutboxRow, from: string) => Promise<SendResult>;

/** The real sender: the resend SDK, with the outbox row id as idempotency key. */
export function createResendSender(apiKey: string, baseUrl?: string): EmailSender {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return async (row, from) => {
    const { data, error } = await resend.emails.send(
      { from, to: [row.to], subject: row.subject, html: row.html, text: row.text },
      { idempotencyKey: `insteg-email-${row.id}`, signal: AbortSignal.timeout(15_000) } as never,
    );
    if (error || !data) {
      const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
      const retryable = status === null || status === 429 || status >= 500 || status === 408 || status === 409;
      return { ok: false, error: `${status ?? 'network'}: ${error?.message ?? 'no response'}`, retryable };
    }
    return { ok: true, providerMessageId: data.id };
  };
}

/** Seconds to wait after the n-th failed attempt: 30 s, 1 min, 2 min … capped at 1 h, with jitter. */
export function emailBackoffSeconds(attempts: number, random = Math.random) {
  const base = Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Delivers due messages one at a time. Each row is locked (SKIP LOCKED) for the duration of its
 * send, so two workers never send the same row; if the process dies mid-send, the row is retried
 * and the idempotency key stops the provider from sending it twice.
 */
export async function deliverDueEmails(db: Database, send: EmailSender, from: string, limit = 20): Promise<number> {
  let handled = 0;
  for (; handled < limit; handled++) {
    const more = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, sql`now()`)))
        .orderBy(asc(emailOutbox.nextAttemptAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return false;
      let result: SendResult;
      try {
        result = await send(row, from);
      } catch (error) {
        result = { ok: false, error: error instanceof Error ? error.message : String(error), retryable: true };
      }
      const attempts = row.attempts + 1;
      if (result.ok) {
        await tx
          .update(emailOutbox)
          .set({ status: 'sent', sentAt: sql`now()`, attempts, providerMessageId: result.providerMessageId ?? null, lastError: null })
          .where(eq(emailOutbox.id, row.id));
      } else {
        const dead = result.retryable === false || attempts >= MAX_EMAIL_ATTEMPTS;
        await tx
          .update(emailOutbox)
          .set({
            status: dead ? 'dead' : 'pending',
            attempts,
            lastError: (result.error ?? 'unknown error').slice(0, 1000),
            nextAttemptAt: sql`now() + make_interval(secs => ${emailBackoffSeconds(attempts)})`,
          })
          .where(eq(emailOutbox.id, row.id));
      }
      return true;
    });
    if (!more) break;
  }
  return handled;
}

/** Puts a dead-lettered message back in the queue (admin action). */
export async function retryDeadEmail(db: DbOrTx, id: string) {
  const rows = await db
    .update(emailOutbox)
    .set({ status: 'pending', nextAttemptAt: sql`now()`, attempts: 0 })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'dead')))
    .returning({ id: emailOutbox.id });
  return rows.length === 1;
}

export async function listOutbox(db: DbOrTx, status?: EmailOutboxRow['status'], limit = 100) {
  return db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
      nextAttemptAt: emailOutbox.nextAttemptAt,
    })
    .from(emailOutbox)
    .where(status ? eq(emailOutbox.status, status) : undefined)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}

export async function getOutboxMessage(db: DbOrTx, id: string) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row;
}

/** Replaces the secret token of every reset or invitation link with a placeholder. */
export function redactPasswordLinks(text: string) {
  return text.replace(/(\/aterstall-losenord\/)[A-Za-z0-9_-]+/g, '$1[dold]');
}
