/** "Next automatic update in 5 hours" beside a link's last update, when the link is on the schedule. */
import type { Link } from '@passbook/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { RelativeTime } from '../ui/RelativeTime.tsx';

export function NextSync({ link }: { link: Link }) {
  const { t } = useI18n();
  const next = link.health.nextSyncAt;
  if (next === null || link.health.needsYou) return null;
  return <RelativeTime iso={next} sentence={(when) => t('sync.next', { when })} />;
}
