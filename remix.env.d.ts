/// <reference types="@remix-run/dev" />

import '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The TCP peer address of the request, set by the HTTP server. */
    clientIp?: string;
  }
}
