/**
 * The bank data of one login, generated from its LoginId and its refresh dates alone: a year of a Montréal
 * household's accounts (and, for the large profile, a busy bakery's business account; for the small one, the
 * chequing account's last week alone). The base history is
 * seeded by the LoginId; each live refresh k appends what happened between refresh k-1 and k, seeded by
 * (LoginId, k). Earlier transactions never change, so their Ids, amounts and running balances are stable.
 * Amounts are integer cents; balances run oldest to newest.
 */
import { type Day, dayAt, dayOfMonth, isLastDayOfMonth, monthOf, weekday } from './calendar.ts';
import {
  BUSINESS_PAYMENTS,
  BUSINESS_SALES,
  CARD_PURCHASES,
  CARD_RARE,
  COFFEE,
  DEBIT_ERRANDS,
  E_TRANSFER_CONTACTS,
  GROCERIES,
  type Merchant,
  USD_PURCHASES,
} from './catalogue.ts';
import { Random } from './random.ts';

export type DataProfile = 'standard' | 'large' | 'small';
export type AccountKind =
  | 'chequing'
  | 'savings'
  | 'usd'
  | 'card'
  | 'loc'
  | 'business'
  | 'fhsa'
  | 'investment';

export interface Holder {
  readonly name: string;
  readonly civicAddress: string;
  readonly city: string;
  readonly province: string;
  readonly postalCode: string;
  readonly poBox: string | null;
  readonly country: string;
  readonly email: string | null;
  readonly phoneNumber: string | null;
}

export interface Transaction {
  readonly id: string;
  readonly day: Day;
  readonly description: string;
  readonly debit: number | null;
  readonly credit: number | null;
  /** Running balance after this transaction, in cents (amount owed, for credit accounts). */
  balance: number;
}

export interface Account {
  readonly id: string;
  readonly kind: AccountKind;
  readonly title: string;
  readonly accountNumber: string;
  readonly lastFourDigits: string | null;
  readonly transitNumber: string | null;
  readonly institutionNumber: string;
  readonly overdraftLimit: number | null;
  readonly limit: number | null;
  /** Real payloads have carried `Balance.Limit` as a numeric string: this account does. */
  readonly limitAsString: boolean;
  readonly category: 'Operations' | 'Credits' | 'Products';
  readonly type: 'Chequing' | 'Savings' | 'CreditCard' | 'LineOfCredit' | 'FHSA' | 'Investment';
  readonly accountType: 'Personal' | 'Business' | null;
  readonly currency: 'CAD' | 'USD';
  readonly holder: Holder;
  readonly eftEligibleRatio: number;
  readonly eTransferEligibleRatio: number;
  /** True when the balance is an amount owed (credit card, line of credit): debits raise it. */
  readonly owed: boolean;
  opening: number;
  /** Oldest first. */
  readonly transactions: Transaction[];
  current: number;
  available: number;
}

export interface LoginHistory {
  readonly loginId: string;
  readonly profile: DataProfile;
  /** Instants of the connection and of every later live refresh, oldest first (at least one). */
  readonly refreshTimes: readonly number[];
}

export interface LoginData {
  readonly accounts: readonly Account[];
}

const HISTORY_DAYS = 370;
/** The small profile keeps a load test that stores thousands of logins about storing, not about volume. */
const SMALL_HISTORY_DAYS = 7;
/** The large profile's business account was opened this many days before the connection, so that both
 * `Days90` and `Days365` return all of its transactions. */
const BUSINESS_HISTORY_DAYS = 87;
const BUSINESS_TRANSACTIONS_PER_DAY = 600;

const JOHN_DOE: Holder = {
  name: 'John Doe',
  civicAddress: '1275 Avenue des Canadiens-de-Montréal',
  city: 'Montréal',
  province: 'QC',
  postalCode: 'H3B 5E8',
  poBox: null,
  country: 'CA',
  email: 'john.doe@example.com',
  phoneNumber: '(514) 555-0142',
};

