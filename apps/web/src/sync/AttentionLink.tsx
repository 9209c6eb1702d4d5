/** The header's count of links that need the person, leading to the attention centre; nothing when none do. */
import { useLinks } from '../api/queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { AppLink } from '../ui/AppLink.tsx';
import { LockIcon } from '../ui/icons.tsx';
import { linksNeedingYou } from './attention.ts';

export function AttentionLink() {
  const { tn } = useI18n();
  const links = useLinks();
  const count = links.data ? linksNeedingYou(links.data).length : 0;
  if (count === 0) return null;
  return (
    <AppLink
      to="/attention"
      look="plain"
      className="inline-flex min-h-11 items-center gap-2 rounded-lg bg-warn-soft px-3 text-sm font-semibold text-warn ring-1 ring-amber-200"
    >
      <LockIcon className="size-4 shrink-0" />
      {/* On a phone the header has room for the number only; the whole sentence stays its name. */}
      <span className="sr-only sm:not-sr-only">{tn('attention.count', count)}</span>
      <span aria-hidden="true" className="sm:hidden">
        {count}
      </span>
    </AppLink>
  );
}
