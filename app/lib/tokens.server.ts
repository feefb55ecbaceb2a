import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets handed out in links and cookies (sessions, password links, feriejobb confirmation and
 * offer links): 32 random bytes, base64url. Only their SHA-256 is stored.
 */
export function newToken() {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex');
}
