/**
 * The record of consent per bank (Consumer-Driven Banking Act, s. 91–92): when the person agreed, what
 * Passbook reads, the last fetch; and "stop sharing", whose consequence is said before confirming.
 */
import type { Consent } from '@passbook/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useDeleteLink } from '../api/queries.ts';
import { describeApiFailure } from '../errors/describe.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { bankName } from '../links/bankName.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { authKeys, useConsents } from './queries.ts';

export function ConsentSection({ className }: { className: string }) {
  const { t } = useI18n();
  const consents = useConsents();
  const list = consents.data?.consents ?? [];
  return (
    <section aria-labelledby="consents" className={className}>
      <h2 id="consents" className="text-lg font-semibold text-slate-900">
        {t('consent.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('consent.intro')}</p>
      {consents.isError ? (
        <ProblemMessage className="mt-4" problem={describeApiFailure(consents.error)} />
      ) : null}
      {consents.isSuccess && list.length === 0 ? (
        <p className="mt-4 text-slate-700">{t('consent.none')}</p>
      ) : null}
      <ul className="mt-4 divide-y divide-slate-200">
        {list.map((consent) => (
          <ConsentRow key={consent.linkId} consent={consent} />
        ))}
      </ul>
    </section>
  );
}

function ConsentRow({ consent }: { consent: Consent }) {
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const bank = bankName(consent, t);
  return (
    <li className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0 text-sm text-slate-700">
        <p className="text-base font-semibold text-slate-900">{bank}</p>
        <p>{t('consent.granted', { date: formatDateTime(consent.grantedAt, locale) })}</p>
        <p>{t('consent.reads')}</p>
        <p>
          {consent.lastFetchedAt
            ? t('consent.lastFetched', { date: formatDateTime(consent.lastFetchedAt, locale) })
            : t('consent.neverFetched')}
        </p>
        {consent.revokedAt ? (
          <p className="font-semibold text-slate-900">
            {t('consent.revoked', { date: formatDateTime(consent.revokedAt, locale) })}
          </p>
        ) : null}
      </div>
      {consent.revokedAt ? null : (
        <Button
          variant="secondary"
          className="shrink-0"
          aria-label={t('consent.stopNamed', { bank })}
          onClick={() => setConfirming(true)}
        >
          {t('consent.stop')}
        </Button>
      )}
      {confirming ? (
        <StopSharingDialog consent={consent} bank={bank} onClose={() => setConfirming(false)} />
      ) : null}
    </li>
  );
}

function StopSharingDialog({
  consent,
  bank,
  onClose,
}: {
  consent: Consent;
  bank: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const keep = useRef<HTMLButtonElement>(null);
  const queryClient = useQueryClient();
  const remove = useDeleteLink();
  return (
    <Dialog
      title={t('consent.stopTitle', { bank })}
      description={t('consent.stopBody', { bank })}
      onClose={onClose}
      initialFocus={keep}
    >
      {remove.isError ? <ProblemMessage className="mb-4" problem={describeApiFailure(remove.error)} /> : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button ref={keep} variant="secondary" onClick={onClose}>
          {t('consent.keep')}
        </Button>
        <Button
          variant="danger"
          busy={remove.isPending}
          onClick={() =>
            remove.mutate(consent.linkId, {
              onSuccess: async () => {
                await queryClient.invalidateQueries({ queryKey: authKeys.consents });
                onClose();
              },
            })
          }
        >
          {t('consent.stop')}
        </Button>
      </div>
    </Dialog>
  );
}
