// @vitest-environment node
/**
 * The first page carries no zod: the browser takes the contracts' route table (plain data) at run time and
 * their schemas as types only. Built as for production, the entry chunk and every chunk it imports statically
 * (what index.html loads before the first render) hold the route table and none of zod's modules; zod stays
 * in the Connect page's chunk, loaded when a bank is connected.
 */
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const isZod = (id: string) =>
  /[\\/]node_modules[\\/](\.pnpm[\\/]zod@[^\\/]+[\\/]node_modules[\\/])?zod[\\/]/.test(id);

type Chunk = Rolldown.OutputChunk;

describe('the first page', () => {
  let chunks: Chunk[];
  let firstPage: Chunk[];

  beforeAll(async () => {
    const output = await build({
      root,
      logLevel: 'silent',
      build: { write: false, reportCompressedSize: false },
    });
    const bundles = [output].flat() as Rolldown.RolldownOutput[];
    chunks = bundles.flatMap((bundle) =>
      bundle.output.filter((item): item is Chunk => item.type === 'chunk'),
    );
    const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
    const entry = chunks.find((chunk) => chunk.isEntry);
    if (!entry) throw new Error('the build has no entry chunk');
    const seen = new Set<Chunk>();
    const visit = (chunk: Chunk) => {
      if (seen.has(chunk)) return;
      seen.add(chunk);
      for (const name of chunk.imports) {
        const imported = byName.get(name);
        if (imported) visit(imported);
      }
    };
    visit(entry);
    firstPage = [...seen];
  }, 120_000);

  it('builds requests from the route table', () => {
    const modules = firstPage.flatMap((chunk) => chunk.moduleIds);
    expect(modules.some((id) => id.endsWith('packages/contracts/src/routes.ts'))).toBe(true);
    expect(modules.some((id) => id.endsWith('packages/contracts/src/contract.ts'))).toBe(false);
  });

  it('holds none of zod, which only a chunk loaded later does', () => {
    expect(firstPage.flatMap((chunk) => chunk.moduleIds).filter(isZod)).toEqual([]);
    const later = chunks.filter((chunk) => !firstPage.includes(chunk));
    expect(later.some((chunk) => chunk.moduleIds.some(isZod))).toBe(true);
  });
});
