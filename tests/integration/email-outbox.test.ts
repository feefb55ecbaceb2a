import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBackgroundWorkers } from '../../app/background.server';
import { resetEnvCache } from '../../app/env.server';
import * as outboxPage from '../../app/routes/admin.e-post._index';
import * as messagePage from '../../app/routes/admin.e-post.$id';
import { getDb } from '../../app/services.server';
import { auditLog, emailOutbox, type EmailOutboxRow } from '../../db/schema';
import { PasswordResetEmail, passwordResetSubject } from '../../emails/password-reset';
import { createResendSender, deliverDueEmails, enqueueEmail, MAX_EMAIL_ATTEMPTS, type EmailSender } from '../../emails/outbox.server';
import { startResendRecorder, type ResendRecorder } from '../setup/resend-recorder';
import { callAction, callLoader, jsonOf, loginAs } from '../setup/remix';

const FROM = 'Insteg <noreply@insteg.test>';
let recorder: ResendRecorder;
let send: EmailSender;

async function enqueue(to = 'coach.kista@insteg.test', name = 'Samira Haddad') {
  return getDb().transaction((tx) =>
    enqueueEmail(tx, {
      to,
      subject: passwordResetSubject,
      template: 'password-reset',
      element: PasswordResetEmail({ name, resetUrl: `http://insteg.test/aterstall-losenord/${'t'.repeat(43)}`, validMinutes: 60 }),
    }),
  );
}

async function row(id: string): Promise<EmailOutboxRow> {
  const [r] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return r!;
}

async function makeDue() {
  await getDb().update(emailOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(emailOutbox.status, 'pending'));
}

const key = (id: string) => `insteg-email-${id}`;
const requestsFor = (id: string) => recorder.requests.filter((r) => r.idempotencyKey === key(id));

beforeAll(async () => {
  recorder = await startResendRecorder();
  send = createResendSender('re_test_123', recorder.url);
});

afterAll(async () => {
  await recorder.close();
});

beforeEach(async () => {
  recorder.reset();
  await getDb().delete(emailOutbox);
});

describe('enqueueing', () => {
  it('renders the message into the outbox inside the caller\'s transaction', async () => {
    const id = await enqueue();
    const r = await row(id);
    expect(r).toMatchObject({ to: 'coach.kista@insteg.test', subject: 'Återställ ditt lösenord i Insteg', template: 'password-reset', status: 'pending', attempts: 0, sentAt: null });
    expect(r.html).toMatch(/^<!DOCTYPE html/i);
    expect(r.html).toContain('href="http://insteg.test/aterstall-losenord/');
    expect(r.text).toContain('Hej Samira Haddad');
    expect(r.text).not.toContain('<');
  });

  it('leaves no row when the enqueuing transaction rolls back', async () => {
    await expect(
      getDb().transaction(async (tx) => {
        await enqueueEmail(tx, {
          to: 'x@insteg.test',
          subject: passwordResetSubject,
          template: 'password-reset',
          element: PasswordResetEmail({ name: 'X', resetUrl: 'http://insteg.test/aterstall-losenord/abc', validMinutes: 60 }),
        });
        throw new Error('the change the e-mail was about failed');
      }),
    ).rejects.toThrow('the change the e-mail was about failed');
    expect(await getDb().select().from(emailOutbox)).toEqual([]);
    await deliverDueEmails(getDb(), send, FROM);
    expect(recorder.requests).toEqual([]);
  });
});

