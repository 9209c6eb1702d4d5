/**
 * Bundles the server into dist/main.mjs for `node dist/main.mjs` (and PGlite's thread into dist/pglite-thread.mjs). Workspace packages (@passbook/*, which
 * export TypeScript source) are bundled, with whatever they import; the server's own npm dependencies stay
 * external and load from node_modules at run time.
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(manifest.dependencies ?? {}).filter((name) => !name.startsWith('@passbook/'));

await build({
  // PGlite's worker thread is an entry of its own, loaded by the bundle from beside it.
  entryPoints: { main: 'src/main.ts', 'pglite-thread': 'src/db/pglite-thread.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: true,
  // Deep imports (e.g. zod/v4/core) are external too.
  external: external.flatMap((name) => [name, `${name}/*`]),
  // CommonJS dependencies bundled into ESM still call require().
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
console.log('built dist/main.mjs and dist/pglite-thread.mjs');