const BAKERY: Holder = {
  name: 'Boulangerie Doe Inc.',
  civicAddress: '4101 Rue Saint-Denis',
  city: 'Montréal',
  province: 'QC',
  postalCode: 'H2W 2M7',
  poBox: null,
  country: 'CA',
  email: 'comptes@boulangerie-doe.example',
  phoneNumber: '(514) 555-0199',
};

class Ledger {
  constructor(readonly account: Account) {}

  /** Change since opening: credits raise a deposit account, debits raise an amount owed. */
  net = 0;

  get balance(): number {
    return this.account.opening + this.net;
  }

  post(rng: Random, day: Day, description: string, debit: number | null, credit: number | null): void {
    this.account.transactions.push({ id: rng.guid(), day, description, debit, credit, balance: 0 });
    const change = (credit ?? 0) - (debit ?? 0);
    this.net += this.account.owed ? -change : change;
  }

  debit(rng: Random, day: Day, description: string, cents: number): void {
    this.post(rng, day, description, cents, null);
  }

  credit(rng: Random, day: Day, description: string, cents: number): void {
    this.post(rng, day, description, null, cents);
  }
}

interface Household {
  readonly chequing: Ledger;
  readonly savings: Ledger;
  readonly usd: Ledger;
  readonly card: Ledger;
  readonly loc: Ledger;
  readonly business: Ledger | null;
  readonly businessOpenedOn: Day;
  readonly payday: Day;
  readonly pay: number;
  readonly rent: number;
  readonly savingsTransfer: number;
  readonly locPayment: number;
  readonly quirkDay: Day;
  /** The card's balance at the last statement, paid in full on the 5th. */
  cardStatement: number;
}

function amount(rng: Random, merchant: Merchant): number {
  return rng.int(merchant.min, merchant.max);
}

function account(
  rng: Random,
  fields: Omit<Account, 'id' | 'opening' | 'transactions' | 'current' | 'available'>,
): Account {
  return { id: rng.guid(), ...fields, opening: 0, transactions: [], current: 0, available: 0 };
}

