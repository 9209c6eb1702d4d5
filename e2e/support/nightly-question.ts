/**
 * A nightly refresh stopped at the bank's security question, from the attention page to the answer in Connect,
 * in either language; the desktop and the phone specs run it.
 */
import { expect, type Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { answerSecurityQuestions, connectFrame, linkBank } from './connect.ts';

/**
 * The links as the server reports them once GetNightlyRefreshStatus listed the login stopped at
 * `AnsweringSecurityChallenge` (sync/nightly-status.ts, sync/health.ts). The emulator's nightly refresh fails
 * only by a changed password, and the day's check runs once per deployment, so the answer of GET /api/links is
 * given that health wherever the server reports none; everything else, the refresh and Connect included, is
 * the real server's and the emulator's. The function returned ends it: the reads after it are the server's own.
 * The route stays in place, passing them through, because removing it while Connect's frame loads can leave
 * one of the frame's requests paused for good.
 */
export async function nightlyRefreshStoppedAtQuestion(page: Page): Promise<() => void> {
  let stopped = false;
  await page.route('**/api/links', async (route) => {
    if (stopped || route.request().method() !== 'GET') return route.fallback();
    const { 'if-none-match': _etag, ...headers } = route.request().headers();
    const response = await route.fetch({ headers });
    const body = (await response.json()) as { links: { health: { problem: unknown; needsYou: boolean } }[] };
    for (const link of body.links) {
      if (link.health.problem !== null) continue;
      link.health.needsYou = true;
      link.health.problem = { code: 'MFA_REQUIRED', source: 'nightly_refresh', retryAt: null };
    }
    await route.fulfill({ status: 200, json: body, headers: { 'cache-control': 'no-store' } });
  });
  return () => {
    stopped = true;
  };
}

/**
 * Links Greatday, shows its nightly refresh stopped at the bank's question on the attention page (checked,
 * accessible, screenshot as `shot`), then answers it as the page leads: a live refresh whose question opens in
 * Connect, after which the bank is up to date. Requests a service worker makes are not routed: block it.
 */
export async function answerNightlyQuestion(page: Page, language: 'en' | 'fr', shot: string): Promise<void> {
  const words = {
    en: {
      title: 'Flinks Capital stopped its overnight update to ask you a security question',
      body: 'Until you answer it, your accounts at Flinks Capital are not updated.',
      answer: 'Answer the security question',
      generic: 'Flinks Capital is asking a security question',
      heading: 'Needs your attention',
      question: 'Answer your bank’s security question',
      dashboard: 'Your accounts',
      updated: 'Last updated just now',
    },
    fr: {
      title: 'Flinks Capital a interrompu sa mise à jour de nuit pour vous poser une question de sécurité',
      body: 'Tant que vous n’y avez pas répondu, vos comptes chez Flinks Capital ne sont pas mis à jour.',
      answer: 'Répondre à la question de sécurité',
      generic: 'Flinks Capital pose une question de sécurité',
      heading: 'Ce qui demande votre attention',
      question: 'Répondez à la question de sécurité de votre banque',
      dashboard: 'Vos comptes',
      updated: 'Mis à jour à l’instant',
    },
  }[language];
  await page.goto('/');
  await linkBank(page, 'Greatday', { mfa: true });
  if (language === 'fr') await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  const serveRealHealth = await nightlyRefreshStoppedAtQuestion(page);
  await page.goto('/attention');

  await expect(page.getByRole('heading', { level: 1, name: words.heading })).toBeVisible();
  const item = page.getByRole('listitem').filter({ hasText: 'Flinks Capital' });
  await expect(item.getByText(words.title)).toBeVisible();
  await expect(item.getByText(words.body)).toBeVisible();
  // Its own sentence, not the one of a question waiting in a job.
  await expect(item.getByText(words.generic, { exact: true })).toHaveCount(0);
  await expectAccessible(page, `attention centre, nightly question (${language})`);
  await page.screenshot({ path: shot, fullPage: true });

  // The way on: a live refresh, whose question Connect opens by itself.
  await item.getByRole('button', { name: words.answer }).click();
  await expect(page.getByRole('heading', { level: 1, name: words.question })).toBeVisible();
  // A read of the links in flight finishes as routed; the next ones are the server's own.
  serveRealHealth();
  await answerSecurityQuestions(connectFrame(page, language), language);
  await expect(page.getByRole('heading', { level: 1, name: words.dashboard })).toBeVisible();
  const bank = page.getByRole('region', { name: 'Flinks Capital' });
  await expect(bank.getByText(words.updated)).toBeVisible();
}
