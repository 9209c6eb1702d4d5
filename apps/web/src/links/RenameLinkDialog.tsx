import type { Link } from '@passbook/contracts';
import { useId, useRef, useState } from 'react';
import { useRenameLink } from '../api/queries.ts';
import { describeApiFailure } from '../errors/describe.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { announce } from '../ui/announcer.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { bankName } from './bankName.ts';

/** `label`: what the link is called where it stands, with what tells it apart from another of the same name. */
export function RenameLinkDialog({
  link,
  label,
  onClose,
}: {
  link: Link;
  label: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const rename = useRenameLink();
  const field = useRef<HTMLInputElement>(null);
  const fieldId = useId();
  const hintId = useId();
  const [name, setName] = useState(link.name ?? '');
  const bank = bankName(link, t);
  return (
    <Dialog
      title={t('link.renameTitle', { bank: label })}
      description={t('link.renameBody')}
      onClose={onClose}
      initialFocus={field}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (rename.isPending) return;
          const next = name.trim() || null;
          rename.mutate(
            { linkId: link.id, name: next },
            {
              onSuccess: () => {
                announce(t('link.renamed', { name: next ?? bank }));
                onClose();
              },
            },
          );
        }}
      >
        <label htmlFor={fieldId} className="text-sm font-medium text-slate-800">
          {t('link.renameField')}
        </label>
        <input
          ref={field}
          id={fieldId}
          value={name}
          maxLength={60}
          autoComplete="off"
          placeholder={bank}
          aria-describedby={hintId}
          onChange={(event) => setName(event.currentTarget.value)}
          className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 placeholder:text-slate-500"
        />
        <p id={hintId} className="mt-1 text-sm text-slate-600">
          {t('link.renameHint', { bank })}
        </p>
        {rename.isError ? (
          <ProblemMessage className="mt-4" problem={describeApiFailure(rename.error)} bank={bank} />
        ) : null}
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button type="button" variant="secondary" onClick={onClose}>
            {t('link.renameCancel')}
          </Button>
          <Button type="submit" busy={rename.isPending}>
            {t('link.renameSave')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
