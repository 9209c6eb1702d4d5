/**
 * Web Push (`web-push`, VAPID): a message to every device of a person, in each device's language, encrypted
 * end to end for the device (RFC 8291), so a push service reads nothing of it. Sent when a link starts
 * needing the person, and when new transactions reach the amount they chose. A failure to deliver is logged
 * with its status only; a subscription the push service says is gone is forgotten.
 */
import type { Agent } from 'node:https';
import type { Language } from '@passbook/contracts';
import type { FastifyBaseLogger } from 'fastify';
import webpush from 'web-push';
import type { PushSettings } from '../config.ts';
import type { LoginIdVault } from '../crypto/login-id-vault.ts';
import type { Database } from '../db/database.ts';
import { linksToTellTheyNeedThePerson } from '../links/status.ts';
import { forgetSubscription, readSettings, subscriptionsOf } from './repository.ts';

export interface PushMessage {
  title: string;
  body: string;
  /** The page a click on the notification opens. */
  url: string;
  /** Notifications with one tag replace each other on a device. */
  tag: string;
}

export interface PushSenderDeps {
  db: Database;
  vault: LoginIdVault;
  push: PushSettings;
  log: FastifyBaseLogger;
  /** The HTTPS agent pushes go through (tests trust their own push service's certificate with it). */
  agent?: Agent;
  /** Why a stored endpoint is not posted to (one saved before internal hosts were refused), or null. */
  endpointRefusal?: (endpoint: string) => string | null;
}

const TTL_SECONDS = 24 * 3600;

export class PushSender {
  constructor(private readonly deps: PushSenderDeps) {}

  /** The VAPID public key browsers subscribe with; null when this server cannot push. */
  get publicKey(): string | null {
    return this.deps.push.vapidKeys?.publicKey ?? null;
  }

  /** Sends the message to each device of the person; returns how many push services accepted it. */
  async send(userId: string, message: (language: Language) => PushMessage): Promise<number> {
    const keys = this.deps.push.vapidKeys;
    if (keys === null) return 0;
    const { db, vault, log } = this.deps;
    let delivered = 0;
    for (const device of await subscriptionsOf(db, vault, userId)) {
      if (this.deps.endpointRefusal?.(device.subscription.endpoint)) {
        log.warn('push not sent: its endpoint is not a public push service');
        continue;
      }
      try {
        await webpush.sendNotification(device.subscription, JSON.stringify(message(device.language)), {
          vapidDetails: { subject: this.deps.push.subject, ...keys },
          TTL: TTL_SECONDS,
          timeout: 10_000,
          ...(this.deps.agent ? { agent: this.deps.agent } : {}),
        });
        delivered += 1;
      } catch (error) {
        const status = error instanceof webpush.WebPushError ? error.statusCode : undefined;
        if (status === 404 || status === 410) await forgetSubscription(db, device.endpointHash);
        else log.warn({ status, code: (error as { code?: unknown }).code }, 'push not delivered');
      }
    }
    return delivered;
  }
}

const TEXT = {
  en: {
    needsYou: (bank: string) => `${bank} needs you`,
    needsYouBody: 'Sign in to your bank again so that Passbook stays up to date.',
    newTransaction: (bank: string) => `New transaction at ${bank}`,
    newTransactions: (bank: string, count: number) => `${count} new transactions at ${bank}`,
    newTransactionsBody: (amount: string) => `Each of at least ${amount}.`,
  },
  fr: {
    needsYou: (bank: string) => `${bank} a besoin de vous`,
    needsYouBody: 'Connectez-vous de nouveau à votre banque pour que Passbook reste à jour.',
    newTransaction: (bank: string) => `Nouvelle opération chez ${bank}`,
    newTransactions: (bank: string, count: number) => `${count} nouvelles opérations chez ${bank}`,
    newTransactionsBody: (amount: string) => `Chacune d’au moins ${amount}.`,
  },
} as const;

const LOCALES: Record<Language, string> = { en: 'en-CA', fr: 'fr-CA' };

function money(minor: number, currency: string, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency }).format(minor / 100);
}

function bankOf(link: { nickname: string | null; institution: string }): string {
  if (link.nickname) return link.nickname;
  return link.institution === 'FlinksCapital' ? 'Flinks Capital' : link.institution || 'Your bank';
}

/**
 * Links (of `linkIds`, or all) that need the person and whose person was not told yet: marked told, and each
 * person who wants it gets a push. A link is told again only after it worked again (`links/status.ts`).
 */
export async function notifyLinksNeedingYou(
  deps: { db: Database; push: PushSender },
  linkIds: readonly string[] | null,
): Promise<void> {
  const rows = await linksToTellTheyNeedThePerson(deps.db, linkIds);
  for (const link of rows) {
    if (!(await readSettings(deps.db, link.user_id)).linkNeedsYou) continue;
    const bank = bankOf(link);
    await deps.push.send(link.user_id, (language) => ({
      title: TEXT[language].needsYou(bank),
      body: TEXT[language].needsYouBody,
      url: '/attention',
      tag: 'needs-you',
    }));
  }
}

/** New transactions of the link stored since `since` that reach the person's amount: one push about them. */
export async function notifyNewTransactions(
  deps: { db: Database; push: PushSender },
  job: { user_id: string; link_id: string },
  since: Date,
): Promise<void> {
  const { transactionsAbove } = await readSettings(deps.db, job.user_id);
  if (transactionsAbove === null) return;
  const { rows } = await deps.db.query<{
    amount: string;
    currency: string;
    description: string;
    institution: string;
    nickname: string | null;
  }>(
    `SELECT t.amount, a.currency, t.description, l.institution, l.nickname
     FROM transactions t JOIN accounts a ON a.id = t.account_id JOIN links l ON l.id = a.link_id
     WHERE a.link_id = $1 AND t.created_at >= $2 AND abs(t.amount) >= $3
     ORDER BY t.date DESC, t.seq DESC LIMIT 50`,
    [job.link_id, since, transactionsAbove],
  );
  const first = rows[0];
  if (!first) return;
  const bank = bankOf(first);
  await deps.push.send(job.user_id, (language) =>
    rows.length === 1
      ? {
          title: TEXT[language].newTransaction(bank),
          body: `${money(Number(first.amount), first.currency, language)} · ${first.description}`,
          url: '/',
          tag: 'transactions',
        }
      : {
          title: TEXT[language].newTransactions(bank, rows.length),
          body: TEXT[language].newTransactionsBody(money(transactionsAbove, first.currency, language)),
          url: '/',
          tag: 'transactions',
        },
  );
}
