import { defineConfig } from 'vitest/config';
import { preactAliases, preactJsx } from './preact.ts';

export default defineConfig({
  resolve: { alias: preactAliases },
  oxc: { jsx: preactJsx },
  test: {
    name: '@passbook/web',
    environment: 'happy-dom',
    // The app's own origin, as the browser would have it; Connect runs on another one.
    environmentOptions: { happyDOM: { url: 'http://localhost:3000/' } },
    include: ['test/**/*.test.{ts,tsx}'],
    // Run through Vite rather than Node, so that their imports of React meet the aliases above.
    server: { deps: { inline: [/@tanstack\/react-/] } },
  },
});
