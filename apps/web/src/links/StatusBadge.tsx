import type { LinkStatus } from '@passbook/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { AlertIcon, CheckIcon, LockIcon, RefreshIcon } from '../ui/icons.tsx';

const STYLES: Record<LinkStatus, string> = {
  active: 'bg-credit-soft text-credit',
  pending: 'bg-brand-50 text-brand-800',
  needs_attention: 'bg-warn-soft text-warn',
  error: 'bg-danger-soft text-danger',
};

const ICONS: Record<LinkStatus, typeof CheckIcon> = {
  active: CheckIcon,
  pending: RefreshIcon,
  needs_attention: LockIcon,
  error: AlertIcon,
};

/** The link's status in words and an icon, so colour is never the only signal. */
export function StatusBadge({ status }: { status: LinkStatus }) {
  const { t } = useI18n();
  const Icon = ICONS[status];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-semibold ${STYLES[status]}`}
    >
      <Icon className="size-3.5" />
      {t(`link.status.${status}`)}
    </span>
  );
}
