/**
 * What the HTTP layer promises every response and the session cookie, checked where the launcher
 * test cannot (it serves plain http in development defaults): behind https, browsers are told to
 * stay on https (HSTS) and the cookie is Secure; always, it is HttpOnly and SameSite=Lax, and a
 * state-changing request from another site is refused before it reaches a route.
 */
import type { Server } from 'node:http';
import path from 'node:path';
import type { ServerBuild } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetEnvCache } from '../../app/env.server';
import { createHttpServer, listen } from '../../scripts/lib/http-server';

// Only static files and refused requests are asked for: Remix never gets to read this build.
const build = { mode: 'production', routes: {}, assets: { routes: {} }, entry: { module: {} } } as unknown as ServerBuild;
const servers: Server[] = [];
async function serve(https: boolean) {
  const server = await listen(createHttpServer(build, path.resolve('.'), { https }), 0);
  servers.push(server);
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

afterAll(() => {
  for (const server of servers) server.close();
});

describe('the HTTP layer', () => {
  let httpsBase = '';
  let httpBase = '';
  beforeAll(async () => {
    httpsBase = await serve(true);
    httpBase = await serve(false);
  });

  it('sets the security headers on every response, HSTS only behind https', async () => {
    const secure = await fetch(`${httpsBase}/favicon.svg`);
    expect(secure.status).toBe(200);
    expect(secure.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const csp = secure.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(secure.headers.get('x-frame-options')).toBe('DENY');
    expect(secure.headers.get('referrer-policy')).toBe('same-origin');
    expect(secure.headers.get('x-content-type-options')).toBe('nosniff');
    expect(secure.headers.get('x-powered-by')).toBeNull();
    const plain = await fetch(`${httpBase}/favicon.svg`);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    expect(plain.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('refuses a state-changing request from another site, whatever its path, before any route sees it', async () => {
    const crossSite: Array<Record<string, string>> = [{ Origin: 'https://evil.example' }, { Origin: 'null' }, { 'Sec-Fetch-Site': 'cross-site' }];
    for (const headers of crossSite) {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const res = await fetch(`${httpsBase}/konto`, { method, headers, body: 'intent=logout-everywhere' });
        expect(res.status, `${method} ${JSON.stringify(headers)}`).toBe(403);
        expect(await res.text()).toContain('annan webbplats');
      }
    }
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax and path-wide always, and Secure in production behind https', async () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, APP_URL: process.env.APP_URL };
    try {
      for (const [nodeEnv, appUrl, secure] of [
        ['production', 'https://insteg.stockholm.se', true],
        ['production', 'http://localhost:3000', false],
        ['test', 'https://insteg.test', false],
      ] as const) {
        process.env.NODE_ENV = nodeEnv;
        process.env.APP_URL = appUrl;
        resetEnvCache();
        vi.resetModules();
        const { getSessionCookie } = await import('../../app/auth/session.server');
        const header = await getSessionCookie().serialize('token');
        expect(header, `${nodeEnv} ${appUrl}`).toMatch(/; HttpOnly/);
        expect(header).toMatch(/; SameSite=Lax/);
        expect(header).toMatch(/; Path=\//);
        expect(/; Secure/.test(header), `${nodeEnv} ${appUrl}`).toBe(secure);
      }
    } finally {
      process.env.NODE_ENV = saved.NODE_ENV;
      process.env.APP_URL = saved.APP_URL;
      resetEnvCache();
    }
  });
});