describe('delivery through Resend', () => {
  it('sends a due message once, with the row id as idempotency key, and marks it sent', async () => {
    const id = await enqueue();
    expect(await deliverDueEmails(getDb(), send, FROM)).toBe(1);

    expect(recorder.sent).toHaveLength(1);
    const [email] = recorder.sent;
    expect(email).toMatchObject({
      idempotencyKey: `insteg-email-${id}`,
      authorization: 'Bearer re_test_123',
      from: FROM,
      to: ['coach.kista@insteg.test'],
      subject: 'Återställ ditt lösenord i Insteg',
    });
    expect(email!.html).toContain('Välj nytt lösenord');
    expect(email!.text).toContain('Hej Samira Haddad');

    const r = await row(id);
    expect(r).toMatchObject({ status: 'sent', attempts: 1, lastError: null, providerMessageId: email!.id });
    expect(r.sentAt).toBeInstanceOf(Date);

    // Nothing more to do.
    expect(await deliverDueEmails(getDb(), send, FROM)).toBe(0);
    expect(recorder.requests).toHaveLength(1);
  });

  it('retries after 500 and 429 with growing waits, then delivers exactly once', async () => {
    const id = await enqueue();
    recorder.failNext({ status: 500 });
    const t0 = Date.now();
    await deliverDueEmails(getDb(), send, FROM);
    let r = await row(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
    expect(r.lastError).toBe('500: Something went wrong');
    expect(r.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0 + 23_000); // 30 s ± 20 %

    // Not due yet: nothing is sent.
    await deliverDueEmails(getDb(), send, FROM);
    expect(requestsFor(id)).toHaveLength(1);

    await makeDue();
    recorder.failNext({ status: 429 });
    const t1 = Date.now();
    await deliverDueEmails(getDb(), send, FROM);
    r = await row(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 2 });
    expect(r.lastError).toBe('429: Too many requests');
    expect(r.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t1 + 47_000); // 60 s ± 20 %

    await makeDue();
    await deliverDueEmails(getDb(), send, FROM);
    r = await row(id);
    expect(r).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(requestsFor(id).map((q) => q.status)).toEqual([500, 429, 200]);
    expect(recorder.sent.filter((e) => e.idempotencyKey === key(id))).toHaveLength(1);

    await makeDue();
    await deliverDueEmails(getDb(), send, FROM);
    expect(requestsFor(id)).toHaveLength(3);
  });

  it('gives up at once on an error that retrying cannot fix', async () => {
    const id = await enqueue();
    recorder.failNext({ status: 422 });
    await deliverDueEmails(getDb(), send, FROM);
    expect(await row(id)).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await row(id)).lastError).toMatch(/^422: /);
  });

  it('treats an unreachable provider as retryable', async () => {
    const id = await enqueue();
    const nowhere = createResendSender('re_test_123', 'http://127.0.0.1:1');
    await deliverDueEmails(getDb(), nowhere, FROM);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row(id)).lastError).toMatch(/^network: /);
  });

  it('treats a timeout as retryable', { timeout: 40_000 }, async () => {
    const id = await enqueue();
    recorder.failNext({ mode: 'timeout' });
    const started = Date.now();
    await deliverDueEmails(getDb(), send, FROM);
    expect(Date.now() - started).toBeGreaterThanOrEqual(14_000);
    const r = await row(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1 });
    expect(r.lastError).toMatch(/^network: /);
    expect(requestsFor(id).map((q) => q.status)).toEqual(['timeout']);

    await makeDue();
    await deliverDueEmails(getDb(), send, FROM);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(recorder.sent).toHaveLength(1);
  });

  it(`dead-letters a message after ${MAX_EMAIL_ATTEMPTS} failures; an admin sees it and can queue it again`, async () => {
    const id = await enqueue();
    recorder.failNext({ status: 500 }, MAX_EMAIL_ATTEMPTS);
    for (let attempt = 1; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
      await makeDue();
      await deliverDueEmails(getDb(), send, FROM);
      expect(await row(id)).toMatchObject({ attempts: attempt, status: attempt < MAX_EMAIL_ATTEMPTS ? 'pending' : 'dead' });
    }
    // A dead message is not retried by the worker, even when its time has come.
    await getDb().update(emailOutbox).set({ nextAttemptAt: sql`now()` });
    await deliverDueEmails(getDb(), send, FROM);
    expect(requestsFor(id)).toHaveLength(MAX_EMAIL_ATTEMPTS);

    const admin = await loginAs('admin@insteg.test');
    const page = await callLoader(outboxPage.loader, '/admin/e-post?status=dead', { cookie: admin });
    expect(page.status).toBe(200);
    const body = await jsonOf<{ messages: Array<{ id: string; status: string; attempts: number; lastError: string }>; configured: boolean }>(page);
    expect(body.messages).toEqual([expect.objectContaining({ id, status: 'dead', attempts: MAX_EMAIL_ATTEMPTS, lastError: '500: Something went wrong' })]);
    expect((await jsonOf<{ messages: unknown[] }>(await callLoader(outboxPage.loader, '/admin/e-post?status=sent', { cookie: admin }))).messages).toEqual([]);

    const retry = await callAction(outboxPage.action, '/admin/e-post', { intent: 'retry', id }, { cookie: admin });
    expect(retry.status).toBe(200);
    expect(await jsonOf(retry)).toEqual({ ok: true, message: 'Meddelandet ligger i kön igen.' });
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0 });
    const [audited] = await getDb().select().from(auditLog).where(eq(auditLog.action, 'email.retried'));
    expect(audited).toMatchObject({ subjectType: 'email', subjectId: id });

    // Retrying a message that is not dead is refused.
    const twice = await callAction(outboxPage.action, '/admin/e-post', { intent: 'retry', id }, { cookie: admin });
    expect(twice.status).toBe(400);

    await deliverDueEmails(getDb(), send, FROM);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(recorder.sent.filter((e) => e.idempotencyKey === key(id))).toHaveLength(1);
  });

  it('never sends a message twice when two workers deliver at the same time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await enqueue(`mottagare${i}@insteg.test`, `Mottagare ${i}`));
    const [a, b] = await Promise.all([deliverDueEmails(getDb(), send, FROM), deliverDueEmails(getDb(), send, FROM)]);
    expect(a + b).toBe(12);
    for (const id of ids) {
      expect(requestsFor(id), id).toHaveLength(1);
      expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
    }
    expect(recorder.requests).toHaveLength(12);
    expect(new Set(recorder.sent.map((e) => e.to[0])).size).toBe(12);
  });

  it('delivers at most `limit` messages per call', async () => {
    for (let i = 0; i < 3; i++) await enqueue(`grupp${i}@insteg.test`);
    expect(await deliverDueEmails(getDb(), send, FROM, 2)).toBe(2);
    expect(recorder.sent).toHaveLength(2);
    expect(await deliverDueEmails(getDb(), send, FROM, 2)).toBe(1);
    expect(recorder.sent).toHaveLength(3);
  });
});

