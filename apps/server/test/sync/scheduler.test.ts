/**
 * Scheduled sync with a clock the test moves: the first sync of a link comes one interval after its link job,
 * each link syncs once per interval however many instances tick (never twice), a long pause makes one sync and
 * not one per missed slot, an instance that dies mid-sync leaves the job to another which finishes it, and
 * linking puts the login on Flinks' nightly refresh while removal takes it off. Upstream calls are counted in
 * the emulator's call log.
 */
import type { Sandbox } from '@passbook/flinks-sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser.ts';
import { ManualClock } from '../helpers/clock.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { severable } from '../helpers/severable.ts';
import { appOn, eventually, jobRow, startSandbox, waitForJob } from '../helpers/stack.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

describe.each(ENGINES)('scheduled sync on %s', (engine) => {
  let database: TestDatabase;
  let sandbox: Sandbox;
  const apps: FastifyInstance[] = [];

  /** Two connection pools, one per instance slot (on PostgreSQL), shared by every test of the file. */
  let pools: TestDatabase['db'][] = [];

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([openTestDatabase(engine), startSandbox()]);
    pools = [await database.reopen(), await database.reopen()];
  });

  beforeEach(async () => {
    await sandbox.control.reset();
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close().catch(() => undefined);
    // Each test's links stay out of the next test's schedule.
    await database.db.query('UPDATE links SET next_sync_at = NULL, deleting = true');
    await database.db.query('DELETE FROM scheduled_tasks');
  });

  afterAll(async () => {
    await sandbox.close();
    await database.close();
  });

  async function instance(
    clock: ManualClock,
    options: { env?: Record<string, string>; db?: TestDatabase['db'] } = {},
  ): Promise<FastifyInstance> {
    const db = options.db ?? (pools[apps.length % 2] as TestDatabase['db']);
    const app = await appOn(sandbox, db, { SYNC_INTERVAL_MS: String(DAY), ...options.env }, { clock });
    apps.push(app);
    return app;
  }

  async function linked(app: FastifyInstance, count: number) {
    return Promise.all(
      Array.from({ length: count }, async () => {
        const user = new Browser(app);
        // A week of one account: what is measured is the schedule, not the storing of a year of data.
        const { loginId } = await sandbox.control.createLogin('test_small_history');
        const { job, link } = (await user.post('/api/links', { loginId })).json();
        expect((await waitForJob(user, job.id)).state).toBe('succeeded');
        return { user, loginId, linkId: link.id as string };
      }),
    );
  }

  async function linkedOne(app: FastifyInstance) {
    const [link] = await linked(app, 1);
    if (!link) throw new Error('nothing linked');
    return link;
  }

  async function syncJobs(linkId: string) {
    const { rows } = await database.db.query<{
      id: string;
      state: string;
      payload: { scheduledFor: string };
    }>("SELECT id, state, payload FROM jobs WHERE link_id = $1 AND kind = 'sync' ORDER BY created_at", [
      linkId,
    ]);
    return rows;
  }

  /**
   * Both instances tick many times at once, as any number of processes would (their own timers tick too), and
   * say how many sync jobs exist then.
   */
  async function tickTogether(apps: FastifyInstance[], linkIds: string[], times = 5): Promise<number> {
    await Promise.all(
      apps.flatMap((app) => Array.from({ length: times }, () => app.jobRunner.enqueueScheduled())),
    );
    const { rows } = await database.db.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM jobs WHERE kind = 'sync' AND link_id = ANY($1::uuid[])",
      [linkIds],
    );
    return rows[0]?.count ?? 0;
  }

  async function allSynced(linkIds: string[], count: number) {
    await eventually(async () => {
      for (const linkId of linkIds) {
        const jobs = await syncJobs(linkId);
        if (jobs.length !== count || jobs.some((job) => job.state !== 'succeeded')) return undefined;
      }
      return true;
    }, `${count} finished sync(s) of every link`);
  }

  it('syncs each link once per interval across two instances, the first one interval after linking', {
    timeout: 90_000,
  }, async () => {
    const clock = new ManualClock();
    const linkedAt = clock.now().getTime();
    const [one, two] = [await instance(clock), await instance(clock)];
    const links = [...(await linked(one, 2)), ...(await linked(two, 2))];
    const linkIds = links.map((link) => link.linkId);
    const tokensAfterLinking = (await sandbox.control.calls({ endpoint: 'GenerateAuthorizeToken' })).length;

    clock.advance(DAY - MINUTE);
    expect(await tickTogether([one, two], linkIds)).toBe(0);

    clock.advance(MINUTE);
    expect(await tickTogether([one, two], linkIds)).toBe(links.length);
    await allSynced(linkIds, 1);
    for (const linkId of linkIds) {
      const [job] = await syncJobs(linkId);
      expect(new Date(job?.payload.scheduledFor ?? 0).getTime()).toBeGreaterThanOrEqual(linkedAt + DAY);
      expect(new Date(job?.payload.scheduledFor ?? 0).getTime()).toBeLessThanOrEqual(clock.now().getTime());
    }
    expect(await tickTogether([one, two], linkIds)).toBe(links.length);

    // Per scheduled sync: one token, one cached Authorize, one GetAccountsDetail (and its polls).
    for (const { loginId } of links) {
      const authorizes = await sandbox.control.calls({ endpoint: 'Authorize', loginId });
      expect(authorizes).toHaveLength(2);
    }
    expect((await sandbox.control.calls({ endpoint: 'GenerateAuthorizeToken' })).length).toBe(
      tokensAfterLinking + links.length,
    );
    expect(await sandbox.control.calls({ endpoint: 'GetAccountsDetail' })).toHaveLength(links.length * 2);

    // The next day, once more each.
    clock.advance(DAY);
    expect(await tickTogether([one, two], linkIds)).toBe(links.length * 2);
    await allSynced(linkIds, 2);
    expect(await tickTogether([one, two], linkIds)).toBe(links.length * 2);
  });

  it('makes one sync after a long pause, not one per missed slot, and keeps the link’s time of day', async () => {
    const clock = new ManualClock();
    const app = await instance(clock);
    const { linkId } = await linkedOne(app);
    const { rows: before } = await database.db.query<{ next_sync_at: Date }>(
      'SELECT next_sync_at FROM links WHERE id = $1',
      [linkId],
    );
    const firstSlot = before[0]?.next_sync_at.getTime() ?? 0;

    clock.advance(3 * DAY + MINUTE);
    expect(await tickTogether([app], [linkId])).toBe(1);
    await allSynced([linkId], 1);
    const { rows: after } = await database.db.query<{ next_sync_at: Date }>(
      'SELECT next_sync_at FROM links WHERE id = $1',
      [linkId],
    );
    expect(after[0]?.next_sync_at.getTime()).toBe(firstSlot + 3 * DAY);
  });

  it('lets another instance finish the sync of an instance that died mid-sync, once', async () => {
    await sandbox.control.configure({ processingMs: 60_000 });
    const clock = new ManualClock();
    const lease = { JOB_LEASE_MS: '1500' };
    const doomed = severable(pools[0] as TestDatabase['db']);
    const dying = await instance(clock, { env: lease, db: doomed.db });
    await sandbox.control.configure({ processingMs: 150 });
    const { linkId, loginId, user } = await linkedOne(dying);

    await sandbox.control.configure({ processingMs: 60_000 });
    clock.advance(DAY);
    expect(await tickTogether([dying], [linkId])).toBe(1);
    const [sync] = await syncJobs(linkId);
    if (!sync) throw new Error('no sync job');
    await eventually(async () => {
      const row = await jobRow(database.db, sync.id);
      return row.detail_requested && row.lease_owner === dying.jobRunner.owner ? row : undefined;
    }, 'the sync to be polling on the instance that will die');

    doomed.sever();
    const survivor = await instance(clock, { env: lease });
    await sandbox.control.configure({ processingMs: 0 });
    const finished = await waitForJob(new Browser(survivor).withCookie(user.cookie), sync.id);
    expect(finished.state).toBe('succeeded');
    expect((await jobRow(database.db, sync.id)).lease_owner).toBeNull();
    expect(await syncJobs(linkId)).toHaveLength(1);
    // The survivor polled the request the dead instance had made: no second data request, no second Authorize.
    expect(await sandbox.control.calls({ endpoint: 'Authorize', loginId })).toHaveLength(2);
    expect(await sandbox.control.calls({ endpoint: 'GetAccountsDetail' })).toHaveLength(2);
  });

  it('turns the nightly refresh on at linking and off before deleting at removal', async () => {
    const app = await instance(new ManualClock());
    const { user, loginId, linkId } = await linkedOne(app);
    expect(await sandbox.control.calls({ endpoint: 'SetScheduledRefresh', loginId })).toHaveLength(1);
    expect((await user.delete(`/api/links/${linkId}`)).statusCode).toBe(204);
    const endpoints = (await sandbox.control.calls({ loginId })).map((call) => call.endpoint);
    expect(endpoints.slice(-2)).toEqual(['SetScheduledRefresh', 'DeleteCard']);
    expect(await sandbox.control.calls({ endpoint: 'SetScheduledRefresh', loginId })).toHaveLength(2);
  });

  it('neither schedules nor enrols when SYNC_INTERVAL_MS is 0', async () => {
    const clock = new ManualClock();
    const app = await instance(clock, { env: { SYNC_INTERVAL_MS: '0' } });
    const { loginId, linkId } = await linkedOne(app);
    clock.advance(30 * DAY);
    expect(await tickTogether([app], [linkId])).toBe(0);
    expect(await syncJobs(linkId)).toHaveLength(0);
    expect(await sandbox.control.calls({ endpoint: 'SetScheduledRefresh', loginId })).toHaveLength(0);
  });

  it('asks GetNightlyRefreshStatus once a day per deployment, and a login it lists shows "needs you"', async () => {
    const clock = new ManualClock();
    const [one, two] = [await instance(clock), await instance(clock)];
    const { user, loginId, linkId } = await linkedOne(one);
    const nightlyCalls = async () =>
      (await sandbox.control.calls({ endpoint: 'GetNightlyRefreshStatus' })).length;
    await tickTogether([one, two], [linkId]);
    expect(await nightlyCalls()).toBe(1);

    // The person changes their password at the bank: the next nightly refresh fails.
    await sandbox.control.breakCredentials(loginId);
    await tickTogether([one, two], [linkId]);
    expect(await nightlyCalls()).toBe(1);
    expect((await user.get(`/api/links/${linkId}`)).json().link.health.needsYou).toBe(false);

    clock.advance(DAY);
    await tickTogether([one, two], [linkId]);
    expect(await nightlyCalls()).toBe(2);
    const { link } = (await user.get(`/api/links/${linkId}`)).json();
    expect(link.health).toMatchObject({
      needsYou: true,
      problem: { code: 'INVALID_PASSWORD', source: 'nightly_refresh' },
    });
    expect(new Date(link.health.nextSyncAt).getTime()).toBeGreaterThan(clock.now().getTime());

    // Signing in through Connect again (its REDIRECT) is the person answering that.
    await user.post('/api/links', { loginId });
    const after = (await user.get(`/api/links/${linkId}`)).json().link;
    expect(after.health.problem).toBeNull();
  });
});
