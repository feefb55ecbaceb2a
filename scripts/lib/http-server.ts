import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import path from 'node:path';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import express from 'express';
import { requestScope } from '../../app/lib/request-scope.server';

/**
 * The Content-Security-Policy of every response: scripts only from this origin or inline with
 * the response's nonce (Remix's hydration data), no plugins, no framing, forms only to this
 * origin. Inline style attributes stay allowed (React's style prop; they cannot run code).
 */
export function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The HTTP server: static assets, then every other request to Remix. */
export function createHttpServer(build: ServerBuild, root: string, options: { https?: boolean } = {}) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // Remix reads the query from the URL itself; Express's parse of it (qs) would be work thrown away on every request.
  app.set('query parser', false);
  app.use((_req, res, next) => {
    const nonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    // Only where the site is served over https (behind a TLS proxy): browsers then never try http.
    if (options.https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });
  // Cross-site requests never change state: besides SameSite=Lax cookies, a state-changing
  // request that a browser marks as coming from another site (Origin / Sec-Fetch-Site) is refused.
  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    let crossOrigin = false;
    if (origin !== undefined) {
      try {
        crossOrigin = origin === 'null' || new URL(origin).host !== req.headers.host;
      } catch {
        crossOrigin = true;
      }
    }
    if (crossOrigin || site === 'cross-site') {
      res.status(403).type('text/plain; charset=utf-8').send('Begäran kom från en annan webbplats och har stoppats.');
      return;
    }
    next();
  });
  // Fingerprinted build output can be cached forever; the rest of public/ briefly.
  app.use('/build', express.static(path.join(root, 'public/build'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(path.join(root, 'public'), { maxAge: '1h' }));
  const remix = createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({ clientIp: req.socket.remoteAddress ?? 'unknown', cspNonce: res.locals.cspNonce as string }),
  });
  // Reads get a request scope (one session lookup for all the loaders of a page); see request-scope.server.ts.
  app.all('*', (req, res, next) =>
    req.method === 'GET' || req.method === 'HEAD' ? requestScope.run(new Map(), () => remix(req, res, next)) : remix(req, res, next),
  );
  return app;
}

export function listen(app: ReturnType<typeof express>, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, () => resolve(server));
    server.once('error', reject);
  });
}
