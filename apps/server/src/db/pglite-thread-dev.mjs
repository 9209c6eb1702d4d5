// Starts PGlite's thread from the TypeScript sources (tests, development), which plain Node cannot load.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-thread.ts');
