/**
 * A real OpenID provider (`oidc-provider`) on localhost with one client configured for Passbook, and a person
 * going through its own sign-in and consent pages with plain HTTP: the pages' forms are filled in and sent as
 * a browser would, following every redirect, until the provider sends the browser back to Passbook.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export async function startOidcProvider(redirectUri: string): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://localhost:${port}`;
  const clientId = 'passbook';
  const clientSecret = 'passbook-test-client-secret';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    // The development sign-in page: any login and password; the login becomes the subject.
    findAccount: async (_context, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
    cookies: { keys: ['passbook-test-provider-cookie-key'] },
    pkce: { required: () => true },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A person at the provider: from Passbook's authorization URL through sign-in as `login` and consent, to the
 * URL the provider sends the browser back to (Passbook's callback with its query). `answer` 'cancel' aborts
 * at the sign-in page instead.
 */
export async function throughProvider(
  authorizationUrl: string,
  login: string,
  returnTo: string,
  answer: 'consent' | 'cancel' = 'consent',
): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let body: string | null = null;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(returnTo)) return new URL(url);
    const response = await fetch(url, {
      method: body === null ? 'GET' : 'POST',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(body === null ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(body === null ? {} : { body }),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      if (/expires=Thu, 01 Jan 1970/i.test(header)) jar.delete(name);
      else jar.set(name, pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      url = new URL(location, url).href;
      body = null;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (action === undefined || prompt === undefined) {
      throw new Error(`the provider answered ${response.status} without a form: ${html.slice(0, 300)}`);
    }
    if (answer === 'cancel') {
      const abort = /href="([^"]*\/abort)"/.exec(html)?.[1];
      if (abort === undefined) throw new Error('the provider page has no way to cancel');
      url = new URL(abort, url).href;
      body = null;
      continue;
    }
    url = new URL(action, url).href;
    body = new URLSearchParams(
      prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt },
    ).toString();
  }
  throw new Error('the provider never sent the browser back');
}
