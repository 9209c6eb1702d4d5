/**
 * A real OpenID provider for the suite (`oidc-provider`), started by playwright.config.ts: one client for
 * Passbook (both apps' callbacks), and the provider's own development sign-in and consent pages, where any
 * login and password sign in and the login becomes the person's subject. `node support/oidc-provider.ts`.
 */
import Provider from 'oidc-provider';
import { OIDC, OIDC_PORT } from './env.ts';

const provider = new Provider(OIDC.issuer, {
  clients: [
    {
      client_id: OIDC.clientId,
      client_secret: OIDC.clientSecret,
      redirect_uris: [...OIDC.redirectUris],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  findAccount: async (_context, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  cookies: { keys: ['passbook-e2e-provider-cookie-key'] },
  pkce: { required: () => true },
});

const server = provider.listen(OIDC_PORT, () => {
  console.log(`OpenID provider at ${OIDC.issuer}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
