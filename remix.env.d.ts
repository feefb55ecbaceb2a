/// <reference types="@remix-run/dev" />

import '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The TCP peer address of the request, set by the HTTP server. */
    clientIp?: string;
    /** The Content-Security-Policy nonce of this response (scripts/lib/http-server.ts). */
    cspNonce?: string;
  }
}
