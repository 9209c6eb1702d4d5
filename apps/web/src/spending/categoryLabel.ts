import type { CategoryKey } from '@passbook/contracts';
import type { MessageKey } from '../i18n/en.ts';

/** A category's name in the page's language. */
export function categoryLabel(category: CategoryKey, t: (key: MessageKey) => string): string {
  return t(`category.${category}`);
}
