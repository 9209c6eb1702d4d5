import { CONNECT_STEPS } from '@passbook/contracts';
import { act, cleanup, render } from '@testing-library/preact';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONNECT_RETURN_MESSAGE } from '../../src/connect/connectReturn.ts';
import {
  type FlinksConnect,
  INITIAL_CONNECT_STATE,
  readConnectMessage,
  type UseFlinksConnectOptions,
  useFlinksConnect,
} from '../../src/connect/useFlinksConnect.ts';

const CONNECT_ORIGIN = 'http://localhost:3001';
const OWN_ORIGIN = 'http://localhost:3000';
const CONNECT_URL = `${CONNECT_ORIGIN}/v2/?authorizeToken=00000000-0000-4000-8000-000000000001`;
const LOGIN_ID = '5e0f8c52-7c4b-4f7e-9a51-0a4d3c7b2e11';
const OTHER_LOGIN_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

afterEach(cleanup);

interface Harness {
  state: () => FlinksConnect;
  frame: () => Window;
  /** Another frame on the page, e.g. an ad or an extension's iframe. */
  stranger: () => Window;
  rerender: (options: Partial<UseFlinksConnectOptions>) => void;
}

/** Renders the hook with its iframe, and a second iframe that plays another frame on the page. */
function Probe(props: UseFlinksConnectOptions & { report: (connect: FlinksConnect) => void }) {
  const { report, ...options } = props;
  const connect = useFlinksConnect(options);
  report(connect);
  return (
    <>
      {/* srcdoc gives each frame a window without loading anything over the network */}
      <iframe ref={connect.iframeRef} title="Connect" srcDoc="<p>Connect</p>" />
      <iframe title="Stranger" srcDoc="<p>Stranger</p>" />
    </>
  );
}

function mount(options: Partial<UseFlinksConnectOptions> = {}): Harness {
  let latest: FlinksConnect | undefined;
  const report = (connect: FlinksConnect) => {
    latest = connect;
  };
  let props: UseFlinksConnectOptions = {
    connectUrl: CONNECT_URL,
    connectOrigin: CONNECT_ORIGIN,
    onSuccess: () => {},
    ...options,
  };
  const view = render(<Probe {...props} report={report} />);
  const frames = view.container.querySelectorAll('iframe');
  return {
    state: () => latest as FlinksConnect,
    frame: () => frames[0]?.contentWindow as Window,
    stranger: () => frames[1]?.contentWindow as Window,
    rerender: (next) => {
      props = { ...props, ...next };
      view.rerender(<Probe {...props} report={report} />);
    },
  };
}

function post(data: unknown, origin: string, source: Window | null) {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
  });
}

