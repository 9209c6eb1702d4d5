/**
 * The whole Flinks Connect iframe protocol behind one hook: the component renders an iframe with the
 * returned ref and src, shows `stage`/`error`/`closed`, and receives the loginId once through `onSuccess`.
 *
 * A message is acted on only when it comes from the iframe this hook owns, from the Connect origin our
 * server named, and parses as a Connect event; the loginId is taken only from REDIRECT, or from our own
 * landing page (same origin, same iframe) that Connect navigates to after it.
 */
import { type ConnectEvent, ConnectRedirectEvent, parseConnectMessage } from '@passbook/contracts';
import { type RefObject, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import { CONNECT_RETURN_MESSAGE } from './connectReturn.ts';

/** What the step indicator shows, in order. */
export const CONNECT_STAGES = ['institution', 'credentials', 'mfa', 'retrieving'] as const;
export type ConnectStage = (typeof CONNECT_STAGES)[number];

export interface ConnectError {
  flinksCode: string;
  institution: string | null;
}

export interface ConnectState {
  stage: ConnectStage;
  /** The institution the person chose, once Connect has said. */
  institution: string | null;
  /** The last error Connect reported; cleared when the person tries again inside Connect. */
  error: ConnectError | null;
  /** The person closed Connect or declined consent. */
  closed: boolean;
  /** Connect reports the browser offline. */
  offline: boolean;
  /** Connect handed back a loginId and `onSuccess` was called. */
  done: boolean;
  /** Connect has drawn its first screen (institutions, questions or an error), not just its loading page. */
  shown: boolean;
}

export const INITIAL_CONNECT_STATE: ConnectState = {
  stage: 'institution',
  institution: null,
  error: null,
  closed: false,
  offline: false,
  done: false,
  shown: false,
};

export interface MessageContext {
  /** The contentWindow of the iframe we own. */
  frame: unknown;
  /** The Connect origin (`scheme://host:port`), or null when unknown: then nothing from Connect is trusted. */
  connectOrigin: string | null;
  /** Our own origin, where the landing page lives. */
  ownOrigin: string;
}

interface IncomingMessage {
  data: unknown;
  origin: string;
  source: unknown;
}

function readReturnMessage(data: unknown): ConnectEvent | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, loginId, institution } = data as Record<string, unknown>;
  if (type !== CONNECT_RETURN_MESSAGE) return null;
  const parsed = ConnectRedirectEvent.safeParse({
    step: 'REDIRECT',
    loginId,
    institution: typeof institution === 'string' ? institution : null,
  });
  return parsed.success ? { type: 'redirect', ...parsed.data } : null;
}

/** Decides whether one `message` event is ours to act on, and what it says. Never throws. */
export function readConnectMessage(event: IncomingMessage, context: MessageContext): ConnectEvent | null {
  try {
    if (context.frame == null || event.source !== context.frame) return null;
    if (event.origin === context.ownOrigin) {
      const relayed = readReturnMessage(event.data);
      if (relayed) return relayed;
    }
    if (context.connectOrigin === null || event.origin !== context.connectOrigin) return null;
    return parseConnectMessage(event.data);
  } catch {
    // Hostile data (a throwing getter, a revoked proxy) is simply not a Connect message.
    return null;
  }
}

/** `scheme://host:port` of a URL, or null when it is not one. */
export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

const STEP_STAGES: Partial<Record<string, ConnectStage>> = {
  APP_MOUNTED: 'institution',
  // Connect v2 asks for consent first, before the institution list.
  COMPONENT_LOAD_CONSENT: 'institution',
  COMPONENT_ACCEPT_CONSENT: 'institution',
  COMPONENT_LOAD_INSTITUTION_SELECTOR: 'institution',
  INSTITUTION_SELECTED: 'credentials',
  COMPONENT_LOAD_CREDENTIAL: 'credentials',
  COMPONENT_LOAD_CREDENTIAL_RETRY: 'credentials',
  SUBMIT_CREDENTIAL: 'credentials',
  COMPONENT_LOAD_MFA: 'mfa',
  COMPONENT_LOAD_MFA_RETRY: 'mfa',
  SUBMIT_MFA: 'mfa',
};