function openAccounts(rng: Random, profile: DataProfile, connectedOn: Day): Household {
  const personal = { institutionNumber: '777', holder: JOHN_DOE, eftEligibleRatio: 1 } as const;
  const cardLastFour = String(rng.int(1000, 9999));
  const chequing = account(rng, {
    ...personal,
    kind: 'chequing',
    title: 'Chequing CAD',
    accountNumber: '1111000',
    lastFourDigits: null,
    transitNumber: '77777',
    overdraftLimit: 50_000,
    limit: null,
    limitAsString: false,
    category: 'Operations',
    type: 'Chequing',
    accountType: 'Personal',
    currency: 'CAD',
    eTransferEligibleRatio: 1,
    owed: false,
  });
  const savings = account(rng, {
    ...personal,
    kind: 'savings',
    title: 'Savings CAD',
    accountNumber: '1111001',
    lastFourDigits: null,
    transitNumber: '77777',
    overdraftLimit: null,
    limit: null,
    limitAsString: false,
    category: 'Operations',
    type: 'Savings',
    accountType: 'Personal',
    currency: 'CAD',
    eTransferEligibleRatio: 0.5,
    owed: false,
  });
  const usd = account(rng, {
    ...personal,
    holder: { ...JOHN_DOE, email: null, phoneNumber: null },
    kind: 'usd',
    title: 'Chequing USD',
    accountNumber: '1111002',
    lastFourDigits: null,
    transitNumber: '77777',
    overdraftLimit: null,
    limit: null,
    limitAsString: false,
    category: 'Operations',
    type: 'Chequing',
    accountType: null,
    currency: 'USD',
    eftEligibleRatio: 0,
    eTransferEligibleRatio: 0,
    owed: false,
  });
  const card = account(rng, {
    ...personal,
    kind: 'card',
    title: 'Visa Infinite',
    // Masked as FlinksCapital masks its card (`420024******4242`).
    accountNumber: `420024******${cardLastFour}`,
    lastFourDigits: cardLastFour,
    transitNumber: null,
    overdraftLimit: null,
    limit: 1_000_000,
    limitAsString: false,
    category: 'Credits',
    type: 'CreditCard',
    accountType: 'Personal',
    currency: 'CAD',
    eftEligibleRatio: 0,
    eTransferEligibleRatio: 0,
    owed: true,
  });
  const loc = account(rng, {
    ...personal,
    kind: 'loc',
    title: 'Line of Credit CAD',
    accountNumber: '1111003',
    lastFourDigits: '1003',
    transitNumber: '77777',
    overdraftLimit: null,
    limit: 2_500_000,
    limitAsString: true,
    category: 'Credits',
    type: 'LineOfCredit',
    accountType: 'Personal',
    currency: 'CAD',
    eftEligibleRatio: 0,
    eTransferEligibleRatio: 0,
    owed: true,
  });
  card.opening = rng.int(60_000, 180_000);
  loc.opening = rng.int(600_000, 900_000);
  const business =
    profile === 'large'
      ? account(rng, {
          kind: 'business',
          title: 'Business Chequing CAD',
          accountNumber: '2222000',
          lastFourDigits: null,
          transitNumber: '77777',
          institutionNumber: '777',
          overdraftLimit: 500_000,
          limit: null,
          limitAsString: false,
          category: 'Operations',
          type: 'Chequing',
          accountType: 'Business',
          currency: 'CAD',
          holder: BAKERY,
          eftEligibleRatio: 1,
          eTransferEligibleRatio: 1,
          owed: false,
        })
      : null;
  const firstDay = connectedOn - HISTORY_DAYS + 1;
  // Payday: a Thursday near the start of the history, then every other week.
  let payday = firstDay + rng.int(0, 13);
  while (weekday(payday) !== 4) payday++;
  return {
    chequing: new Ledger(chequing),
    savings: new Ledger(savings),
    usd: new Ledger(usd),
    card: new Ledger(card),
    loc: new Ledger(loc),
    business: business ? new Ledger(business) : null,
    businessOpenedOn: connectedOn - BUSINESS_HISTORY_DAYS + 1,
    payday,
    pay: rng.int(238_000, 262_000),
    rent: rng.pick([142_500, 155_000, 165_000, 178_500]),
    savingsTransfer: rng.pick([25_000, 30_000, 40_000, 50_000]),
    locPayment: rng.pick([25_000, 30_000, 35_000]),
    quirkDay: connectedOn - rng.int(120, 200),
    cardStatement: card.opening,
  };
}

/** Hydro-Québec bills follow the heating season. */
function hydroBill(rng: Random, day: Day): number {
  const month = monthOf(day);
  const winter = month === 12 || month <= 3;
  const shoulder = month === 4 || month === 11 || month === 10;
  return winter ? rng.int(14_500, 23_800) : shoulder ? rng.int(8_500, 13_200) : rng.int(5_200, 8_400);
}

