import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';
import { preactAliases, preactJsx } from './preact.ts';

// In development the API lives on the server's port; in production the server serves this build itself, so
// every request stays same-origin either way.
const server = 'http://localhost:3000';

export default defineConfig({
  plugins: [tailwindcss()],
  resolve: { alias: preactAliases },
  oxc: { jsx: preactJsx },
  server: {
    port: 5173,
    // The server refuses state changes whose Origin is not its own public URL; the dev page lives on Vite's
    // port, so its API calls are presented as coming from the server's origin, as they will in production.
    proxy: { '/api': { target: server, headers: { origin: server } } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Every browser of the es2022 target preloads modules natively: the polyfill would only add weight.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    rolldownOptions: {
      // TanStack Query marks its hooks "use client" for React Server Components, which this app has none of.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use client"')) return;
        handler(level, log);
      },
    },
  },
});
