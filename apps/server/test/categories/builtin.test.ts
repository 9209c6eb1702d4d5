/**
 * Passbook's own categorisation and merchant clean-up, on the emulator's generated year of data (every
 * description it produces) and on hand-built descriptions: French wording, accents, store numbers, places.
 */
import { describe, expect, it } from 'vitest';
import { generateLoginData } from '../../../../packages/flinks-sandbox/src/generator/generate.ts';
import { categorizeDescription } from '../../src/categories/builtin.ts';
import { cleanMerchantName, normalizeText } from '../../src/categories/merchant.ts';

const year = generateLoginData({
  loginId: 'categories-test-login',
  profile: 'large',
  refreshTimes: [Date.UTC(2026, 10, 30, 15)],
});
const transactions = year.accounts.flatMap((account) =>
  account.transactions.map((transaction) => ({
    kind: account.kind,
    description: transaction.description,
    amount: (transaction.credit ?? 0) - (transaction.debit ?? 0),
  })),
);

describe('built-in categories on the generated year', () => {
  it('categorises all but a handful of descriptions the rules cannot know', () => {
    const uncategorised = new Set(
      transactions
        .filter(
          (transaction) =>
            categorizeDescription(transaction.description, transaction.amount).category === 'other',
        )
        .map((transaction) => transaction.description),
    );
    // A bank correction and an unlabelled deposit say nothing of what the money was for.
    expect([...uncategorised].sort()).toEqual(['CORRECTION - INTERAC PURCHASE REVERSAL', 'national money']);
  });

  it.each([
    ['TIM HORTONS #2419 MONTREAL QC', -450, 'restaurants', 'Tim Hortons'],
    ['INTERAC PURCHASE - COUCHE-TARD #523 MONTREAL QC', -1299, 'groceries', 'Couche-Tard'],
    ['INTERAC PURCHASE - IGA EXTRA #8123 MONTREAL QC', -5400, 'groceries', 'IGA'],
    ['INTERAC PURCHASE - SAQ 23057 MONTREAL QC', -2500, 'groceries', 'SAQ'],
    ['INTERAC PURCHASE - PHARMAPRIX #1310 MONTREAL QC', -900, 'health', 'Pharmaprix'],
    [
      'PRE-AUTHORIZED DEBIT - GESTION IMMOBILIERE PLATEAU',
      -155_000,
      'housing',
      'Gestion Immobiliere Plateau',
    ],
    ['BILL PAYMENT - HYDRO-QUEBEC', -9000, 'bills', 'Hydro-Québec'],
    ['PRE-AUTHORIZED DEBIT - VIDEOTRON', -9500, 'bills', 'Vidéotron'],
    ['NETFLIX.COM 866-579-7172 ON', -2099, 'subscriptions', 'Netflix'],
    ['SPOTIFY P2F4C1A9 STOCKHOLM', -1199, 'subscriptions', 'Spotify'],
    ['UBER CANADA/UBEREATS TORONTO ON', -2500, 'restaurants', 'Uber Eats'],
    ['UBER CANADA/UBERTRIP TORONTO ON', -1500, 'transport', 'Uber'],
    ['INTERAC PURCHASE - STM CARTE OPUS MENSUELLE', -9700, 'transport', 'STM'],
    ['AIR CANADA 0142145 WINNIPEG MB', -40_000, 'travel', 'Air Canada'],
    ['AMAZON.CA*2K4LM81 AMAZON.CA ON', -2999, 'shopping', 'Amazon'],
    ['PAYROLL - NORTHWIND TECHNOLOGIES INC', 250_000, 'income', 'Northwind Technologies Inc'],
    ['PAYROLL - BOULANGERIE DOE EMPLOYEES', -1_000_000, 'business', 'Boulangerie Doe Employees'],
    ['SQUARE CANADA - CARD SALE', 1200, 'income', 'Square'],
    ['INTERAC E-TRANSFER SENT - MARIE TREMBLAY', -5000, 'people', 'Marie Tremblay'],
    ['TRANSFER TO SAVINGS 1111001', -30_000, 'transfers', 'Transfer to Savings'],
    ['BILL PAYMENT - VISA FLINKS CAPITAL', -120_000, 'transfers', 'Visa Flinks Capital'],
    ['PAYMENT RECEIVED - THANK YOU', 120_000, 'transfers', 'Payment Received - Thank You'],
    ['ATM WITHDRAWAL - FLINKS CAPITAL 0421', -6000, 'cash', 'ATM Withdrawal - Flinks Capital'],
    ['MONTHLY ACCOUNT FEE', -1595, 'fees', 'Monthly Account Fee'],
    ['INTEREST', 1500, 'income', 'Interest'],
  ] as const)('%s (%i) is %s, shown as %s', (description, amount, category, merchant) => {
    expect(
      transactions.some((transaction) => transaction.description.startsWith(description.slice(0, 12))),
    ).toBe(true);
    expect(categorizeDescription(description, amount)).toEqual({ category, merchant });
  });

  it('puts every payroll deposit in income and every rent in housing, month after month', () => {
    const payroll = transactions.filter((transaction) =>
      transaction.description.startsWith('PAYROLL - NORTHWIND'),
    );
    expect(payroll.length).toBeGreaterThanOrEqual(25);
    for (const transaction of payroll)
      expect(categorizeDescription(transaction.description, transaction.amount).category).toBe('income');
    const rent = transactions.filter((transaction) =>
      transaction.description.includes('GESTION IMMOBILIERE'),
    );
    expect(rent.length).toBeGreaterThanOrEqual(12);
  });
});

