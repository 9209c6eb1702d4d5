/**
 * The passkey strategy: WebAuthn through @simplewebauthn/server, with discoverable credentials (no user name
 * to type) and the relying party's id and origin taken from PUBLIC_URL. It proves who someone is; the auth
 * service then issues the session.
 */
import type { Passkey } from '@passbook/contracts';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Database, Queryable } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { consumeChallenge, saveChallenge, signedChallenge } from './challenges.ts';
import { describeDevice } from './device.ts';
import { waysIn } from './oidc.ts';

export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

export function relyingPartyFor(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  return { id: url.hostname, origin: url.origin, name: 'Passbook' };
}

interface PasskeyRow {
  id: string;
  user_id: string;
  public_key: string;
  counter: number;
  transports: string[];
  name: string;
  created_at: Date;
  last_used_at: Date | null;
}

const notVerified = () =>
  new AppError(400, 'PASSKEY_NOT_VERIFIED', 'This passkey could not be verified; try again.');
const unknownPasskey = () =>
  new AppError(401, 'PASSKEY_UNKNOWN', 'Passbook does not know this passkey. Was it removed?');

/** "Chrome on Linux": what a person would call the device a passkey was made on, until they rename it. */
export function defaultPasskeyName(userAgent: string): string {
  const { browser, os } = describeDevice(userAgent);
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? 'Passkey';
}

export function presentPasskey(row: PasskeyRow): Passkey {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

export interface VerifiedRegistration {
  /** The user the passkey now belongs to: the requester's own, or a new account's. */
  userId: string;
  /** True when no user existed yet: the passkey makes a new account. */
  newUser: boolean;
  /** Stores the passkey (and makes the user an account); run inside the sign-in transaction. */
  store(tx: Queryable): Promise<void>;
}

export class PasskeyStrategy {
  constructor(
    private readonly db: Database,
    private readonly rp: RelyingParty,
  ) {}

  /** For `userId`'s next passkey, or (null) for a new account the passkey will create. */
  async registrationOptions(userId: string | null) {
    const owner = userId ?? crypto.randomUUID();
    const existing = userId === null ? [] : await this.passkeyRows(this.db, userId);
    const options = await generateRegistrationOptions({
      rpName: this.rp.name,
      rpID: this.rp.id,
      userID: new TextEncoder().encode(owner),
      userName: 'Passbook',
      userDisplayName: 'Passbook',
      attestationType: 'none',
      excludeCredentials: existing.map((row) => ({ id: row.id, transports: row.transports })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    });
    await saveChallenge(this.db, { challenge: options.challenge, purpose: 'registration', userId: owner });
    return options;
  }

  /**
   * Checks a new credential against the challenge it answers. `requesterId` is the user the browser's
   * session names: a challenge made for an existing user can only be answered from that user's session.
   */
  async verifyRegistration(
    credential: RegistrationResponseJSON,
    requesterId: string | null,
    name: string,
  ): Promise<VerifiedRegistration> {
    const challenge = signedChallenge(credential.response.clientDataJSON);
    const issued = challenge === null ? null : await consumeChallenge(this.db, challenge, 'registration');
    if (challenge === null || issued === null || issued.userId === null) throw notVerified();
    const userId = issued.userId;
    const { rows } = await this.db.query('SELECT 1 FROM users WHERE id = $1', [userId]);
    const newUser = rows.length === 0;
    if (!newUser && userId !== requesterId) throw notVerified();

    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        response: credential,
        expectedChallenge: challenge,
        expectedOrigin: this.rp.origin,
        expectedRPID: this.rp.id,
        requireUserVerification: false,
      });
    } catch {
      throw notVerified();
    }
    if (!verification.verified) throw notVerified();
    const { credential: verified } = verification.registrationInfo;
    return {
      userId,
      newUser,
      store: async (tx) => {
        await tx.query(
          `INSERT INTO users (id, account_created_at) VALUES ($1, now())
           ON CONFLICT (id) DO UPDATE SET account_created_at = coalesce(users.account_created_at, now())`,
          [userId],
        );
        const stored = await tx.query(
          `INSERT INTO passkeys (id, user_id, public_key, counter, transports, name)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
          [
            verified.id,
            userId,
            Buffer.from(verified.publicKey).toString('base64url'),
            verified.counter,
            verified.transports ?? [],
            name,
          ],
        );
        if (stored.rowCount === 0) {
          throw new AppError(409, 'PASSKEY_EXISTS', 'This passkey is already registered.');
        }
      },
    };
  }

  async authenticationOptions() {
    const options = await generateAuthenticationOptions({ rpID: this.rp.id, userVerification: 'preferred' });
    await saveChallenge(this.db, { challenge: options.challenge, purpose: 'authentication', userId: null });
    return options;
  }

  /** The user a discoverable credential signs in, once its signature over a fresh challenge is checked. */
  async verifyAuthentication(credential: AuthenticationResponseJSON): Promise<string> {
    const challenge = signedChallenge(credential.response.clientDataJSON);
    const issued = challenge === null ? null : await consumeChallenge(this.db, challenge, 'authentication');
    if (challenge === null || issued === null) throw notVerified();
    const { rows } = await this.db.query<PasskeyRow>(
      'SELECT id, user_id, public_key, counter, transports FROM passkeys WHERE id = $1',
      [credential.id],
    );
    const row = rows[0];
    if (!row) throw unknownPasskey();
    let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      verification = await verifyAuthenticationResponse({
        response: credential,
        expectedChallenge: challenge,
        expectedOrigin: this.rp.origin,
        expectedRPID: this.rp.id,
        credential: {
          id: row.id,
          publicKey: new Uint8Array(Buffer.from(row.public_key, 'base64url')),
          counter: row.counter,
          transports: row.transports,
        },
        requireUserVerification: false,
      });
    } catch {
      throw notVerified();
    }
    if (!verification.verified) throw notVerified();
    await this.db.query('UPDATE passkeys SET counter = $2, last_used_at = now() WHERE id = $1', [
      row.id,
      verification.authenticationInfo.newCounter,
    ]);
    return row.user_id;
  }

  async list(userId: string): Promise<Passkey[]> {
    return (await this.passkeyRows(this.db, userId)).map(presentPasskey);
  }

  async rename(userId: string, passkeyId: string, name: string): Promise<Passkey> {
    const { rows } = await this.db.query<PasskeyRow>(
      'UPDATE passkeys SET name = $3 WHERE id = $1 AND user_id = $2 RETURNING *',
      [passkeyId, userId, name],
    );
    const row = rows[0];
    if (!row) throw notFound('This passkey');
    return presentPasskey(row);
  }

  /** Never the last way in: an account keeps a passkey, or a single sign-on identity. */
  async remove(tx: Queryable, userId: string, passkeyId: string): Promise<void> {
    const ways = await waysIn(tx, userId);
    const rows = await this.passkeyRows(tx, userId, true);
    if (!rows.some((row) => row.id === passkeyId)) throw notFound('This passkey');
    if (ways <= 1) {
      throw new AppError(
        409,
        'LAST_PASSKEY',
        'This is your only passkey: add another one before removing it, or you could not sign in again.',
      );
    }
    await tx.query('DELETE FROM passkeys WHERE id = $1 AND user_id = $2', [passkeyId, userId]);
  }

  private async passkeyRows(db: Queryable, userId: string, lock = false): Promise<PasskeyRow[]> {
    const { rows } = await db.query<PasskeyRow>(
      `SELECT * FROM passkeys WHERE user_id = $1 ORDER BY created_at, id${lock ? ' FOR UPDATE' : ''}`,
      [userId],
    );
    return rows;
  }
}
