/**
 * Who the browser is and what the person can do about it: sign in and out, passkeys, sessions, the audit
 * trail. WebAuthn ceremonies go through @simplewebauthn/browser; a change of person drops every cached
 * answer, since it was another person's.
 */
import {
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
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';

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

/**
 * Signing in, out, or into a new account: everything cached belonged to whoever the browser was before.
 * `after` runs first, even when the page that asked is replaced by the change (another person's page).
 */
function usePersonChange<T, V>(run: (variables: V) => Promise<T>, after?: (result: T) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (result) => {
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
  return usePersonChange((_: undefined) => api('/api/auth/sign-out', { method: 'POST' }), after);
}

/** Deleting the account: the browser is nobody afterwards. */
export function useDeleteAccount(after: (result: DeleteAccountResponse) => void) {
  return usePersonChange(
    (_: undefined) => api('/api/account/delete', { method: 'POST', schema: DeleteAccountResponse }),
    after,
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

/**
 * Single sign-on: the server begins the flow (binding it to this browser) and names the provider's page; the
 * browser goes there and comes back through the server's callback, which sends it on to the app.
 */
function goToProvider(start: string) {
  return async () => {
    const { url } = await api(start, { method: 'POST', schema: SingleSignOnStartResponse });
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
    queryFn: ({ signal }) => api('/api/account/identities', { schema: IdentitiesResponse, signal }),
  });
}

export function useRemoveIdentity() {
  return useAccountChange((id: string) =>
    api(`/api/account/identities/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  );
}
