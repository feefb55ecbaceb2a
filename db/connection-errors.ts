import { DrizzleQueryError } from 'drizzle-orm';

/** postgres.js's own codes: the connection closed under a query, was ended or destroyed, or could not be made in time. */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);

/**
 * SQLSTATEs of a server that is going away or not taking connections: 57P01 admin_shutdown,
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, shutting down, in recovery),
 * 53300 too_many_connections. Class 08 (connection exceptions) is matched by its prefix.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Node's codes for a socket that could not be opened or broke. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const SQLSTATE = /^[0-9A-Z]{5}$/;

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === 'string' ? code : undefined;
}

/**
 * Whether an error means PostgreSQL could not be reached or went away (stopped, restarting,
 * crashed, the network between us broke), as opposed to a fault of the query or of our code:
 * the first is answered "service unavailable" (503), the second stays a 500. Follows `cause`
 * (drizzle wraps the driver's error in a DrizzleQueryError).
 *
 * The driver's codes and SQLSTATEs are the database's wherever they are in the chain. A socket
 * code (ECONNREFUSED, …) counts only on the error itself or under drizzle's wrapper: fetch
 * (Meilisearch, the e-mail API) fails with the same codes, wrapped in errors of its own.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current = error;
  let fromDriver = true;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const code = codeOf(current);
    if (code !== undefined) {
      if (DRIVER_CODES.has(code)) return true;
      if (SQLSTATE.test(code) && (SERVER_CODES.has(code) || code.startsWith('08'))) return true;
      if (fromDriver && SOCKET_CODES.has(code)) return true;
    }
    if (!(current instanceof DrizzleQueryError)) fromDriver = false;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
