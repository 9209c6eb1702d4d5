import { defineConfig } from 'vitest/config';

// One Vitest run for the whole workspace: each package is a project with its own environment. The server's
// system tests (built processes) are a project of their own, run last.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'apps/server/vitest.system.config.ts'],
  },
});
