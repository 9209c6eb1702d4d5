import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Request, test } from '@playwright/test';
import { chooseInstitution, openConnect, submitCredentials, waitForAccounts } from '../../support/connect.ts';
import { APP_URL } from '../../support/env.ts';

/**
 * Our page's CSP already refuses to frame any origin but Connect's, and COOP keeps other windows away. Both
 * are lifted here (bypassCSP) so that the last line, the Connect hook's own origin check, is tested alone.
 */
test.use({ bypassCSP: true });

const FORGED_LOGIN_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

/** A page on a third origin that posts, to whatever frames it, every shape of a REDIRECT Connect may send. */
const FORGER = `<!doctype html><title>Not Flinks</title><script>
  const loginId = ${JSON.stringify(FORGED_LOGIN_ID)};
  const redirect = { step: 'REDIRECT', loginId, requestId: loginId, institution: 'FlinksCapital' };
  for (const message of [
    redirect,
    JSON.stringify(redirect),
    { step: 'REDIRECT', institution: 'FlinksCapital', url: ${JSON.stringify(APP_URL)} + '/connect/return?loginId=' + loginId },
    { type: 'passbook:connect-return', loginId, institution: 'FlinksCapital' },
  ]) window.parent.postMessage(message, '*');
</script>`;

let foreign: Server;
let foreignOrigin: string;

test.beforeAll(async () => {
  foreign = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(FORGER);
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => foreign.close(resolve));
});

test('a REDIRECT posted from a foreign origin is ignored: no link is made', async ({ page }) => {
  const linkRequests: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/links')
      linkRequests.push(request);
  });
  await page.goto('/');
  await openConnect(page);
  // Every message our window receives, by origin, to know when the forged ones have been handled.
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { seenOrigins: seen });
    window.addEventListener('message', (event) => seen.push(event.origin));
  });
  const forgedSeen = () =>
    page.evaluate(
      (origin) =>
        (window as unknown as { seenOrigins: string[] }).seenOrigins.filter((o) => o === origin).length,
      foreignOrigin,
    );

  // From a frame of another origin inside our page.
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = 'Foreign frame';
    document.body.append(frame);
  }, `${foreignOrigin}/sibling`);
  await expect.poll(forgedSeen).toBe(4);

  // From the Connect iframe itself, once it has been sent to another origin.
  const connect = page.frames().find((frame) => frame.url().includes('/v2/'));
  expect(connect, 'the Connect iframe').toBeDefined();
  await connect?.goto(`${foreignOrigin}/inside-connect`);
  await expect.poll(forgedSeen).toBe(8);

  await expect(page.getByText('Your bank is connected. Saving…')).toHaveCount(0);
  await expect(
    page.getByRole('navigation', { name: 'Connection steps' }).locator('[aria-current="step"]'),
  ).toContainText('Choose your bank');
  expect(linkRequests).toHaveLength(0);
  await page.goto('/');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
  ).toBeVisible();

  // The genuine Connect still links, with one request carrying its own LoginId.
  const frame = await openConnect(page);
  await chooseInstitution(frame);
  await submitCredentials(frame, 'greatday_nomfa');
  await waitForAccounts(page);
  expect(linkRequests).toHaveLength(1);
  expect(linkRequests[0]?.postDataJSON().loginId).not.toBe(FORGED_LOGIN_ID);
});
