/**
 * Where the suite's servers listen: the built app and the built emulator, each on its own origin, on ports
 * apart from `npm start`'s so both can run at once.
 */
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4100);
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4101);
export const APP_URL = `http://localhost:${APP_PORT}`;
export const SANDBOX_URL = `http://localhost:${SANDBOX_PORT}`;
