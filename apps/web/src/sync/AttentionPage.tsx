/**
 * The attention centre: every link that needs the person, each with what is wrong and the one thing to do,
 * so nothing that needs them is left inside a card they might not open.
 */
import type { Link } from '@passbook/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useLinks } from '../api/queries.ts';
import { describeApiFailure, describeFlinksCode, type Problem } from '../errors/describe.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { bankName } from '../links/bankName.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Button } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { linksNeedingYou } from './attention.ts';
import { NotificationsSection } from './NotificationsSection.tsx';

function problemOf(link: Link): Problem | null {
  const problem = link.health.problem;
  if (problem === null || problem.code === 'MFA_REQUIRED') return null;
  return describeFlinksCode(problem.code);
}

function NeedsYou({ link }: { link: Link }) {
  const { t } = useI18n();
  const bank = bankName(link, t);
  const job = link.activeJob;
  const problem = problemOf(link);
  const navigate = useNavigate();
  return (
    <Card as="li">
      <h2 className="text-lg font-semibold text-slate-900">{bank}</h2>
      {problem ? (
        <ProblemMessage className="mt-3" problem={problem} bank={bank}>
          <Button onClick={() => void navigate({ to: '/connect' })}>{t('action.reconnect')}</Button>
        </ProblemMessage>
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
