/**
 * One connected bank: its status and freshness, the Refresh and Remove actions, the job in progress (or its
 * outcome), and its accounts grouped by kind.
 */
import type { Account, Job, Link } from '@passbook/contracts';
import { useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { AccountKind } from '../accounts/AccountKind.tsx';
import { accountGroup, groupAccounts } from '../accounts/grouping.ts';
import { isJobRunning, useJob, useRefreshLink } from '../api/queries.ts';
import { describeApiFailure, describeFlinksCode, type Problem } from '../errors/describe.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { JobProgress } from '../jobs/JobProgress.tsx';
import { claimArrival, claimAutomaticRelaunch, forgetJob, useTrackedJob } from '../jobs/trackedJobs.ts';
import { healthProblem } from '../sync/attention.ts';
import { NextSync } from '../sync/NextSync.tsx';
import { Amount } from '../ui/Amount.tsx';
import { AppLink } from '../ui/AppLink.tsx';
import { Button } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import {
  BankIcon,
  CheckIcon,
  ChevronRightIcon,
  LockIcon,
  PencilIcon,
  RefreshIcon,
  TrashIcon,
} from '../ui/icons.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { RelativeTime } from '../ui/RelativeTime.tsx';
import { bankName, linkName } from './bankName.ts';
import { StatusBadge } from './StatusBadge.tsx';

// Opened by a click, so loaded then: the accounts page paints without them.
const RemoveLinkDialog = lazy(() =>
  import('./RemoveLinkDialog.tsx').then((m) => ({ default: m.RemoveLinkDialog })),
);
const RenameLinkDialog = lazy(() =>
  import('./RenameLinkDialog.tsx').then((m) => ({ default: m.RenameLinkDialog })),
);

/**
 * `sameNameAsAnother`: another link goes by this name too, so this one's masked username (or, before it is
 * known, when it was added) is part of its name wherever it is named: its region and every control in it.
 */
export function LinkCard({ link, sameNameAsAnother = false }: { link: Link; sameNameAsAnother?: boolean }) {
  const { t, locale } = useI18n();
  const tracked = useTrackedJob(link.id);
  const jobId = link.activeJob?.id ?? tracked;
  const { data: job } = useJob(jobId, link.activeJob ?? undefined);
  const refresh = useRefreshLink();
  const navigate = useNavigate();
  const [removing, setRemoving] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const running = isJobRunning(job) || refresh.isPending;
  const headingId = `link-${link.id}`;
  const bank = bankName(link, t);
  const name = linkName(link, t);
  const added = t('link.added', { date: formatDateTime(link.createdAt, locale, true) });
  const label = sameNameAsAnother ? `${name} (${link.username ?? added})` : name;

  // A refresh started here that needs a security answer opens Connect by itself, once.
  useEffect(() => {
    if (job?.state === 'mfa_required' && job.id === tracked && claimAutomaticRelaunch(job.id)) {
      void navigate({ to: '/connect', search: { job: job.id } });
    }
  }, [job?.state, job?.id, tracked, navigate]);

  // The bank login just connected was this link already: the person is taken to it.
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (job?.error?.code === 'ALREADY_LINKED' && job.id === tracked && claimArrival(job.id)) {
      section.current?.scrollIntoView({ block: 'start' });
      section.current?.focus();
    }
  }, [job?.error?.code, job?.id, tracked]);

  const startRefresh = () => refresh.mutate(link.id);
  const reconnect = () => void navigate({ to: '/connect' });

  return (
    <Card
      as="section"
      padding="none"
      ref={section}
      tabIndex={-1}
      aria-label={label}
      className="focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-700"
    >
      <header className="flex flex-col gap-4 border-b border-slate-100 p-5 sm:flex-row sm:items-start sm:justify-between sm:p-6">
        <div className="flex min-w-0 gap-4">
          <span className="flex size-11 shrink-0 items-center justify-center rounded-xl bg-brand-50 text-brand-700">
            <BankIcon className="size-6" />
          </span>
          <div className="min-w-0">
            <h2 id={headingId} className="truncate text-lg font-semibold text-slate-900">
              {name}
            </h2>
            {link.name || link.username ? (
              <p className="text-sm break-words text-slate-600">
                {[
                  link.name ? bank : null,
                  link.username ? t('link.username', { username: link.username }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            ) : null}
            {sameNameAsAnother && !link.username ? <p className="text-sm text-slate-600">{added}</p> : null}
            <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
              <StatusBadge status={link.status} />
              <span>
                {link.lastRefreshAt ? (
                  <RelativeTime
                    iso={link.lastRefreshAt}
                    sentence={(when) => t('link.lastUpdated', { when })}
                  />
                ) : (
                  t('link.neverUpdated')
                )}
              </span>
              <NextSync link={link} />
            </div>
          </div>
        </div>
        <div className="flex shrink-0 gap-2">
          <Button
            variant="secondary"
            busy={running}
            icon={<RefreshIcon className="size-4" />}
            aria-label={
              !running
                ? t('link.refreshLabel', { bank: label })
                : job?.kind === 'link'
                  ? t('link.connectingLabel', { bank: label })
                  : t('link.refreshingLabel', { bank: label })
            }
            onClick={startRefresh}
          >
            {!running
              ? t('link.refresh')
              : job?.kind === 'link'
                ? t('link.connecting')
                : t('link.refreshing')}
          </Button>
          <Button
            variant="quiet"
            icon={<PencilIcon className="size-4" />}
            aria-label={t('link.renameLabel', { bank: label })}
            onClick={() => setRenaming(true)}
          >
            <span className="hidden sm:inline">{t('link.rename')}</span>
          </Button>
          <Button
            variant="quiet"
            icon={<TrashIcon className="size-4" />}
            aria-label={t('link.removeLabel', { bank: label })}
            onClick={() => setRemoving(true)}
          >
            <span className="hidden sm:inline">{t('link.remove')}</span>
          </Button>
        </div>
      </header>

      <div className="space-y-4 p-5 empty:hidden sm:px-6">
        {refresh.isError ? (
          <ProblemMessage problem={describeApiFailure(refresh.error)} bank={bank}>
            <Button onClick={startRefresh}>{t('action.tryAgain')}</Button>
          </ProblemMessage>
        ) : null}
        <JobOutcome link={link} job={job} tracked={tracked} onRetry={startRefresh} onReconnect={reconnect} />
      </div>

      <AccountGroups accounts={link.accounts} waiting={running || link.status === 'pending'} />

      <Suspense fallback={null}>
        {renaming ? <RenameLinkDialog link={link} label={label} onClose={() => setRenaming(false)} /> : null}
        {removing ? (
          <RemoveLinkDialog link={link} label={label} stopsJob={running} onClose={() => setRemoving(false)} />
        ) : null}
      </Suspense>
    </Card>
  );
}

function JobOutcome({
  link,
  job,
  tracked,
  onRetry,
  onReconnect,
}: {
  link: Link;
  job: Job | undefined;
  tracked: string | null;
  onRetry: () => void;
  onReconnect: () => void;
}) {
  const { t, tn } = useI18n();
  const navigate = useNavigate();
  const bank = bankName(link, t);
  const problemActions = (problem: Problem) =>
    problem.action === 'retry' ? (
      <Button onClick={onRetry}>{t('action.tryAgain')}</Button>
    ) : problem.action === 'reconnect' ? (
      <Button onClick={onReconnect}>{t('action.reconnect')}</Button>
    ) : null;

  if (job && isJobRunning(job)) return <JobProgress job={job} bank={bank} />;
  if (job?.state === 'mfa_required') {
    return (
      <div className="rounded-xl bg-warn-soft p-4 ring-1 ring-amber-200">
        <p className="flex gap-2 font-semibold text-warn" role="status">
          <LockIcon className="mt-0.5 size-5 shrink-0" />
          {t('job.state.mfa_required', { bank })}
        </p>
        <p className="mt-1 text-sm text-slate-800">{t('job.mfaExplain', { bank })}</p>
        <Button className="mt-3" onClick={() => void navigate({ to: '/connect', search: { job: job.id } })}>
          {t('job.answerMfa')}
        </Button>
      </div>
    );
  }
  if (job && job.id === tracked && job.state === 'succeeded') {
    const count = job.newTransactions ?? 0;
    const message =
      job.kind === 'link'
        ? t('job.linked', { bank })
        : count === 0
          ? t('job.newTransactions.none')
          : tn('job.newTransactions', count);
    return (
      <div className="flex items-center justify-between gap-3 rounded-xl bg-credit-soft px-4 py-3 text-credit">
        <p role="status" className="flex items-center gap-2 font-medium">
          <CheckIcon className="size-5 shrink-0" />
          {message}
        </p>
        <button
          type="button"
          className="rounded-md px-2 py-1 text-sm font-medium text-credit underline-offset-2 hover:underline"
          onClick={() => forgetJob(link.id)}
        >
          {t('action.dismiss')}
        </button>
      </div>
    );
  }
  if (job && job.id === tracked && job.error?.code === 'ALREADY_LINKED') {
    return (
      <div className="flex items-start justify-between gap-3 rounded-xl bg-brand-50 px-4 py-3 text-slate-900 ring-1 ring-brand-100">
        <div role="status">
          <p className="flex items-center gap-2 font-semibold text-brand-800">
            <CheckIcon className="size-5 shrink-0" />
            {t('link.alreadyLinked.title')}
          </p>
          <p className="mt-1 text-sm text-slate-800">{t('link.alreadyLinked.body', { bank })}</p>
        </div>
        <button
          type="button"
          className="rounded-md px-2 py-1 text-sm font-medium text-brand-800 underline-offset-2 hover:underline"
          onClick={() => forgetJob(link.id)}
        >
          {t('action.dismiss')}
        </button>
      </div>
    );
  }
  const failure =
    job && job.id === tracked && job.state === 'failed'
      ? job.error
      : link.status === 'error'
        ? link.lastError
        : null;
  const problem = failure ? describeFlinksCode(failure.code) : healthProblem(link);
  if (problem) {
    // The link's health says when the next scheduled sync tries again, for the problem it reports.
    const health = link.health.problem;
    const retryAt = health && health.code === problem.code ? health.retryAt : null;
    return (
      <ProblemMessage problem={problem} bank={bank} retryAt={retryAt}>
        {problemActions(problem)}
      </ProblemMessage>
    );
  }
  return null;
}

function AccountGroups({ accounts, waiting }: { accounts: Account[]; waiting: boolean }) {
  const { t } = useI18n();
  if (accounts.length === 0) {
    return waiting ? null : (
      <p className="px-5 pb-5 text-sm text-slate-600 sm:px-6">{t('link.noAccounts')}</p>
    );
  }
  return (
    <div className="space-y-5 px-2 pb-4 sm:px-3">
      {groupAccounts(accounts).map(({ group, accounts: members }) => (
        <div key={group}>
          <h3 className="px-3 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-600">
            {t(`group.${group}`)}
          </h3>
          <ul className="mt-1 divide-y divide-slate-100">
            {members.map((account) => (
              <li key={account.id}>
                <AccountRow account={account} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function AccountRow({ account }: { account: Account }) {
  const { t } = useI18n();
  const { current, available, limit } = account.balance;
  return (
    <AppLink
      to="/accounts/$accountId"
      params={{ accountId: account.id }}
      look="plain"
      className="group flex items-center gap-3 rounded-xl px-3 py-3 hover:bg-slate-50"
    >
      <div className="min-w-0 flex-1">
        <p className="font-medium break-words text-slate-900 group-hover:text-brand-700 group-hover:underline">
          {account.title}
        </p>
        <p className="mt-0.5 text-sm text-slate-600">
          <AccountKind account={account} />
        </p>
      </div>
      <div className="shrink-0 text-right">
        {current !== null ? (
          <p className="text-base font-semibold text-slate-900">
            <span className="sr-only">
              {accountGroup(account) === 'credit' ? t('account.owed') : t('account.current')}{' '}
            </span>
            <Amount minor={current} currency={account.currency} />
          </p>
        ) : null}
        {available !== null ? (
          <p className="text-xs text-slate-600">
            {t('account.available')} <Amount minor={available} currency={account.currency} />
          </p>
        ) : null}
        {limit !== null ? (
          <p className="text-xs text-slate-600">
            {t('account.limit')} <Amount minor={limit} currency={account.currency} />
          </p>
        ) : null}
      </div>
      <ChevronRightIcon className="size-5 shrink-0 text-slate-400 group-hover:text-brand-700" />
    </AppLink>
  );
}
