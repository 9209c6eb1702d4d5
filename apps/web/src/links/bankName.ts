import type { Link } from '@passbook/contracts';
import { institutionName } from '../connect/institutionName.ts';
import type { MessageKey } from '../i18n/en.ts';

/**
 * The name to show for a link. Flinks reports institutions by code ("FlinksCapital"), which is read as words;
 * a link still being set up may not know its institution yet.
 */
export function bankName(link: Pick<Link, 'institution'>, t: (key: MessageKey) => string): string {
  return institutionName(link.institution) ?? t('link.unnamed');
}