function simulateDay(h: Household, day: Day, rng: Random): void {
  const dom = dayOfMonth(day);
  const wd = weekday(day);
  const { chequing, savings, usd, card, loc } = h;

  if (day >= h.payday && (day - h.payday) % 14 === 0) {
    chequing.credit(rng, day, 'PAYROLL - NORTHWIND TECHNOLOGIES INC', h.pay + rng.int(-1_500, 1_500));
  }
  if (dom === 1) {
    chequing.debit(rng, day, 'PRE-AUTHORIZED DEBIT - GESTION IMMOBILIERE PLATEAU', h.rent);
    chequing.debit(rng, day, 'INTERAC PURCHASE - STM CARTE OPUS MENSUELLE', 9_700);
  }
  if (dom === 5 && h.cardStatement > 0) {
    chequing.debit(rng, day, 'BILL PAYMENT - VISA FLINKS CAPITAL', h.cardStatement);
    card.credit(rng, day, 'PAYMENT RECEIVED - THANK YOU', h.cardStatement);
    h.cardStatement = 0;
  }
  if (dom === 12) chequing.debit(rng, day, 'BILL PAYMENT - HYDRO-QUEBEC', hydroBill(rng, day));
  if (dom === 18) chequing.debit(rng, day, 'PRE-AUTHORIZED DEBIT - VIDEOTRON', rng.int(8_995, 10_495));
  if (dom === 22) chequing.debit(rng, day, 'PRE-AUTHORIZED DEBIT - BELL MOBILITE', 6_500);
  if (dom === 15) {
    chequing.debit(rng, day, 'TRANSFER TO SAVINGS 1111001', h.savingsTransfer);
    savings.credit(rng, day, 'TRANSFER FROM CHEQUING 1111000', h.savingsTransfer);
  }
  if (dom === 20) {
    chequing.debit(rng, day, 'LINE OF CREDIT PAYMENT 1111003', h.locPayment);
    loc.credit(rng, day, 'PAYMENT RECEIVED', h.locPayment);
  }
  if (day === h.quirkDay) {
    // Real payloads have carried one transaction with both Debit and Credit set.
    const charged = rng.int(2_000, 9_000);
    chequing.post(rng, day, 'CORRECTION - INTERAC PURCHASE REVERSAL', charged, charged + rng.int(100, 2_000));
  }

  if (rng.chance(0.45)) {
    const shop = rng.pick(COFFEE);
    chequing.debit(rng, day, shop.description, amount(rng, shop));
  }
  if ((wd === 6 && rng.chance(0.85)) || rng.chance(0.12)) {
    const store = rng.pick(GROCERIES);
    chequing.debit(rng, day, `INTERAC PURCHASE - ${store.description}`, amount(rng, store));
  }
  if (rng.chance(0.12)) {
    const store = rng.pick(DEBIT_ERRANDS);
    chequing.debit(rng, day, `INTERAC PURCHASE - ${store.description}`, amount(rng, store));
  }
  if (rng.chance(0.08)) {
    const who = rng.pick(E_TRANSFER_CONTACTS);
    chequing.debit(rng, day, `INTERAC E-TRANSFER SENT - ${who}`, rng.int(10, 250) * 100);
  }
  if (rng.chance(0.06)) {
    const who = rng.pick(E_TRANSFER_CONTACTS);
    chequing.credit(rng, day, `INTERAC E-TRANSFER RECEIVED - ${who}`, rng.int(1_500, 20_000));
  }
  if (rng.chance(0.05))
    chequing.debit(
      rng,
      day,
      'ATM WITHDRAWAL - FLINKS CAPITAL 0421',
      rng.pick([4_000, 6_000, 10_000, 20_000]),
    );
  if (rng.chance(0.01)) {
    const draw = rng.int(500, 1_500) * 100;
    loc.debit(rng, day, 'ADVANCE TO CHEQUING 1111000', draw);
    chequing.credit(rng, day, 'TRANSFER FROM LINE OF CREDIT 1111003', draw);
  }

  if (dom === 9) card.debit(rng, day, 'NETFLIX.COM 866-579-7172 ON', 2_099);
  if (dom === 14) card.debit(rng, day, 'SPOTIFY P2F4C1A9 STOCKHOLM', 1_199);
  const purchases = rng.pick([0, 0, 0, 1, 1, 1, 1, 2, 2, 3]);
  for (let i = 0; i < purchases; i++) {
    const store = rng.pick(CARD_PURCHASES);
    card.debit(rng, day, store.description, amount(rng, store));
  }
  if (rng.chance(0.012)) {
    const store = rng.pick(CARD_RARE);
    card.debit(rng, day, store.description, amount(rng, store));
  }

  if (dom === 25) usd.credit(rng, day, 'national money', rng.int(80_000, 150_000));
  if (dom === 26 && rng.chance(0.5)) usd.debit(rng, day, 'WIRE TRANSFER FEE', 1_500);
  if (dom === 27) {
    const converted = rng.int(70_000, 120_000);
    usd.debit(rng, day, 'TRANSFER TO CHEQUING CAD 1111000', converted);
    chequing.credit(rng, day, 'TRANSFER FROM CHEQUING USD 1111002', Math.round(converted * 1.36));
  }
  if (rng.chance(0.08)) {
    const store = rng.pick(USD_PURCHASES);
    usd.debit(rng, day, store.description, amount(rng, store));
  }

  if (isLastDayOfMonth(day)) {
    chequing.debit(rng, day, 'MONTHLY ACCOUNT FEE', 1_595);
    savings.credit(rng, day, 'INTEREST', rng.int(1_200, 2_400));
    loc.debit(rng, day, 'INTEREST CHARGE', Math.round((loc.balance * 0.0795) / 12));
    h.cardStatement = card.balance;
  }

  const business = h.business;
  if (business && day >= h.businessOpenedOn) {
    if (wd === 5)
      business.debit(rng, day, 'PAYROLL - BOULANGERIE DOE EMPLOYEES', rng.int(900_000, 1_200_000));
    const count = BUSINESS_TRANSACTIONS_PER_DAY + rng.int(0, 40);
    for (let i = 0; i < count; i++) {
      if (rng.chance(0.88)) {
        const sale = rng.pick(BUSINESS_SALES);
        business.credit(rng, day, sale.description, amount(rng, sale));
      } else {
        const payee = rng.pick(BUSINESS_PAYMENTS);
        business.debit(rng, day, payee.description, amount(rng, payee));
      }
    }
  }
}

