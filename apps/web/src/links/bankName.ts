import type { Link } from '@passbook/contracts';
import type { MessageKey } from '../i18n/en.ts';

/** The name to show for a link; a link still being set up may not know its institution yet. */
export function bankName(link: Pick<Link, 'institution'>, t: (key: MessageKey) => string): string {
  return link.institution.trim() || t('link.unnamed');
}
