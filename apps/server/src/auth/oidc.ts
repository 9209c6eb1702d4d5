/**
 * The single sign-on strategy: OpenID Connect's authorization code flow with PKCE, state and nonce, through
 * `openid-client`. It proves who someone is at the provider (its issuer and their subject there); the auth
 * service then issues the session. Nothing the provider hands over is kept but that pair: no token at rest.
 *
 * A flow is bound to the browser that began it: the browser holds a random key in a cookie, the database the
 * key's hash with the state and nonce, and the PKCE verifier is derived from the key, so it is stored nowhere.
 */
import { createHmac } from 'node:crypto';
import type { ApiErrorCode, Identity } from '@passbook/contracts';
import * as client from 'openid-client';
import type { OidcSettings } from '../config.ts';
import type { Database, Queryable } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { hashToken, newToken } from './tokens.ts';

/** A person has this long at the provider between "Sign in with …" and coming back. */
export const FLOW_TTL_MS = 10 * 60_000;

export type FlowPurpose = 'sign-in' | 'attach';

export interface ProvenIdentity {
  issuer: string;
  subject: string;
}

export interface FinishedFlow {
  purpose: FlowPurpose;
  /** For 'attach': the account that asked to add the identity. */
  userId: string | null;
  identity: ProvenIdentity;
}

const flowError = (status: number, code: ApiErrorCode, message: string) =>
  new AppError(status, code, message);

export const stateMismatch = () =>
  flowError(
    400,
    'OIDC_STATE_MISMATCH',
    'This sign-in was not started from this browser, or was already used. Start it again from Passbook.',
  );
const flowExpired = () =>
  flowError(400, 'OIDC_EXPIRED', 'This sign-in took too long and has expired. Start it again.');
const providerRefused = (name: string) =>
  flowError(400, 'OIDC_PROVIDER_ERROR', `${name} did not sign you in (it was cancelled or refused).`);
const notVerified = (name: string) =>
  flowError(
    502,
    'OIDC_FAILED',
    `The answer from ${name} could not be verified, so you were not signed in. Try again.`,
  );
const unreachable = (name: string) =>
  flowError(503, 'OIDC_UNAVAILABLE', `${name} cannot be reached just now. Try again in a moment.`);
export const identityInUse = (name: string) =>
  flowError(
    409,
    'OIDC_IDENTITY_IN_USE',
    `This ${name} identity already signs in to another Passbook account. Sign in with it there instead.`,
  );

interface FlowRow {
  state: string;
  nonce: string;
  purpose: FlowPurpose;
  user_id: string | null;
  expired: boolean;
}

interface IdentityRow {
  id: string;
  created_at: Date;
  last_used_at: Date | null;
}

export class OidcStrategy {
  private configuration: Promise<client.Configuration> | null = null;

  constructor(
    private readonly db: Database,
    private readonly settings: OidcSettings,
    private readonly redirectUri: string,
  ) {}

  get name(): string {
    return this.settings.name;
  }

  /** The provider's metadata, discovered once; a failed discovery is tried again on the next sign-in. */
  private discover(): Promise<client.Configuration> {
    if (this.configuration === null) {
      const insecure = new URL(this.settings.issuer).protocol === 'http:';
      this.configuration = client
        .discovery(
          new URL(this.settings.issuer),
          this.settings.clientId,
          this.settings.clientSecret,
          undefined,
          {
            ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
            timeout: 10,
          },
        )
        .catch((error: unknown) => {
          this.configuration = null;
          throw error;
        });
    }
    return this.configuration.catch(() => {
      throw unreachable(this.settings.name);
    });
  }

  /** The PKCE verifier of a flow: only the holder of the browser's key can make it. */
  private verifier(key: string): string {
    return createHmac('sha256', key).update('pkce-verifier').digest('base64url');
  }

