import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FlinksError } from '../src/errors.ts';
import { parseWebhookPayload, verifyWebhookSignature } from '../src/webhook.ts';
import { accountsDetail200 } from './fixtures.ts';

const SECRET = 'webhook-shared-secret';
const body = JSON.stringify({ ...accountsDetail200(), ResponseType: 'GetAccountsDetail' });
const sign = (raw: string | Buffer, secret = SECRET) =>
  createHmac('sha256', secret).update(raw).digest('base64');

describe('verifyWebhookSignature', () => {
  it('accepts a body signed under either header name, whatever the header case', () => {
    const signature = sign(body);
    expect(verifyWebhookSignature(body, { 'flinks-authenticity-key': signature }, SECRET)).toBe(true);
    expect(verifyWebhookSignature(body, { 'X-Flinks-Signature': signature }, SECRET)).toBe(true);
    expect(verifyWebhookSignature(body, new Headers({ 'FLINKS-AUTHENTICITY-KEY': signature }), SECRET)).toBe(
      true,
    );
    const both = { 'flinks-authenticity-key': signature, 'x-flinks-signature': signature };
    expect(verifyWebhookSignature(Buffer.from(body), both, SECRET)).toBe(true);
  });

  it('rejects an unsigned body, a wrong secret, a changed body and a mangled signature', () => {
    expect(verifyWebhookSignature(body, {}, SECRET)).toBe(false);
    expect(verifyWebhookSignature(body, { 'x-flinks-signature': undefined }, SECRET)).toBe(false);
    expect(verifyWebhookSignature(body, { 'x-flinks-signature': sign(body, 'other') }, SECRET)).toBe(false);
    expect(verifyWebhookSignature(`${body} `, { 'x-flinks-signature': sign(body) }, SECRET)).toBe(false);
    expect(verifyWebhookSignature(body, { 'x-flinks-signature': `${sign(body)}!` }, SECRET)).toBe(false);
    expect(verifyWebhookSignature(body, { 'x-flinks-signature': 'short' }, SECRET)).toBe(false);
    expect(verifyWebhookSignature(body, { 'x-flinks-signature': sign(body) }, '')).toBe(false);
  });

  it('rejects a delivery where one of two signature headers is wrong', () => {
    const headers = { 'flinks-authenticity-key': sign(body), 'x-flinks-signature': sign(body, 'other') };
    expect(verifyWebhookSignature(body, headers, SECRET)).toBe(false);
  });
});

describe('parseWebhookPayload', () => {
  it('parses a GetAccountsDetail delivery from raw text or from parsed JSON', () => {
    const fromText = parseWebhookPayload(body);
    expect(fromText.kind).toBe('accounts_detail');
    if (fromText.kind === 'accounts_detail') expect(fromText.payload.Accounts).toHaveLength(1);
    expect(parseWebhookPayload(JSON.parse(body)).kind).toBe('accounts_detail');
  });

  it('parses a KYC delivery and reports an unknown ResponseType without failing', () => {
    const kyc = parseWebhookPayload({ ResponseType: 'KYC', Holders: [{ Name: 'John Doe' }] });
    expect(kyc.kind).toBe('kyc');
    expect(parseWebhookPayload({ ResponseType: 'Statements' })).toEqual({
      kind: 'unknown',
      responseType: 'Statements',
    });
  });

  it('throws MALFORMED_RESPONSE with the path for a body that is not JSON or does not match', () => {
    expect(() => parseWebhookPayload('not json')).toThrow(FlinksError);
    try {
      parseWebhookPayload({ ResponseType: 'GetAccountsDetail', Accounts: [{ Title: 'no id' }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FlinksError);
      expect((error as FlinksError).flinksCode).toBe('MALFORMED_RESPONSE');
      expect((error as FlinksError).issues?.[0]?.path).toEqual(['Accounts', 0, 'Id']);
    }
  });
});
