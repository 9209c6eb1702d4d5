import { defineConfig } from 'vitest/config';

/**
 * System tests: the built server and the built emulator as real processes (`pnpm run build` first). They run
 * after every other project, so that the machine's cores are theirs while they stop and start processes; two
 * files at a time, as their processes spend most of it waiting on one another.
 */
export default defineConfig({
  test: {
    name: '@passbook/server:system',
    root: import.meta.dirname,
    include: ['test/system/**/*.test.ts'],
    testTimeout: 240_000,
    // Hooks start servers, whose first start may be slow (support/processes.ts).
    hookTimeout: 240_000,
    sequence: { groupOrder: 1 },
    maxWorkers: 2,
  },
});
