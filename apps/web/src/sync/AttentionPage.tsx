/**
 * The attention centre: every link that needs the person, each with what is wrong and the one thing to do,
 * so nothing that needs them is left inside a card they might not open.
 */
import type { Link } from '@passbook/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { isJobRunning, useJob, useLinks, useRefreshLink } from '../api/queries.ts';
import { describeApiFailure, describeFlinksCode, type Problem } from '../errors/describe.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { claimAutomaticRelaunch, useTrackedJob } from '../jobs/trackedJobs.ts';
import { bankName } from '../links/bankName.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Button } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { linksNeedingYou } from './attention.ts';
import { NotificationsSection } from './NotificationsSection.tsx';

function problemOf(link: Link): Problem | null {
  const problem = link.health.problem;
  if (problem === null || problem.code === 'MFA_REQUIRED') return null;
  return describeFlinksCode(problem.code);
}

/**
 * Flinks' nightly refresh stopped at the bank's security question: only a live refresh asks it again, and
 * its question opens in Connect (see NeedsYou), where the person answers it.
 */
function NightlyQuestion({ link, bank }: { link: Link; bank: string }) {
  const { t } = useI18n();
  const refresh = useRefreshLink();
  const tracked = useTrackedJob(link.id);
  const { data: job } = useJob(tracked);
  const asking = refresh.isPending || (job !== undefined && isJobRunning(job));
  return (
    <div className="mt-3 rounded-xl bg-warn-soft p-4 ring-1 ring-amber-200">
      <p className="font-semibold text-warn">{t('attention.nightlyQuestion.title', { bank })}</p>
      <p className="mt-1 text-sm text-slate-800">{t('attention.nightlyQuestion.body', { bank })}</p>
      <Button className="mt-3" disabled={asking} onClick={() => refresh.mutate(link.id)}>
        {t('job.answerMfa')}
      </Button>
      {asking ? (
        <p role="status" className="mt-2 flex items-center gap-2 text-sm text-slate-800">
          <Spinner className="size-4 text-brand-700" />
          {t('attention.nightlyQuestion.asking', { bank })}
        </p>
      ) : null}
      {refresh.isError ? (
        <ProblemMessage className="mt-3" problem={describeApiFailure(refresh.error)} bank={bank} />
      ) : null}
    </div>
  );
}

function NeedsYou({ link }: { link: Link }) {
  const { t } = useI18n();
  const bank = bankName(link, t);
  const tracked = useTrackedJob(link.id);
  const { data: job } = useJob(link.activeJob?.id ?? tracked, link.activeJob ?? undefined);
  const problem = problemOf(link);
  const navigate = useNavigate();
  const nightlyQuestion =
    link.health.problem?.code === 'MFA_REQUIRED' && link.health.problem.source === 'nightly_refresh';

  // A refresh started here for the bank's question opens Connect on it by itself, once.
  useEffect(() => {
    if (job?.state === 'mfa_required' && job.id === tracked && claimAutomaticRelaunch(job.id)) {
      void navigate({ to: '/connect', search: { job: job.id } });
    }
  }, [job?.state, job?.id, tracked, navigate]);

  return (
    <Card as="li">
      <h2 className="text-lg font-semibold text-slate-900">{bank}</h2>
      {problem ? (
        <ProblemMessage className="mt-3" problem={problem} bank={bank}>
          <Button onClick={() => void navigate({ to: '/connect' })}>{t('action.reconnect')}</Button>
        </ProblemMessage>
      ) : nightlyQuestion && job?.state !== 'mfa_required' ? (
        <NightlyQuestion link={link} bank={bank} />
      ) : (
        <div className="mt-3 rounded-xl bg-warn-soft p-4 ring-1 ring-amber-200">
          <p className="font-semibold text-warn">{t('job.state.mfa_required', { bank })}</p>
          {job?.state === 'mfa_required' ? (
            <Button
              className="mt-3"
              onClick={() => void navigate({ to: '/connect', search: { job: job.id } })}
            >
              {t('job.answerMfa')}
            </Button>
          ) : null}
        </div>
      )}
    </Card>
  );
}

export function AttentionPage() {
  const { t } = useI18n();
  const links = useLinks();
  if (links.isPending) {
    return <Loading />;
  }
  const needing = links.data ? linksNeedingYou(links.data) : [];
  return (
    <>
      <PageHeading>{t('attention.title')}</PageHeading>
      {links.isError ? (
        <ProblemMessage className="mt-6" problem={describeApiFailure(links.error)}>
          <Button onClick={() => void links.refetch()}>{t('action.tryAgain')}</Button>
        </ProblemMessage>
      ) : needing.length === 0 ? (
        <p className="mt-4 text-slate-700">{t('attention.none')}</p>
      ) : (
        <>
          <p className="mt-3 text-slate-700">{t('attention.intro')}</p>
          <ul className="mt-6 space-y-4">
            {needing.map((link) => (
              <NeedsYou key={link.id} link={link} />
            ))}
          </ul>
        </>
      )}
      <NotificationsSection />
      <AppLink to="/" className="mt-8 inline-flex">
        {t('app.backHome')}
      </AppLink>
    </>
  );
}
