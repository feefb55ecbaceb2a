/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // React Email components ship as ESM/CJS hybrids; bundling them avoids interop surprises.
  serverDependenciesToBundle: [/^@react-email\//],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: false,
  },
  watchPaths: ['db/**/*.ts', 'search/**/*.ts', 'emails/**/*.tsx'],
};
