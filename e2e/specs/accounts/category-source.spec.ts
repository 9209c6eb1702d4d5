import { expect, type Page, test } from '@playwright/test';
import { openAccount } from '../../support/accounts.ts';
import { linkBank } from '../../support/connect.ts';
import { APP_URL } from '../../support/env.ts';

/** The run's app takes categories from Flinks' Enrich (playwright.config.ts). */
const ENRICH = process.env.E2E_FLINKS_ENRICH === 'true';

interface ApiTransaction {
  id: string;
  description: string;
  merchant: string | null;
  categorySource: string | null;
  transferAccountId: string | null;
}

async function chequingTransactions(page: Page): Promise<ApiTransaction[]> {
  const { links } = (await (await page.request.get('/api/links')).json()) as {
    links: { accounts: { id: string; title: string }[] }[];
  };
  const chequing = links.flatMap((link) => link.accounts).find((a) => a.title === 'Chequing CAD');
  const { transactions } = (await (
    await page.request.get(`/api/accounts/${chequing?.id}/transactions?limit=10000`)
  ).json()) as { transactions: ApiTransaction[] };
  return transactions;
}

/** The category row of the first transaction a search of the account finds, as its dialog writes it. */
async function categoryOfFirst(page: Page, search: string, language: 'en' | 'fr'): Promise<string> {
  await page.getByLabel(language === 'en' ? 'Search' : 'Rechercher').fill(search);
  const table = page.getByRole('region', {
    name: language === 'en' ? 'Transactions, newest first' : 'Opérations, les plus récentes d’abord',
  });
  await table.getByRole('row').nth(1).getByRole('button', { name: search }).click();
  const detail = page.getByRole('dialog', { name: language === 'en' ? 'Transaction' : 'Opération' });
  const term = detail.getByRole('term').filter({ hasText: language === 'en' ? 'Category' : 'Catégorie' });
  const text = (await term.locator('xpath=following-sibling::dd').textContent()) ?? '';
  await detail.getByRole('button', { name: language === 'en' ? 'Close' : 'Fermer' }).click();
  return text;
}

test('a transaction’s detail says whose its category is: the bank’s or Passbook’s, a rule, the person', async ({
  page,
}) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  // Two merchants of the chequing account that recur, neither a transfer: one gets a rule, one a choice.
  const transactions = await chequingTransactions(page);
  const counts = new Map<string, ApiTransaction[]>();
  for (const transaction of transactions) {
    if (transaction.transferAccountId !== null || transaction.merchant === null) continue;
    counts.set(transaction.description, [...(counts.get(transaction.description) ?? []), transaction]);
  }
  const [ruled, chosen] = [...counts.entries()].filter(([, rows]) => rows.length > 1);
  if (!ruled || !chosen) throw new Error('the chequing account has fewer than two recurring descriptions');
  const headers = { origin: APP_URL };
  const rule = await page.request.post('/api/category-rules', {
    headers,
    data: { match: ruled[0], category: 'business' },
  });
  expect(rule.ok()).toBe(true);
  const choice = await page.request.patch(`/api/transactions/${chosen[1][0]?.id}`, {
    headers,
    data: { category: 'health' },
  });
  expect(choice.ok()).toBe(true);
  const untouched = transactions.find(
    (t) =>
      t.transferAccountId === null &&
      t.categorySource !== null &&
      ![ruled[0], chosen[0]].includes(t.description),
  );

  await page.reload();
  await openAccount(page, 'Chequing CAD');
  expect(await categoryOfFirst(page, ruled[0], 'en')).toBe('Business expensesBy a rule of yours');
  expect(await categoryOfFirst(page, chosen[0], 'en')).toBe('HealthChosen by you');
  expect(await categoryOfFirst(page, untouched?.description ?? '', 'en')).toMatch(
    ENRICH ? /From your bank’s categorisation \(Flinks Enrich\)$/ : /By Passbook’s rules$/,
  );

  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  expect(await categoryOfFirst(page, ruled[0], 'fr')).toBe('Dépenses d’entrepriseSelon une de vos règles');
  expect(await categoryOfFirst(page, chosen[0], 'fr')).toBe('SantéChoisie par vous');
});
