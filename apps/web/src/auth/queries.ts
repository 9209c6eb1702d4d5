/**
 * Who the browser is and what the person can do about it: sign in and out, passkeys, sessions, the audit
 * trail. WebAuthn ceremonies go through @simplewebauthn/browser; a change of person drops every cached
 * answer, since it was another person's.
 */
import type { DeleteAccountResponse } from '@passbook/contracts';
import type { RouteBody } from '@passbook/contracts/contract';
import { routes } from '@passbook/contracts/routes';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client.ts';
import { clearOfflineData, currentPushSubscription } from '../app/offline.ts';

export const authKeys = {
  session: ['auth', 'session'] as const,
  passkeys: ['auth', 'passkeys'] as const,
  sessions: ['auth', 'sessions'] as const,
  audit: ['auth', 'audit'] as const,
  identities: ['auth', 'identities'] as const,
  consents: ['consents'] as const,
};

/** Who the browser is: nobody yet, an anonymous user, or an account. */
export function authSessionQuery() {
  return queryOptions({
    queryKey: authKeys.session,
    queryFn: ({ signal }) => request(routes.authSession, { signal }),
    staleTime: 60_000,
  });
}

export function useAuthSession() {
  return useQuery(authSessionQuery());
}

/** WebAuthn's JSON as @simplewebauthn/browser makes it: the contract passes it through to the server's library. */
type Credential = RouteBody<'signInWithPasskey'>['credential'];

async function createPasskey(name?: string) {
  const { options } = await request(routes.passkeyRegistrationOptions);
  // Loaded only for a ceremony: the pages that offer one need not carry it.
  const { startRegistration } = await import('@simplewebauthn/browser');
  const credential = await startRegistration({ optionsJSON: options as never });
  return request(routes.registerPasskey, {
    body: { credential: credential as unknown as Credential, ...(name ? { name } : {}) },
  });
}

async function signInWithPasskey() {
  const { options } = await request(routes.passkeySignInOptions);
  const { startAuthentication } = await import('@simplewebauthn/browser');
  const credential = await startAuthentication({ optionsJSON: options as never });
  return request(routes.signInWithPasskey, {
    body: { credential: credential as unknown as Credential },
  });
}

async function forgetThisDevice(): Promise<void> {
  const subscription = await currentPushSubscription().catch(() => null);
  if (!subscription) return;
  await request(routes.deletePushSubscription, { body: { endpoint: subscription.endpoint } }).catch(
    () => undefined,
  );
  await subscription.unsubscribe().catch(() => false);
}

/**
 * Signing in, out, or into a new account: everything cached belonged to whoever the browser was before.
 * `after` runs first, even when the page that asked is replaced by the change (another person's page).
 */
function usePersonChange<T, V>(
  run: (variables: V) => Promise<T>,
  after?: (result: T) => void,
  leaving = false,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: V) => {
      // Leaving: this device stops receiving the person's notifications, while the session still is theirs.
      if (leaving) await forgetThisDevice();
      return run(variables);
    },
    onSuccess: async (result) => {
      await clearOfflineData();
      after?.(result);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
      await queryClient.invalidateQueries({ queryKey: ['auth'] });
    },
  });
}

export function useCreatePasskey(after?: () => void) {
  return usePersonChange((name: string | undefined) => createPasskey(name), after);
}

export function useSignIn(after?: () => void) {
  return usePersonChange((_: undefined) => signInWithPasskey(), after);
}

export function useSignOut(after?: () => void) {
  return usePersonChange((_: undefined) => request(routes.signOut), after, true);
}

/** Deleting the account: the browser is nobody afterwards. */
export function useDeleteAccount(after: (result: DeleteAccountResponse) => void) {
  return usePersonChange((_: undefined) => request(routes.deleteAccount), after, true);
}

export function passkeysQuery() {
  return queryOptions({
    queryKey: authKeys.passkeys,
    queryFn: ({ signal }) => request(routes.listPasskeys, { signal }),
  });
}

export function usePasskeys() {
  return useQuery(passkeysQuery());
}

export function sessionsQuery() {
  return queryOptions({
    queryKey: authKeys.sessions,
    queryFn: ({ signal }) => request(routes.listSessions, { signal }),
  });
}

export function useSessions() {
  return useQuery(sessionsQuery());
}

export function auditQuery() {
  return queryOptions({
    queryKey: authKeys.audit,
    queryFn: ({ signal }) => request(routes.audit, { signal }),
  });
}

export function useAudit() {
  return useQuery(auditQuery());
}

/** The record of consent per link. */
export function consentsQuery() {
  return queryOptions({
    queryKey: authKeys.consents,
    queryFn: ({ signal }) => request(routes.listConsents, { signal }),
  });
}

export function useConsents() {
  return useQuery(consentsQuery());
}

function useAccountChange<T, V>(run: (variables: V) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['auth'] }),
  });
}

export function useAddPasskey() {
  return useAccountChange((_: undefined) => createPasskey());
}

export function useRenamePasskey() {
  return useAccountChange(({ id, name }: { id: string; name: string }) =>
    request(routes.renamePasskey, { params: { id }, body: { name } }),
  );
}

export function useRemovePasskey() {
  return useAccountChange((id: string) => request(routes.removePasskey, { params: { id } }));
}

export function useEndSession() {
  return useAccountChange((id: string) => request(routes.endSession, { params: { id } }));
}

export function useSignOutOthers() {
  return useAccountChange((_: undefined) => request(routes.signOutOthers));
}

/**
 * Single sign-on: the server begins the flow (binding it to this browser) and names the provider's page; the
 * browser goes there and comes back through the server's callback, which sends it on to the app.
 */
function goToProvider(start: typeof routes.startSingleSignOn | typeof routes.startAttachIdentity) {
  return async () => {
    const { url } = await request(start);
    window.location.assign(url);
    // The page is leaving: stay busy until it has.
    await new Promise(() => {});
  };
}

export function useSingleSignOn() {
  return useMutation({ mutationFn: goToProvider(routes.startSingleSignOn) });
}

export function useAttachIdentity() {
  return useMutation({ mutationFn: goToProvider(routes.startAttachIdentity) });
}

export function identitiesQuery() {
  return queryOptions({
    queryKey: authKeys.identities,
    queryFn: ({ signal }) => request(routes.listIdentities, { signal }),
  });
}

export function useIdentities() {
  return useQuery(identitiesQuery());
}

export function useRemoveIdentity() {
  return useAccountChange((id: string) => request(routes.removeIdentity, { params: { id } }));
}
