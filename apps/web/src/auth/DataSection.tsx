/**
 * Leaving with one's data and going: the whole export (JSON), each account's transactions (CSV), and the
 * deletion of the account, with what it does said before confirming.
 */
import { routes } from '@passbook/contracts/routes';
import { useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { routeHref } from '../api/client.ts';
import { useLinks } from '../api/queries.ts';
import { describeApiFailure } from '../errors/describe.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { rememberDeletion } from './deletion.ts';
import { useDeleteAccount } from './queries.ts';

export function DataSection({ className }: { className: string }) {
  const { t } = useI18n();
  const links = useLinks();
  const [confirming, setConfirming] = useState(false);
  const accounts = (links.data ?? []).flatMap((link) => link.accounts);
  return (
    <section aria-labelledby="your-data" className={className}>
      <h2 id="your-data" className="text-lg font-semibold text-slate-900">
        {t('data.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('data.intro')}</p>
      <ul className="mt-4 flex flex-col gap-2">
        <li>
          <a href={routes.exportAccount.path} download className="font-semibold text-brand-700 underline">
            {t('data.exportAll')}
          </a>
        </li>
        {accounts.map((account) => (
          <li key={account.id}>
            <a
              href={routeHref(routes.transactionsCsv, { params: { id: account.id } })}
              download
              className="font-semibold break-words text-brand-700 underline"
            >
              {t('data.csvOf', { account: account.title })}
            </a>
          </li>
        ))}
      </ul>
      <Button variant="danger" className="mt-6" onClick={() => setConfirming(true)}>
        {t('data.delete')}
      </Button>
      {confirming ? <DeleteAccountDialog onClose={() => setConfirming(false)} /> : null}
    </section>
  );
}

function DeleteAccountDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const keep = useRef<HTMLButtonElement>(null);
  const navigate = useNavigate();
  const remove = useDeleteAccount(({ removed }) => {
    rememberDeletion(removed);
    void navigate({ to: '/' });
  });
  return (
    <Dialog
      title={t('data.deleteTitle')}
      description={t('data.deleteBody')}
      onClose={onClose}
      initialFocus={keep}
    >
      {remove.isError ? <ProblemMessage className="mb-4" problem={describeApiFailure(remove.error)} /> : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button ref={keep} variant="secondary" onClick={onClose}>
          {t('data.keep')}
        </Button>
        <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate(undefined)}>
          {t('data.confirmDelete')}
        </Button>
      </div>
    </Dialog>
  );
}
