/**
 * The accessibility statement (/tillganglighet) is public: an anonymous visitor gets the whole
 * page inside the real root layout, whose footer links to it from every page. The document is
 * rendered through Remix's own request handler with a build made of just the root and this
 * route, so the root loader, the Layout, meta and the route component all run for real.
 */
import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as root from '../../app/root';
import * as statement from '../../app/routes/tillganglighet';
import { BASE } from '../setup/remix';

const TITLE = 'Tillgänglighetsredogörelse – Insteg';

type RouteModule = ServerBuild['routes'][string]['module'];

function entryRoute(id: string, module: Record<string, unknown>, extra: { parentId?: string; path: string }) {
  return {
    id,
    ...extra,
    module: `/build/${id}.js`,
    hasLoader: 'loader' in module,
    hasAction: 'action' in module,
    hasClientLoader: false,
    hasClientAction: false,
    hasErrorBoundary: 'ErrorBoundary' in module,
    imports: [],
  };
}

const build: ServerBuild = {
  mode: 'production',
  entry: {
    module: {
      default: (request, status, headers, remixContext) => {
        headers.set('Content-Type', 'text/html; charset=utf-8');
        const html = renderToString(createElement(RemixServer, { context: remixContext, url: request.url }));
        return new Response(`<!DOCTYPE html>${html}`, { status, headers });
      },
    },
  },
  routes: {
    root: { id: 'root', path: '', module: root as unknown as RouteModule },
    'routes/tillganglighet': { id: 'routes/tillganglighet', parentId: 'root', path: 'tillganglighet', module: statement as unknown as RouteModule },
  },
  assets: {
    version: 'test',
    url: '/build/manifest-test.js',
    entry: { module: '/build/entry.client.js', imports: [] },
    routes: {
      root: entryRoute('root', root, { path: '' }),
      'routes/tillganglighet': entryRoute('routes/tillganglighet', statement, { parentId: 'root', path: 'tillganglighet' }),
    },
  },
  publicPath: '/build/',
  assetsBuildDirectory: 'public/build',
  future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: false },
  isSpaMode: false,
};

const handle = createRequestHandler(build, 'production');

async function visit(path: string) {
  const response = await handle(new Request(`${BASE}${path}`), { clientIp: '192.0.2.10' });
  return { status: response.status, html: await response.text() };
}

describe('the accessibility statement', () => {
  it('is public and exports its page title', () => {
    expect('loader' in statement).toBe(false);
    expect('action' in statement).toBe(false);
    expect(statement.meta({} as Parameters<typeof statement.meta>[0])).toContainEqual({ title: TITLE });
    expect(typeof statement.ErrorBoundary).toBe('function');
  });

  it('renders for an anonymous visitor, in Swedish, with the parts the law and DIGG ask for', async () => {
    const { status, html } = await visit('/tillganglighet');
    expect(status).toBe(200);
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain(`<title>${TITLE}</title>`);
    // One h1, and the sections of DIGG's model statement as h2.
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    const h2 = [...html.matchAll(/<h2[^>]*>(.*?)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual([
      'Hur tillgänglig är tjänsten?',
      'Vad kan du göra om du inte kan använda delar av tjänsten?',
      'Rapportera brister i tjänstens tillgänglighet',
      'Tillsyn',
      'Teknisk information om tjänstens tillgänglighet',
      'Innehåll som inte är tillgängligt',
      'Hur vi har testat tjänsten',
    ]);
    expect(html).toContain('href="https://www.digg.se/tdosanmalan"');
    expect(html).toContain('href="mailto:tillganglighet@insteg.test"');
    expect(html).toContain('WCAG 2.1');
    expect(html).toContain('<time dateTime="2026-11-23">23 november 2026</time>');
    // Nobody is logged in: no user menu, no main menu.
    expect(html).not.toContain('Logga ut');
    expect(html).not.toContain('aria-label="Huvudmeny"');
  });

  it('is linked from the footer of the layout every page shares', async () => {
    const { html } = await visit('/tillganglighet');
    const footer = html.match(/<footer[\s\S]*?<\/footer>/)?.[0] ?? '';
    expect(footer).toMatch(/<a [^>]*href="\/tillganglighet"[^>]*>Tillgänglighet<\/a>/);
  });
});