describe('built-in categories on hand-built descriptions', () => {
  it.each([
    ['ACHAT INTERAC - COUCHE-TARD #1234 LAVAL QC', -800, 'groceries', 'Couche-Tard'],
    ['PAIEMENT DE FACTURE - HYDRO-QUÉBEC', -12_000, 'bills', 'Hydro-Québec'],
    ['Débit préautorisé - Vidéotron', -9000, 'bills', 'Vidéotron'],
    ['DEPOT DIRECT - GOUVERNEMENT DU QUEBEC', 50_000, 'income', 'Gouvernement du Quebec'],
    ['VIREMENT INTERAC ENVOYE - JULIE BEAULIEU', -2000, 'people', 'Julie Beaulieu'],
    ['VIREMENT A EPARGNE 1111001', -20_000, 'transfers', 'Virement a Epargne'],
    ['RETRAIT GAB - DESJARDINS 0042', -4000, 'cash', 'Retrait GAB - Desjardins'],
    ['FRAIS MENSUELS', -1200, 'fees', 'Frais Mensuels'],
    ['PAIE - CENTRE DE SERVICES SCOLAIRE', 180_000, 'income', 'Centre de Services Scolaire'],
    ['LOYER JUILLET', -140_000, 'housing', 'Loyer Juillet'],
    ['ST-HUBERT #0123 QUEBEC QC', -3400, 'restaurants', 'St-Hubert'],
    ['SHOPPERS DRUG MART #0812 TORONTO ON', -1500, 'health', 'Shoppers Drug Mart'],
    ['PETRO-CANADA 98127 MONTREAL QC', -6000, 'transport', 'Petro-Canada'],
    ['BOULANGERIE ST-JOSEPH MONTREAL QC', -700, 'groceries', 'Boulangerie St-Joseph'],
    ['ZXQ HOLDINGS 4411 OTTAWA ON', -5000, 'other', 'Zxq Holdings'],
  ] as const)('%s (%i) is %s, shown as %s', (description, amount, category, merchant) => {
    expect(categorizeDescription(description, amount)).toEqual({ category, merchant });
  });

  it('tells a payroll deposit (income) from a payroll paid out (an employer’s cost)', () => {
    expect(categorizeDescription('PAYROLL - ACME', 100).category).toBe('income');
    expect(categorizeDescription('PAYROLL - ACME', -100).category).toBe('business');
  });
});

describe('merchant clean-up', () => {
  it('drops the channel, store number and place, and reads like a name', () => {
    expect(cleanMerchantName('INTERAC PURCHASE - COUCHE-TARD #523 MONTREAL QC')).toBe('Couche-Tard');
    expect(cleanMerchantName('POS PURCHASE - LES ENTREPRISES BOUCHER 00412 SHERBROOKE QC')).toBe(
      'Les Entreprises Boucher',
    );
    expect(cleanMerchantName('ACHAT PAR CARTE DE DÉBIT - FROMAGERIE HAMEL #2 MONTRÉAL QC')).toBe(
      'Fromagerie Hamel',
    );
  });

  it('keeps the description when nothing is left of it after cleaning', () => {
    expect(cleanMerchantName('#1234')).toBe('#1234');
  });

  it('folds case, accents and spaces so that rules match either spelling', () => {
    expect(normalizeText('  Hydro-Québec   Montréal ')).toBe('HYDRO-QUEBEC MONTREAL');
  });
});