/** A refresh brings something new even when no day has passed since the last one. */
function refreshExtras(h: Household, day: Day, rng: Random): void {
  const coffee = rng.pick(COFFEE);
  h.chequing.debit(rng, day, coffee.description, amount(rng, coffee));
  h.chequing.credit(
    rng,
    day,
    `INTERAC E-TRANSFER RECEIVED - ${rng.pick(E_TRANSFER_CONTACTS)}`,
    rng.int(1_500, 12_000),
  );
  const store = rng.pick(CARD_PURCHASES);
  h.card.debit(rng, day, store.description, amount(rng, store));
  if (h.business) {
    const sale = rng.pick(BUSINESS_SALES);
    h.business.credit(rng, day, sale.description, amount(rng, sale));
  }
}

/**
 * The rest of FlinksCapital's catalogue for the standard profile: a First Home Savings Account fed monthly, a
 * small business account, and an investment account that reports a balance only. Drawn from a generator of
 * their own, so the household's accounts keep the very transactions they had before these existed.
 */
function openProducts(loginId: string, connectedOn: Day): Ledger[] {
  const rng = new Random(`${loginId}/products`);
  const base = { institutionNumber: '777', holder: JOHN_DOE, overdraftLimit: null, limit: null } as const;
  const fhsa = new Ledger(
    account(rng, {
      ...base,
      kind: 'fhsa',
      title: 'First Home Savings Account',
      accountNumber: '1111004',
      lastFourDigits: '1004',
      transitNumber: '77777',
      limitAsString: false,
      category: 'Products',
      type: 'FHSA',
      accountType: 'Personal',
      currency: 'CAD',
      eftEligibleRatio: 0,
      eTransferEligibleRatio: 0,
      owed: false,
    }),
  );
  const business = new Ledger(
    account(rng, {
      ...base,
      holder: BAKERY,
      kind: 'business',
      title: 'Business Account CAD',
      accountNumber: '2222000',
      lastFourDigits: null,
      transitNumber: '77777',
      limitAsString: false,
      category: 'Operations',
      type: 'Chequing',
      accountType: 'Business',
      currency: 'CAD',
      eftEligibleRatio: 1,
      eTransferEligibleRatio: 1,
      owed: false,
    }),
  );
  const investment = new Ledger(
    account(rng, {
      ...base,
      kind: 'investment',
      title: 'Investment Account',
      accountNumber: '3333000',
      lastFourDigits: '3000',
      transitNumber: null,
      limitAsString: false,
      category: 'Products',
      type: 'Investment',
      accountType: 'Personal',
      currency: 'CAD',
      eftEligibleRatio: 0,
      eTransferEligibleRatio: 0,
      owed: false,
    }),
  );
  const contribution = rng.pick([25_000, 50_000, 66_600]);
  for (let day = connectedOn - HISTORY_DAYS + 1; day <= connectedOn; day++) {
    if (dayOfMonth(day) === 15) fhsa.credit(rng, day, 'CONTRIBUTION - FHSA', contribution);
    if (weekday(day) === 5) {
      const sale = rng.pick(BUSINESS_SALES);
      business.credit(rng, day, sale.description, amount(rng, sale) * 10);
    }
    if (dayOfMonth(day) === 3) {
      const bill = rng.pick(BUSINESS_PAYMENTS);
      business.debit(rng, day, bill.description, amount(rng, bill));
    }
  }
  fhsa.account.opening = rng.int(200_000, 800_000);
  business.account.opening = 2_000_000 + rng.int(-200_000, 200_000) - business.net;
  investment.account.opening = rng.int(2_500_000, 9_000_000);
  return [fhsa, business, investment];
}

