/**
 * Who the browser is and what the person can do about it: sign in and out, passkeys, sessions, the audit
 * trail. WebAuthn ceremonies go through @simplewebauthn/browser; a change of person drops every cached
 * answer, since it was another person's.
 */

import {
  AuditResponse,
  AuthSessionResponse,
  DeleteAccountResponse,
  PasskeysResponse,
  RenamePasskeyResponse,
  SessionsResponse,
  SignedInResponse,
  SignOutOthersResponse,
  WebAuthnOptionsResponse,
} from '@passbook/contracts';
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { clearOfflineData, currentPushSubscription } from '../app/offline.ts';

export const authKeys = {
  session: ['auth', 'session'] as const,
  passkeys: ['auth', 'passkeys'] as const,
  sessions: ['auth', 'sessions'] as const,
  audit: ['auth', 'audit'] as const,
};

export function useAuthSession() {
  return useQuery({
    queryKey: authKeys.session,
    queryFn: ({ signal }) => api('/api/auth/session', { schema: AuthSessionResponse, signal }),
    staleTime: 60_000,
  });
}

async function createPasskey(name?: string) {
  const { options } = await api('/api/auth/passkeys/registration/options', {
    method: 'POST',
    schema: WebAuthnOptionsResponse,
  });
  const credential = await startRegistration({ optionsJSON: options as never });
  return api('/api/auth/passkeys/registration', {
    method: 'POST',
    body: { credential, ...(name ? { name } : {}) },
    schema: SignedInResponse,
  });
}

async function signInWithPasskey() {
  const { options } = await api('/api/auth/passkeys/sign-in/options', {
    method: 'POST',
    schema: WebAuthnOptionsResponse,
  });
  const credential = await startAuthentication({ optionsJSON: options as never });
  return api('/api/auth/passkeys/sign-in', {
    method: 'POST',
    body: { credential },
    schema: SignedInResponse,
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
    (_: undefined) => api('/api/account/delete', { method: 'POST', schema: DeleteAccountResponse }),
    after,
    true,
  );
}

export function usePasskeys() {
  return useQuery({
    queryKey: authKeys.passkeys,
    queryFn: ({ signal }) => api('/api/account/passkeys', { schema: PasskeysResponse, signal }),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: authKeys.sessions,
    queryFn: ({ signal }) => api('/api/account/sessions', { schema: SessionsResponse, signal }),
  });
}

export function useAudit() {
  return useQuery({
    queryKey: authKeys.audit,
    queryFn: ({ signal }) => api('/api/account/audit', { schema: AuditResponse, signal }),
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
    api(`/api/account/passkeys/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: { name },
      schema: RenamePasskeyResponse,
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
    api('/api/account/sessions/sign-out-others', { method: 'POST', schema: SignOutOthersResponse }),
  );
}
