/**
 * Accounts, sessions and passkeys: the bodies of /api/auth/* and of the account's own pages. WebAuthn's
 * option and credential objects are passed through as the browser library and the server library make them.
 */
import { z } from 'zod';
import { Id, IsoDateTime } from './api.ts';

/** Who the browser is: nobody yet, an anonymous user (data kept by this browser only), or an account. */
export const Me = z
  .object({
    id: Id,
    /** True once the person keeps their data with an account (a passkey or a sign-in provider). */
    account: z.boolean(),
    passkeys: z.number().int().nonnegative(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const AuthSessionResponse = z.object({
  user: Me.nullable(),
  /** False: this deployment serves nothing to a stranger but the sign-in page. */
  anonymousUse: z.boolean(),
  /** The OpenID Connect provider a person may sign in with ("Sign in with <name>"); null when none is set. */
  singleSignOn: z.object({ name: z.string() }).nullable(),
});
export type AuthSessionResponse = z.infer<typeof AuthSessionResponse>;

/** A credential id as WebAuthn's JSON spells it. */
const CredentialId = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

/** The answer to a sign-in or a new passkey: who the browser now is. */
export const SignedInResponse = z.object({ user: Me });
export type SignedInResponse = z.infer<typeof SignedInResponse>;

/** `PublicKeyCredentialCreationOptionsJSON` or `…RequestOptionsJSON`, for `@simplewebauthn/browser`. */
export const WebAuthnOptions = z
  .looseObject({ challenge: z.string() })
  .meta({ description: 'WebAuthn options as JSON (see @simplewebauthn/browser)' });
export const WebAuthnOptionsResponse = z.object({ options: WebAuthnOptions });
export type WebAuthnOptionsResponse = z.infer<typeof WebAuthnOptionsResponse>;

/** A `RegistrationResponseJSON` or `AuthenticationResponseJSON` from `@simplewebauthn/browser`. */
export const WebAuthnCredential = z
  .looseObject({
    id: CredentialId,
    rawId: CredentialId,
    type: z.literal('public-key'),
    response: z.looseObject({
      clientDataJSON: z
        .string()
        .min(1)
        .max(8192)
        .regex(/^[A-Za-z0-9_-]+$/),
    }),
  })
  .meta({ description: 'The credential as JSON (see @simplewebauthn/browser)' });

export const PasskeyName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'must not hold control characters');

export const PasskeyRegistrationRequest = z
  .object({ credential: WebAuthnCredential, name: PasskeyName.optional() })
  .strict();
export type PasskeyRegistrationRequest = z.infer<typeof PasskeyRegistrationRequest>;

export const PasskeySignInRequest = z.object({ credential: WebAuthnCredential }).strict();
export type PasskeySignInRequest = z.infer<typeof PasskeySignInRequest>;

export const Passkey = z
  .object({ id: z.string(), name: z.string(), createdAt: IsoDateTime, lastUsedAt: IsoDateTime.nullable() })
  .meta({ id: 'Passkey' });
export type Passkey = z.infer<typeof Passkey>;
export const PasskeysResponse = z.object({ passkeys: z.array(Passkey) });
export type PasskeysResponse = z.infer<typeof PasskeysResponse>;
export const PasskeyParams = z.object({ id: CredentialId }).strict();
export const RenamePasskeyRequest = z.object({ name: PasskeyName }).strict();
export const RenamePasskeyResponse = z.object({ passkey: Passkey });
export type RenamePasskeyResponse = z.infer<typeof RenamePasskeyResponse>;

/** What the server reads of a browser's User-Agent: never the address, never a place. */
export const Device = z.object({
  browser: z.string().nullable(),
  os: z.string().nullable(),
  /** `mobile`, `tablet`, `desktop`… as far as the User-Agent says. */
  type: z.string().nullable(),
});
export type Device = z.infer<typeof Device>;

export const SessionSummary = z
  .object({
    id: Id,
    current: z.boolean(),
    device: Device,
    createdAt: IsoDateTime,
    lastSeenAt: IsoDateTime,
  })
  .meta({ id: 'Session' });
export type SessionSummary = z.infer<typeof SessionSummary>;
export const SessionsResponse = z.object({ sessions: z.array(SessionSummary) });
export type SessionsResponse = z.infer<typeof SessionsResponse>;
export const SessionParams = z.object({ id: Id }).strict();
export const SignOutOthersResponse = z.object({ ended: z.number().int().nonnegative() });
export type SignOutOthersResponse = z.infer<typeof SignOutOthersResponse>;

export const AuditEventKind = z.enum([
  'account_created',
  'signed_in',
  'signed_out',
  'session_revoked',
  'signed_out_everywhere_else',
  'passkey_added',
  'passkey_renamed',
  'passkey_removed',
  'identity_added',
  'identity_removed',
  'account_deleted',
]);
export type AuditEventKind = z.infer<typeof AuditEventKind>;
export const AuditEvent = z
  .object({ id: Id, event: AuditEventKind, device: Device, createdAt: IsoDateTime })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditResponse = z.object({ events: z.array(AuditEvent) });
export type AuditResponse = z.infer<typeof AuditResponse>;

/** Where the browser goes to sign in with the OpenID Connect provider (its authorization endpoint). */
export const SingleSignOnStartResponse = z.object({ url: z.url() });
export type SingleSignOnStartResponse = z.infer<typeof SingleSignOnStartResponse>;

/** An OpenID Connect identity that signs in to this account: only the provider's name is shown, never the subject. */
export const Identity = z
  .object({ id: Id, provider: z.string(), createdAt: IsoDateTime, lastUsedAt: IsoDateTime.nullable() })
  .meta({ id: 'Identity' });
export type Identity = z.infer<typeof Identity>;
export const IdentitiesResponse = z.object({ identities: z.array(Identity) });
export type IdentitiesResponse = z.infer<typeof IdentitiesResponse>;
export const IdentityParams = z.object({ id: Id }).strict();

/** What an account deletion removed, counted when it was first asked for. */
export const DeletionSummary = z
  .object({
    links: z.number().int().nonnegative(),
    accounts: z.number().int().nonnegative(),
    transactions: z.number().int().nonnegative(),
    passkeys: z.number().int().nonnegative(),
    /** Single sign-on identities (issuer and subject) forgotten. */
    identities: z.number().int().nonnegative(),
    sessions: z.number().int().nonnegative(),
  })
  .meta({ id: 'DeletionSummary' });
export type DeletionSummary = z.infer<typeof DeletionSummary>;
export const DeleteAccountResponse = z.object({ removed: DeletionSummary });
export type DeleteAccountResponse = z.infer<typeof DeleteAccountResponse>;

/** The provider's answer at the single sign-on callback: passed through to openid-client, which checks it. */
export const SingleSignOnCallbackQuery = z.looseObject({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
});
