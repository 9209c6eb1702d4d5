import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@passbook/server',
    include: ['test/**/*.test.ts'],
    // Run by their own project (vitest.system.config.ts), after every other.
    exclude: ['test/system/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
