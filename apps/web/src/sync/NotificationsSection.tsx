/**
 * Notifications on this device: off until the person turns them on here, and only then does the browser ask
 * for permission. Once on, they choose what to be told: a bank that needs them, new transactions from an
 * amount up.
 */
import type { NotificationSettings } from '@passbook/contracts';
import type { RouteBody } from '@passbook/contracts/contract';
import { routes } from '@passbook/contracts/routes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { request } from '../api/client.ts';
import { currentPushSubscription } from '../app/offline.ts';
import { describeApiFailure } from '../errors/describe.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { notificationsQuery } from './queries.ts';

function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

async function serviceWorker(): Promise<ServiceWorkerRegistration> {
  const registration =
    (await navigator.serviceWorker.getRegistration()) ?? (await navigator.serviceWorker.register('/sw.js'));
  await navigator.serviceWorker.ready;
  return registration;
}

export function NotificationsSection() {
  const { t } = useI18n();
  const headingId = useId();
  const info = useQuery(notificationsQuery());
  const [subscribed, setSubscribed] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  useEffect(() => {
    if (!pushSupported()) return setSubscribed(false);
    currentPushSubscription().then(
      (subscription) => setSubscribed(subscription !== null),
      () => setSubscribed(false),
    );
  }, []);

  return (
    <Card as="section" aria-labelledby={headingId} className="mt-10">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        {t('notifications.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('notifications.intro')}</p>
      {!pushSupported() ? (
        <p className="mt-3 text-sm text-slate-800">{t('notifications.unsupported')}</p>
      ) : info.isError ? (
        <ProblemMessage className="mt-3" problem={describeApiFailure(info.error)} />
      ) : info.data && !info.data.available ? (
        <p className="mt-3 text-sm text-slate-800">{t('notifications.unavailable')}</p>
      ) : info.data && subscribed !== null ? (
        <DeviceControls
          publicKey={info.data.publicKey ?? ''}
          settings={info.data.settings}
          subscribed={subscribed}
          onSubscribed={setSubscribed}
          problem={problem}
          onProblem={setProblem}
        />
      ) : null}
    </Card>
  );
}

function DeviceControls({
  publicKey,
  settings,
  subscribed,
  onSubscribed,
  problem,
  onProblem,
}: {
  publicKey: string;
  settings: NotificationSettings;
  subscribed: boolean;
  onSubscribed: (on: boolean) => void;
  problem: MessageKey | null;
  onProblem: (problem: MessageKey | null) => void;
}) {
  const { t, language } = useI18n();
  const turnOn = useMutation({
    mutationFn: async () => {
      onProblem(null);
      // The browser's question comes now, because the person just asked for notifications.
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') throw new Error('denied');
      const registration = await serviceWorker();
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: publicKey,
      });
      // The browser's JSON types its parts as optional; a subscription just made has them all.
      const json = subscription.toJSON() as RouteBody<'savePushSubscription'>['subscription'];
      await request(routes.savePushSubscription, { body: { subscription: json, language } });
    },
    onSuccess: () => onSubscribed(true),
    onError: (error) =>
      onProblem(error.message === 'denied' ? 'notifications.denied' : 'notifications.failed'),
  });
  const turnOff = useMutation({
    mutationFn: async () => {
      const subscription = await currentPushSubscription();
      if (subscription) {
        await request(routes.deletePushSubscription, { body: { endpoint: subscription.endpoint } });
        await subscription.unsubscribe();
      }
    },
    onSuccess: () => onSubscribed(false),
  });

  return (
    <div className="mt-4 space-y-4">
      {problem ? (
        <p role="alert" className="rounded-xl bg-danger-soft p-3 text-sm text-slate-900 ring-1 ring-red-200">
          {t(problem)}
        </p>
      ) : null}
      {subscribed ? (
        <>
          <p role="status" className="text-sm font-medium text-credit">
            {t('notifications.on')}
          </p>
          <SettingsForm settings={settings} />
          <Button variant="secondary" busy={turnOff.isPending} onClick={() => turnOff.mutate()}>
            {t('notifications.turnOff')}
          </Button>
        </>
      ) : (
        <Button busy={turnOn.isPending} onClick={() => turnOn.mutate()}>
          {t('notifications.turnOn')}
        </Button>
      )}
    </div>
  );
}

function SettingsForm({ settings }: { settings: NotificationSettings }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const needsYouId = useId();
  const transactionsId = useId();
  const amountId = useId();
  const [linkNeedsYou, setLinkNeedsYou] = useState(settings.linkNeedsYou);
  const [transactions, setTransactions] = useState(settings.transactionsAbove !== null);
  const [amount, setAmount] = useState(
    settings.transactionsAbove === null ? '100' : String(settings.transactionsAbove / 100),
  );
  const save = useMutation({
    mutationFn: (next: NotificationSettings) => request(routes.saveNotificationSettings, { body: next }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQuery().queryKey }),
  });
  const minor = Math.round(Number(amount.replace(',', '.')) * 100);
  const valid = !transactions || (Number.isFinite(minor) && minor >= 1);
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) save.mutate({ linkNeedsYou, transactionsAbove: transactions ? minor : null });
      }}
    >
      <div className="flex items-start gap-3">
        <input
          id={needsYouId}
          type="checkbox"
          checked={linkNeedsYou}
          onChange={(event) => setLinkNeedsYou(event.currentTarget.checked)}
          className="mt-1 size-5 shrink-0 accent-brand-700"
        />
        <label htmlFor={needsYouId} className="text-sm text-slate-800">
          {t('notifications.linkNeedsYou')}
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <input
          id={transactionsId}
          type="checkbox"
          checked={transactions}
          onChange={(event) => setTransactions(event.currentTarget.checked)}
          className="size-5 shrink-0 accent-brand-700"
        />
        <label htmlFor={transactionsId} className="text-sm text-slate-800">
          {t('notifications.transactions')}
        </label>
        <label htmlFor={amountId} className="sr-only">
          {t('notifications.amount')}
        </label>
        <input
          id={amountId}
          inputMode="decimal"
          lang={locale}
          value={amount}
          disabled={!transactions}
          aria-invalid={!valid}
          onChange={(event) => setAmount(event.currentTarget.value)}
          className="min-h-11 w-28 rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 disabled:bg-slate-100"
        />
      </div>
      {save.isError ? <ProblemMessage problem={describeApiFailure(save.error)} /> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" busy={save.isPending} disabled={!valid}>
          {t('notifications.save')}
        </Button>
        {save.isSuccess ? (
          <p role="status" className="text-sm text-credit">
            {t('notifications.saved')}
          </p>
        ) : null}
      </div>
    </form>
  );
}
