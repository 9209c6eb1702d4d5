import { describe, expect, it } from 'vitest';
import { parseConnectMessage } from '../src/connect.ts';

const loginId = '5e0f4e52-1b5d-4a5c-9d3e-2f1f6a7b8c9d';

describe('parseConnectMessage', () => {
  it('takes the loginId from a REDIRECT that carries it as a field', () => {
    expect(
      parseConnectMessage({ step: 'REDIRECT', loginId, requestId: 'r', institution: 'FlinksCapital' }),
    ).toEqual({
      type: 'redirect',
      step: 'REDIRECT',
      loginId,
      institution: 'FlinksCapital',
    });
  });

  it('takes the loginId from the url of the older REDIRECT shape', () => {
    const event = parseConnectMessage({
      step: 'REDIRECT',
      institution: 'FlinksCapital',
      url: `http://localhost:3000/connect/done?loginId=${loginId}&institution=FlinksCapital`,
    });
    expect(event).toMatchObject({ type: 'redirect', loginId });
  });

  it('accepts events sent as JSON strings (stringify=true)', () => {
    expect(parseConnectMessage(JSON.stringify({ step: 'REDIRECT', loginId }))).toMatchObject({ loginId });
    expect(parseConnectMessage('{"step":"APP_MOUNTED"}')).toEqual({ type: 'step', step: 'APP_MOUNTED' });
  });

  it('rejects a REDIRECT without a GUID loginId', () => {
    expect(parseConnectMessage({ step: 'REDIRECT', loginId: 'not-a-guid' })).toBeNull();
    expect(parseConnectMessage({ step: 'REDIRECT', url: 'http://x/?loginId=../../etc' })).toBeNull();
    expect(parseConnectMessage({ step: 'REDIRECT' })).toBeNull();
  });

  it('reads error events by their flinksCode', () => {
    expect(parseConnectMessage({ flinksCode: 'DISABLED_LOGIN', institution: 'FlinksCapital' })).toEqual({
      type: 'error',
      flinksCode: 'DISABLED_LOGIN',
      institution: 'FlinksCapital',
    });
  });

  it('ignores unknown steps, non-objects, broken JSON and oversized strings', () => {
    for (const data of [
      null,
      undefined,
      42,
      [],
      'not json',
      { step: 'SOMETHING_NEW' },
      { hello: 'world' },
      `{"step":"APP_MOUNTED","pad":"${'x'.repeat(30_000)}"}`,
    ]) {
      expect(parseConnectMessage(data)).toBeNull();
    }
  });
});
