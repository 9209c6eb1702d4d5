import { formatDateTime, formatRelative } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from './useNow.ts';

/** "5 minutes ago" inside a sentence, with the exact date and time on hover and for machines. */
export function RelativeTime({ iso, sentence }: { iso: string; sentence: (relative: string) => string }) {
  const { locale, t } = useI18n();
  const now = useNow(30_000);
  const recent = Math.abs(now - Date.parse(iso)) < 60_000;
  return (
    <time dateTime={iso} title={formatDateTime(iso, locale)}>
      {sentence(recent ? t('time.justNow') : formatRelative(iso, now, locale))}
    </time>
  );
}
