import { fileURLToPath } from 'node:url';
import type { AliasOptions } from 'vite';

/**
 * The app is written against React's API and ships Preact through preact/compat: the same components, hooks,
 * Suspense and lazy, for about a sixth of react-dom's weight on the first page. These aliases point every
 * import of React — the app's, TanStack's, Testing Library's — at Preact, in the build and in the unit tests
 * alike, so the tests run what ships.
 */
export const preactAliases: AliasOptions = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
  // TanStack Store's selector hook, through TanStack Router: React's CommonJS shim would bring React itself.
  {
    find: /^use-sync-external-store\/shim\/with-selector(\.js)?$/,
    replacement: fileURLToPath(new URL('./src/compat/useSyncExternalStoreWithSelector.ts', import.meta.url)),
  },
];

/** JSX compiled for Preact's automatic runtime (what `react/jsx-runtime` resolves to above). */
export const preactJsx = { runtime: 'automatic', importSource: 'preact' } as const;
