import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    name: '@passbook/web',
    environment: 'happy-dom',
    // The app's own origin, as the browser would have it; Connect runs on another one.
    environmentOptions: { happyDOM: { url: 'http://localhost:3000/' } },
    include: ['test/**/*.test.{ts,tsx}'],
  },
});
