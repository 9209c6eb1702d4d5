import { formatDateTime, formatRelative } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from './useNow.ts';

/** "5 minutes ago" inside a sentence, with the exact date and time on hover and for machines. */
export function RelativeTime({ iso, sentence }: { iso: string; sentence: (relative: string) => string }) {
  const { locale } = useI18n();
  const now = useNow(30_000);
  return (
    <time dateTime={iso} title={formatDateTime(iso, locale)}>
      {sentence(formatRelative(iso, now, locale))}
    </time>
  );
}
