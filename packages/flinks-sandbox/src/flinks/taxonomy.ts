/**
 * Enrich's Broad Categorization as the emulator gives it: the taxonomy `/Categories/{CountryCode}` lists and the
 * Category and SubCategory of every generated description. The primary category names follow Flinks' pages
 * (the guide's list and the GetCategorization example's spelling, "Food and Dining"); the subcategories and the
 * descriptions are the emulator's own, since the public pages show only a few of them.
 */

export interface SubCategoryEntry {
  readonly SubCategoryName: string;
  readonly Description: string;
}

export interface CategoryEntry {
  readonly PrimaryCategoryName: string;
  readonly Description: string;
  readonly SubCategories: readonly SubCategoryEntry[];
}

const entry = (name: string, description: string, subs: Record<string, string>): CategoryEntry => ({
  PrimaryCategoryName: name,
  Description: description,
  SubCategories: Object.entries(subs).map(([SubCategoryName, Description]) => ({
    SubCategoryName,
    Description,
  })),
});

const TAXONOMY: readonly CategoryEntry[] = [
  entry('Food and Dining', 'Restaurants, groceries and food delivery', {
    Restaurants: 'Sit-down restaurants',
    'Fast Food': 'Quick-service restaurants',
    'Coffee Shops': 'Cafés and coffee chains',
    Groceries: 'Supermarkets, markets and liquor stores',
    'Food Delivery': 'Meals delivered',
  }),
  entry('Health', 'Medical, dental, pharmacy and fitness', {
    Pharmacy: 'Pharmacies and drugstores',
    Medical: 'Clinics and practitioners',
  }),
  entry('Home', 'Rent, mortgage, maintenance and furnishing', {
    Rent: 'Rent paid to a landlord or property manager',
    Mortgage: 'Mortgage payments',
    Furnishings: 'Furniture and household goods',
  }),
  entry('Income', 'Salary, freelance, government benefits and refunds', {
    Paycheck: 'Salary and wages',
    'Business Income': 'Sales received by a business',
    'Interest Income': 'Interest earned',
    'Other Income': 'Other money received',
  }),
  entry('Travel', 'Flights, hotels, car rental and trains', {
    'Air Travel': 'Airlines',
    Rail: 'Trains',
  }),
  entry('Utilities', 'Electricity, gas, water, internet and phone', {
    Electricity: 'Electricity bills',
    'Internet and Cable': 'Internet and television',
    'Mobile Phone': 'Mobile phone plans',
    'Natural Gas': 'Gas heating',
  }),
  entry('Insurance', 'Health, auto, home and life insurance', {
    'Home Insurance': 'Home and tenant insurance',
  }),
  entry('Transfers and Adjustments', 'Money moved between accounts and corrections', {
    'Internal Transfer': 'Between accounts of the same person',
    'Credit Card Payment': 'Payments to a credit card',
    'Loan Payment': 'Payments to a loan or line of credit',
    'E-Transfer': 'Interac e-Transfers sent or received',
    'Balance Adjustment': 'Corrections and reversals',
  }),
  entry('Shopping', 'Retail, clothing, electronics and online purchases', {
    'General Merchandise': 'Department and discount stores',
    'Online Shopping': 'Online marketplaces',
    Electronics: 'Electronics stores',
    Clothing: 'Clothing stores',
    Furniture: 'Furniture stores',
  }),
  entry('Entertainment', 'Streaming, gaming, events and hobbies', {
    'Streaming Services': 'Video and music subscriptions',
    'Software Subscriptions': 'Software billed monthly',
    Movies: 'Cinemas',
    Gambling: 'Lotteries and casinos',
  }),
  entry('Education', 'Tuition, books, courses and student loans', {
    'Books and Supplies': 'Bookstores and school supplies',
  }),
  entry('Transportation', 'Gas, public transit, ride share and parking', {
    'Public Transit': 'Buses and metro',
    'Ride Share': 'Taxis and ride-hailing',
    'Gas and Fuel': 'Gas stations',
    'Bike Share': 'Shared bicycles',
  }),
  entry('Fees and Charges', 'Bank fees and interest charged', {
    'Bank Fees': 'Account and service fees',
    'Interest Charges': 'Interest charged on credit',
  }),
  entry('Cash', 'Cash withdrawals', {
    'ATM Withdrawal': 'Cash taken at an ATM',
  }),
  entry('Business', 'A business’s payroll, suppliers and services', {
    Payroll: 'Wages paid to employees',
    Suppliers: 'Goods bought to resell or transform',
    'Business Services': 'Services bought by a business',
  }),
];

/** The countries `/Categories/{CountryCode}` knows (Flinks: CA and US); both get the same taxonomy here. */
export const COUNTRY_CODES = ['CA', 'US'] as const;

export function taxonomy(): readonly CategoryEntry[] {
  return TAXONOMY;
}

