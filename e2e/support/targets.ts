/**
 * Where the specs can run. Every spec runs against the emulator (`pnpm test:e2e`); all but these also run
 * against the real Flinks toolbox (`pnpm test:e2e:toolbox`). This list is the one place that says which
 * need the emulator: its control surface, or test users only it has.
 */
export const EMULATOR_ONLY_SPECS = [
  // test_pending and test_disabled_account are the emulator's users.
  'a11y/axe.spec.ts',
  // Arms an `mfa` fault on the control surface.
  'connect/cached-mfa.spec.ts',
  // test_disabled_account and test_service_unavailable are the emulator's users.
  'connect/sign-in-errors.spec.ts',
  // Reads the emulator's call log to see DeleteCard.
  'links/remove.spec.ts',
  // Counts on the emulator's rule that a refresh brings transactions dated today.
  'refresh/refresh.spec.ts',
  // Creates a login and arms a fault for it on the control surface.
  'sync/retry-time.spec.ts',
];

/** The public toolbox (FLINKS.md §1), unless FLINKS_API_URL / FLINKS_CONNECT_URL name another instance. */
export const TOOLBOX_API_URL = process.env.FLINKS_API_URL ?? 'https://toolbox-api.private.fin.ag';
export const TOOLBOX_CONNECT_URL =
  process.env.FLINKS_CONNECT_URL ?? 'https://toolbox-iframe.private.fin.ag/v2/';
