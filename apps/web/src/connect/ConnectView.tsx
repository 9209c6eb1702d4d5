/**
 * The Connect screen: Flinks' own sign-in in an iframe, our step indicator beside it, and what happens
 * after it hands back a loginId (the link is saved and its retrieval job followed on the accounts page).
 * With a job id it resumes a refresh whose bank asked a security question.
 */
import type { Job } from '@passbook/contracts';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useConnectToken, useCreateLink, useJob, useLinks } from '../api/queries.ts';
import { describeApiFailure, describeFlinksCode } from '../errors/describe.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useTheme } from '../theme/theme.tsx';
import { Button } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import { LockIcon } from '../ui/icons.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { institutionName } from './institutionName.ts';
import { forgetPendingQuestion, pendingQuestion, rememberPendingQuestion } from './pendingQuestion.ts';
import { StepIndicator } from './StepIndicator.tsx';
import { CONNECT_STAGES, RESUMED_STAGES, useFlinksConnect } from './useFlinksConnect.ts';
import { useFrameLoaded } from './useFrameLoaded.ts';

export function ConnectView({ jobId }: { jobId: string | null }) {
  return jobId ? <AnswerSecurityQuestion jobId={jobId} /> : <ConnectSession job={null} />;
}

function AnswerSecurityQuestion({ jobId }: { jobId: string }) {
  const { t } = useI18n();
  const job = useJob(jobId);
  const navigate = useNavigate();
  // Seen asking on this page, then no more: the answer given moved the refresh on (its update can arrive before
  // Connect's own ending is handled), so the person goes back to their accounts, where it shows, rather than
  // being told it needs no answer.
  const asking = job.data?.state === 'mfa_required';
  const asked = useRef(false);
  if (asking) asked.current = true;
  const answered = asked.current && job.data !== undefined && !asking;
  useEffect(() => {
    if (answered) void navigate({ to: '/', replace: true });
  }, [answered, navigate]);
  if (job.isPending) return <Preparing />;
  if (job.isError) {
    return (
      <ConnectLayout title={t('connect.mfaTitle')}>
        <ProblemMessage problem={describeApiFailure(job.error)}>
          <Button onClick={() => void job.refetch()}>{t('action.tryAgain')}</Button>
          <Button variant="secondary" onClick={() => void navigate({ to: '/' })}>
            {t('app.backHome')}
          </Button>
        </ProblemMessage>
      </ConnectLayout>
    );
  }
  if (answered) return <Loading label={t('connect.saving')} />;
  if (!asking) {
    return (
      <ConnectLayout title={t('connect.mfaTitle')}>
        <p className="text-slate-700">{t('connect.mfaNotNeeded')}</p>
        <Button className="mt-4" onClick={() => void navigate({ to: '/', replace: true })}>
          {t('app.backHome')}
        </Button>
      </ConnectLayout>
    );
  }
  return <ConnectSession job={job.data} />;
}

function Preparing() {
  const { t } = useI18n();
  return <Loading label={t('connect.preparing')} />;
}

function ConnectLayout({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeading>{title}</PageHeading>
      {intro ? (
        <p className="mt-2 flex max-w-2xl gap-2 text-slate-700">
          <LockIcon className="mt-0.5 size-5 shrink-0 text-brand-700" />
          <span>{intro}</span>
        </p>
      ) : null}
      <div className="mt-6">{children}</div>
    </div>
  );
}

/**
 * Codes Connect answers on its own screen with a way to try again there (credentials, security answers): our
 * page adds nothing beside it. Any other error ends the session, and only our message is left.
 */
const RETRIED_IN_CONNECT = new Set([
  'INVALID_LOGIN',
  'INVALID_USERNAME',
  'INVALID_PASSWORD',
  'INVALID_SECURITY_RESPONSE',
  'QUESTION_NOT_FOUND',
  'UNKNOWN_CHALLENGE_KEY',
  'SECURITYRESPONSES_INCOMPLETE',
]);