export interface BroadCategory {
  readonly Category: string;
  readonly SubCategory: string;
}

type Rule = readonly [pattern: RegExp, category: string, subCategory: string];

/** Tried in order on the description in upper case; every generated description meets one. */
const RULES: readonly Rule[] = [
  [/^PAYROLL - .*EMPLOYEES/, 'Business', 'Payroll'],
  [/^PAYROLL\b/, 'Income', 'Paycheck'],
  [/GESTION IMMOBILIERE/, 'Home', 'Rent'],
  [/^CORRECTION\b/, 'Transfers and Adjustments', 'Balance Adjustment'],
  [/^TRANSFER (TO|FROM)\b|^ADVANCE TO\b/, 'Transfers and Adjustments', 'Internal Transfer'],
  [/^BILL PAYMENT - VISA|^PAYMENT RECEIVED/, 'Transfers and Adjustments', 'Credit Card Payment'],
  [/^LINE OF CREDIT PAYMENT/, 'Transfers and Adjustments', 'Loan Payment'],
  [/INTERAC E-TRANSFER/, 'Transfers and Adjustments', 'E-Transfer'],
  [/HYDRO-QUEBEC/, 'Utilities', 'Electricity'],
  [/ENERGIR/, 'Utilities', 'Natural Gas'],
  [/VIDEOTRON/, 'Utilities', 'Internet and Cable'],
  [/BELL MOBILITE/, 'Utilities', 'Mobile Phone'],
  [/STM CARTE OPUS/, 'Transportation', 'Public Transit'],
  [/^ATM WITHDRAWAL/, 'Cash', 'ATM Withdrawal'],
  [/^WIRE TRANSFER FEE|^MONTHLY ACCOUNT FEE|^SERVICE CHARGE/, 'Fees and Charges', 'Bank Fees'],
  [/^INTEREST CHARGE/, 'Fees and Charges', 'Interest Charges'],
  [/^INTEREST$/, 'Income', 'Interest Income'],
  [/^CONTRIBUTION - FHSA/, 'Transfers and Adjustments', 'Internal Transfer'],
  // USD deposits whose wording names nobody: Flinks still reads them as money received.
  [/^NATIONAL MONEY$/, 'Income', 'Other Income'],
  [/SQUARE CANADA|MONERIS/, 'Income', 'Business Income'],
  [/SYSCO|FARINE FIVE ROSES|EMBALLAGES|COSTCO BUSINESS/, 'Business', 'Suppliers'],
  [/NETFLIX|SPOTIFY/, 'Entertainment', 'Streaming Services'],
  [/APPLE\.COM\/BILL|GITHUB/, 'Entertainment', 'Software Subscriptions'],
  [/UBEREATS/, 'Food and Dining', 'Food Delivery'],
  [/UBERTRIP/, 'Transportation', 'Ride Share'],
  [/TIM HORTONS|STARBUCKS|CAFE OLIMPICO/, 'Food and Dining', 'Coffee Shops'],
  [/ST-VIATEUR BAGEL/, 'Food and Dining', 'Fast Food'],
  [/LA BANQUISE|SCHWARTZ'S/, 'Food and Dining', 'Restaurants'],
  [
    /IGA|METRO PLUS|MAXI|PROVIGO|SUPER C|MARCHE JEAN-TALON|COSTCO WHOLESALE|SAQ/,
    'Food and Dining',
    'Groceries',
  ],
  // A gas station's convenience store: Flinks files it with fuel.
  [/COUCHE-TARD|SHELL|PETRO-CANADA/, 'Transportation', 'Gas and Fuel'],
  [/JEAN COUTU|PHARMAPRIX/, 'Health', 'Pharmacy'],
  [/BIXI/, 'Transportation', 'Bike Share'],
  [/AIR CANADA|DELTA AIR/, 'Travel', 'Air Travel'],
  [/VIA RAIL/, 'Travel', 'Rail'],
  [/INDIGO/, 'Education', 'Books and Supplies'],
  [/CINEMA/, 'Entertainment', 'Movies'],
  [/AMAZON/, 'Shopping', 'Online Shopping'],
  [/BEST BUY/, 'Shopping', 'Electronics'],
  [/SIMONS/, 'Shopping', 'Clothing'],
  [/IKEA/, 'Shopping', 'Furniture'],
  [/DOLLARAMA|CANADIAN TIRE/, 'Shopping', 'General Merchandise'],
];

const FALLBACK: BroadCategory = { Category: 'Shopping', SubCategory: 'General Merchandise' };

/** The Category and SubCategory of a description: the same description always gets the same pair. */
export function broadCategoryOf(description: string): BroadCategory {
  const text = description.toUpperCase();
  for (const [pattern, Category, SubCategory] of RULES) {
    if (pattern.test(text)) return { Category, SubCategory };
  }
  return FALLBACK;
}
