/**
 * Where the suite's servers listen: the built app and the built emulator, each on its own origin, on ports
 * apart from `npm start`'s so both can run at once; beside them the OpenID provider the app signs in with, and
 * a second app with anonymous use off. Those two take the ports after the emulator's unless told otherwise.
 */
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4100);
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? APP_PORT + 1);
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? APP_PORT + 2);
export const CLOSED_APP_PORT = Number(process.env.E2E_CLOSED_APP_PORT ?? APP_PORT + 3);
export const APP_URL = `http://localhost:${APP_PORT}`;
export const SANDBOX_URL = `http://localhost:${SANDBOX_PORT}`;
export const CLOSED_APP_URL = `http://localhost:${CLOSED_APP_PORT}`;

/** The OpenID provider and the client it knows Passbook by. */
export const OIDC = {
  issuer: `http://localhost:${OIDC_PORT}`,
  clientId: 'passbook',
  clientSecret: 'passbook-e2e-client-secret',
  name: 'Maple ID',
  redirectUris: [APP_URL, CLOSED_APP_URL].map((origin) => `${origin}/api/auth/oidc/callback`),
} as const;
