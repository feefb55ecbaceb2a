import { createContext, useContext } from 'react';

/**
 * The per-response Content-Security-Policy nonce (scripts/lib/http-server.ts creates it and
 * sends it in the header). Only the server render knows it; browsers hide nonces from scripts,
 * so in the browser it is undefined.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce() {
  return useContext(NonceContext);
}
