/**
 * Who the browser is and what the person can do about it: sign in and out, passkeys, sessions, the audit
 * trail. WebAuthn ceremonies go through @simplewebauthn/browser; a change of person drops every cached
 * answer, since it was another person's.
 */
import type {
  AuditResponse,
  AuthSessionResponse,
  DeleteAccountResponse,
  IdentitiesResponse,
  PasskeysResponse,
  RenamePasskeyResponse,
  SessionsResponse,
  SignedInResponse,
  SignOutOthersResponse,
  SingleSignOnStartResponse,
  WebAuthnOptionsResponse,
} from '@passbook/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { clearOfflineData, currentPushSubscription } from '../app/offline.ts';

export const authKeys = {
  session: ['auth', 'session'] as const,
  passkeys: ['auth', 'passkeys'] as const,
  sessions: ['auth', 'sessions'] as const,
  audit: ['auth', 'audit'] as const,
  identities: ['auth', 'identities'] as const,
};

export function useAuthSession() {
  return useQuery({
    queryKey: authKeys.session,
    queryFn: ({ signal }) => api<AuthSessionResponse>('/api/auth/session', { signal }),
    staleTime: 60_000,
  });
}

async function createPasskey(name?: string) {
  const { options } = await api<WebAuthnOptionsResponse>('/api/auth/passkeys/registration/options', {
    method: 'POST',
  });
  // Loaded only for a ceremony: the pages that offer one need not carry it.
  const { startRegistration } = await import('@simplewebauthn/browser');
  const credential = await startRegistration({ optionsJSON: options as never });
  return api<SignedInResponse>('/api/auth/passkeys/registration', {
    method: 'POST',
    body: { credential, ...(name ? { name } : {}) },
  });
}

async function signInWithPasskey() {
  const { options } = await api<WebAuthnOptionsResponse>('/api/auth/passkeys/sign-in/options', {
    method: 'POST',
  });
  const { startAuthentication } = await import('@simplewebauthn/browser');
  const credential = await startAuthentication({ optionsJSON: options as never });
  return api<SignedInResponse>('/api/auth/passkeys/sign-in', {
    method: 'POST',
    body: { credential },
  });
}

async function forgetThisDevice(): Promise<void> {
  const subscription = await currentPushSubscription().catch(() => null);
  if (!subscription) return;
  await api('/api/notifications/subscription', {
    method: 'DELETE',
    body: { endpoint: subscription.endpoint },
  }).catch(() => undefined);
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
  return usePersonChange((_: undefined) => api('/api/auth/sign-out', { method: 'POST' }), after, true);
}

/** Deleting the account: the browser is nobody afterwards. */
export function useDeleteAccount(after: (result: DeleteAccountResponse) => void) {
  return usePersonChange(
    (_: undefined) => api<DeleteAccountResponse>('/api/account/delete', { method: 'POST' }),
    after,
    true,
  );
}

export function usePasskeys() {
  return useQuery({
    queryKey: authKeys.passkeys,
    queryFn: ({ signal }) => api<PasskeysResponse>('/api/account/passkeys', { signal }),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: authKeys.sessions,
    queryFn: ({ signal }) => api<SessionsResponse>('/api/account/sessions', { signal }),
  });
}

export function useAudit() {
  return useQuery({
    queryKey: authKeys.audit,
    queryFn: ({ signal }) => api<AuditResponse>('/api/account/audit', { signal }),
  });
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
    api<RenamePasskeyResponse>(`/api/account/passkeys/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: { name },
    }),
  );
}

export function useRemovePasskey() {
  return useAccountChange((id: string) =>
    api(`/api/account/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  );
}

export function useEndSession() {
  return useAccountChange((id: string) =>
    api(`/api/account/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  );
}

export function useSignOutOthers() {
  return useAccountChange((_: undefined) =>
    api<SignOutOthersResponse>('/api/account/sessions/sign-out-others', { method: 'POST' }),
  );
}

/**
 * Single sign-on: the server begins the flow (binding it to this browser) and names the provider's page; the
 * browser goes there and comes back through the server's callback, which sends it on to the app.
 */
function goToProvider(start: string) {
  return async () => {
    const { url } = await api<SingleSignOnStartResponse>(start, { method: 'POST' });
    window.location.assign(url);
    // The page is leaving: stay busy until it has.
    await new Promise(() => {});
  };
}

export function useSingleSignOn() {
  return useMutation({ mutationFn: goToProvider('/api/auth/oidc/start') });
}

export function useAttachIdentity() {
  return useMutation({ mutationFn: goToProvider('/api/account/identities/oidc') });
}

export function useIdentities() {
  return useQuery({
    queryKey: authKeys.identities,
    queryFn: ({ signal }) => api<IdentitiesResponse>('/api/account/identities', { signal }),
  });
}

export function useRemoveIdentity() {
  return useAccountChange((id: string) =>
    api(`/api/account/identities/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  );
}
