/**
 * Every job path against the emulator over HTTP: link, refresh with and without security questions, each
 * test user's outcome, expired sessions, injected faults, two users, connect tokens and DeleteCard. Upstream
 * calls are counted from the emulator's call log.
 */
import type { FlinksClient } from '@passbook/flinks';
import type { Sandbox } from '@passbook/flinks-sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobStage } from '../../src/jobs/repository.ts';
import { Browser } from '../helpers/browser.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { appOn, clientFor, eventually, jobRow, startSandbox, waitForJob } from '../helpers/stack.ts';

describe.each(ENGINES)('job flows on %s', (engine) => {
  let database: TestDatabase;
  let sandbox: Sandbox;
  let flinks: FlinksClient;
  let app: FastifyInstance;
  const extraApps: FastifyInstance[] = [];

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([openTestDatabase(engine), startSandbox()]);
    flinks = clientFor(sandbox);
    app = await appOn(sandbox, database.db);
  });

  beforeEach(async () => {
    await sandbox.control.reset();
  });

  afterEach(async () => {
    for (const extra of extraApps.splice(0)) await extra.close();
    app.jobRunner.start();
  });

  afterAll(async () => {
    await app.close();
    await sandbox.close();
    await database.close();
  });

  /** An app with other settings, alone in running jobs for the rest of the test (its settings apply). */
  async function another(env: Record<string, string>): Promise<FastifyInstance> {
    await app.jobRunner.stop();
    const extra = await appOn(sandbox, database.db, env);
    extraApps.push(extra);
    return extra;
  }

  /** A user who linked a login of `username`, with the link job finished. */
  async function linked(username: string, on: FastifyInstance = app) {
    const user = new Browser(on);
    const { loginId } = await sandbox.control.createLogin(username);
    const created = (await user.post('/api/links', { loginId })).json();
    const job = await waitForJob(user, created.job.id);
    return { user, loginId, link: created.link, job };
  }

  async function accountsOf(user: Browser, linkId: string) {
    return (await user.get(`/api/links/${linkId}`)).json().link.accounts as {
      id: string;
      transactionCount: number;
    }[];
  }

  async function storedTransactions(linkId: string) {
    const { rows } = await database.db.query<{ total: number; distinct_ids: number }>(
      `SELECT count(*) AS total, count(DISTINCT (t.account_id, t.flinks_transaction_id)) AS distinct_ids
       FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE a.link_id = $1`,
      [linkId],
    );
    return rows[0] ?? { total: 0, distinct_ids: 0 };
  }

  /**
   * Holds the bank's processing until the job has had a pending answer to a poll, then lets the data come: the
   * job is seen polling while the data is not ready however slowly the machine runs.
   */
  async function releasedAfterPendingPoll(loginId: string) {
    await eventually(async () => {
      const polls = await sandbox.control.calls({ endpoint: 'GetAccountsDetailAsync', loginId });
      return polls.some((call) => call.status === 202) ? true : undefined;
    }, 'a pending poll');
    await sandbox.control.configure({ processingMs: 0 });
  }

  it('links: one Authorize, one GetAccountsDetail, one Async poll per pending interval; reads cost nothing', async () => {
    await sandbox.control.configure({ processingMs: 60_000 });
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const { link, job: started } = (await user.post('/api/links', { loginId })).json();
    await releasedAfterPendingPoll(loginId);
    const job = await waitForJob(user, started.id);
    expect(job.state).toBe('succeeded');
    expect(job.newTransactions).toBeGreaterThan(0);
    const { request_id: requestId } = await jobRow(database.db, job.id);
    expect(requestId).not.toBeNull();

    expect(await sandbox.control.calls({ endpoint: 'Authorize', loginId })).toHaveLength(1);
    expect(
      await sandbox.control.calls({ endpoint: 'GetAccountsDetail', requestId: requestId ?? '' }),
    ).toHaveLength(1);
    const polls = await sandbox.control.calls({
      endpoint: 'GetAccountsDetailAsync',
      requestId: requestId ?? '',
    });
    expect(polls.filter((call) => call.status === 202)).toHaveLength(job.attempts);
    expect(polls.filter((call) => call.status === 200)).toHaveLength(1);
    expect(job.attempts).toBeGreaterThan(0);

    const shown = (await user.get(`/api/links/${link.id}`)).json().link;
    expect(shown).toMatchObject({ status: 'active', activeJob: null, lastError: null });
    expect(shown.institution).not.toBe('');
    expect(shown.lastRefreshAt).not.toBeNull();
    const transactions = shown.accounts.reduce(
      (sum: number, account: { transactionCount: number }) => sum + account.transactionCount,
      0,
    );
    expect(transactions).toBe(job.newTransactions);

    const before = (await sandbox.control.calls()).length;
    await user.get('/api/links');
    for (const account of shown.accounts) {
      await user.get(`/api/accounts/${account.id}/transactions?limit=50`);
      await user.get(`/api/accounts/${account.id}/balances`);
      await user.get(`/api/accounts/${account.id}/transactions.csv`);
    }
    expect((await sandbox.control.calls()).length).toBe(before);
  });

  it("keeps each account's kind: an FHSA is registered savings, the card credit with its last four", async () => {
    const { user, link } = await linked('greatday_nomfa');
    const accounts = (await user.get(`/api/links/${link.id}`)).json().link.accounts as {
      title: string;
      kind: string;
      mask: string | null;
    }[];
    expect(Object.fromEntries(accounts.map((account) => [account.title, account.kind]))).toEqual({
      'Chequing CAD': 'chequing',
      'Savings CAD': 'savings',
      'Chequing USD': 'chequing',
      'Visa Infinite': 'credit',
      'Line of Credit CAD': 'credit',
      'First Home Savings Account': 'registered_savings',
      'Business Account CAD': 'chequing',
      'Investment Account': 'investment',
    });
    const card = accounts.find((account) => account.title === 'Visa Infinite');
    expect(card?.mask).toMatch(/^\d{4}$/);
  });

  it('links the users whose data takes several polls (pending, dispatched)', async () => {
    for (const username of ['test_pending', 'test_dispatched']) {
      const { job, link } = await linked(username);
      expect(job.state, username).toBe('succeeded');
      expect(job.attempts, username).toBeGreaterThan(0);
      expect((await storedTransactions(link.id)).total).toBe(job.newTransactions);
    }
  });

  it('refreshes live: new transactions are added, none is duplicated', async () => {
    const { user, loginId, link } = await linked('greatday_nomfa');
    const before = await storedTransactions(link.id);
    const started = await user.post(`/api/links/${link.id}/refresh`);
    expect(started.statusCode).toBe(202);
    const job = await waitForJob(user, started.json().job.id);
    expect(job).toMatchObject({ state: 'succeeded', error: null });
    const after = await storedTransactions(link.id);
    expect(after.total).toBe(before.total + (job.newTransactions ?? 0));
    expect(after.distinct_ids).toBe(after.total);
    const live = (await sandbox.control.calls({ endpoint: 'Authorize', loginId })).length;
    expect(live).toBe(2);
  });

  it('asks for security answers on a 203, then finishes the same job after the REDIRECT', async () => {
    const { user, loginId, link } = await linked('Greatday');
    const refresh = (await user.post(`/api/links/${link.id}/refresh`)).json().job;
    const waiting = await waitForJob(user, refresh.id, ['mfa_required', 'failed', 'succeeded']);
    expect(waiting.state).toBe('mfa_required');
    const url = new URL(waiting.connectUrl ?? '');
    expect(url.origin).toBe(new URL(sandbox.connectUrl).origin);
    const requestId = url.searchParams.get('requestId');
    expect(requestId).toBe((await jobRow(database.db, refresh.id)).request_id);
    expect(url.searchParams.get('authorizeToken')).toBeTruthy();
    expect(url.searchParams.get('redirectUrl')).toBe('http://passbook.test/connect/return');
    expect(waiting.connectUrl).not.toContain(loginId);
    expect((await user.get(`/api/links/${link.id}`)).json().link.status).toBe('needs_attention');

    // The relaunch URL's token may have been used: a fresh one resumes the same questions.
    const relaunch = await user.post('/api/connect/token', { jobId: refresh.id, language: 'fr' });
    expect(relaunch.statusCode).toBe(200);
    const fresh = new URL(relaunch.json().connectUrl);
    expect(fresh.searchParams.get('requestId')).toBe(requestId);
    expect(fresh.searchParams.get('authorizeToken')).not.toBe(url.searchParams.get('authorizeToken'));
    expect(fresh.searchParams.get('language')).toBe('fr');

    // The user answers inside Connect (here: the same /Authorize call Connect makes), which redirects.
    const answered = await flinks.authorize({
      requestId: requestId ?? '',
      securityResponses: await sandbox.control.answersFor(requestId ?? ''),
      loginId,
    });
    expect(answered.kind).toBe('authorized');

    const redirect = (await user.post('/api/links', { loginId })).json();
    expect(redirect.link.id).toBe(link.id);
    expect(redirect.job.id).toBe(refresh.id);
    const finished = await waitForJob(user, refresh.id);
    expect(finished).toMatchObject({ state: 'succeeded', connectUrl: null, error: null });
    const shown = (await user.get(`/api/links/${link.id}`)).json().link;
    expect(shown).toMatchObject({ status: 'active', activeJob: null });
    expect((await storedTransactions(link.id)).distinct_ids).toBe((await storedTransactions(link.id)).total);
  });

  /**
   * A cached Authorize that answers 203 (real Flinks does) takes the refresh's path: the job waits with a
   * fresh token and the session's RequestId in its Connect URL, and the REDIRECT after the answers finishes it.
   */
  async function answerInRelaunchedConnect(user: Browser, jobId: string, loginId: string) {
    const waiting = await waitForJob(user, jobId, ['mfa_required', 'failed', 'succeeded']);
    expect(waiting).toMatchObject({ state: 'mfa_required', error: null });
    const url = new URL(waiting.connectUrl ?? '');
    const requestId = url.searchParams.get('requestId') ?? '';
    expect(requestId).toBe((await jobRow(database.db, jobId)).request_id);
    expect(url.searchParams.get('authorizeToken')).toBeTruthy();
    expect((await sandbox.control.session(requestId)).live).toBe(false);
    await flinks.authorize({
      requestId,
      securityResponses: await sandbox.control.answersFor(requestId),
      loginId,
    });
    const redirect = (await user.post('/api/links', { loginId })).json();
    expect(redirect.job.id).toBe(jobId);
    return waitForJob(user, jobId);
  }

  it('takes the refresh path when a first link meets a cached 203: mfa_required, then it finishes', async () => {
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('Greatday');
    await sandbox.control.injectFault({ endpoint: 'Authorize', kind: 'mfa' });
    const created = (await user.post('/api/links', { loginId })).json();
    const finished = await answerInRelaunchedConnect(user, created.job.id, loginId);
    expect(finished).toMatchObject({ state: 'succeeded', kind: 'link', error: null });
    expect(finished.newTransactions).toBeGreaterThan(0);
    const shown = (await user.get(`/api/links/${created.link.id}`)).json().link;
    expect(shown.status).toBe('active');
    const authorizations = await sandbox.control.calls({ endpoint: 'Authorize', loginId });
    expect(authorizations.map((call) => call.status)).toEqual([203, 200, 200]);
  });

  it('takes the refresh path when a relink meets a cached 203', async () => {
    const { user, loginId, link } = await linked('Greatday');
    await sandbox.control.injectFault({ endpoint: 'Authorize', kind: 'mfa' });
    const relink = (await user.post('/api/links', { loginId })).json();
    expect(relink.link.id).toBe(link.id);
    expect(relink.job.id).not.toBe(link.id);
    const finished = await answerInRelaunchedConnect(user, relink.job.id, loginId);
    expect(finished.state).toBe('succeeded');
  });

  it('takes the refresh path when the cached re-authorisation after an expired session meets a 203', async () => {
    // The first session's data never comes: it is still processing when it expires.
    await sandbox.control.configure({ processingMs: 60_000 });
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('Greatday');
    const { job } = (await user.post('/api/links', { loginId })).json();
    const row = await eventually(async () => {
      const current = await jobRow(database.db, job.id);
      return current.detail_requested ? current : undefined;
    }, 'the retrieval to be polling');
    await sandbox.control.injectFault({ endpoint: 'Authorize', kind: 'mfa' });
    expect((await sandbox.control.expireSession({ requestId: row.request_id ?? '' })).expired).toBe(1);
    await sandbox.control.configure({ processingMs: 150 });
    const finished = await answerInRelaunchedConnect(user, job.id, loginId);
    expect(finished.state).toBe('succeeded');
  });

  it('ends a refresh of a disabled login with DISABLED_LOGIN and a sentence for the user', async () => {
    const { user, link } = await linked('test_disabled_account');
    const refresh = (await user.post(`/api/links/${link.id}/refresh`)).json().job;
    const job = await waitForJob(user, refresh.id);
    expect(job.state).toBe('failed');
    expect(job.error).toEqual({
      code: 'DISABLED_LOGIN',
      message:
        "Your bank has disabled this login. Sign in on your bank's website to reactivate it, then connect again.",
    });
    const shown = (await user.get(`/api/links/${link.id}`)).json().link;
    expect(shown.status).toBe('error');
    expect(shown.lastError).toEqual(job.error);
    expect(shown.accounts.length).toBeGreaterThan(0);
  });

  it('retries an unreachable bank with backoff until the deadline, then fails with RETRY_LATER', async () => {
    const short = await another({ FLINKS_POLL_TIMEOUT_MS: '1000' });
    const { user, loginId, link } = await linked('test_service_unavailable', short);
    const refresh = (await user.post(`/api/links/${link.id}/refresh`)).json().job;
    const job = await waitForJob(user, refresh.id);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('RETRY_LATER');
    expect(job.error?.message).toBe('Your bank could not be reached. Try again later.');
    const live = (await sandbox.control.calls({ endpoint: 'Authorize', loginId })).filter(
      (c) => c.status === 401,
    );
    expect(live.length).toBeGreaterThan(1);
  });

  it('re-authorises (cached) when the session expires mid-poll, and finishes', async () => {
    await sandbox.control.configure({ processingMs: 60_000 });
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const { job } = (await user.post('/api/links', { loginId })).json();
    const row = await eventually(async () => {
      const current = await jobRow(database.db, job.id);
      return current.detail_requested ? current : undefined;
    }, 'the retrieval to be polling');
    expect((await sandbox.control.expireSession({ requestId: row.request_id ?? '' })).expired).toBe(1);
    await sandbox.control.configure({ processingMs: 150 });
    const finished = await waitForJob(user, job.id);
    expect(finished.state).toBe('succeeded');
    const after = await jobRow(database.db, job.id);
    expect(after.reauthorizations).toBe(1);
    expect(after.request_id).not.toBe(row.request_id);
    const authorizations = await sandbox.control.calls({ endpoint: 'Authorize', loginId });
    expect(authorizations).toHaveLength(2);
  });

  it('recovers from transient faults: 5xx, dropped connections, a malformed poll, RETRY_LATER', async () => {
    await sandbox.control.injectFault({
      endpoint: 'Authorize',
      kind: 'flinks',
      flinksCode: 'RETRY_LATER',
      count: 1,
    });
    await sandbox.control.injectFault({
      endpoint: 'GetAccountsDetail',
      kind: 'status',
      status: 503,
      count: 1,
    });
    await sandbox.control.injectFault({
      endpoint: 'GetAccountsDetailAsync',
      kind: 'status',
      status: 502,
      count: 2,
    });
    await sandbox.control.injectFault({ endpoint: 'GetAccountsDetailAsync', kind: 'drop', count: 1 });
    await sandbox.control.injectFault({ endpoint: 'GetAccountsDetailAsync', kind: 'malformed', count: 1 });
    const { job, link } = await linked('greatday_nomfa');
    expect(job).toMatchObject({ state: 'succeeded', error: null });
    expect(await sandbox.control.faults()).toEqual([]);
    const stored = await storedTransactions(link.id);
    expect(stored.total).toBe(job.newTransactions);
    expect(stored.distinct_ids).toBe(stored.total);
  });

  it('fails with a reason when Flinks keeps answering garbage, and never crashes', async () => {
    await sandbox.control.injectFault({
      endpoint: 'GetAccountsDetailAsync',
      kind: 'malformed',
      variant: 'wrong-shape',
      count: 10,
    });
    const { job: garbled } = await linked('greatday_nomfa');
    expect(garbled.state).toBe('failed');
    expect(garbled.error).toEqual({
      code: 'MALFORMED_RESPONSE',
      message: 'Flinks sent an answer that could not be read. Try again later.',
    });

    await sandbox.control.reset();
    await sandbox.control.injectFault({
      endpoint: 'Authorize',
      kind: 'flinks',
      flinksCode: 'SOMETHING_NEW',
      status: 400,
      count: 1,
    });
    const { job: unknown } = await linked('greatday_nomfa');
    expect(unknown.state).toBe('failed');
    expect(unknown.error?.code).toBe('SOMETHING_NEW');
    expect(unknown.error?.message).toContain('SOMETHING_NEW');
    expect((await app.inject('/api/health')).statusCode).toBe(200);
  });

  it('fails at the deadline with TIMEOUT when the data never comes', async () => {
    const short = await another({ FLINKS_POLL_TIMEOUT_MS: '1000' });
    await sandbox.control.configure({ processingMs: 60_000 });
    const { job } = await linked('greatday_nomfa', short);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('TIMEOUT');
    expect(job.error?.message).toBe('Your bank did not deliver the data within 1 second. Try again later.');
  });

  it('expires a refresh whose security questions go unanswered', async () => {
    const short = await another({ MFA_TIMEOUT_MS: '1000', JOB_LEASE_MS: '1500' });
    const { user, link } = await linked('Greatday', short);
    const refresh = (await user.post(`/api/links/${link.id}/refresh`)).json().job;
    await waitForJob(user, refresh.id, ['mfa_required']);
    const job = await waitForJob(user, refresh.id);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('MFA_EXPIRED');
    expect((await user.get(`/api/links/${link.id}`)).json().link).toMatchObject({
      status: 'error',
      activeJob: null,
      lastError: { code: 'MFA_EXPIRED' },
    });
  });

  it('keeps two users apart while their jobs run side by side', async () => {
    const [alice, bob] = await Promise.all([linked('greatday_nomfa'), linked('test_pending')]);
    for (const [me, other] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const links = (await me.user.get('/api/links')).json().links;
      expect(links.map((link: { id: string }) => link.id)).toEqual([me.link.id]);
      for (const account of await accountsOf(other.user, other.link.id)) {
        expect((await me.user.get(`/api/accounts/${account.id}/transactions`)).statusCode).toBe(404);
      }
    }
  });

  it('stores links whose data comes together one answer in hand at a time, each with its statements', async () => {
    const solo = await another({ JOB_ANSWERS_IN_HAND: '1' });
    const jobs = await Promise.all([1, 2, 3].map(() => linked('greatday_nomfa', solo)));
    for (const { user, link, job } of jobs) {
      expect(job.state).toBe('succeeded');
      const accounts = await accountsOf(user, link.id);
      expect(accounts.length).toBeGreaterThan(0);
      expect((await storedTransactions(link.id)).total).toBe(
        accounts.reduce((sum, account) => sum + account.transactionCount, 0),
      );
      const [first] = accounts;
      const statements = (await user.get(`/api/accounts/${first?.id}/statements`)).json().statements;
      expect(statements.length).toBeGreaterThan(0);
    }
  });

  it('makes a job whose answer is small wait for a place among the answers in hand, then store', async () => {
    const solo = await another({ JOB_ANSWERS_IN_HAND: '1' });
    // The one place is taken: the job may fetch its answer but not decode and store it.
    const giveBack = await solo.answersInHand.take(AbortSignal.timeout(60_000));
    const user = new Browser(solo);
    const { loginId } = await sandbox.control.createLogin('test_small_history');
    const created = (await user.post('/api/links', { loginId })).json();
    await eventually(
      async () => (solo.answersInHand.queued === 1 ? true : undefined),
      'the job waiting for a place',
    );
    expect(await jobRow(database.db, created.job.id)).toMatchObject({
      state: 'retrieving',
      storing_transactions: null,
    });
    expect(Number((await storedTransactions(created.link.id)).total)).toBe(0);
    giveBack();
    const job = await waitForJob(user, created.job.id);
    expect(job.state).toBe('succeeded');
    expect(Number((await storedTransactions(created.link.id)).total)).toBeGreaterThan(0);
    // The job gave its place back when it ended.
    expect(solo.answersInHand.inHand).toBe(0);
  });

  it('tells the stages it really passes, and while storing how many transactions the bank sent', async () => {
    const told: { userId: string; jobId: string; stage: string; storingTransactions: number | null }[] = [];
    const stop = app.jobStages.subscribe((userId, event) => told.push({ userId, ...event }));
    try {
      const user = new Browser(app);
      const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
      const created = (await user.post('/api/links', { loginId })).json();
      expect(created.job.stage).toBe('starting');
      const job = await waitForJob(user, created.job.id);
      expect(job).toMatchObject({ state: 'succeeded', stage: 'finished', storingTransactions: null });
      // The count is the bank's answer's, told to the user's streams and kept on the row.
      const { total } = await storedTransactions(created.link.id);
      expect(total).toBeGreaterThan(0);
      expect(told).toEqual([
        { userId: await user.userId(), jobId: job.id, stage: 'storing', storingTransactions: total },
      ]);
      expect((await jobRow(database.db, job.id)).storing_transactions).toBe(total);
    } finally {
      stop();
    }
    // Read from the row: waiting for the bank until an answer is counted, then storing.
    expect(jobStage({ state: 'retrieving', storing_transactions: null })).toBe('waiting_for_bank');
    expect(jobStage({ state: 'retrieving', storing_transactions: 12 })).toBe('storing');
    expect(jobStage({ state: 'authorizing', storing_transactions: 12 })).toBe('signing_in');
    expect(jobStage({ state: 'mfa_required', storing_transactions: null })).toBe('security_question');
  });

  it('mints a Connect URL with a single-use token and our settings, never a secret', async () => {
    const user = new Browser(app);
    const response = await user.post('/api/connect/token', { language: 'fr' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.connectOrigin).toBe(new URL(sandbox.connectUrl).origin);
    const url = new URL(body.connectUrl);
    expect(`${url.origin}${url.pathname}`).toBe(sandbox.connectUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      authorizeToken: expect.any(String),
      demo: 'true',
      redirectUrl: 'http://passbook.test/connect/return',
      innerRedirect: 'true',
      language: 'fr',
      consentEnable: 'true',
      closeEnable: 'true',
      headerEnable: 'false',
      institutionFilterEnable: 'true',
      daysOfTransactions: 'Days365',
      detailsAndStatementEnable: 'true',
      monthsOfStatements: 'Months12',
    });
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    for (const secret of [sandbox.secretKey, sandbox.apiKey, await user.userId()])
      expect(response.body).not.toContain(secret);
    expect(await sandbox.control.calls({ endpoint: 'GenerateAuthorizeToken' })).toHaveLength(1);

    const noBody = await user.request({ method: 'POST', url: '/api/connect/token' });
    expect(noBody.statusCode).toBe(200);

    const { job } = (
      await user.post('/api/links', {
        loginId: (await sandbox.control.createLogin('greatday_nomfa')).loginId,
      })
    ).json();
    const notWaiting = await user.post('/api/connect/token', { jobId: job.id });
    expect(notWaiting.statusCode).toBe(409);
    expect(notWaiting.json().error.code).toBe('JOB_NOT_WAITING');
    await waitForJob(user, job.id);
  });

  it('asks Connect for its dark look when the page is dark, and for nothing when it is light', async () => {
    const user = new Browser(app);
    const dark = new URL((await user.post('/api/connect/token', { theme: 'dark' })).json().connectUrl);
    expect(dark.searchParams.get('theme')).toBe('dark');
    const light = new URL((await user.post('/api/connect/token', { theme: 'light' })).json().connectUrl);
    expect(light.searchParams.has('theme')).toBe(false);
    const unknown = await user.post('/api/connect/token', { theme: 'sepia' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 502 in our shape when Flinks refuses our credentials for a token', async () => {
    const wrong = await another({ FLINKS_SECRET_KEY: 'not-the-secret' });
    const response = await new Browser(wrong).post('/api/connect/token', {});
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('UPSTREAM_FAILED');
    expect(response.body).not.toContain('not-the-secret');
  });

  it('removing a link while its retrieval runs stops the job and removes the link, here and at Flinks', async () => {
    // DeleteCard is asked again a second after a CARD_IN_USE: time enough to let the bank finish in between.
    const user = new Browser(await another({ FLINKS_POLL_INTERVAL_MS: '1000' }));
    // The bank holds the first retrieval until the removal has met it busy (CARD_IN_USE).
    await sandbox.control.configure({ processingMs: 60_000 });
    const { loginId } = await sandbox.control.createLogin('test_pending');
    const created = (await user.post('/api/links', { loginId })).json();
    await waitForJob(user, created.job.id, ['retrieving']);

    const removing = user.delete(`/api/links/${created.link.id}`);
    await eventually(async () => {
      const calls = await sandbox.control.calls({ endpoint: 'DeleteCard', loginId });
      return calls.some((call) => call.status === 400) ? true : undefined;
    }, 'DeleteCard to meet the retrieval');
    await sandbox.control.configure({ processingMs: 0 });
    const removed = await removing;
    expect(removed.statusCode).toBe(204);
    expect((await user.get(`/api/links/${created.link.id}`)).statusCode).toBe(404);
    const { rows } = await database.db.query('SELECT 1 FROM jobs WHERE link_id = $1', [created.link.id]);
    expect(rows).toHaveLength(0);
    const deleteCalls = await sandbox.control.calls({ endpoint: 'DeleteCard', loginId });
    expect(deleteCalls.at(-1)?.status).toBe(200);
  });

  it('keeps the bank username only masked, and lets the person rename a link or give back its bank name', async () => {
    const { user, link } = await linked('greatday_nomfa');
    const shown = (await user.get(`/api/links/${link.id}`)).json().link;
    expect(shown).toMatchObject({ username: 'gr•••fa', name: null });
    const { rows } = await database.db.query('SELECT * FROM links WHERE id = $1', [link.id]);
    expect(JSON.stringify(rows)).not.toContain('greatday_nomfa');

    const renamed = await user.patch(`/api/links/${link.id}`, { name: '  Joint account ' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().link.name).toBe('Joint account');
    expect((await user.get('/api/links')).json().links[0].name).toBe('Joint account');
    const cleared = await user.patch(`/api/links/${link.id}`, { name: '' });
    expect(cleared.json().link.name).toBeNull();
    const tooLong = await user.patch(`/api/links/${link.id}`, { name: 'x'.repeat(61) });
    expect(tooLong.statusCode).toBe(400);
    const stranger = await new Browser(app).patch(`/api/links/${link.id}`, { name: 'Mine' });
    expect(stranger.statusCode).toBe(404);
  });

  it('a LoginId Flinks no longer knows fails the job with LOGIN_UNKNOWN, which asks for a new connection', async () => {
    const { user, loginId, link } = await linked('greatday_nomfa');
    // Flinks forgets the login (deleted there, or an emulator restarted without its login file).
    await flinks.deleteCard(loginId);
    const refresh = (await user.post(`/api/links/${link.id}/refresh`, {})).json().job;
    const failed = await waitForJob(user, refresh.id);
    expect(failed.error).toEqual({
      code: 'LOGIN_UNKNOWN',
      message: 'Flinks no longer knows this bank connection. Connect your bank again to bring it back.',
    });
  });

  it('deletes a link here and at Flinks, asking again while Flinks says the card is in use, then giving up', async () => {
    // A week of one account is all a removal needs: a year of three would only make the test slow.
    const { user, loginId, link } = await linked('test_small_history');
    const [account] = await accountsOf(user, link.id);

    // Busy once: DeleteCard is asked again and the removal goes through. Each fault names its LoginId, so
    // that no other DeleteCard (a job forgetting a LoginId) can use it up.
    const other = await linked('test_small_history');
    await sandbox.control.injectFault({
      endpoint: 'DeleteCard',
      kind: 'flinks',
      flinksCode: 'CARD_IN_USE',
      status: 400,
      loginId: other.loginId,
    });
    expect((await other.user.delete(`/api/links/${other.link.id}`)).statusCode).toBe(204);
    const otherCalls = await sandbox.control.calls({ endpoint: 'DeleteCard', loginId: other.loginId });
    expect(otherCalls.map((call) => call.status)).toEqual([400, 200]);

    // Busy for longer than the removal's patience: refused in our shape, the link kept.
    await sandbox.control.injectFault({
      endpoint: 'DeleteCard',
      kind: 'flinks',
      flinksCode: 'CARD_IN_USE',
      status: 400,
      count: 1_000,
      loginId,
    });
    const busy = await user.delete(`/api/links/${link.id}`);
    await sandbox.control.clearFaults();
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('CARD_IN_USE');
    expect((await user.get(`/api/links/${link.id}`)).statusCode).toBe(200);
    // The job of the link connected again is the one the answer names: the link's active job may already be
    // gone by the time it is read.
    const relinked = (await user.post('/api/links', { loginId })).json();
    expect(relinked.link.id).toBe(link.id);
    expect((await waitForJob(user, relinked.job.id)).state).toBe('succeeded');

    // A deletion that died half-way (marked, not finished) is finished by the next attempt.
    await database.db.query('UPDATE links SET deleting = true WHERE id = $1', [link.id]);
    expect((await user.get(`/api/links/${link.id}`)).statusCode).toBe(404);
    const deleted = await user.delete(`/api/links/${link.id}`);
    expect(deleted.statusCode).toBe(204);
    const deleteCalls = (await sandbox.control.calls({ endpoint: 'DeleteCard', loginId })).map(
      (call) => call.status,
    );
    expect(deleteCalls.length).toBeGreaterThan(2);
    expect(deleteCalls.slice(0, -1).every((status) => status === 400)).toBe(true);
    expect(deleteCalls.at(-1)).toBe(200);
    expect((await user.get(`/api/links/${link.id}`)).statusCode).toBe(404);
    expect((await user.get(`/api/accounts/${account?.id}/transactions`)).statusCode).toBe(404);
    for (const table of ['links', 'accounts', 'jobs']) {
      const { rows } = await database.db.query(
        `SELECT 1 FROM ${table} WHERE ${table === 'links' ? 'id' : 'link_id'} = $1`,
        [link.id],
      );
      expect(rows, table).toHaveLength(0);
    }
    expect((await storedTransactions(link.id)).total).toBe(0);
  });
});