/** Steps that report on Connect itself rather than a screen it shows. */
const NOT_A_SCREEN = new Set(['APP_MOUNTED', 'APP_ONLINE', 'APP_OFFLINE']);

/** Steps that mean the person is trying again, so an earlier error no longer applies. */
const CLEARS_ERROR = new Set([
  'COMPONENT_LOAD_INSTITUTION_SELECTOR',
  'INSTITUTION_SELECTED',
  'SUBMIT_CREDENTIAL',
  'SUBMIT_MFA',
]);

export type ConnectAction = { type: 'reset' } | { type: 'event'; event: ConnectEvent };

export function reduceConnect(state: ConnectState, action: ConnectAction): ConnectState {
  if (action.type === 'reset') return INITIAL_CONNECT_STATE;
  if (state.done) return state;
  const event = action.event;
  const institution = event.institution ?? state.institution;
  if (event.type === 'redirect') {
    return { ...state, stage: 'retrieving', institution, error: null, closed: false, done: true };
  }
  if (event.type === 'error') {
    return { ...state, institution, error: { flinksCode: event.flinksCode, institution }, shown: true };
  }
  const next: ConnectState = {
    ...state,
    institution,
    stage: STEP_STAGES[event.step] ?? state.stage,
    shown: state.shown || !NOT_A_SCREEN.has(event.step),
  };
  if (CLEARS_ERROR.has(event.step)) {
    next.error = null;
    next.closed = false;
  }
  switch (event.step) {
    case 'APP_OFFLINE':
      return { ...next, offline: true };
    case 'APP_ONLINE':
      return { ...next, offline: false };
    case 'COMPONENT_CLOSE_SESSION':
    case 'COMPONENT_DENY_CONSENT':
    case 'COMPONENT_DENY_TERMS':
      return { ...next, closed: true };
    case 'MAXIMUM_RETRY_REACHED':
    case 'DISABLED_INSTITUTION':
      return { ...next, error: { flinksCode: event.step, institution } };
    default:
      return next;
  }
}

export interface UseFlinksConnectOptions {
  /** The Connect URL to load (from our server); null while it is being fetched. */
  connectUrl: string | null;
  /** The origin Connect's messages must come from (from our server). */
  connectOrigin: string | null;
  /** Called exactly once per `connectUrl`, with the loginId Connect returned. */
  onSuccess: (loginId: string, metadata: { institution: string | null }) => void;
}

export interface FlinksConnect extends ConnectState {
  /** Attach to the iframe that loads `src`: only its messages are listened to. */
  iframeRef: RefObject<HTMLIFrameElement | null>;
  src: string | null;
}

export function useFlinksConnect({
  connectUrl,
  connectOrigin,
  onSuccess,
}: UseFlinksConnectOptions): FlinksConnect {
  const iframeRef = useRef<HTMLIFrameElement | null>(null);
  const [state, dispatch] = useReducer(reduceConnect, INITIAL_CONNECT_STATE);
  const onSuccessRef = useRef(onSuccess);
  // The connectUrl whose loginId was already handed over: Connect's REDIRECT and our landing page both
  // report the same connection, and the server must be called once.
  const succeededFor = useRef<string | null>(null);

  useLayoutEffect(() => {
    onSuccessRef.current = onSuccess;
  });

  useEffect(() => {
    dispatch({ type: 'reset' });
    if (!connectUrl) return;
    const trustedOrigin = originOf(connectOrigin);
    const listener = (message: MessageEvent) => {
      const event = readConnectMessage(message, {
        frame: iframeRef.current?.contentWindow ?? null,
        connectOrigin: trustedOrigin,
        ownOrigin: window.location.origin,
      });
      if (!event || succeededFor.current === connectUrl) return;
      dispatch({ type: 'event', event });
      if (event.type === 'redirect') {
        succeededFor.current = connectUrl;
        onSuccessRef.current(event.loginId, { institution: event.institution });
      }
    };
    window.addEventListener('message', listener);
    return () => window.removeEventListener('message', listener);
  }, [connectUrl, connectOrigin]);

  return { ...state, iframeRef, src: connectUrl };
}
