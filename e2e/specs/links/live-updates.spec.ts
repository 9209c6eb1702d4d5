import { expect, type Page, test } from '@playwright/test';
import { linkBank } from '../../support/connect.ts';

/** The page's requests by path: its event streams and its reads of a job. */
function watchRequests(page: Page) {
  const seen = { events: 0, jobReads: 0 };
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path === '/api/events') seen.events += 1;
    if (request.method() === 'GET' && path.startsWith('/api/jobs/')) seen.jobReads += 1;
  });
  return seen;
}

test('follows a link job through one event stream, and shows the data once the job stored it', async ({
  page,
}) => {
  const seen = watchRequests(page);
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  // One stream for the page, opened once there was a job to follow, and never reopened.
  expect(seen.events).toBe(1);
});

test('polls for the job when the event stream cannot be opened, and still shows the data', async ({
  page,
}) => {
  await page.route('**/api/events', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: '{"error":{"code":"X","message":"x"}}',
    }),
  );
  const seen = watchRequests(page);
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  expect(seen.events).toBeGreaterThan(0);
  expect(seen.jobReads).toBeGreaterThan(0);
});
