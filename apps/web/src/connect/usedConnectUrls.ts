/**
 * A job's Connect URL carries a single-use authorize token. Once this browser has opened it, asking again
 * needs a fresh URL from the server. Only a fingerprint of each opened URL is kept, for this tab's session.
 */

const STORAGE_KEY = 'passbook.openedConnectUrls';

/** FNV-1a: identity, not secrecy; the token itself is never stored. */
function fingerprint(url: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) {
    hash ^= url.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

function read(): string[] {
  try {
    const value: unknown = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

export function wasOpened(url: string): boolean {
  return read().includes(fingerprint(url));
}

export function markOpened(url: string): void {
  try {
    const next = [...read(), fingerprint(url)].slice(-50);
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Without storage the worst case is one refused token, which Connect reports and "Start again" fixes.
  }
}
