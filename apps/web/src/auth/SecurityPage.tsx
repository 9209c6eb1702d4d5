/**
 * An account's security: its passkeys (add, rename, remove — never the last way in), its single sign-on
 * identity when the deployment has a provider (add, remove — never the last way in), the browsers signed in to it
 * (sign one out, or every other), the recent security events, the record of consent
 * per bank, and the person's data (export, deletion).
 */
import type { Identity, Passkey, SessionSummary } from '@passbook/contracts';
import { useSearch } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { describeApiFailure } from '../errors/describe.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from '../ui/Button.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { ConsentSection } from './ConsentSection.tsx';
import { DataSection } from './DataSection.tsx';
import { deviceName, passkeyProblem, signInErrorMessage } from './problems.ts';
import {
  useAddPasskey,
  useAttachIdentity,
  useAudit,
  useAuthSession,
  useEndSession,
  useIdentities,
  usePasskeys,
  useRemoveIdentity,
  useRemovePasskey,
  useRenamePasskey,
  useSessions,
  useSignOutOthers,
} from './queries.ts';

const sectionClass = 'mt-8 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6';

export function SecurityPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t('security.title')}</PageHeading>
      <p className="mt-2 text-slate-700">{t('security.intro')}</p>
      <Passkeys />
      <SingleSignOn />
      <Sessions />
      <Activity />
      <ConsentSection className={sectionClass} />
      <DataSection className={sectionClass} />
    </>
  );
}

function Passkeys() {
  const { t } = useI18n();
  const passkeys = usePasskeys();
  const identities = useIdentities();
  const provider = useAuthSession().data?.singleSignOn ?? null;
  const add = useAddPasskey();
  const list = passkeys.data?.passkeys ?? [];
  // An identity is another way in; until the list is known, the passkey is taken to be the only one.
  const others = identities.data?.identities.length ?? 0;
  return (
    <section aria-labelledby="passkeys" className={sectionClass}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="passkeys" className="text-lg font-semibold text-slate-900">
          {t('security.passkeys')}
        </h2>
        <Button variant="secondary" busy={add.isPending} onClick={() => add.mutate(undefined)}>
          {t('security.addPasskey')}
        </Button>
      </div>
      {add.isError ? (
        <p role="alert" className="mt-3 text-sm font-semibold text-danger">
          {t(passkeyProblem(add.error))}
        </p>
      ) : null}
      {passkeys.isPending ? <Loading className="mt-4 py-0" /> : null}
      {passkeys.isSuccess && list.length === 0 && provider ? (
        <p className="mt-4 text-sm text-slate-700">{t('security.noPasskeys', { name: provider.name })}</p>
      ) : null}
      {passkeys.isError ? (
        <ProblemMessage className="mt-4" problem={describeApiFailure(passkeys.error)} />
      ) : null}
      <ul className="mt-4 divide-y divide-slate-200">
        {list.map((passkey) => (
          <PasskeyRow key={passkey.id} passkey={passkey} only={list.length === 1 && others === 0} />
        ))}
      </ul>
    </section>
  );
}

