import { describe, expect, it } from 'vitest';
import { decideThrottle, MAX_ACCOUNT_FAILURES, MAX_IP_FAILURES, THROTTLE_WINDOW_MINUTES, throttleMessage, type ThrottleInput } from './login-throttle';

const now = new Date('2026-03-10T12:00:00Z');
const windowMs = THROTTLE_WINDOW_MINUTES * 60_000;
const ago = (ms: number) => new Date(now.getTime() - ms);

function input(overrides: Partial<ThrottleInput>): ThrottleInput {
  return { accountFailures: 0, lastAccountFailureAt: null, ipFailures: 0, oldestIpFailureAt: null, now, ...overrides };
}

describe('decideThrottle', () => {
  it('uses the documented policy: 5 failures per account, 30 per address, 15 minute window', () => {
    expect(MAX_ACCOUNT_FAILURES).toBe(5);
    expect(MAX_IP_FAILURES).toBe(30);
    expect(THROTTLE_WINDOW_MINUTES).toBe(15);
  });

  it('allows a clean slate', () => {
    expect(decideThrottle(input({}))).toEqual({ allowed: true });
  });

  it('allows one failure fewer than the account limit', () => {
    expect(decideThrottle(input({ accountFailures: MAX_ACCOUNT_FAILURES - 1, lastAccountFailureAt: now }))).toEqual({ allowed: true });
  });

  it('locks the account at the limit for the whole window after the last failure', () => {
    expect(decideThrottle(input({ accountFailures: MAX_ACCOUNT_FAILURES, lastAccountFailureAt: now }))).toEqual({
      allowed: false,
      scope: 'account',
      retryAfterSeconds: 15 * 60,
    });
  });

  it('counts the window from the most recent failure and rounds the wait up to whole seconds', () => {
    const d = decideThrottle(input({ accountFailures: 12, lastAccountFailureAt: ago(10 * 60_000 + 500) }));
    expect(d).toEqual({ allowed: false, scope: 'account', retryAfterSeconds: 5 * 60 }); // 299.5 s → 300
    const lastMs = decideThrottle(input({ accountFailures: 5, lastAccountFailureAt: ago(windowMs - 1) }));
    expect(lastMs).toEqual({ allowed: false, scope: 'account', retryAfterSeconds: 1 });
  });

  it('lets the account in again exactly when the window has passed', () => {
    expect(decideThrottle(input({ accountFailures: 5, lastAccountFailureAt: ago(windowMs) }))).toEqual({ allowed: true });
    expect(decideThrottle(input({ accountFailures: 50, lastAccountFailureAt: ago(windowMs + 1) }))).toEqual({ allowed: true });
  });

  it('does not lock an account without a time for its last failure', () => {
    expect(decideThrottle(input({ accountFailures: 9, lastAccountFailureAt: null }))).toEqual({ allowed: true });
  });

  it('throttles an address at 30 failures, counting from its oldest failure in the window', () => {
    expect(decideThrottle(input({ ipFailures: MAX_IP_FAILURES - 1, oldestIpFailureAt: ago(60_000) }))).toEqual({ allowed: true });
    expect(decideThrottle(input({ ipFailures: MAX_IP_FAILURES, oldestIpFailureAt: ago(60_000) }))).toEqual({
      allowed: false,
      scope: 'ip',
      retryAfterSeconds: 14 * 60,
    });
    expect(decideThrottle(input({ ipFailures: 100, oldestIpFailureAt: ago(windowMs) }))).toEqual({ allowed: true });
    expect(decideThrottle(input({ ipFailures: 100, oldestIpFailureAt: null }))).toEqual({ allowed: true });
  });

  it('reports the account lock first when both apply, and the address lock when only it applies', () => {
    const both = decideThrottle(input({ accountFailures: 5, lastAccountFailureAt: now, ipFailures: 30, oldestIpFailureAt: ago(60_000) }));
    expect(both).toMatchObject({ allowed: false, scope: 'account', retryAfterSeconds: 900 });
    const ipOnly = decideThrottle(input({ accountFailures: 5, lastAccountFailureAt: ago(windowMs + 1), ipFailures: 30, oldestIpFailureAt: ago(60_000) }));
    expect(ipOnly).toMatchObject({ allowed: false, scope: 'ip', retryAfterSeconds: 840 });
  });
});

describe('throttleMessage', () => {
  it.each([
    [0, '1 minut'],
    [1, '1 minut'],
    [60, '1 minut'],
    [61, '2 minuter'],
    [899, '15 minuter'],
    [900, '15 minuter'],
  ])('after %i s says "Vänta %s"', (seconds, text) => {
    const message = throttleMessage(seconds);
    expect(message).toContain(`Vänta ${text} och försök igen`);
    expect(message.startsWith('För många misslyckade inloggningsförsök.')).toBe(true);
  });

  it('points to the password reset', () => {
    expect(throttleMessage(120)).toMatch(/återställ ditt lösenord/);
  });
});
