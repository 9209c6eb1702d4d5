import { expect, test } from '@playwright/test';
import { answerNightlyQuestion } from '../../support/nightly-question.ts';

// Requests a service worker makes are not routed: this spec's page goes without one.
test.use({ serviceWorkers: 'block' });

for (const language of ['en', 'fr'] as const) {
  test(`on a 375-px phone, a nightly refresh stopped at the bank’s question is told and answered without sideways scrolling (${language})`, async ({
    page,
  }) => {
    await answerNightlyQuestion(page, language, `test-results/sync-phone-nightly-question-${language}.png`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
}
