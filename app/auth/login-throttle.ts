/**
 * Login throttling policy (pure). Failures are counted in a sliding window; an account locks
 * after a run of failures since its last success, an IP after many failures on any accounts.
 */
export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_ACCOUNT_FAILURES = 5;
export const MAX_IP_FAILURES = 30;

export interface ThrottleInput {
  /** Failures for this e-mail within the window and since its last successful login. */
  accountFailures: number;
  /** Time of the most recent counted failure for the account. */
  lastAccountFailureAt: Date | null;
  /** Failures from this IP within the window. */
  ipFailures: number;
  /** Time of the oldest failure from this IP within the window. */
  oldestIpFailureAt: Date | null;
  now: Date;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: 'account' | 'ip' };

export function decideThrottle(input: ThrottleInput): ThrottleDecision {
  const windowMs = THROTTLE_WINDOW_MINUTES * 60 * 1000;
  if (input.accountFailures >= MAX_ACCOUNT_FAILURES && input.lastAccountFailureAt) {
    const until = input.lastAccountFailureAt.getTime() + windowMs;
    if (until > input.now.getTime()) {
      return { allowed: false, scope: 'account', retryAfterSeconds: Math.ceil((until - input.now.getTime()) / 1000) };
    }
  }
  if (input.ipFailures >= MAX_IP_FAILURES && input.oldestIpFailureAt) {
    const until = input.oldestIpFailureAt.getTime() + windowMs;
    if (until > input.now.getTime()) {
      return { allowed: false, scope: 'ip', retryAfterSeconds: Math.ceil((until - input.now.getTime()) / 1000) };
    }
  }
  return { allowed: true };
}

export function throttleMessage(retryAfterSeconds: number) {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `För många misslyckade inloggningsförsök. Vänta ${minutes} ${minutes === 1 ? 'minut' : 'minuter'} och försök igen, eller återställ ditt lösenord.`;
}
