/**
 * The serialised GET /api/links answer of recently seen users, as the text sent with its ETag, kept until the database says their view
 * changed. Triggers NOTIFY `passbook_view` with the user id on every change to their links, accounts or jobs
 * (whichever instance made it); while notifications cannot be trusted (the listening connection is down), the
 * cache is emptied and bypassed.
 *
 * A read that raced with a change is not kept: each fill carries a token that an invalidation of its user
 * spoils, so an answer computed from a snapshot older than a notification is never cached after it.
 */
import { hash } from 'node:crypto';
import { NotifiedCache } from '../db/notified-cache.ts';

export const VIEW_CHANNEL = 'passbook_view';

/**
 * A serialised answer as it is sent, and the strong ETag that names it. Kept as text: Node writes a text body
 * with its headers in one write, where a Buffer body is a second chunk of a vectored write, which cost more.
 */
export interface View {
  body: string;
  etag: string;
}

export function viewOf(body: string): View {
  return { body, etag: `"${hash('sha256', body, 'base64url').slice(0, 27)}"` };
}

/** Whether an If-None-Match header names this ETag (weakly compared, as RFC 9110 asks for GET). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

interface Fill {
  spoiled: boolean;
}

export class LinksViewCache extends NotifiedCache {
  private readonly entries = new Map<string, View>();
  private readonly fills = new Map<string, Set<Fill>>();

  constructor(private readonly maxUsers = 10_000) {
    super(VIEW_CHANNEL);
  }

  /**
   * The cached answer for this user, or the one `compute` gives (kept when nothing changed meanwhile), with its
   * ETag computed once per fill.
   */
  async read(userId: string, compute: () => Promise<string>): Promise<View> {
    const cached = this.live ? this.entries.get(userId) : undefined;
    if (cached !== undefined) return cached;
    const fill: Fill = { spoiled: !this.live };
    const fills = this.fills.get(userId) ?? new Set<Fill>();
    fills.add(fill);
    this.fills.set(userId, fills);
    try {
      const view = viewOf(await compute());
      if (!fill.spoiled && this.live) this.keep(userId, view);
      return view;
    } finally {
      fills.delete(fill);
      if (fills.size === 0) this.fills.delete(userId);
    }
  }

  /** How many users' answers are cached (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  private keep(userId: string, view: View): void {
    this.entries.delete(userId);
    this.entries.set(userId, view);
    if (this.entries.size > this.maxUsers) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  protected onNotification(userId: string): void {
    this.entries.delete(userId);
    for (const fill of this.fills.get(userId) ?? []) fill.spoiled = true;
  }

  protected forgetAll(): void {
    this.entries.clear();
    for (const fills of this.fills.values()) for (const fill of fills) fill.spoiled = true;
  }
}
