import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard, in Node's standard library, no native addon).
 * Parameters follow OWASP's recommendation (N=2^17, r=8, p=1 → 128 MiB); tests lower the cost
 * through INSTEG_SCRYPT_COST so thousands of hashes stay fast, never in production.
 */
const KEY_LENGTH = 64;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function defaultCost() {
  const fromEnv = Number(process.env.INSTEG_SCRYPT_COST);
  return process.env.NODE_ENV !== 'production' && Number.isInteger(fromEnv) && fromEnv >= 10 && fromEnv <= 20
    ? fromEnv
    : 17;
}

export async function hashPassword(password: string, log2N = defaultCost()): Promise<string> {
  const salt = randomBytes(16);
  const N = 2 ** log2N;
  const r = 8;
  const p = 1;
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${log2N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, log2NStr, rStr, pStr, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const log2N = Number(log2NStr);
  const r = Number(rStr);
  const p = Number(pStr);
  const salt = Buffer.from(saltB64, 'base64');
  const expected = Buffer.from(keyB64, 'base64');
  // A malformed or tampered hash never verifies: an empty key would otherwise match any password,
  // and out-of-range parameters would throw (or ask for absurd memory) instead of answering false.
  const sane = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  if (!sane(log2N, 1, 20) || !sane(r, 1, 32) || !sane(p, 1, 16) || salt.length === 0 || expected.length !== KEY_LENGTH) return false;
  const N = 2 ** log2N;
  const actual = await scrypt(password.normalize('NFC'), salt, expected.length, {
    N,
    r,
    p,
    maxmem: 256 * N * r,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;
export function getDummyHash() {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
