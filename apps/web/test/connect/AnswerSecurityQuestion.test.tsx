/**
 * The page where a refresh's security question is answered. Once the person has answered, the refresh moves on,
 * and the update saying so can arrive before Connect's own ending is handled: the person must then be taken back
 * to their accounts, not left on a page saying the refresh needs no answer.
 */
import type { Job } from '@passbook/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../src/app/App.tsx';
import { ConnectView } from '../../src/connect/ConnectView.tsx';
import { I18nProvider } from '../../src/i18n/i18n.tsx';
import { ThemeProvider } from '../../src/theme/theme.tsx';
import { routed } from '../router.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const JOB_ID = '0b7d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4';
function job(state: Job['state']): Job {
  return {
    id: JOB_ID,
    linkId: '1b7d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
    kind: 'refresh',
    state,
    stage: state === 'mfa_required' ? 'signing_in' : 'waiting_for_bank',
    storingTransactions: null,
    attempts: 0,
    createdAt: '2026-03-10T12:00:00.000Z',
    updatedAt: '2026-03-10T12:00:00.000Z',
    startedAt: '2026-03-10T12:00:00.000Z',
    finishedAt: null,
    connectUrl: state === 'mfa_required' ? 'http://localhost:3001/v2/?authorizeToken=a' : null,
    newTransactions: null,
    error: null,
  };
}

/** Answers the job in its current state, a Connect address, and no links. */
function serve(current: { state: Job['state'] }) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL | Request) => {
      const url = String(input instanceof Request ? input.url : input);
      const body = url.includes('/api/jobs/')
        ? { job: job(current.state) }
        : url.includes('/api/connect/token')
          ? {
              connectUrl: 'http://localhost:3001/v2/?authorizeToken=b',
              connectOrigin: 'http://localhost:3001',
              expiresAt: '2026-03-10T12:30:00.000Z',
            }
          : { links: [] };
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    }),
  );
}

describe('answering a refresh’s security question', () => {
  it('takes the person back to their accounts when the refresh stops asking while the page is open', async () => {
    const current = { state: 'mfa_required' as Job['state'] };
    serve(current);
    const queryClient = createQueryClient();
    const { element, history } = routed(<ConnectView jobId={JOB_ID} />, {
      path: '/connect',
      address: `/connect?job=${JOB_ID}`,
    });
    render(
      <QueryClientProvider client={queryClient}>
        <I18nProvider initial="en">
          <ThemeProvider>{element}</ThemeProvider>
        </I18nProvider>
      </QueryClientProvider>,
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Answer your bank’s security question' }),
    ).toBeTruthy();

    // The answer is in: the refresh retrieves, and the page hears of it before Connect's ending.
    current.state = 'retrieving';
    await queryClient.invalidateQueries();
    await waitFor(() => expect(history.location.pathname).toBe('/'));
    expect(screen.queryByText('This refresh no longer needs an answer.')).toBeNull();
  });
});
