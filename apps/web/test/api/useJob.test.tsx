/**
 * A followed job that settles makes the page read again what the job changed (the links, and the accounts'
 * transactions, balances and statements): seen where the job's state changes, not inside the request.
 */
import type { Job } from '@passbook/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jobQuery, useAccountsById, useJob } from '../../src/api/queries.ts';
import { createQueryClient } from '../../src/app/App.tsx';
import { JOB_ID, job, LINK_ID } from './job.ts';

const ACCOUNT_ID = '00000000-0000-4000-8000-000000000001';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Serves the job in `state.job` and counts the reads of the links. */
function serve(state: { job: Job['state']; linkReads: number }) {
  vi.stubGlobal('EventSource', undefined);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url === '/api/links') {
        state.linkReads += 1;
        const account = { id: ACCOUNT_ID, title: 'Chequing CAD' };
        return Response.json({ links: [{ id: LINK_ID, accounts: [account] }] });
      }
      if (url === `/api/jobs/${JOB_ID}`) return Response.json({ job: job(state.job) });
      return new Response(null, { status: 404 });
    }),
  );
}

function JobState() {
  const query = useJob(JOB_ID);
  return <p>{query.data?.state ?? 'loading'}</p>;
}

function AccountTitle() {
  const { accountsById } = useAccountsById();
  return <p>{accountsById.get(ACCOUNT_ID)?.title ?? 'none'}</p>;
}

describe('useJob', () => {
  it('reads the links again once the job it follows succeeds', async () => {
    const state = { job: 'retrieving' as Job['state'], linkReads: 0 };
    serve(state);
    const client = createQueryClient();
    render(
      <QueryClientProvider client={client}>
        <JobState />
        <AccountTitle />
      </QueryClientProvider>,
    );
    await screen.findByText('retrieving');
    await screen.findByText('Chequing CAD');
    const before = state.linkReads;

    state.job = 'succeeded';
    await client.refetchQueries({ queryKey: jobQuery(JOB_ID).queryKey });
    await screen.findByText('succeeded');
    await waitFor(() => expect(state.linkReads).toBe(before + 1));
  });
});

describe('useAccountsById', () => {
  it('finds each account of the links by its id', async () => {
    serve({ job: 'queued', linkReads: 0 });
    render(
      <QueryClientProvider client={createQueryClient()}>
        <AccountTitle />
      </QueryClientProvider>,
    );
    await screen.findByText('Chequing CAD');
  });
});
