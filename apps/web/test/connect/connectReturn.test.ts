import { describe, expect, it, vi } from 'vitest';
import {
  CONNECT_RETURN_MESSAGE,
  isConnectReturnPath,
  relayConnectReturn,
} from '../../src/connect/connectReturn.ts';

const LOGIN_ID = '5e0f8c52-7c4b-4f7e-9a51-0a4d3c7b2e11';

function fakeWindow(href: string, framed: boolean) {
  const parent = { postMessage: vi.fn() };
  const win = {
    location: new URL(href),
    history: { replaceState: vi.fn() },
    parent: undefined as unknown,
  };
  win.parent = framed ? parent : win;
  return { win: win as unknown as Window, parent, history: win.history };
}

describe('the Connect landing page', () => {
  it('is recognised at /connect/return, with or without a trailing slash', () => {
    expect(isConnectReturnPath('/connect/return')).toBe(true);
    expect(isConnectReturnPath('/connect/return/')).toBe(true);
    expect(isConnectReturnPath('/connect')).toBe(false);
  });

  it('posts the loginId to the embedding page, for our own origin only', () => {
    const { win, parent } = fakeWindow(
      `http://localhost:3000/connect/return?loginId=${LOGIN_ID}&institution=FlinksCapital`,
      true,
    );
    expect(relayConnectReturn(win)).toBe(true);
    expect(parent.postMessage).toHaveBeenCalledExactlyOnceWith(
      { type: CONNECT_RETURN_MESSAGE, loginId: LOGIN_ID, institution: 'FlinksCapital' },
      'http://localhost:3000',
    );
  });

  it('removes the loginId from its address', () => {
    const { win, history } = fakeWindow(`http://localhost:3000/connect/return?loginId=${LOGIN_ID}`, true);
    relayConnectReturn(win);
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/connect/return');
  });

  it('posts nothing when it is not inside a frame or has no loginId', () => {
    const top = fakeWindow(`http://localhost:3000/connect/return?loginId=${LOGIN_ID}`, false);
    expect(relayConnectReturn(top.win)).toBe(false);
    const empty = fakeWindow('http://localhost:3000/connect/return', true);
    expect(relayConnectReturn(empty.win)).toBe(false);
    expect(empty.parent.postMessage).not.toHaveBeenCalled();
  });
});