function PasskeyRow({ passkey, only }: { passkey: Passkey; only: boolean }) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(passkey.name);
  const rename = useRenamePasskey();
  const remove = useRemovePasskey();
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate({ id: passkey.id, name }, { onSuccess: () => setEditing(false) });
  };
  return (
    <li className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between">
      {editing ? (
        <form onSubmit={submit} className="flex flex-1 flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor={inputId} className="block text-sm font-semibold text-slate-800">
              {t('security.renameLabel')}
            </label>
            <input
              id={inputId}
              value={name}
              maxLength={60}
              required
              onChange={(event) => setName(event.currentTarget.value)}
              className="mt-1 min-h-11 w-full rounded-lg border border-slate-300 px-3 text-slate-900"
            />
          </div>
          <Button type="submit" busy={rename.isPending}>
            {t('security.save')}
          </Button>
          <Button variant="quiet" onClick={() => setEditing(false)}>
            {t('security.cancel')}
          </Button>
        </form>
      ) : (
        <>
          <div className="min-w-0">
            <p className="font-semibold break-words text-slate-900">{passkey.name}</p>
            <p className="text-sm text-slate-700">
              {t('security.created', { date: formatDateTime(passkey.createdAt, locale) })} ·{' '}
              {passkey.lastUsedAt
                ? t('security.lastUsed', { date: formatDateTime(passkey.lastUsedAt, locale) })
                : t('security.neverUsed')}
            </p>
            {only ? <p className="mt-1 text-sm text-slate-700">{t('security.lastPasskey')}</p> : null}
          </div>
          <div className="flex shrink-0 gap-2">
            <Button
              variant="secondary"
              aria-label={t('security.renameNamed', { name: passkey.name })}
              onClick={() => setEditing(true)}
            >
              {t('security.rename')}
            </Button>
            {only ? null : (
              <Button
                variant="secondary"
                busy={remove.isPending}
                aria-label={t('security.removeNamed', { name: passkey.name })}
                onClick={() => remove.mutate(passkey.id)}
              >
                {t('security.remove')}
              </Button>
            )}
          </div>
        </>
      )}
      {rename.isError || remove.isError ? (
        <ProblemMessage problem={describeApiFailure(rename.error ?? remove.error)} />
      ) : null}
    </li>
  );
}

function SingleSignOn() {
  const { t } = useI18n();
  const session = useAuthSession();
  const identities = useIdentities();
  const passkeys = usePasskeys();
  const attach = useAttachIdentity();
  const returned = useSearch({ from: '/settings/security' }).signInError ?? null;
  const provider = session.data?.singleSignOn ?? null;
  const list = identities.data?.identities ?? [];
  if (provider === null) return null;
  const only = list.length === 1 && (passkeys.data?.passkeys.length ?? 0) === 0;
  return (
    <section aria-labelledby="single-sign-on" className={sectionClass}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="single-sign-on" className="text-lg font-semibold text-slate-900">
          {t('security.singleSignOn')}
        </h2>
        {identities.isSuccess && list.length === 0 ? (
          <Button variant="secondary" busy={attach.isPending} onClick={() => attach.mutate()}>
            {t('security.connectProvider', { name: provider.name })}
          </Button>
        ) : null}
      </div>
      <p className="mt-2 text-sm text-slate-700">
        {t('security.singleSignOnIntro', { name: provider.name })}
      </p>
      {returned !== null ? (
        <p role="alert" className="mt-3 text-sm font-semibold text-danger">
          {t(signInErrorMessage(returned), { name: provider.name })}
        </p>
      ) : null}
      {attach.isError ? (
        <p role="alert" className="mt-3 text-sm font-semibold text-danger">
          {t('auth.singleSignOnFailed', { name: provider.name })}
        </p>
      ) : null}
      {identities.isPending ? <Loading className="mt-4 py-0" /> : null}
      {identities.isError ? (
        <ProblemMessage className="mt-4" problem={describeApiFailure(identities.error)} />
      ) : null}
      <ul className="mt-4 divide-y divide-slate-200">
        {list.map((identity) => (
          <IdentityRow key={identity.id} identity={identity} only={only} />
        ))}
      </ul>
    </section>
  );
}

function IdentityRow({ identity, only }: { identity: Identity; only: boolean }) {
  const { t, locale } = useI18n();
  const remove = useRemoveIdentity();
  return (
    <li className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="font-semibold break-words text-slate-900">{identity.provider}</p>
        <p className="text-sm text-slate-700">
          {t('security.providerConnected', { name: identity.provider })}{' '}
          {t('security.created', { date: formatDateTime(identity.createdAt, locale) })}
        </p>
        {only ? <p className="mt-1 text-sm text-slate-700">{t('security.lastWayIn')}</p> : null}
      </div>
      {only ? null : (
        <Button variant="secondary" busy={remove.isPending} onClick={() => remove.mutate(identity.id)}>
          {t('security.removeProvider', { name: identity.provider })}
        </Button>
      )}
      {remove.isError ? <ProblemMessage problem={describeApiFailure(remove.error)} /> : null}
    </li>
  );
}