describe('the admin e-mail pages and the background worker', () => {
  it('without RESEND_API_KEY: says it is not configured and leaves messages pending', async () => {
    const id = await enqueue();
    const admin = await loginAs('admin@insteg.test');
    const page = await jsonOf<{ configured: boolean; messages: Array<{ id: string; status: string }> }>(
      await callLoader(outboxPage.loader, '/admin/e-post', { cookie: admin }),
    );
    expect(page.configured).toBe(false);
    expect(page.messages).toEqual([expect.objectContaining({ id, status: 'pending' })]);

    const workers = startBackgroundWorkers({ intervalMs: 60_000 });
    try {
      await workers.tick();
    } finally {
      await workers.stop();
    }
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(recorder.requests).toEqual([]);

    // An admin can read the message (to pass a link on by hand); the reading is audited.
    const message = await callLoader(messagePage.loader, `/admin/e-post/${id}`, { cookie: admin, params: { id } });
    expect(message.status).toBe(200);
    const shown = await jsonOf<{ message: { text: string; html?: string }; configured: boolean }>(message);
    expect(shown.configured).toBe(false);
    expect(shown.message.text).toContain('/aterstall-losenord/');
    expect(shown.message.html).toBeUndefined();
    const reads = await getDb().select().from(auditLog).where(eq(auditLog.action, 'email.read'));
    expect(reads.map((r) => r.subjectId)).toContain(id);
  });

  it('with RESEND_API_KEY: the background worker delivers through the configured endpoint', async () => {
    const id = await enqueue();
    process.env.RESEND_API_KEY = 're_test_123';
    process.env.RESEND_BASE_URL = recorder.url;
    resetEnvCache();
    try {
      const admin = await loginAs('admin@insteg.test');
      expect((await jsonOf<{ configured: boolean }>(await callLoader(outboxPage.loader, '/admin/e-post', { cookie: admin }))).configured).toBe(true);
      const workers = startBackgroundWorkers({ intervalMs: 60_000 });
      try {
        await workers.tick();
      } finally {
        await workers.stop();
      }
      expect(await row(id)).toMatchObject({ status: 'sent' });
      expect(recorder.sent.map((e) => e.idempotencyKey)).toEqual([key(id)]);
      // With delivery configured, the admin view hides the token of password links.
      const shown = await jsonOf<{ message: { text: string } }>(await callLoader(messagePage.loader, `/admin/e-post/${id}`, { cookie: admin, params: { id } }));
      const [stored] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.id, id));
      const token = /\/aterstall-losenord\/([A-Za-z0-9_-]+)/.exec(stored!.text)?.[1];
      expect(token).toBeTruthy();
      expect(shown.message.text).toContain('/aterstall-losenord/[dold]');
      expect(shown.message.text).not.toContain(token!);
    } finally {
      delete process.env.RESEND_API_KEY;
      delete process.env.RESEND_BASE_URL;
      resetEnvCache();
    }
  });

  it('is for admins only', async () => {
    const id = await enqueue();
    const coach = await loginAs('coach.kista@insteg.test');
    expect((await callLoader(outboxPage.loader, '/admin/e-post', { cookie: coach })).status).toBe(403);
    expect((await callLoader(messagePage.loader, `/admin/e-post/${id}`, { cookie: coach, params: { id } })).status).toBe(403);
    expect((await callAction(outboxPage.action, '/admin/e-post', { intent: 'retry', id }, { cookie: coach })).status).toBe(403);
  });
});