describe('useFlinksConnect', () => {
  it('hands over the loginId of a REDIRECT from the Connect origin and its own iframe', () => {
    const onSuccess = vi.fn();
    const harness = mount({ onSuccess });
    post(
      { step: 'REDIRECT', loginId: LOGIN_ID, requestId: 'r', institution: 'FlinksCapital' },
      CONNECT_ORIGIN,
      harness.frame(),
    );
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith(LOGIN_ID, { institution: 'FlinksCapital' });
    expect(harness.state().done).toBe(true);
    expect(harness.state().stage).toBe('retrieving');
  });

  it('reads the loginId from the url shape of REDIRECT, sent as a JSON string (stringify=true)', () => {
    const onSuccess = vi.fn();
    const harness = mount({ onSuccess });
    const url = `${OWN_ORIGIN}/connect/return?loginId=${LOGIN_ID}&institution=FlinksCapital`;
    post(
      JSON.stringify({ step: 'REDIRECT', institution: 'FlinksCapital', url }),
      CONNECT_ORIGIN,
      harness.frame(),
    );
    expect(onSuccess).toHaveBeenCalledWith(LOGIN_ID, { institution: 'FlinksCapital' });
  });

  it('accepts the landing page relay only from our own origin and its own iframe', () => {
    const onSuccess = vi.fn();
    const harness = mount({ onSuccess });
    const relay = { type: CONNECT_RETURN_MESSAGE, loginId: LOGIN_ID, institution: 'FlinksCapital' };
    post(relay, CONNECT_ORIGIN, harness.frame());
    post(relay, OWN_ORIGIN, harness.stranger());
    post(relay, OWN_ORIGIN, window);
    expect(onSuccess).not.toHaveBeenCalled();
    post(relay, OWN_ORIGIN, harness.frame());
    expect(onSuccess).toHaveBeenCalledExactlyOnceWith(LOGIN_ID, { institution: 'FlinksCapital' });
  });

  it('calls the server once when both REDIRECT and the landing page report the same connection', () => {
    const onSuccess = vi.fn();
    const harness = mount({ onSuccess });
    post({ step: 'REDIRECT', loginId: LOGIN_ID }, CONNECT_ORIGIN, harness.frame());
    post({ type: CONNECT_RETURN_MESSAGE, loginId: LOGIN_ID, institution: null }, OWN_ORIGIN, harness.frame());
    post({ step: 'REDIRECT', loginId: OTHER_LOGIN_ID }, CONNECT_ORIGIN, harness.frame());
    expect(onSuccess).toHaveBeenCalledExactlyOnceWith(LOGIN_ID, { institution: null });
  });

  it('ignores a valid-looking REDIRECT from a foreign origin or from another frame', () => {
    const onSuccess = vi.fn();
    const harness = mount({ onSuccess });
    const redirect = { step: 'REDIRECT', loginId: LOGIN_ID };
    post(redirect, 'https://evil.example', harness.frame());
    post(redirect, CONNECT_ORIGIN, harness.stranger());
    post(redirect, CONNECT_ORIGIN, window);
    post(redirect, CONNECT_ORIGIN, null);
    expect(onSuccess).not.toHaveBeenCalled();
    expect(harness.state().done).toBe(false);
  });

  it('trusts nothing while the Connect URL is unknown', () => {
    const onSuccess = vi.fn();
    const harness = mount({ onSuccess, connectUrl: null });
    post({ step: 'REDIRECT', loginId: LOGIN_ID }, CONNECT_ORIGIN, harness.frame());
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('follows Connect through institution, sign-in and security questions', () => {
    const harness = mount();
    const frame = harness.frame();
    expect(harness.state().stage).toBe('institution');
    post({ step: 'INSTITUTION_SELECTED', institution: 'FlinksCapital' }, CONNECT_ORIGIN, frame);
    expect(harness.state()).toMatchObject({ stage: 'credentials', institution: 'FlinksCapital' });
    post({ step: 'SUBMIT_CREDENTIAL' }, CONNECT_ORIGIN, frame);
    post({ step: 'COMPONENT_LOAD_MFA', mfaTypes: ['QuestionAndAnswer'] }, CONNECT_ORIGIN, frame);
    expect(harness.state().stage).toBe('mfa');
    post({ step: 'APP_OFFLINE' }, CONNECT_ORIGIN, frame);
    expect(harness.state().offline).toBe(true);
    post({ step: 'APP_ONLINE' }, CONNECT_ORIGIN, frame);
    expect(harness.state().offline).toBe(false);
  });

  it('says when Connect has drawn its first screen, not merely mounted', () => {
    const harness = mount();
    post({ step: 'APP_MOUNTED' }, CONNECT_ORIGIN, harness.frame());
    post({ step: 'APP_ONLINE' }, CONNECT_ORIGIN, harness.frame());
    expect(harness.state().shown).toBe(false);
    post({ step: 'COMPONENT_LOAD_INSTITUTION_SELECTOR' }, CONNECT_ORIGIN, harness.frame());
    expect(harness.state().shown).toBe(true);

    harness.rerender({ connectUrl: `${CONNECT_URL}&attempt=2` });
    expect(harness.state().shown).toBe(false);
    post({ flinksCode: 'UNAUTHORIZED' }, CONNECT_ORIGIN, harness.frame());
    expect(harness.state().shown).toBe(true);
  });

  it('reports error events with the institution, and clears them when the person tries again', () => {
    const harness = mount();
    const frame = harness.frame();
    post({ step: 'INSTITUTION_SELECTED', institution: 'FlinksCapital' }, CONNECT_ORIGIN, frame);
    post({ flinksCode: 'INVALID_LOGIN', requestId: 'r' }, CONNECT_ORIGIN, frame);
    expect(harness.state().error).toEqual({ flinksCode: 'INVALID_LOGIN', institution: 'FlinksCapital' });
    post({ step: 'COMPONENT_LOAD_CREDENTIAL_RETRY' }, CONNECT_ORIGIN, frame);
    expect(harness.state().error).not.toBeNull();
    post({ step: 'SUBMIT_CREDENTIAL' }, CONNECT_ORIGIN, frame);
    expect(harness.state().error).toBeNull();
  });

  it('turns MAXIMUM_RETRY_REACHED and DISABLED_INSTITUTION steps into errors, and close into closed', () => {
    const harness = mount();
    post({ step: 'MAXIMUM_RETRY_REACHED' }, CONNECT_ORIGIN, harness.frame());
    expect(harness.state().error?.flinksCode).toBe('MAXIMUM_RETRY_REACHED');
    post({ step: 'DISABLED_INSTITUTION', institution: 'Closed Bank' }, CONNECT_ORIGIN, harness.frame());
    expect(harness.state().error).toEqual({ flinksCode: 'DISABLED_INSTITUTION', institution: 'Closed Bank' });
    post({ step: 'COMPONENT_CLOSE_SESSION' }, CONNECT_ORIGIN, harness.frame());
    expect(harness.state().closed).toBe(true);
  });

  it('starts over with a new Connect URL, which may then succeed again', () => {
    const onSuccess = vi.fn();
    const harness = mount({ onSuccess });
    post({ step: 'REDIRECT', loginId: LOGIN_ID }, CONNECT_ORIGIN, harness.frame());
    harness.rerender({ connectUrl: `${CONNECT_URL}&attempt=2` });
    expect(harness.state().done).toBe(false);
    post({ step: 'REDIRECT', loginId: OTHER_LOGIN_ID }, CONNECT_ORIGIN, harness.frame());
    expect(onSuccess.mock.calls.map((call) => call[0])).toEqual([LOGIN_ID, OTHER_LOGIN_ID]);
  });

  it('stops listening when unmounted', () => {
    const onSuccess = vi.fn();
    const harness = mount({ onSuccess });
    const frame = harness.frame();
    cleanup();
    post({ step: 'REDIRECT', loginId: LOGIN_ID }, CONNECT_ORIGIN, frame);
    expect(onSuccess).not.toHaveBeenCalled();
  });
});

describe('readConnectMessage', () => {
  const frame = {};
  const context = { frame, connectOrigin: CONNECT_ORIGIN, ownOrigin: OWN_ORIGIN };

  it('survives hostile data: throwing getters and revoked proxies', () => {
    const throwing = Object.defineProperty({}, 'step', {
      get() {
        throw new Error('boom');
      },
    });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const data of [throwing, proxy]) {
      expect(readConnectMessage({ data, origin: CONNECT_ORIGIN, source: frame }, context)).toBeNull();
      expect(readConnectMessage({ data, origin: OWN_ORIGIN, source: frame }, context)).toBeNull();
    }
  });

  it('refuses a relay whose loginId is not a GUID', () => {
    const data = { type: CONNECT_RETURN_MESSAGE, loginId: '../../etc', institution: 'x' };
    expect(readConnectMessage({ data, origin: OWN_ORIGIN, source: frame }, context)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------
// Property: whatever arrives, in whatever order, the hook never throws and hands over a loginId only for
// the first genuine REDIRECT (Connect origin + own iframe) or landing page relay (own origin + own iframe).

type Source = 'frame' | 'stranger' | 'parent' | 'none';
interface Message {
  data: unknown;
  origin: string;
  source: Source;
  /** The loginId this message would genuinely carry, by construction. */
  genuine: string | null;
}

const guid = fc.uuid({ version: 4 });
const foreignOrigin = fc.oneof(
  fc.webUrl().map((url) => new URL(url).origin),
  fc.constantFrom('null', '', 'http://localhost:30010', 'https://localhost:3001', 'http://127.0.0.1:3001'),
);
const institution = fc.option(fc.string({ maxLength: 30 }), { nil: undefined });

/** Redirect-shaped payloads, in every shape Connect may use, with the loginId they carry. */
const redirectPayload = fc.oneof(
  fc.record({ loginId: guid, institution }).map(({ loginId, institution: name }) => ({
    loginId,
    data: { step: 'REDIRECT', loginId, requestId: 'r', institution: name } as unknown,
  })),
  fc.record({ loginId: guid }).map(({ loginId }) => ({
    loginId,
    data: {
      step: 'REDIRECT',
      url: `${OWN_ORIGIN}/connect/return?loginId=${loginId}&institution=X`,
    } as unknown,
  })),
  fc.record({ loginId: guid }).map(({ loginId }) => ({
    loginId,
    data: JSON.stringify({ step: 'REDIRECT', loginId }) as unknown,
  })),
);
const relayPayload = fc
  .record({ loginId: guid, institution: fc.option(fc.string({ maxLength: 30 }), { nil: null }) })
  .map(({ loginId, institution: name }) => ({
    loginId,
    data: { type: CONNECT_RETURN_MESSAGE, loginId, institution: name } as unknown,
  }));

const mentionsLoginHandOff = (data: unknown): boolean => {
  try {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    return typeof text === 'string' && (text.includes('REDIRECT') || text.includes(CONNECT_RETURN_MESSAGE));
  } catch {
    return true;
  }
};

const anySource = fc.constantFrom<Source>('frame', 'stranger', 'parent', 'none');
const wrongSource = fc.constantFrom<Source>('stranger', 'parent', 'none');

const message: fc.Arbitrary<Message> = fc.oneof(
  // Noise from anywhere: random values, and well-formed non-REDIRECT Connect events.
  fc
    .record({
      data: fc.oneof(
        fc.anything({ withObjectString: true, withNullPrototype: true }),
        fc.record({ step: fc.string(), loginId: guid }),
        fc.record({ flinksCode: fc.string({ minLength: 1, maxLength: 20 }) }),
        fc.constantFrom({ step: 'APP_MOUNTED' }, { step: 'SUBMIT_MFA' }, '{"step":"COMPONENT_LOAD_MFA"}'),
      ),
      origin: fc.oneof(foreignOrigin, fc.constantFrom(CONNECT_ORIGIN, OWN_ORIGIN)),
      source: anySource,
    })
    .filter(({ data }) => !mentionsLoginHandOff(data))
    .map((m) => ({ ...m, genuine: null })),
  // Forged hand-offs: the right shape from the wrong origin or the wrong frame.
  fc
    .record({
      payload: redirectPayload,
      origin: fc.oneof(foreignOrigin, fc.constant(OWN_ORIGIN)),
      source: anySource,
    })
    .map(({ payload, origin, source }) => ({ data: payload.data, origin, source, genuine: null })),
  fc
    .record({ payload: redirectPayload, source: wrongSource })
    .map(({ payload, source }) => ({ data: payload.data, origin: CONNECT_ORIGIN, source, genuine: null })),
  fc
    .record({
      payload: relayPayload,
      origin: fc.oneof(foreignOrigin, fc.constant(CONNECT_ORIGIN)),
      source: anySource,
    })
    .map(({ payload, origin, source }) => ({ data: payload.data, origin, source, genuine: null })),
  fc
    .record({ payload: relayPayload, source: wrongSource })
    .map(({ payload, source }) => ({ data: payload.data, origin: OWN_ORIGIN, source, genuine: null })),
  // The real thing.
  redirectPayload.map((p) => ({
    data: p.data,
    origin: CONNECT_ORIGIN,
    source: 'frame' as const,
    genuine: p.loginId,
  })),
  relayPayload.map((p) => ({
    data: p.data,
    origin: OWN_ORIGIN,
    source: 'frame' as const,
    genuine: p.loginId,
  })),
);

// 150 runs of a dozen messages each: seconds on a busy machine, so these do not take Vitest's 5 s default.
const PROPERTY_TIMEOUT_MS = 120_000;

describe('useFlinksConnect under arbitrary messages', () => {
  it(
    'never throws and calls onSuccess only once, for the first genuine hand-off',
    () => {
      fc.assert(
        fc.property(fc.array(message, { maxLength: 12 }), (messages) => {
          const onSuccess = vi.fn();
          const harness = mount({ onSuccess });
          const sources: Record<Source, Window | null> = {
            frame: harness.frame(),
            stranger: harness.stranger(),
            parent: window,
            none: null,
          };
          const errors: unknown[] = [];
          const onError = (event: ErrorEvent) => errors.push(event.error);
          window.addEventListener('error', onError);
          try {
            for (const m of messages) {
              expect(() => post(m.data, m.origin, sources[m.source])).not.toThrow();
            }
          } finally {
            window.removeEventListener('error', onError);
            cleanup();
          }
          expect(errors).toEqual([]);
          const first = messages.find((m) => m.genuine !== null);
          if (first) {
            expect(onSuccess).toHaveBeenCalledTimes(1);
            expect(onSuccess.mock.calls[0]?.[0]).toBe(first.genuine);
          } else {
            expect(onSuccess).not.toHaveBeenCalled();
          }
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'acts on no message from another origin or another frame, however well formed',
    () => {
      const event = fc.oneof(
        fc.record({ step: fc.constantFrom(...CONNECT_STEPS), institution: fc.string({ maxLength: 20 }) }),
        fc.record({ flinksCode: fc.string({ minLength: 1, maxLength: 20 }) }),
        redirectPayload.map((payload) => payload.data),
        relayPayload.map((payload) => payload.data),
        fc.anything({ withObjectString: true, withNullPrototype: true }),
      );
      const stray = fc.oneof(
        fc.record({ data: event, origin: foreignOrigin, source: anySource }),
        fc.record({ data: event, origin: fc.constantFrom(CONNECT_ORIGIN, OWN_ORIGIN), source: wrongSource }),
      );
      fc.assert(
        fc.property(fc.array(stray, { minLength: 1, maxLength: 12 }), (messages) => {
          const onSuccess = vi.fn();
          const harness = mount({ onSuccess });
          const sources: Record<Source, Window | null> = {
            frame: harness.frame(),
            stranger: harness.stranger(),
            parent: window,
            none: null,
          };
          try {
            for (const m of messages) {
              expect(() => post(m.data, m.origin, sources[m.source])).not.toThrow();
            }
            const { iframeRef: _iframeRef, src: _src, ...state } = harness.state();
            expect(state).toEqual(INITIAL_CONNECT_STATE);
            expect(onSuccess).not.toHaveBeenCalled();
          } finally {
            cleanup();
          }
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
