/**
 * A reset link is refused before any password is hashed when its token is junk, spent or expired:
 * scrypt is slow on purpose, and a flood of junk submissions must not buy that cost.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import type * as PasswordModuleNamespace from '../../app/auth/password.server';

type PasswordModule = typeof PasswordModuleNamespace;
import { passwordTokens, users } from '../../db/schema';
import { getDb } from '../../app/services.server';
import { newToken, hashToken } from '../../app/lib/tokens.server';

const hashed = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../app/auth/password.server', async (importOriginal) => {
  const original = await importOriginal<PasswordModule>();
  return {
    ...original,
    hashPassword: (...args: Parameters<typeof original.hashPassword>) => {
      hashed.count++;
      return original.hashPassword(...args);
    },
  };
});

const { resetPassword } = await import('../../app/auth/auth.server');

async function tokenFor(email: string, expiresInMinutes: number) {
  const [user] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, email));
  const token = newToken();
  await getDb()
    .insert(passwordTokens)
    .values({ tokenHash: hashToken(token), userId: user!.id, purpose: 'reset', expiresAt: new Date(Date.now() + expiresInMinutes * 60_000) });
  return token;
}

describe('resetPassword', () => {
  it('hashes nothing for a junk, an expired or a spent token, and hashes once for a live one', async () => {
    hashed.count = 0;
    expect(await resetPassword('junk-token-that-was-never-issued', 'Ett-nytt-lösenord-2026', '198.18.1.1')).toBe(false);
    const expired = await tokenFor('coach.farsta@insteg.test', -5);
    expect(await resetPassword(expired, 'Ett-nytt-lösenord-2026', '198.18.1.1')).toBe(false);
    expect(hashed.count).toBe(0);

    const live = await tokenFor('coach.farsta@insteg.test', 30);
    expect(await resetPassword(live, 'Ett-nytt-lösenord-2026', '198.18.1.1')).toBe(true);
    expect(hashed.count).toBe(1);
    // Spent now: refused, again without hashing.
    expect(await resetPassword(live, 'Ett-annat-lösenord-2026', '198.18.1.1')).toBe(false);
    expect(hashed.count).toBe(1);
  });
});
