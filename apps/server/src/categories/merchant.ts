/**
 * Bank descriptions as a person reads them: "INTERAC PURCHASE - COUCHE-TARD #523 MONTREAL QC" → "Couche-Tard".
 * Canadian banks wrap the merchant in a channel prefix (English or French), a store number and the city and
 * province; known merchants get their own spelling, others are cleaned and title-cased.
 */

/** Upper case, accents and punctuation runs folded, so "Hydro-Québec" and "HYDRO-QUEBEC" compare equal. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** How the money moved, said before the merchant; never part of its name. */
const CHANNEL_PREFIXES = [
  'INTERAC PURCHASE',
  'INTERAC E-TRANSFER SENT',
  'INTERAC E-TRANSFER RECEIVED',
  'INTERAC E-TRANSFER',
  'PRE-AUTHORIZED DEBIT',
  'PREAUTHORIZED DEBIT',
  'BILL PAYMENT',
  'POS PURCHASE',
  'DEBIT PURCHASE',
  'PURCHASE',
  'PAYROLL',
  'DIRECT DEPOSIT',
  'ACHAT INTERAC',
  'ACHAT PAR CARTE DE DEBIT',
  'ACHAT PAR CARTE',
  'ACHAT',
  'DEBIT PREAUTORISE',
  'PRELEVEMENT AUTOMATIQUE',
  'PRELEVEMENT',
  'PAIEMENT DE FACTURE',
  'VIREMENT INTERAC ENVOYE',
  'VIREMENT INTERAC RECU',
  'VIREMENT INTERAC',
  'DEPOT DIRECT',
  'PAIE',
];
const PREFIX = new RegExp(
  `^(?:${CHANNEL_PREFIXES.map((prefix) => prefix.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})\\s*[-:]\\s*`,
);

const PROVINCES = 'QC|ON|BC|AB|MB|SK|NS|NB|NL|PE|YT|NT|NU|WA|CA|NY|GA|TX|FL|IL|MA';
/** Cities seen at the end of descriptions; with its province code, the place is dropped from the name. */
const CITIES = [
  'MONTREAL',
  'LAVAL',
  'LONGUEUIL',
  'QUEBEC',
  'GATINEAU',
  'SHERBROOKE',
  'TROIS-RIVIERES',
  'TORONTO',
  'MISSISSAUGA',
  'OTTAWA',
  'WINNIPEG',
  'CALGARY',
  'EDMONTON',
  'VANCOUVER',
  'HALIFAX',
  'SEATTLE',
  'CUPERTINO',
  'SAN FRANCISCO',
  'ATLANTA',
  'NEW YORK',
];
const PLACE = new RegExp(`\\s+(?:(?:${CITIES.join('|')})\\s+)?(?:${PROVINCES})$`);
/** A city alone at the end is a place, unless it is part of a name ("Gouvernement du Québec"). */
const CITY_ALONE = new RegExp(`(?<!\\b(?:DU|DE|OF|LA|LE|CITY))\\s+(?:${CITIES.join('|')})$`);
/** Store and terminal numbers, card-network references and phone numbers. */
const REFERENCES = [
  /\s*#\s*\d+/g,
  /\*\S+/g,
  /\s+\d{3}-\d{3}-\d{4}/g,
  /\s+[A-Z]?\d[\dA-Z]{3,}(?=\s|$)/g,
  /\s+\d+(?=\s|$)/g,
];

/** Short all-capital words that are names of their own (SAQ, IGA) stay upper case. */
const KEEP_UPPER = new Set([
  'IGA',
  'SAQ',
  'STM',
  'BIXI',
  'VIA',
  'ATM',
  'GAB',
  'USD',
  'CAD',
  'POS',
  'A&W',
  'LCBO',
]);
const SMALL_WORDS = new Set([
  ...['DE', 'DU', 'DES', 'LA', 'LE', 'LES', 'ET', 'A', 'AU', 'AUX', 'POUR', 'VERS'],
  ...['OF', 'THE', 'AND', 'TO', 'FROM', 'FOR', 'AT', 'ON', 'IN'],
]);

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .split(' ')
    .map((word, index) => {
      const upper = word.toUpperCase();
      if (KEEP_UPPER.has(upper)) return upper;
      if (index > 0 && SMALL_WORDS.has(upper)) return word;
      return word.replace(/(^|[-'/.])(\p{L})/gu, (_, separator: string, letter: string) =>
        separator === "'" ? `${separator}${letter}` : `${separator}${letter.toUpperCase()}`,
      );
    })
    .join(' ');
}

/** The merchant part of a description, without channel, place or references, title-cased. */
export function cleanMerchantName(description: string): string {
  let text = normalizeText(description).replace(PREFIX, '');
  for (const pattern of REFERENCES) text = text.replace(pattern, '');
  text = text.replace(PLACE, '').replace(CITY_ALONE, '').replace(/\s+/g, ' ').trim();
  text = text.replace(/[\s,/-]+$/, '');
  return text === '' ? titleCase(description.trim()) : titleCase(text);
}
