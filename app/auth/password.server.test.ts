import { describe, expect, it } from 'vitest';
import { getDummyHash, hashPassword, verifyPassword } from './password.server';

const COST = 10; // the test cost; production uses 17

describe('password hashing', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const hash = await hashPassword('en lång och hemlig fras', COST);
    expect(await verifyPassword('en lång och hemlig fras', hash)).toBe(true);
    expect(await verifyPassword('en lång och hemlig fras ', hash)).toBe(false);
    expect(await verifyPassword('En lång och hemlig fras', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('stores the algorithm and its parameters, never the password', async () => {
    const hash = await hashPassword('Insteg-demo-2026', COST);
    expect(hash).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('Insteg-demo-2026');
    expect(Buffer.from(hash.split('$')[5]!, 'base64')).toHaveLength(64);
  });

  it('uses a fresh salt every time', async () => {
    const [a, b] = await Promise.all([hashPassword('samma lösenord', COST), hashPassword('samma lösenord', COST)]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(await verifyPassword('samma lösenord', a)).toBe(true);
    expect(await verifyPassword('samma lösenord', b)).toBe(true);
  });

  it('treats the composed and decomposed forms of å, ä, ö as the same password', async () => {
    const hash = await hashPassword('Smörgåsbord-räksmörgås'.normalize('NFC'), COST);
    expect(await verifyPassword('Smörgåsbord-räksmörgås'.normalize('NFD'), hash)).toBe(true);
  });

  it('verifies with the cost stored in the hash, not the current default', async () => {
    const hash = await hashPassword('gammal kostnad', 11);
    expect(hash.startsWith('scrypt$11$')).toBe(true);
    expect(await verifyPassword('gammal kostnad', hash)).toBe(true);
  });

  describe('a malformed stored hash is never a match (and never throws)', async () => {
    const good = await hashPassword('rätt lösenord', COST);
    const [, n, r, p, salt, key] = good.split('$') as [string, string, string, string, string, string];
    const cases: Record<string, string> = {
      empty: '',
      'not a hash': 'nonsense',
      'another algorithm': '$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234',
      'too few parts': ['scrypt', n, r, p, salt].join('$'),
      'too many parts': [good, 'extra'].join('$'),
      'wrong algorithm name': ['bcrypt', n, r, p, salt, key].join('$'),
      'cost not a number': ['scrypt', 'abc', r, p, salt, key].join('$'),
      'negative cost': ['scrypt', '-1', r, p, salt, key].join('$'),
      'absurd cost': ['scrypt', '40', r, p, salt, key].join('$'),
      'zero block size': ['scrypt', n, '0', p, salt, key].join('$'),
      'empty salt': ['scrypt', n, r, p, '', key].join('$'),
      'empty key': ['scrypt', n, r, p, salt, ''].join('$'),
      'truncated key': ['scrypt', n, r, p, salt, key.slice(0, 12)].join('$'),
    };
    it.each(Object.entries(cases))('%s', async (_name, stored) => {
      await expect(verifyPassword('rätt lösenord', stored)).resolves.toBe(false);
      await expect(verifyPassword('', stored)).resolves.toBe(false);
    });
  });

  it('has a dummy hash that no ordinary password matches (for timing-safe unknown accounts)', async () => {
    const dummy = await getDummyHash();
    expect(dummy).toBe(await getDummyHash());
    expect(dummy.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('Insteg-demo-2026', dummy)).toBe(false);
  });
});
