/**
 * Linking a LoginId, refreshing a link and removing it. A link is idempotent per user and LoginId; work on it
 * happens in jobs, at most one unfinished per LoginId, which the job runner executes.
 */
import type { Link } from '@passbook/contracts';
import { type FlinksClient, isFlinksError } from '@passbook/flinks';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { type AccountRow, accountsOfLinks, presentAccount } from '../accounts/repository.ts';
import type { Clock } from '../clock.ts';
import { grantConsent, revokeConsent } from '../consents/repository.ts';
import type { LoginIdVault } from '../crypto/login-id-vault.ts';
import type { Database, Queryable } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import {
  findUnfinishedJob,
  findUnfinishedJobs,
  insertJob,
  type JobRow,
  presentJob,
  resumeAfterMfa,
  stopJob,
} from '../jobs/repository.ts';
import { linkHealth } from '../sync/health.ts';
import { deleteAtFlinks } from './flinks-deletion.ts';
import {
  deleteLink,
  findLink,
  insertLink,
  type LinkRow,
  listLinks,
  lockLink,
  lockLinkByLogin,
  loginLinkedByAnotherUser,
  loginSharedWithOtherLink,
  renameLink,
  setDeleting,
} from './repository.ts';
import { scheduleFirstSync } from './schedule.ts';
import { linkReconnected } from './status.ts';

export interface LinkServiceDeps {
  db: Database;
  vault: LoginIdVault;
  flinks: FlinksClient;
  /** Tells the job runner that a job is ready to run now. */
  wakeRunner: () => void;
  /** What the first scheduled sync of a new link is reckoned from. */
  clock: Clock;
  /** 0: links are not synced on their own. */
  syncIntervalMs: number;
  log: FastifyBaseLogger;
  /**
   * The first wait before asking DeleteCard again while Flinks still holds a stopped job's session (one poll
   * interval); a removal waits at most 30 of them, and never more than a minute, before giving up.
   */
  busyRetryMs: number;
}

/** The app's link service, wired to its database, vault, Flinks client, runner, clock and settings. */
export function linkServiceOf(app: FastifyInstance): LinkService {
  return new LinkService({
    db: app.db,
    vault: app.vault,
    flinks: app.flinks,
    wakeRunner: () => app.jobRunner.wake(),
    clock: app.clock,
    syncIntervalMs: app.config.jobs.syncIntervalMs,
    busyRetryMs: app.config.flinks.pollIntervalMs,
    log: app.log,
  });
}

/** What the browser may see of a link: never its LoginId, hash or ciphertext. */
function presentLink(link: LinkRow, accounts: AccountRow[], activeJob: JobRow | null): Link {
  return {
    id: link.id,
    institution: link.institution,
    name: link.nickname,
    username: link.username_masked,
    status: link.status,
    createdAt: link.created_at.toISOString(),
    lastRefreshAt: link.last_refresh_at?.toISOString() ?? null,
    lastError:
      link.last_error_code === null
        ? null
        : { code: link.last_error_code, message: link.last_error_message ?? '' },
    activeJob: activeJob ? presentJob(activeJob) : null,
    health: linkHealth(link, accounts, activeJob?.state ?? null),
    accounts: accounts.map(presentAccount),
  };
}

function loginBusy(): AppError {
  return new AppError(
    409,
    'LOGIN_BUSY',
    'This bank login is busy with another retrieval. Try again in a few minutes.',
  );
}

function loginUnavailable(): AppError {
  return new AppError(
    409,
    'LOGIN_UNAVAILABLE',
    'This bank login cannot be linked here. Connect your bank again through Connect.',
  );
}

export class LinkService {
  constructor(private readonly deps: LinkServiceDeps) {}

  private async present(db: Queryable, links: LinkRow[]): Promise<Link[]> {
    const ids = links.map((link) => link.id);
    const [accounts, jobs] = await Promise.all([accountsOfLinks(db, ids), findUnfinishedJobs(db, ids)]);
    return links.map((link) =>
      presentLink(
        link,
        accounts.filter((account) => account.link_id === link.id),
        jobs.find((job) => job.link_id === link.id) ?? null,
      ),
    );
  }

  private async presentOne(db: Queryable, link: LinkRow): Promise<Link> {
    const [accounts, job] = await Promise.all([
      accountsOfLinks(db, [link.id]),
      findUnfinishedJob(db, link.id),
    ]);
    return presentLink(link, accounts, job);
  }

  async list(userId: string): Promise<Link[]> {
    return this.present(this.deps.db, await listLinks(this.deps.db, userId));
  }

  async get(userId: string, linkId: string): Promise<Link> {
    const link = await findLink(this.deps.db, userId, linkId);
    if (link === null) throw notFound('This link');
    return this.presentOne(this.deps.db, link);
  }

