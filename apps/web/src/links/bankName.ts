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

/** The name a link goes by: the one the person gave it, or its bank's. */
export function linkName(link: Pick<Link, 'institution' | 'name'>, t: (key: MessageKey) => string): string {
  return link.name?.trim() || bankName(link, t);
}
