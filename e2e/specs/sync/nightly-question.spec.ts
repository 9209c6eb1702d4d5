import { test } from '@playwright/test';
import { answerNightlyQuestion } from '../../support/nightly-question.ts';

// Requests a service worker makes are not routed: this spec's page goes without one.
test.use({ serviceWorkers: 'block' });

for (const language of ['en', 'fr'] as const) {
  test(`a nightly refresh stopped at the bank’s question says so on the attention page, and answering it in Connect updates the bank (${language})`, async ({
    page,
  }) => {
    await answerNightlyQuestion(page, language, `test-results/sync-nightly-question-desktop-${language}.png`);
  });
}
