/**
 * A first connection whose bank asked a security question: Connect reported the session's RequestId when it
 * showed the question, and it is kept for this tab only, so that a reload reopens Connect on the same
 * question instead of the bank list. It is forgotten once the connection ends, either way.
 */

const STORAGE_KEY = 'passbook.pendingSecurityQuestion';

/** Flinks keeps a security question open for 15 minutes (FLINKS.md: resume an MFA step). */
const RESUMABLE_MS = 15 * 60_000;

interface Pending {
  requestId: string;
  at: number;
}

/** Keeps the time the question was first shown: Flinks counts its 15 minutes from there. */
export function rememberPendingQuestion(requestId: string, now = Date.now()): void {
  if (pendingQuestion(now) === requestId) return;
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ requestId, at: now } satisfies Pending));
  } catch {
    // Without storage a reload simply starts again at the bank list.
  }
}

/** The RequestId of a question still open in this tab, if any. */
export function pendingQuestion(now = Date.now()): string | null {
  try {
    const value: unknown = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { requestId, at } = value as Record<string, unknown>;
    if (typeof requestId !== 'string' || typeof at !== 'number' || now - at > RESUMABLE_MS) return null;
    return requestId;
  } catch {
    return null;
  }
}

export function forgetPendingQuestion(): void {
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was kept.
  }
}
