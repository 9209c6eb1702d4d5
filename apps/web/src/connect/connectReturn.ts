/**
 * Our Connect landing page. Connect is opened with `redirectUrl=<our origin>/connect/return` and
 * `innerRedirect=true`, so after a successful connection the iframe itself navigates here with
 * `?loginId=…&institution=…`. This page hands those to the page that embeds the iframe (our own origin
 * only) and removes them from its address, then has nothing else to do.
 */

export const CONNECT_RETURN_PATH = '/connect/return';
export const CONNECT_RETURN_MESSAGE = 'passbook:connect-return';

export interface ConnectReturnMessage {
  type: typeof CONNECT_RETURN_MESSAGE;
  loginId: string;
  institution: string | null;
}

export function isConnectReturnPath(pathname: string): boolean {
  return pathname.replace(/\/+$/, '') === CONNECT_RETURN_PATH;
}

/** Posts the loginId to the embedding page when there is one; reports whether it did. */
export function relayConnectReturn(win: Window): boolean {
  const url = new URL(win.location.href);
  const loginId = url.searchParams.get('loginId');
  const institution = url.searchParams.get('institution');
  win.history.replaceState(null, '', CONNECT_RETURN_PATH);
  if (!loginId || win.parent === win) return false;
  const message: ConnectReturnMessage = { type: CONNECT_RETURN_MESSAGE, loginId, institution };
  win.parent.postMessage(message, win.location.origin);
  return true;
}
