import { Writable } from 'node:stream';
import {
  type AppLoadContext,
  type EntryContext,
  type HandleDataRequestFunction,
  type HandleErrorFunction,
} from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { logOutage, noteDatabaseOutage, RETRY_AFTER_SECONDS, serviceUnavailable, takeDatabaseOutage } from './lib/database-outage.server';
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
    logOutage(request, error);
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
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // No page streams anything worth showing early (no deferred data): the whole document is
    // rendered, then sent as one body. Streaming it in React's small chunks cost every page a
    // trip per chunk through a Node stream, a web stream and the socket (ADR 011).
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          const chunks: Buffer[] = [];
          const document = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
          });
          document.on('finish', () => {
            clearTimeout(timeout);
            responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
            resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
          });
          pipe(document);
        },
        onShellError(error: unknown) {
          clearTimeout(timeout);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    const timeout = setTimeout(abort, ABORT_DELAY);
  });
}
