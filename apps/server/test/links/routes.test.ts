import { describe, expect, it } from 'vitest';
import { storeAccountsDetail } from '../../src/accounts/store.ts';
import { Browser } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/database.ts';
import { accountsDetail } from '../helpers/flinks-data.ts';
import { eventually } from '../helpers/stack.ts';
import { useApp } from '../helpers/suite.ts';

describe.each(ENGINES)('links and jobs on %s', (engine) => {
  const suite = useApp(engine);

  async function setJob(jobId: string, state: string, extra = '') {
    await suite.database.db.query(`UPDATE jobs SET state = $2 ${extra} WHERE id = $1`, [jobId, state]);
  }

  it('links a LoginId: 202 with a pending link and a queued link job, and a session cookie', async () => {
    const user = new Browser(suite.app);
    const response = await user.post('/api/links', { loginId: crypto.randomUUID() });
    expect(response.statusCode).toBe(202);
    const { link, job } = response.json();
    expect(link).toMatchObject({ status: 'pending', accounts: [], lastRefreshAt: null, lastError: null });
    expect(job).toMatchObject({
      kind: 'link',
      state: 'queued',
      attempts: 0,
      linkId: link.id,
      connectUrl: null,
    });
    expect(link.activeJob.id).toBe(job.id);
    expect(user.cookie).toMatch(/^passbook_session=/);
  });

  it('is idempotent per user and LoginId, whatever its letter case', async () => {
    const user = new Browser(suite.app);
    const loginId = crypto.randomUUID();
    const first = (await user.post('/api/links', { loginId })).json();
    const again = (await user.post('/api/links', { loginId: loginId.toUpperCase() })).json();
    expect(again.link.id).toBe(first.link.id);
    expect(again.job.id).toBe(first.job.id);

    await setJob(first.job.id, 'succeeded', ', finished_at = now()');
    const relinked = (await user.post('/api/links', { loginId })).json();
    expect(relinked.link.id).toBe(first.link.id);
    expect(relinked.job.id).not.toBe(first.job.id);
    expect(relinked.job).toMatchObject({ kind: 'link', state: 'queued' });
    expect((await user.get('/api/links')).json().links).toHaveLength(1);
  });

  it('lists and shows only this user’s links; a visitor without a session sees none and gets no cookie', async () => {
    const user = new Browser(suite.app);
    const { link } = (await user.post('/api/links', { loginId: crypto.randomUUID() })).json();
    const list = (await user.get('/api/links')).json();
    expect(list.links.map((item: { id: string }) => item.id)).toEqual([link.id]);
    expect((await user.get(`/api/links/${link.id}`)).json().link.id).toBe(link.id);

    const visitor = await suite.app.inject('/api/links');
    expect(visitor.json()).toEqual({ links: [] });
    expect(visitor.headers['set-cookie']).toBeUndefined();
  });

  it('names the links view with an ETag, answers 304 without a body while it holds, and 200 once it changed', async () => {
    const user = new Browser(suite.app);
    await user.post('/api/links', { loginId: crypto.randomUUID() });
    const first = await user.get('/api/links');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const unchanged = await user.request({
      method: 'GET',
      url: '/api/links',
      headers: { 'if-none-match': etag },
    });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
    expect(unchanged.headers.etag).toBe(etag);

    await user.post('/api/links', { loginId: crypto.randomUUID() });
    // The cache hears of the change by database notification, which may land just after the POST's answer.
    const changed = await eventually(async () => {
      const response = await user.request({
        method: 'GET',
        url: '/api/links',
        headers: { 'if-none-match': etag },
      });
      return response.statusCode === 304 ? undefined : response;
    }, 'the changed view');
    expect(changed.statusCode).toBe(200);
    expect(changed.json().links).toHaveLength(2);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('returns the unfinished job to a second refresh click, and starts a live refresh otherwise', async () => {
    const user = new Browser(suite.app);
    const { link, job } = (await user.post('/api/links', { loginId: crypto.randomUUID() })).json();
    const click = await user.post(`/api/links/${link.id}/refresh`);
    expect(click.statusCode).toBe(202);
    expect(click.json().job.id).toBe(job.id);

    await setJob(job.id, 'succeeded', ', finished_at = now()');
    const refresh = (await user.post(`/api/links/${link.id}/refresh`)).json().job;
    expect(refresh).toMatchObject({ kind: 'refresh', state: 'queued', linkId: link.id });
    expect((await user.post(`/api/links/${link.id}/refresh`)).json().job.id).toBe(refresh.id);
    const { rows } = await suite.database.db.query<{ authorize_live: boolean }>(
      'SELECT authorize_live FROM jobs WHERE id = $1',
      [refresh.id],
    );
    expect(rows[0]?.authorize_live).toBe(true);
  });

  it('refuses a LoginId another person linked, with a 409 that reveals nothing, whatever its jobs', async () => {
    const loginId = crypto.randomUUID();
    const owner = new Browser(suite.app);
    const { job } = (await owner.post('/api/links', { loginId })).json();
    const other = new Browser(suite.app);
    const busy = await other.post('/api/links', { loginId });
    await setJob(job.id, 'succeeded', ', finished_at = now()');
    const idle = await other.post('/api/links', { loginId: loginId.toUpperCase() });
    for (const refused of [busy, idle]) {
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('LOGIN_UNAVAILABLE');
      expect(refused.body).toBe(busy.body);
    }
    expect((await other.get('/api/links')).json().links).toEqual([]);
    const { rows } = await suite.database.db.query('SELECT 1 FROM links WHERE user_id = $1', [
      await other.userId(),
    ]);
    expect(rows).toHaveLength(0);
  });

  it('takes the REDIRECT after security questions as the answer: the waiting refresh resumes, cached', async () => {
    const user = new Browser(suite.app);
    const loginId = crypto.randomUUID();
    const { link, job } = (await user.post('/api/links', { loginId })).json();
    await setJob(job.id, 'succeeded', ', finished_at = now()');
    const refresh = (await user.post(`/api/links/${link.id}/refresh`)).json().job;
    await setJob(
      refresh.id,
      'mfa_required',
      `, request_id = '${crypto.randomUUID()}', connect_url = 'http://connect.test/v2/?requestId=x',
         mfa_expires_at = now() + interval '1 hour'`,
    );
    const waiting = (await user.get(`/api/jobs/${refresh.id}`)).json().job;
    expect(waiting).toMatchObject({
      state: 'mfa_required',
      connectUrl: 'http://connect.test/v2/?requestId=x',
    });
    expect((await user.get(`/api/links/${link.id}`)).json().link.activeJob.state).toBe('mfa_required');

    const answered = (await user.post('/api/links', { loginId })).json();
    expect(answered.job.id).toBe(refresh.id);
    expect(answered.job).toMatchObject({ kind: 'refresh', state: 'queued', connectUrl: null });
    const { rows } = await suite.database.db.query<{ authorize_live: boolean; request_id: string | null }>(
      'SELECT authorize_live, request_id FROM jobs WHERE id = $1',
      [refresh.id],
    );
    expect(rows[0]).toEqual({ authorize_live: false, request_id: null });
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    const user = new Browser(suite.app);
    await user.post('/api/links', { loginId: crypto.randomUUID() });
    for (const url of [`/api/links/${crypto.randomUUID()}`, `/api/jobs/${crypto.randomUUID()}`]) {
      const response = await user.get(url);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    expect((await user.get('/api/links/not-a-uuid')).statusCode).toBe(400);
    expect((await user.post(`/api/links/${crypto.randomUUID()}/refresh`)).statusCode).toBe(404);
  });

  it('answers 404 to another user on every id-taking route, and changes nothing', async () => {
    const owner = new Browser(suite.app);
    const { link, job } = (await owner.post('/api/links', { loginId: crypto.randomUUID() })).json();
    const ownerId = await owner.userId();
    await suite.database.db.transaction((tx) =>
      storeAccountsDetail(
        tx,
        { id: link.id, userId: ownerId },
        accountsDetail([{ transactions: [{ id: 't1', date: '2026-01-02', debit: 5 }] }]),
      ),
    );
    const [account] = (await owner.get(`/api/links/${link.id}`)).json().link.accounts;
    expect(account).toBeDefined();
    await setJob(
      job.id,
      'mfa_required',
      `, request_id = '${crypto.randomUUID()}', connect_url = 'http://connect.test/', mfa_expires_at = now() + interval '1 hour'`,
    );

    const intruder = new Browser(suite.app);
    await intruder.post('/api/links', { loginId: crypto.randomUUID() });
    const attempts = [
      intruder.get(`/api/links/${link.id}`),
      intruder.delete(`/api/links/${link.id}`),
      intruder.post(`/api/links/${link.id}/refresh`),
      intruder.get(`/api/jobs/${job.id}`),
      intruder.post('/api/connect/token', { jobId: job.id }),
      intruder.get(`/api/accounts/${account.id}/transactions`),
      intruder.get(`/api/accounts/${account.id}/transactions.csv`),
      intruder.get(`/api/accounts/${account.id}/balances`),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.raw.req.url).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    const visitor = new Browser(suite.app);
    for (const url of [
      `/api/links/${link.id}`,
      `/api/jobs/${job.id}`,
      `/api/accounts/${account.id}/balances`,
    ]) {
      expect((await visitor.get(url)).statusCode).toBe(404);
    }
    expect(
      (await intruder.get('/api/links')).json().links.map((item: { id: string }) => item.id),
    ).not.toContain(link.id);
    const after = (await owner.get(`/api/links/${link.id}`)).json().link;
    expect(after.activeJob).toMatchObject({ id: job.id, state: 'mfa_required' });
  });

  it('shows changes made by anyone (a job, another instance) in the links list once the database tells', async () => {
    const user = new Browser(suite.app);
    const { link, job } = (await user.post('/api/links', { loginId: crypto.randomUUID() })).json();
    expect((await user.get('/api/links')).json().links[0].activeJob.state).toBe('queued');
    await suite.database.db.query("UPDATE links SET institution = 'Renamed Bank' WHERE id = $1", [link.id]);
    await setJob(job.id, 'retrieving');
    const shown = await eventually(async () => {
      const [current] = (await user.get('/api/links')).json().links;
      return current.institution === 'Renamed Bank' && current.activeJob?.state === 'retrieving'
        ? current
        : undefined;
    }, 'the list to show the changes');
    expect(shown.id).toBe(link.id);
    await setJob(job.id, 'succeeded', ', finished_at = now()');
    await eventually(
      async () => ((await user.get('/api/links')).json().links[0].activeJob === null ? true : undefined),
      'the finished job to leave the list',
    );
  });

  it('keeps no LoginId in clear in the database', async () => {
    const loginId = crypto.randomUUID();
    await new Browser(suite.app).post('/api/links', { loginId });
    const { rows } = await suite.database.db.query('SELECT * FROM links');
    const dump = JSON.stringify(rows).toLowerCase();
    expect(dump).not.toContain(loginId.toLowerCase());
    const jobs = await suite.database.db.query('SELECT * FROM jobs');
    expect(JSON.stringify(jobs.rows).toLowerCase()).not.toContain(loginId.toLowerCase());
  });
});
