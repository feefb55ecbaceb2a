import { DrizzleQueryError } from 'drizzle-orm';
import { isDatabaseUnavailable } from '../../db/connection-errors';
import { errorMessages } from '../components/error-view';

/**
 * Pages answer 503 "service unavailable", not 500, while PostgreSQL cannot be reached. Remix 2
 * has no middleware and sanitizes a loader's error before the page is rendered, so the server
 * entry does it in three steps (app/entry.server.tsx):
 *  1. handleError sees the loader's or action's own error and notes the request here;
 *  2. for a document, handleRequest throws serviceUnavailable(): Remix renders the page again with
 *     that response as the root error boundary's error (status 503, the same error on the client);
 *  3. for a data request (?_data), handleDataRequest answers serviceUnavailable() instead of the 500.
 */

/** Seconds a client is asked to wait (Retry-After): a restart takes seconds, the pool reconnects within one. */
export const RETRY_AFTER_SECONDS = 10;

/** The 503's data, as the error view (app/components/error-view.tsx) reads it. */
export interface DatabaseOutageData {
  reason: 'database-unavailable';
  /** The request was a submission (not GET/HEAD): what was sent may not have been saved. */
  submitted: boolean;
}

const outages = new WeakSet<Request>();

/** Notes the request if `error` means the database is unavailable; returns whether it did. */
export function noteDatabaseOutage(request: Request, error: unknown): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  outages.add(request);
  return true;
}

/**
 * One log line for a request answered 503, with the driver's message only: drizzle's wrapper
 * message holds the query's parameters (personal data among them).
 */
export function logOutage(request: Request, error: unknown) {
  let cause = error;
  while (cause instanceof DrizzleQueryError && cause.cause) cause = cause.cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  console.error(`[insteg] ${request.method} ${new URL(request.url).pathname}: the database is unavailable, answering 503 (${message})`);
}

/** Whether a loader or action of the request failed for want of the database; asked once (it forgets). */
export function takeDatabaseOutage(request: Request): boolean {
  return outages.delete(request);
}

/**
 * The 503. JSON, so Remix hands it to the error boundary as data; X-Remix-Catch on a data
 * request makes Remix's client treat it as a thrown response (the boundary shows the 503).
 */
export function serviceUnavailable(request: Request, options: { dataRequest?: boolean } = {}): Response {
  const data: DatabaseOutageData = { reason: 'database-unavailable', submitted: request.method !== 'GET' && request.method !== 'HEAD' };
  const headers = new Headers({
    'Content-Type': 'application/json; charset=utf-8',
    'Retry-After': String(RETRY_AFTER_SECONDS),
    'Cache-Control': 'no-store',
  });
  if (options.dataRequest) headers.set('X-Remix-Catch', 'yes');
  return new Response(JSON.stringify(data), { status: 503, statusText: 'Service Unavailable', headers });
}

/**
 * Resource routes (file downloads) pass through none of the entry's hooks: their loader is
 * wrapped instead, and a database outage answers a plain-text 503 in Swedish rather than Remix's
 * bare 500. Everything else (a thrown redirect or 403 among them) passes through unchanged.
 */
export async function downloadOrUnavailable(request: Request, download: () => Promise<Response>): Promise<Response> {
  try {
    return await download();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    logOutage(request, error);
    const { title, text } = errorMessages[503]!;
    return new Response(`${title}. ${text}\n`, {
      status: 503,
      statusText: 'Service Unavailable',
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' },
    });
  }
}
