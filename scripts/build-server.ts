/**
 * Bundles the launcher (scripts/start.ts and the TypeScript it imports) into build/server/, so
 * that production runs plain JavaScript (`node build/server/start.js`) instead of loading
 * TypeScript through tsx: tsx's loader thread costs every served process about 90 MB.
 * Packages stay external (node_modules at run time); lazily imported parts (the migrations, the
 * demo seed) become chunks of their own and are only loaded when used.
 *
 * Modules that find their files next to themselves (import.meta.url: the migrations folder, the
 * seed's data) keep doing so: in the bundle import.meta.url is the URL of their source file.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const outdir = 'build/server';

const sourceImportMetaUrl: Plugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
        resolveDir: path.dirname(args.path),
      };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const started = performance.now();
await build({
  entryPoints: { start: 'scripts/start.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  plugins: [sourceImportMetaUrl],
  logLevel: 'warning',
});
console.info(`[build] ${outdir}/start.js in ${Math.round(performance.now() - started)} ms`);