  /**
   * The LoginId from Connect's REDIRECT. A new LoginId makes a link and a link job. A known one returns its
   * link, with the job already under way if there is one — and when that job is a refresh waiting for security
   * answers, this REDIRECT is the user having answered them: the same job goes on with the retrieval.
   */
  async link(userId: string, loginId: string): Promise<{ link: Link; job: JobRow }> {
    const { db, vault } = this.deps;
    const loginIdHash = vault.hash(loginId);
    const linkId = crypto.randomUUID();
    const { link, job } = await db.transaction(async (tx) => {
      // A LoginId opens its owner's accounts: whoever else presents it is refused, and learns nothing of why.
      if (await loginLinkedByAnotherUser(tx, userId, loginIdHash)) throw loginUnavailable();
      await insertLink(tx, {
        id: linkId,
        userId,
        loginIdHash,
        loginIdEncrypted: vault.encrypt(loginId, linkId),
      });
      const locked = await lockLinkByLogin(tx, userId, loginIdHash);
      if (locked === null) throw new Error('link vanished inside its own transaction');
      await grantConsent(tx, userId, locked.id);
      if (locked.deleting) {
        throw new AppError(
          409,
          'LINK_BEING_DELETED',
          'This link is being removed; remove it again to finish.',
        );
      }
      // A REDIRECT means the person just signed in at the bank through Connect.
      await linkReconnected(tx, locked.id);
      const link = { ...locked, nightly_refresh_error: null };
      const unfinished = await findUnfinishedJob(tx, link.id);
      const resumed = unfinished?.state === 'mfa_required' ? await resumeAfterMfa(tx, unfinished.id) : null;
      if (resumed) return { link, job: resumed };
      if (unfinished && unfinished.state !== 'mfa_required') return { link, job: unfinished };
      const job = await insertJob(tx, { userId, linkId: link.id, loginIdHash, kind: 'link' });
      if (job === null) throw loginBusy();
      await scheduleFirstSync(tx, link.id, {
        now: this.deps.clock.now(),
        intervalMs: this.deps.syncIntervalMs,
      });
      return { link, job };
    });
    if (job.state === 'queued') this.deps.wakeRunner();
    return { link: await this.presentOne(db, link), job };
  }

  async rename(userId: string, linkId: string, name: string | null): Promise<Link> {
    const nickname = name?.trim() || null;
    if (!(await renameLink(this.deps.db, userId, linkId, nickname))) {
      throw notFound('This link');
    }
    return this.get(userId, linkId);
  }

  /** A live refresh; while one is unfinished, that one. */
  async refresh(userId: string, linkId: string): Promise<JobRow> {
    const job = await this.deps.db.transaction(async (tx) => {
      const link = await lockLink(tx, userId, linkId);
      if (link === null || link.deleting) throw notFound('This link');
      const unfinished = await findUnfinishedJob(tx, link.id);
      if (unfinished) return unfinished;
      const job = await insertJob(tx, { userId, linkId, loginIdHash: link.login_id_hash, kind: 'refresh' });
      if (job === null) throw loginBusy();
      return job;
    });
    if (job.state === 'queued') this.deps.wakeRunner();
    return job;
  }

  /**
   * Removes the link here and at Flinks (off the nightly refresh, then DeleteCard). A job under way is stopped
   * first, in the same transaction that marks the link, so it can no longer write into it; Flinks may still hold
   * that job's session for a while (CARD_IN_USE), and DeleteCard is asked again until it lets go.
   */
  async remove(userId: string, linkId: string): Promise<void> {
    const { db, vault, log } = this.deps;
    const link = await db.transaction(async (tx) => {
      // A link already marked for deletion is deleted again: an earlier attempt may have died half-way.
      const link = await lockLink(tx, userId, linkId);
      if (link === null) throw notFound('This link');
      const unfinished = await findUnfinishedJob(tx, link.id);
      if (unfinished) {
        await stopJob(tx, unfinished.id, {
          code: 'LINK_REMOVED',
          message: 'This bank was removed while its data was being retrieved.',
        });
      }
      await setDeleting(tx, link.id, true);
      return link;
    });

    try {
      if (!(await loginSharedWithOtherLink(db, link.id, link.login_id_hash))) {
        await deleteAtFlinks(
          this.deps.flinks,
          vault.decrypt(link.login_id_encrypted, link.id),
          this.deps.busyRetryMs,
        );
      }
    } catch (error) {
      await setDeleting(db, link.id, false);
      if (isFlinksError(error) && error.flinksCode === 'CARD_IN_USE') {
        throw new AppError(409, 'CARD_IN_USE', 'Your bank connection is busy; try again in a minute.');
      }
      log.error({ err: error, linkId: link.id }, 'DeleteCard failed');
      throw new AppError(502, 'UPSTREAM_FAILED', 'Flinks could not remove this connection; try again later.');
    }
    await db.transaction(async (tx) => {
      await revokeConsent(tx, link.id, link.institution);
      await deleteLink(tx, link.id);
    });
  }
}
