/**
 * Passbook's own categorisation, used when Flinks' is not: a rule set for common Canadian merchants and for
 * the transfer, payroll and fee wordings of Canadian banks, in English and French. Rules are tried in order,
 * on the description folded by `normalizeText`; the first that matches names the category and, for a known
 * merchant, its spelling.
 */
import type { CategoryKey } from '@passbook/contracts';
import { cleanMerchantName, normalizeText } from './merchant.ts';

interface BuiltinRule {
  readonly pattern: RegExp;
  readonly category: CategoryKey;
  /**
   * The merchant's own spelling; otherwise the cleaned description. Bank wordings (fees, interest, transfers)
   * keep the bank's own words: they are data, in the bank's language, not Passbook's.
   */
  readonly merchant?: string;
  /** Only money in, or only money out (a payroll deposit is income, a payroll debit an employer's cost). */
  readonly direction?: 'in' | 'out';
}

const rule = (
  pattern: RegExp,
  category: CategoryKey,
  merchant?: string,
  direction?: 'in' | 'out',
): BuiltinRule => ({
  pattern,
  category,
  ...(merchant === undefined ? {} : { merchant }),
  ...(direction === undefined ? {} : { direction }),
});

const RULES: readonly BuiltinRule[] = [
  // Money between one's own accounts: transfers, card and line-of-credit payments, advances.
  rule(/\b(TRANSFER|TFR|XFER) (TO|FROM)\b/, 'transfers'),
  rule(/\bVIREMENT (A|AU|DE|DU|VERS|ENTRE)\b/, 'transfers'),
  rule(/\bVIREMENT ENTRE COMPTES\b/, 'transfers'),
  rule(/^(PAYMENT RECEIVED|PAIEMENT RECU)\b/, 'transfers', undefined, 'in'),
  rule(/\b(LINE OF CREDIT|MARGE DE CREDIT) (PAYMENT|PAIEMENT)\b/, 'transfers'),
  rule(/^(ADVANCE TO|AVANCE (A|AU))\b/, 'transfers'),
  rule(
    /^(BILL PAYMENT|PAIEMENT DE FACTURE) - .*\b(VISA|MASTERCARD|MASTER CARD|AMEX|AMERICAN EXPRESS)\b/,
    'transfers',
  ),

  // People: Interac e-Transfers sent and received.
  rule(/\b(INTERAC E-TRANSFER|E-TRANSFER|VIREMENT INTERAC|VIR INTERAC)\b/, 'people'),

  // Income.
  rule(/\b(PAYROLL|PAIE|DEPOT DIRECT|DIRECT DEPOSIT|SALARY|SALAIRE)\b/, 'income', undefined, 'in'),
  rule(/\b(PAYROLL|PAIE|SALAIRES?)\b/, 'business', undefined, 'out'),
  rule(
    /\b(CANADA CHILD BENEFIT|ALLOCATION CANADIENNE|GST CREDIT|CREDIT TPS|GOVERNMENT OF CANADA|GOUV(ERNEMENT)? DU (CANADA|QUEBEC)|RETRAITE QUEBEC)\b/,
    'income',
  ),
  rule(/^(INTEREST|INTERETS?)( PAID| PAYE| EARNED)?$/, 'income', undefined, 'in'),
  rule(/\bSQUARE CANADA\b/, 'income', 'Square', 'in'),
  rule(/\bMONERIS\b/, 'income', 'Moneris', 'in'),

  // Fees and interest charged.
  rule(/\b(INTEREST CHARGE|FRAIS D'INTERET|INTERET DEBITEUR)\b/, 'fees'),
  rule(/\b(MONTHLY ACCOUNT FEE|MONTHLY FEE|FRAIS MENSUELS|FRAIS DE SERVICE)\b/, 'fees'),
  rule(/\b(SERVICE CHARGE|WIRE TRANSFER FEE|NSF FEE|OVERDRAFT FEE|FRAIS)\b/, 'fees'),

  // Cash.
  rule(/\b(ATM WITHDRAWAL|RETRAIT GAB|RETRAIT AU GUICHET|RETRAIT DAB)\b/, 'cash'),

  // Housing.
  rule(/\b(GESTION IMMOBILIERE|PROPERTY MANAGEMENT|RENT|LOYER)\b/, 'housing'),
  rule(/\b(MORTGAGE|HYPOTHEQUE)\b/, 'housing'),

  // Bills: energy, phone, internet, insurance.
  rule(/\bHYDRO-QUEBEC\b/, 'bills', 'Hydro-Québec'),
  rule(/\bHYDRO ONE\b/, 'bills', 'Hydro One'),
  rule(/\bENERGIR\b/, 'bills', 'Énergir'),
  rule(/\bENBRIDGE\b/, 'bills', 'Enbridge'),
  rule(/\bVIDEOTRON\b/, 'bills', 'Vidéotron'),
  rule(/\bBELL (MOBILITE|MOBILITY|CANADA)\b|^BELL\b/, 'bills', 'Bell'),
  rule(/\bROGERS\b/, 'bills', 'Rogers'),
  rule(/\bTELUS\b/, 'bills', 'Telus'),
  rule(/\bFIDO\b/, 'bills', 'Fido'),
  rule(/\bKOODO\b/, 'bills', 'Koodo'),
  rule(/\bFIZZ\b/, 'bills', 'Fizz'),
  rule(/\b(DESJARDINS ASSURANCES|INTACT|BELAIRDIRECT)\b/, 'bills'),

  // Subscriptions.
  rule(/\bNETFLIX\b/, 'subscriptions', 'Netflix'),
  rule(/\bSPOTIFY\b/, 'subscriptions', 'Spotify'),
  rule(/\bDISNEY ?PLUS\b/, 'subscriptions', 'Disney+'),
  rule(/\bCRAVE\b/, 'subscriptions', 'Crave'),
  rule(/\bAPPLE\.COM\/BILL\b/, 'subscriptions', 'Apple'),
  rule(/\bGITHUB\b/, 'subscriptions', 'GitHub'),
  rule(/\bGOOGLE \*?(STORAGE|ONE|YOUTUBE)\b/, 'subscriptions', 'Google'),
  rule(/\bAMAZON PRIME\b|\bPRIME VIDEO\b/, 'subscriptions', 'Amazon Prime'),

  // Restaurants and cafés (Uber Eats before Uber).
  rule(/\bUBER ?EATS\b/, 'restaurants', 'Uber Eats'),
  rule(/\bDOORDASH\b/, 'restaurants', 'DoorDash'),
  rule(/\bSKIP ?THE ?DISHES\b/, 'restaurants', 'SkipTheDishes'),
  rule(/\bTIM HORTONS?\b/, 'restaurants', 'Tim Hortons'),
  rule(/\bSTARBUCKS\b/, 'restaurants', 'Starbucks'),
  rule(/\bCAFE OLIMPICO\b/, 'restaurants', 'Café Olimpico'),
  rule(/\bSECOND CUP\b/, 'restaurants', 'Second Cup'),
  rule(/\bMC ?DONALD'?S?\b/, 'restaurants', "McDonald's"),
  rule(/\bA ?& ?W\b/, 'restaurants', 'A&W'),
  rule(/\bSUBWAY\b/, 'restaurants', 'Subway'),
  rule(/\bST-HUBERT\b/, 'restaurants', 'St-Hubert'),
  rule(/\bPIZZA PIZZA\b/, 'restaurants', 'Pizza Pizza'),
  rule(/\bBOSTON PIZZA\b/, 'restaurants', 'Boston Pizza'),
  rule(/\bLA BANQUISE\b/, 'restaurants', 'La Banquise'),
  rule(/\bSCHWARTZ'?S\b/, 'restaurants', "Schwartz's"),
  rule(/\bST-VIATEUR BAGEL\b/, 'restaurants', 'St-Viateur Bagel'),
  rule(/\b(RESTAURANT|RESTO|CAFE|BISTRO|BRASSERIE|PIZZERIA|SUSHI)\b/, 'restaurants'),

  // Groceries, convenience and liquor stores.
  rule(/\bCOSTCO BUSINESS\b/, 'business', 'Costco Business Centre'),
  rule(/\bCOSTCO\b/, 'groceries', 'Costco'),
  rule(/\bIGA\b/, 'groceries', 'IGA'),
  rule(/\bMETRO (PLUS|INC)\b|^METRO\b/, 'groceries', 'Metro'),
  rule(/\bMAXI\b/, 'groceries', 'Maxi'),
  rule(/\bPROVIGO\b/, 'groceries', 'Provigo'),
  rule(/\bSUPER C\b/, 'groceries', 'Super C'),
  rule(/\bLOBLAWS\b/, 'groceries', 'Loblaws'),
  rule(/\bSOBEYS\b/, 'groceries', 'Sobeys'),
  rule(/\bFOOD BASICS\b/, 'groceries', 'Food Basics'),
  rule(/\bNO FRILLS\b/, 'groceries', 'No Frills'),
  rule(/\bFRESHCO\b/, 'groceries', 'FreshCo'),
  rule(/\bWALMART\b/, 'groceries', 'Walmart'),
  rule(/\bMARCHE JEAN-TALON\b/, 'groceries', 'Marché Jean-Talon'),
  rule(/\bCOUCHE-TARD\b/, 'groceries', 'Couche-Tard'),
  rule(/\bCIRCLE K\b/, 'groceries', 'Circle K'),
  rule(/\bSAQ\b/, 'groceries', 'SAQ'),
  rule(/\bLCBO\b/, 'groceries', 'LCBO'),
  rule(/\b(EPICERIE|FRUITERIE|BOULANGERIE|DEPANNEUR|MARCHE)\b/, 'groceries'),

  // Health.
  rule(/\bJEAN COUTU\b/, 'health', 'Jean Coutu'),
  rule(/\bPHARMAPRIX\b/, 'health', 'Pharmaprix'),
  rule(/\bSHOPPERS DRUG MART\b/, 'health', 'Shoppers Drug Mart'),
  rule(/\bUNIPRIX\b/, 'health', 'Uniprix'),
  rule(/\bFAMILIPRIX\b/, 'health', 'Familiprix'),
  rule(/\bREXALL\b/, 'health', 'Rexall'),
  rule(/\b(PHARMACIE|PHARMACY|CLINIQUE|CLINIC|DENTAIRE|DENTAL)\b/, 'health'),

  // Transport.
  rule(/\bUBER\b/, 'transport', 'Uber'),
  rule(/\bLYFT\b/, 'transport', 'Lyft'),
  rule(/\bSTM\b|\bCARTE OPUS\b/, 'transport', 'STM'),
  rule(/\bBIXI\b/, 'transport', 'BIXI'),
  rule(/\bCOMMUNAUTO\b/, 'transport', 'Communauto'),
  rule(/\bPRESTO\b/, 'transport', 'Presto'),
  rule(/\bSHELL\b/, 'transport', 'Shell'),
  rule(/\bPETRO-CANADA\b/, 'transport', 'Petro-Canada'),
  rule(/\bESSO\b/, 'transport', 'Esso'),
  rule(/\bULTRAMAR\b/, 'transport', 'Ultramar'),

  // Travel.
  rule(/\bAIR CANADA\b/, 'travel', 'Air Canada'),
  rule(/\bWESTJET\b/, 'travel', 'WestJet'),
  rule(/\bPORTER AIR/, 'travel', 'Porter'),
  rule(/\bDELTA AIR\b/, 'travel', 'Delta'),
  rule(/\bVIA RAIL\b/, 'travel', 'VIA Rail'),
  rule(/\bAIRBNB\b/, 'travel', 'Airbnb'),
  rule(/\bEXPEDIA\b/, 'travel', 'Expedia'),
  rule(/\b(HOTEL|MARRIOTT|HILTON)\b/, 'travel'),

  // Entertainment.
  rule(/\bCINEPLEX\b/, 'entertainment', 'Cineplex'),
  rule(/\bCINEMA BANQUE SCOTIA\b/, 'entertainment', 'Cinéma Banque Scotia'),
  rule(/\b(CINEMA|THEATRE|TICKETMASTER|EVENEMENTS)\b/, 'entertainment'),

  // Shopping.
  rule(/\bAMAZON\b/, 'shopping', 'Amazon'),
  rule(/\bDOLLARAMA\b/, 'shopping', 'Dollarama'),
  rule(/\bCANADIAN TIRE\b/, 'shopping', 'Canadian Tire'),
  rule(/\bSIMONS\b/, 'shopping', 'Simons'),
  rule(/\bINDIGO\b/, 'shopping', 'Indigo'),
  rule(/\bBEST BUY\b/, 'shopping', 'Best Buy'),
  rule(/\bIKEA\b/, 'shopping', 'IKEA'),
  rule(/\bWINNERS\b/, 'shopping', 'Winners'),
  rule(/\bHOME DEPOT\b/, 'shopping', 'Home Depot'),
  rule(/\bRONA\b/, 'shopping', 'Rona'),
  rule(/\bSEPHORA\b/, 'shopping', 'Sephora'),
  rule(/\bAPPLE STORE\b/, 'shopping', 'Apple Store'),

  // A business's suppliers.
  rule(/\b(SYSCO|FARINE FIVE ROSES|EMBALLAGES)\b/, 'business'),
];

export interface Categorization {
  merchant: string;
  category: CategoryKey;
}

/** The category and merchant name of a description; `amount` is signed (credit − debit). */
export function categorizeDescription(description: string, amount: number): Categorization {
  const text = normalizeText(description);
  const direction = amount > 0 ? 'in' : 'out';
  const found = RULES.find(
    (candidate) =>
      (candidate.direction === undefined || candidate.direction === direction) &&
      candidate.pattern.test(text),
  );
  const merchant = found?.merchant ?? cleanMerchantName(description);
  return { merchant, category: found?.category ?? 'other' };
}
