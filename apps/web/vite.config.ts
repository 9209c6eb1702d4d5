import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API lives on the server's port; in production the server serves this build itself, so
// every request stays same-origin either way.
const server = 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
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
  },
});