function Sessions() {
  const { t, tn } = useI18n();
  const sessions = useSessions();
  const others = useSignOutOthers();
  const list = sessions.data?.sessions ?? [];
  return (
    <section aria-labelledby="sessions" className={sectionClass}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="sessions" className="text-lg font-semibold text-slate-900">
          {t('security.sessions')}
        </h2>
        {list.length > 1 ? (
          <Button variant="secondary" busy={others.isPending} onClick={() => others.mutate(undefined)}>
            {t('security.signOutOthers')}
          </Button>
        ) : null}
      </div>
      {others.isSuccess ? (
        <p role="status" className="mt-3 text-sm text-slate-800">
          {tn('security.signedOutOthers', others.data.ended)}
        </p>
      ) : null}
      {sessions.isPending ? <Loading className="mt-4 py-0" /> : null}
      {sessions.isError ? (
        <ProblemMessage className="mt-4" problem={describeApiFailure(sessions.error)} />
      ) : null}
      <ul className="mt-4 divide-y divide-slate-200">
        {list.map((session) => (
          <SessionRow key={session.id} session={session} />
        ))}
      </ul>
    </section>
  );
}

function SessionRow({ session }: { session: SessionSummary }) {
  const { t, locale } = useI18n();
  const end = useEndSession();
  const device = deviceName(session.device, t);
  return (
    <li className="flex flex-col gap-2 py-4 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="font-semibold text-slate-900">
          {device}
          {session.current ? (
            <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">
              {t('security.thisBrowser')}
            </span>
          ) : null}
        </p>
        <p className="text-sm text-slate-700">
          {t('security.lastSeen', { date: formatDateTime(session.lastSeenAt, locale) })}
        </p>
      </div>
      {session.current ? null : (
        <Button
          variant="secondary"
          busy={end.isPending}
          aria-label={t('security.signOutSessionNamed', { device })}
          onClick={() => end.mutate(session.id)}
        >
          {t('security.signOutSession')}
        </Button>
      )}
    </li>
  );
}

function Activity() {
  const { t, locale } = useI18n();
  const audit = useAudit();
  const events = audit.data?.events ?? [];
  return (
    <section aria-labelledby="activity" className={sectionClass}>
      <h2 id="activity" className="text-lg font-semibold text-slate-900">
        {t('security.activity')}
      </h2>
      {audit.isPending ? <Loading className="mt-4 py-0" /> : null}
      {audit.isError ? <ProblemMessage className="mt-4" problem={describeApiFailure(audit.error)} /> : null}
      {audit.isSuccess && events.length === 0 ? (
        <p className="mt-4 text-slate-700">{t('security.noActivity')}</p>
      ) : null}
      {events.length > 0 ? (
        <table className="mt-4 w-full table-fixed text-left text-sm">
          <thead className="text-slate-700">
            <tr>
              <th scope="col" className="w-1/3 py-2 pr-2 font-semibold">
                {t('security.when')}
              </th>
              <th scope="col" className="w-1/3 py-2 pr-2 font-semibold">
                {t('security.what')}
              </th>
              <th scope="col" className="w-1/3 py-2 font-semibold">
                {t('security.from')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 text-slate-900">
            {events.map((event) => (
              <tr key={event.id}>
                <td className="py-2 pr-2 align-top break-words">{formatDateTime(event.createdAt, locale)}</td>
                <td className="py-2 pr-2 align-top break-words">{t(`audit.${event.event}`)}</td>
                <td className="py-2 align-top break-words">{deviceName(event.device, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
