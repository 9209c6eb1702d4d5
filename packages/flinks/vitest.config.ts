import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@passbook/flinks',
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
