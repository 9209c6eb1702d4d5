/**
 * A software passkey authenticator, as a phone or a laptop would be: it makes discoverable ES256 credentials
 * and signs assertions exactly as WebAuthn specifies (authenticator data, client data, DER signature), so the
 * server's real verification (@simplewebauthn/server) checks them. Copying it is holding the same passkeys.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

interface StoredCredential {
  id: Buffer;
  rpId: string;
  userHandle: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  counter: number;
}

type Options = { challenge: string; rp?: { id?: string }; rpId?: string; user?: { id: string } };

const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

function counterBytes(counter: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(counter);
  return bytes;
}

export class SoftwareAuthenticator {
  readonly credentials: StoredCredential[] = [];

  constructor(readonly origin: string) {}

  /** Another device holding the same passkeys (as a synced passkey would be). */
  copy(origin = this.origin): SoftwareAuthenticator {
    const other = new SoftwareAuthenticator(origin);
    other.credentials.push(...this.credentials.map((credential) => ({ ...credential })));
    return other;
  }

  /** `navigator.credentials.create` for these options: a RegistrationResponseJSON. */
  create(options: Options) {
    const rpId = options.rp?.id ?? new URL(this.origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const credential: StoredCredential = {
      id: randomBytes(16),
      rpId,
      userHandle: options.user?.id ?? '',
      privateKey,
      publicKey,
      counter: 0,
    };
    this.credentials.push(credential);
    const coseKey = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x ?? '', 'base64url')],
        [-3, Buffer.from(jwk.y ?? '', 'base64url')],
      ]),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credential.id.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([0x45]), // user present, user verified, attested credential data
      counterBytes(0),
      Buffer.alloc(16), // AAGUID
      idLength,
      credential.id,
      Buffer.from(coseKey),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Map<string, string> | Uint8Array>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', authData],
      ]),
    );
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: this.clientData('webauthn.create', options.challenge),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** `navigator.credentials.get` with no allow list: the first discoverable credential for the RP. */
  get(
    options: Options,
    pick: (credentials: StoredCredential[]) => StoredCredential | undefined = (all) => all[0],
  ) {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const credential = pick(this.credentials.filter((item) => item.rpId === rpId));
    if (!credential) throw new Error(`no passkey for ${rpId}`);
    credential.counter += 1;
    const authData = Buffer.concat([sha256(rpId), Buffer.from([0x05]), counterBytes(credential.counter)]);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge);
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(Buffer.from(clientDataJSON, 'base64url'))]),
      credential.privateKey,
    );
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key' as const,
      response: {
        clientDataJSON,
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  private clientData(type: string, challenge: string): string {
    return b64url(Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false })));
  }
}

interface Requester {
  // biome-ignore lint/suspicious/noExplicitAny: an answer's JSON, as inject's `json()` types it
  post(url: string, payload?: object): Promise<{ statusCode: number; json(): any; body: string }>;
}

/** Creates a passkey through the API, as the web app does; returns the registration's answer. */
export async function createPasskey(browser: Requester, authenticator: SoftwareAuthenticator, name?: string) {
  const { options } = (await browser.post('/api/auth/passkeys/registration/options')).json() as {
    options: Options;
  };
  return browser.post('/api/auth/passkeys/registration', {
    credential: authenticator.create(options),
    ...(name === undefined ? {} : { name }),
  });
}

export async function signInWithPasskey(browser: Requester, authenticator: SoftwareAuthenticator) {
  const { options } = (await browser.post('/api/auth/passkeys/sign-in/options')).json() as {
    options: Options;
  };
  return browser.post('/api/auth/passkeys/sign-in', { credential: authenticator.get(options) });
}