  /** Begins a flow: the key for the browser's cookie, and the provider's page to send the browser to. */
  async start(purpose: FlowPurpose, userId: string | null): Promise<{ key: string; url: string }> {
    const configuration = await this.discover();
    const key = newToken();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.db.query('DELETE FROM oidc_flows WHERE expires_at < now()');
    await this.db.query(
      `INSERT INTO oidc_flows (key_hash, state, nonce, purpose, user_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + $6 * interval '1 millisecond')`,
      [hashToken(key), state, nonce, purpose, userId, FLOW_TTL_MS],
    );
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(this.verifier(key)),
      code_challenge_method: 'S256',
    });
    return { key, url: url.href };
  }

  /**
   * Ends a flow with the provider's answer (`callbackUrl`, our redirect URI with its query). The flow is
   * spent whatever happens: an answer never works twice.
   */
  async finish(key: string | null, callbackUrl: URL): Promise<FinishedFlow> {
    if (key === null) throw stateMismatch();
    const { rows } = await this.db.query<FlowRow>(
      `DELETE FROM oidc_flows WHERE key_hash = $1
       RETURNING state, nonce, purpose, user_id, expires_at < now() AS expired`,
      [hashToken(key)],
    );
    const flow = rows[0];
    if (!flow) throw stateMismatch();
    if (flow.expired) throw flowExpired();
    if (callbackUrl.searchParams.get('state') !== flow.state) throw stateMismatch();
    if (callbackUrl.searchParams.has('error')) throw providerRefused(this.settings.name);

    const configuration = await this.discover();
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: this.verifier(key),
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError) throw providerRefused(this.settings.name);
      throw notVerified(this.settings.name);
    }
    if (!claims?.sub) throw notVerified(this.settings.name);
    return {
      purpose: flow.purpose,
      userId: flow.user_id,
      identity: { issuer: claims.iss, subject: claims.sub },
    };
  }

  /** The account an identity signs in to, or null for an identity never seen. */
  async userOf(identity: ProvenIdentity): Promise<string | null> {
    const { rows } = await this.db.query<{ user_id: string }>(
      `UPDATE oidc_identities SET last_used_at = now() WHERE issuer = $1 AND subject = $2 RETURNING user_id`,
      [identity.issuer, identity.subject],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Makes `identity` sign in to `userId` (which becomes an account); refused when another account has it. */
  async attach(tx: Queryable, userId: string, identity: ProvenIdentity): Promise<void> {
    await tx.query(
      `INSERT INTO users (id, account_created_at) VALUES ($1, now())
       ON CONFLICT (id) DO UPDATE SET account_created_at = coalesce(users.account_created_at, now())`,
      [userId],
    );
    const stored = await tx.query(
      `INSERT INTO oidc_identities (id, user_id, issuer, subject, last_used_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (issuer, subject) DO NOTHING`,
      [crypto.randomUUID(), userId, identity.issuer, identity.subject],
    );
    if (stored.rowCount === 0) {
      const { rows } = await tx.query<{ user_id: string }>(
        'SELECT user_id FROM oidc_identities WHERE issuer = $1 AND subject = $2',
        [identity.issuer, identity.subject],
      );
      if (rows[0]?.user_id !== userId) throw identityInUse(this.settings.name);
    }
  }

  async list(userId: string): Promise<Identity[]> {
    const { rows } = await this.db.query<IdentityRow>(
      'SELECT id, created_at, last_used_at FROM oidc_identities WHERE user_id = $1 ORDER BY created_at, id',
      [userId],
    );
    return rows.map((row) => ({
      id: row.id,
      provider: this.settings.name,
      createdAt: row.created_at.toISOString(),
      lastUsedAt: row.last_used_at?.toISOString() ?? null,
    }));
  }

  /** Never the last way in: an identity goes only when a passkey or another identity remains. */
  async remove(tx: Queryable, userId: string, identityId: string): Promise<void> {
    const ways = await waysIn(tx, userId);
    const { rows } = await tx.query('SELECT 1 FROM oidc_identities WHERE id = $1 AND user_id = $2', [
      identityId,
      userId,
    ]);
    if (rows.length === 0) throw notFound('This sign-in');
    if (ways <= 1) {
      throw new AppError(
        409,
        'LAST_WAY_IN',
        `This is your only way to sign in: add a passkey before removing ${this.settings.name}, or you could not sign in again.`,
      );
    }
    await tx.query('DELETE FROM oidc_identities WHERE id = $1 AND user_id = $2', [identityId, userId]);
  }
}

/**
 * How many ways in (passkeys and identities) an account has, with its row locked so that two removals at
 * once cannot both see another way left.
 */
export async function waysIn(tx: Queryable, userId: string): Promise<number> {
  await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
  const { rows } = await tx.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM passkeys WHERE user_id = $1)::int
          + (SELECT count(*) FROM oidc_identities WHERE user_id = $1)::int AS n`,
    [userId],
  );
  return rows[0]?.n ?? 0;
}
