import { PassThrough } from 'node:stream';
import {
  createReadableStreamFromReadable,
  type AppLoadContext,
  type EntryContext,
  type HandleDataRequestFunction,
  type HandleErrorFunction,
} from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { noteDatabaseOutage, outageCause, RETRY_AFTER_SECONDS, serviceUnavailable, takeDatabaseOutage } from './lib/database-outage.server';
import { NonceContext } from './nonce';

export { startBackgroundWorkers } from './background.server';

const ABORT_DELAY = 5_000;

/**
 * Every error of a loader, action or render, before Remix sanitizes it. Logged as Remix would,
 * except a database outage: one line, and the request is noted so it is answered 503 (see
 * app/lib/database-outage.server.ts).
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  // The 503 that handleRequest throws comes back here on its way to the error boundary.
  if (error instanceof Response) return;
  if (noteDatabaseOutage(request, error)) {
    console.error(`[insteg] ${request.method} ${new URL(request.url).pathname}: the database is unavailable, answering 503 (${outageCause(error)})`);
    return;
  }
  console.error(isRouteErrorResponse(error) && (error as { error?: unknown }).error ? (error as { error?: unknown }).error : error);
};

/** A data request (?_data) whose loader or action failed for want of the database: 503 instead of 500. */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) =>
  takeDatabaseOutage(request) ? serviceUnavailable(request, { dataRequest: true }) : response;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Remix renders the page again with the thrown 503 as the root error boundary's error.
  if (takeDatabaseOutage(request)) throw serviceUnavailable(request);
  if (responseStatusCode === 503) {
    responseHeaders.set('Retry-After', String(RETRY_AFTER_SECONDS));
    responseHeaders.set('Cache-Control', 'no-store');
  }
  const nonce = typeof loadContext.cspNonce === 'string' ? loadContext.cspNonce : undefined;
  const waitForAll = isbot(request.headers.get('user-agent') ?? '');
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