/** One Connect session; `job` set means it resumes that refresh's security questions. */
function ConnectSession({ job }: { job: Job | null }) {
  const { t, language } = useI18n();
  const { theme } = useTheme();
  const navigate = useNavigate();
  const [attempt, setAttempt] = useState(0);
  const bank = useJobInstitution(job);

  // A first connection's question left open in this tab by a reload is reopened, once.
  const [openQuestion] = useState(() => (job ? null : pendingQuestion()));
  const resumedQuestion = attempt === 0 ? openQuestion : null;
  // Every opening mints its own URL: the one a job holds may have been opened already, here or in another tab.
  const token = useConnectToken(
    {
      language,
      theme,
      ...(job ? { jobId: job.id } : resumedQuestion ? { requestId: resumedQuestion } : {}),
    },
    attempt,
  );
  const connectUrl = token.data?.connectUrl ?? null;
  const connectOrigin = token.data?.connectOrigin ?? null;
  const steps = job ? RESUMED_STAGES : CONNECT_STAGES;

  const createLink = useCreateLink();
  const loginIdRef = useRef<string | null>(null);
  const saveLink = useCallback(
    (loginId: string) => {
      loginIdRef.current = loginId;
      forgetPendingQuestion();
      createLink.mutate(loginId, { onSuccess: () => void navigate({ to: '/', replace: true }) });
    },
    [createLink.mutate, navigate],
  );

  const connect = useFlinksConnect({
    connectUrl,
    connectOrigin,
    onSuccess: saveLink,
    firstStage: job || resumedQuestion ? 'mfa' : 'institution',
  });
  // Connect moves focus to its own heading as each of its screens appears, the first one included. When it
  // opens, reading should start from our title and the line saying what this frame is, with Connect next in
  // the tab order; its later screens follow the person's own actions inside it and keep their focus. The
  // browser may have scrolled the frame into view for that first focus: on a phone that hid our title and
  // Cancel, so the page goes back to its top.
  useEffect(() => {
    if (connect.shown && document.activeElement === connect.iframeRef.current) {
      document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
  }, [connect.shown, connect.iframeRef]);
  const frame = useFrameLoaded(connectUrl);

  // Closed, or stopped by an error Connect cannot retry itself: the session is over, and so is its frame.
  const ended =
    connect.closed || (connect.error !== null && !RETRIED_IN_CONNECT.has(connect.error.flinksCode));
  // Leaving the page within the app ends the question too; only a reload (which unmounts nothing) keeps it.
  useEffect(() => (job ? undefined : forgetPendingQuestion), [job]);
  useEffect(() => {
    if (job) return;
    if (ended) forgetPendingQuestion();
    else if (connect.questionRequestId) rememberPendingQuestion(connect.questionRequestId);
  }, [job, ended, connect.questionRequestId]);

  const restart = () => {
    forgetPendingQuestion();
    setAttempt((n) => n + 1);
  };
  const cancel = () => {
    forgetPendingQuestion();
    void navigate({ to: '/' });
  };
  const institution = institutionName(connect.institution) ?? bank;

  const title = job ? t('connect.mfaTitle') : t('connect.title');
  const intro = job ? t('connect.mfaIntro', { bank: bank ?? t('error.yourBank') }) : t('connect.intro');

  let panel: ReactNode;
  if (connect.done) {
    panel = createLink.isError ? (
      <ProblemMessage problem={describeApiFailure(createLink.error)} bank={institution}>
        <Button onClick={() => loginIdRef.current && saveLink(loginIdRef.current)}>
          {t('action.tryAgain')}
        </Button>
        <Button variant="secondary" onClick={cancel}>
          {t('app.backHome')}
        </Button>
      </ProblemMessage>
    ) : (
      <p role="status" className="flex items-center gap-3 rounded-xl bg-white p-6 text-slate-800 shadow-sm">
        <Spinner className="size-5 text-brand-700" />
        {t('connect.saving')}
      </p>
    );
  } else if (token.isError) {
    panel = (
      <ProblemMessage problem={describeApiFailure(token.error)} bank={institution}>
        <Button onClick={() => void token.refetch()}>{t('action.tryAgain')}</Button>
      </ProblemMessage>
    );
  } else if (connect.closed) {
    panel = (
      <div role="status" className="rounded-xl border border-slate-200 bg-white p-4 text-slate-800">
        <p className="font-semibold text-slate-900">
          {job ? t('connect.closedMfa.title') : t('connect.closed.title')}
        </p>
        <p className="mt-1">
          {job
            ? t('connect.closedMfa.body', { bank: bank ?? t('error.yourBank') })
            : t('connect.closed.body')}
        </p>
        <Button className="mt-3" onClick={restart}>
          {job ? t('connect.answerNow') : t('connect.restart')}
        </Button>
      </div>
    );
  } else if (ended && connect.error) {
    panel = (
      <ProblemMessage
        problem={describeFlinksCode(connect.error.flinksCode)}
        bank={institutionName(connect.error.institution) ?? institution}
      >
        <Button onClick={restart}>{job ? t('connect.answerNow') : t('connect.restart')}</Button>
      </ProblemMessage>
    );
  } else {
    panel = (
      <div className="space-y-4">
        {connect.offline ? (
          <p role="status" className="rounded-xl bg-warn-soft p-4 text-sm text-warn">
            {t('connect.offline')}
          </p>
        ) : null}
        <Card padding="none" className="relative overflow-hidden">
          {!frame.loaded ? (
            <div
              className="absolute inset-0 flex items-center justify-center gap-3 bg-white text-slate-700"
              role="status"
            >
              <Spinner className="size-5 text-brand-700" />
              {t('connect.preparing')}
            </div>
          ) : null}
          {connectUrl ? (
            <iframe
              ref={connect.iframeRef}
              src={connectUrl}
              title={t('connect.frameTitle')}
              onLoad={frame.onLoad}
              className="block h-[min(680px,calc(100dvh-15rem))] min-h-[560px] w-full border-0"
              allow="clipboard-write"
              referrerPolicy="no-referrer"
            />
          ) : (
            <div className="h-[min(680px,calc(100dvh-15rem))] min-h-[560px]" />
          )}
        </Card>
      </div>
    );
  }
  const offerCancel = !connect.done && !ended && !token.isError;

  return (
    <ConnectLayout title={title} intro={intro}>
      <div className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)] lg:gap-10">
        <aside className="space-y-6">
          <StepIndicator steps={steps} stage={connect.stage} />
          {/* Above the frame on a phone too: a way out stays in sight however tall Connect's screen is. */}
          {offerCancel ? (
            <Button variant="secondary" className="w-full" onClick={cancel}>
              {t('connect.cancel')}
            </Button>
          ) : null}
        </aside>
        <div className="min-w-0">{panel}</div>
      </div>
    </ConnectLayout>
  );
}

/** The bank a resumed job belongs to, read from the links already loaded. */
function useJobInstitution(job: Job | null): string | null {
  const links = useLinks().data;
  const link = job ? links?.find((candidate) => candidate.id === job.linkId) : undefined;
  return institutionName(link?.institution);
}
