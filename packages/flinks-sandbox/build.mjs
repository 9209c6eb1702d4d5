#!/usr/bin/env node
/**
 * Bundles src/main.ts into dist/main.mjs (npm dependencies stay external) and copies the Connect page's files
 * beside it, where src/connect/assets.ts looks for them. `node build.mjs <outdir>` builds elsewhere.
 */
import { cp, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const outdir = resolve(root, process.argv[2] ?? 'dist');

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'src', 'main.ts')],
  outfile: join(outdir, 'main.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
await cp(join(root, 'src', 'connect', 'assets'), join(outdir, 'assets'), { recursive: true });
console.log(`built ${join(outdir, 'main.mjs')}`);