function settle(ledger: Ledger): void {
  const account = ledger.account;
  let running = account.opening;
  for (const transaction of account.transactions) {
    const change = (transaction.credit ?? 0) - (transaction.debit ?? 0);
    running += account.owed ? -change : change;
    transaction.balance = running;
  }
  account.current = running;
}

export function generateLoginData(history: LoginHistory): LoginData {
  const [connectedAt, ...refreshes] = history.refreshTimes;
  if (connectedAt === undefined) throw new Error('a login has at least its connection time');
  const rng = new Random(history.loginId);
  const connectedOn = dayAt(connectedAt);
  const h = openAccounts(rng, history.profile, connectedOn);

  const historyDays = history.profile === 'small' ? SMALL_HISTORY_DAYS : HISTORY_DAYS;
  for (let day = connectedOn - historyDays + 1; day <= connectedOn; day++) simulateDay(h, day, rng);

  // Deposit balances land near a target at the connection: chequing near 50,000 CAD as in the toolbox.
  const targets: Array<[Ledger | null, number]> = [
    [h.chequing, 5_000_000 + rng.int(-250_000, 250_000)],
    [h.savings, 1_500_000 + rng.int(-300_000, 300_000)],
    [h.usd, rng.int(300_000, 600_000)],
    [h.business, 18_000_000 + rng.int(-1_000_000, 1_000_000)],
  ];
  for (const [ledger, target] of targets) if (ledger) ledger.account.opening = target - ledger.net;

  let previousDay = connectedOn;
  refreshes.forEach((refreshedAt, index) => {
    const refreshRng = new Random(`${history.loginId}/refresh/${index + 1}`);
    const refreshedOn = Math.max(dayAt(refreshedAt), previousDay);
    for (let day = previousDay + 1; day <= refreshedOn; day++) simulateDay(h, day, refreshRng);
    refreshExtras(h, refreshedOn, refreshRng);
    previousDay = refreshedOn;
  });

  const products = history.profile === 'standard' ? openProducts(history.loginId, connectedOn) : [];
  const ledgers =
    history.profile === 'small'
      ? [h.chequing]
      : [h.chequing, h.savings, h.usd, h.card, h.loc, ...(h.business ? [h.business] : []), ...products];
  const pendingHold = rng.int(0, 8_000);
  for (const ledger of ledgers) {
    settle(ledger);
    const account = ledger.account;
    account.available =
      account.owed && account.limit !== null
        ? account.limit - account.current
        : account.kind === 'chequing'
          ? account.current - pendingHold
          : account.current;
  }
  return { accounts: ledgers.map((ledger) => ledger.account) };
}
