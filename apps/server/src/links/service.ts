/**
 * Linking a LoginId, refreshing a link and removing it. A link is idempotent per user and LoginId; work on it
 * happens in jobs, at most one unfinished per LoginId, which the job runner executes.
 */
import type { Link } from '@passbook/contracts';
import { type FlinksClient, isFlinksError } from '@passbook/flinks';
import type { FastifyBaseLogger } from 'fastify';
import { type AccountRow, accountsOfLinks, presentAccount } from '../accounts/repository.ts';
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
} from '../jobs/repository.ts';
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
  setDeleting,
} from './repository.ts';

export interface LinkServiceDeps {
  db: Database;
  vault: LoginIdVault;
  flinks: FlinksClient;
  /** Tells the job runner that a job is ready to run now. */
  wakeRunner: () => void;
  log: FastifyBaseLogger;
}

const RUNNING_STATES = new Set(['queued', 'authorizing', 'retrieving']);

/** What the browser may see of a link: never its LoginId, hash or ciphertext. */
function presentLink(link: LinkRow, accounts: AccountRow[], activeJob: JobRow | null): Link {
  return {
    id: link.id,
    institution: link.institution,
    status: link.status,
    createdAt: link.created_at.toISOString(),
    lastRefreshAt: link.last_refresh_at?.toISOString() ?? null,
    lastError:
      link.last_error_code === null
        ? null
        : { code: link.last_error_code, message: link.last_error_message ?? '' },
    activeJob: activeJob ? presentJob(activeJob) : null,
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
      const link = await lockLinkByLogin(tx, userId, loginIdHash);
      if (link === null) throw new Error('link vanished inside its own transaction');
      await grantConsent(tx, userId, link.id);
      if (link.deleting) {
        throw new AppError(
          409,
          'LINK_BEING_DELETED',
          'This link is being removed; remove it again to finish.',
        );
      }
      const unfinished = await findUnfinishedJob(tx, link.id);
      const resumed = unfinished?.state === 'mfa_required' ? await resumeAfterMfa(tx, unfinished.id) : null;
      if (resumed) return { link, job: resumed };
      if (unfinished && unfinished.state !== 'mfa_required') return { link, job: unfinished };
      const job = await insertJob(tx, { userId, linkId: link.id, loginIdHash, kind: 'link' });
      if (job === null) throw loginBusy();
      return { link, job };
    });
    if (job.state === 'queued') this.deps.wakeRunner();
    return { link: await this.presentOne(db, link), job };
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
   * Removes the link here and its data at Flinks (DeleteCard). Refused while a retrieval runs: Flinks answers
   * CARD_IN_USE during a session, and the job would write into a link being removed.
   */
  async remove(userId: string, linkId: string): Promise<void> {
    const { db, vault, flinks, log } = this.deps;
    const link = await db.transaction(async (tx) => {
      // A link already marked for deletion is deleted again: an earlier attempt may have died half-way.
      const link = await lockLink(tx, userId, linkId);
      if (link === null) throw notFound('This link');
      const unfinished = await findUnfinishedJob(tx, link.id);
      if (unfinished && RUNNING_STATES.has(unfinished.state)) {
        throw new AppError(
          409,
          'JOB_RUNNING',
          'A retrieval is running for this link; remove it once it has finished.',
        );
      }
      await setDeleting(tx, link.id, true);
      return link;
    });

    try {
      if (!(await loginSharedWithOtherLink(db, link.id, link.login_id_hash))) {
        await flinks.deleteCard(vault.decrypt(link.login_id_encrypted, link.id));
      }
    } catch (error) {
      // Flinks no longer knowing the login is what deletion wants.
      if (!(isFlinksError(error) && error.flinksCode === 'INVALID_LOGIN')) {
        await setDeleting(db, link.id, false);
        if (isFlinksError(error) && error.flinksCode === 'CARD_IN_USE') {
          throw new AppError(409, 'CARD_IN_USE', 'Your bank connection is busy; try again in a minute.');
        }
        log.error({ err: error, linkId: link.id }, 'DeleteCard failed');
        throw new AppError(
          502,
          'UPSTREAM_FAILED',
          'Flinks could not remove this connection; try again later.',
        );
      }
    }
    await db.transaction(async (tx) => {
      await revokeConsent(tx, link.id, link.institution);
      await deleteLink(tx, link.id);
    });
  }
}
