import type { Link } from '@passbook/contracts';
import { useRef } from 'react';
import { useDeleteLink } from '../api/queries.ts';
import { describeApiFailure } from '../errors/describe.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { announce } from '../ui/announcer.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { bankName } from './bankName.ts';

/** `stopsJob`: a retrieval is under way, and removing the link stops it. */
/** `label`: what the link is called where it stands, with what tells it apart from another of the same name. */
export function RemoveLinkDialog({
  link,
  label,
  stopsJob,
  onClose,
}: {
  link: Link;
  label: string;
  stopsJob: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const remove = useDeleteLink();
  const keep = useRef<HTMLButtonElement>(null);
  const removed = useRef(false);
  const bank = bankName(link, t);
  return (
    <Dialog
      title={t('link.removeTitle', { bank: label })}
      description={t('link.removeBody', { bank })}
      onClose={onClose}
      initialFocus={keep}
      returnFocus={() => (removed.current ? document.querySelector<HTMLElement>('main h1') : null)}
    >
      {stopsJob ? <p className="mb-4 text-sm text-slate-700">{t('link.removeStopsJob')}</p> : null}
      {remove.isError ? (
        <ProblemMessage className="mb-4" problem={describeApiFailure(remove.error)} bank={bank} />
      ) : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button ref={keep} variant="secondary" onClick={onClose}>
          {t('link.removeCancel')}
        </Button>
        <Button
          variant="danger"
          busy={remove.isPending}
          onClick={() =>
            remove.mutate(link.id, {
              onSuccess: () => {
                removed.current = true;
                announce(t('link.removed', { bank: label }));
                onClose();
              },
            })
          }
        >
          {remove.isPending ? t('link.removing') : t('link.removeConfirm', { bank: label })}
        </Button>
      </div>
    </Dialog>
  );
}
