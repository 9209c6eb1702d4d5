/*
 * The emulated Flinks Connect widget. Reads FLINKS.md §6's query parameters, walks the user through
 * institution, consent, credentials, security questions and account selection, and posts every step to the
 * parent window (targetOrigin '*', as Flinks does). It talks only to this emulator's /v2/api/… endpoints.
 */
(() => {
  const STRINGS = {
    en: {
      loading: 'Loading…',
      selectTitle: 'Select your institution',
      search: 'Search for your institution',
      noMatch: 'No institution matches your search.',
      unavailableTitle: '{institution} is not available',
      unavailableText: 'This sandbox connects to Flinks Capital only. Open Connect with demo=true to see it.',
      back: 'Back',
      consentTitle: 'Share your financial data',
      consentText:
        '{customer} would like to read your account balances, transactions and account holder details from your institution. You can revoke this access at any time.',
      thisApp: 'This app',
      consentStatements: {
        1: 'It will also receive your latest bank statement.',
        3: 'It will also receive your bank statements of the last 3 months.',
        12: 'It will also receive your bank statements of the last 12 months.',
      },
      terms: 'Terms and conditions',
      forgotPassword: 'Forgot your password?',
      resetPasswordText: 'Reset your password on your institution’s website, then sign in here.',
      help2faInfo: 'Why am I asked this?',
      help2faInfoText: 'Your institution asks a security question to confirm that it is really you.',
      help2faTroubleshooting: 'Having trouble?',
      help2faTroubleshootingText:
        'Check the answer you gave your institution. Answers ignore case and accents.',
      accountsTextMultiple: 'Select the accounts to share.',
      accept: 'Accept',
      decline: 'Decline',
      declinedTitle: 'You declined to share your data',
      declinedText: 'Nothing was shared. You can go back and accept later.',
      signInTitle: 'Sign in to {institution}',
      username: 'Username',
      password: 'Password',
      submit: 'Continue',
      connecting: 'Connecting…',
      badCredentials: 'The username or password is incorrect. Please try again.',
      mfaTitle: 'Security verification',
      mfaText: '{institution} needs to verify your identity.',
      badAnswer: 'That answer is incorrect. Please try again.',
      accountsTitle: 'Choose an account',
      accountsText: 'Select the account to share.',
      successTitle: 'Your account is connected',
      successText: 'You can now return to the app.',
      errorTitle: 'We could not connect your account',
      tryAgain: 'Try again',
      maxTitle: 'Too many attempts',
      maxText: 'You have reached the maximum number of attempts. Start again from the app later.',
      closedTitle: 'Connection cancelled',
      closedText: 'You closed the connection. Nothing was shared.',
      close: 'Close',
      fatalTitle: 'This connection link cannot be used',
      fatalText:
        'The authorization token is missing, invalid, expired or already used. Start the connection again from the app.',
      sessionText: 'This session has ended. Start the connection again from the app.',
      networkText: 'The connection to the server was lost. Please try again.',
      errors: {
        DISABLED_LOGIN: 'Your bank has disabled this login. Contact your bank, then try again.',
        RETRY_LATER: 'Your bank cannot be reached at the moment. Please try again later.',
      },
      genericError: 'Something went wrong ({code}).',
    },
    fr: {
      loading: 'Chargement…',
      selectTitle: 'Sélectionnez votre institution',
      search: 'Recherchez votre institution',
      noMatch: 'Aucune institution ne correspond à votre recherche.',
      unavailableTitle: "{institution} n'est pas disponible",
      unavailableText:
        "Ce bac à sable ne se connecte qu'à Flinks Capital. Ouvrez Connect avec demo=true pour la voir.",
      back: 'Retour',
      consentTitle: 'Partagez vos données financières',
      consentText:
        '{customer} souhaite lire les soldes, les transactions et les coordonnées du titulaire de vos comptes auprès de votre institution. Vous pouvez retirer cet accès en tout temps.',
      thisApp: 'Cette application',
      consentStatements: {
        1: 'Elle recevra aussi votre dernier relevé bancaire.',
        3: 'Elle recevra aussi vos relevés bancaires des 3 derniers mois.',
        12: 'Elle recevra aussi vos relevés bancaires des 12 derniers mois.',
      },
      terms: 'Conditions d’utilisation',
      forgotPassword: 'Mot de passe oublié?',
      resetPasswordText:
        'Réinitialisez votre mot de passe sur le site de votre institution, puis connectez-vous ici.',
      help2faInfo: 'Pourquoi cette question?',
      help2faInfoText: 'Votre institution pose une question de sécurité pour confirmer que c’est bien vous.',
      help2faTroubleshooting: 'Un problème?',
      help2faTroubleshootingText:
        'Vérifiez la réponse donnée à votre institution. Les majuscules et les accents sont ignorés.',
      accountsTextMultiple: 'Sélectionnez les comptes à partager.',
      accept: 'Accepter',
      decline: 'Refuser',
      declinedTitle: 'Vous avez refusé de partager vos données',
      declinedText: "Rien n'a été partagé. Vous pouvez revenir en arrière et accepter plus tard.",
      signInTitle: 'Connectez-vous à {institution}',
      username: "Nom d'utilisateur",
      password: 'Mot de passe',
      submit: 'Continuer',
      connecting: 'Connexion…',
      badCredentials: "Le nom d'utilisateur ou le mot de passe est incorrect. Veuillez réessayer.",
      mfaTitle: 'Vérification de sécurité',
      mfaText: '{institution} doit vérifier votre identité.',
      badAnswer: 'Cette réponse est incorrecte. Veuillez réessayer.',
      accountsTitle: 'Choisissez un compte',
      accountsText: 'Sélectionnez le compte à partager.',
      successTitle: 'Votre compte est connecté',
      successText: "Vous pouvez maintenant retourner à l'application.",
      errorTitle: "Nous n'avons pas pu connecter votre compte",
      tryAgain: 'Réessayer',
      maxTitle: 'Trop de tentatives',
      maxText:
        "Vous avez atteint le nombre maximal de tentatives. Recommencez plus tard à partir de l'application.",
      closedTitle: 'Connexion annulée',
      closedText: "Vous avez fermé la connexion. Rien n'a été partagé.",
      close: 'Fermer',
      fatalTitle: 'Ce lien de connexion ne peut pas être utilisé',
      fatalText:
        "Le jeton d'autorisation est absent, invalide, expiré ou déjà utilisé. Recommencez la connexion à partir de l'application.",
      sessionText: "Cette session est terminée. Recommencez la connexion à partir de l'application.",
      networkText: 'La connexion au serveur a été perdue. Veuillez réessayer.',
      errors: {
        DISABLED_LOGIN: 'Votre banque a désactivé cet accès. Communiquez avec elle, puis réessayez.',
        RETRY_LATER: 'Votre banque est injoignable pour le moment. Veuillez réessayer plus tard.',
      },
      genericError: 'Une erreur est survenue ({code}).',
    },
  };

  const DEMO_INSTITUTION = { code: 'FlinksCapital', name: 'Flinks Capital' };
  /** Shown for realism; the sandbox answers DISABLED_INSTITUTION for them. */
  const OTHER_INSTITUTIONS = [
    { code: 'RBC', name: 'RBC Royal Bank' },
    { code: 'TD', name: 'TD Canada Trust' },
    { code: 'BMO', name: 'BMO Bank of Montreal' },
    { code: 'Scotia', name: 'Scotiabank' },
    { code: 'CIBC', name: 'CIBC' },
    { code: 'Desjardins', name: 'Desjardins' },
    { code: 'National', name: 'National Bank' },
    { code: 'Tangerine', name: 'Tangerine' },
    { code: 'Laurentienne', name: 'Laurentian Bank' },
    { code: 'EQBank', name: 'EQ Bank' },
  ];

  // Parameter names are matched without regard to case, like Flinks' own.
  const params = new Map();
  for (const [key, value] of new URLSearchParams(window.location.search))
    params.set(key.toLowerCase(), value);
  const param = (name) => params.get(name.toLowerCase()) ?? null;
  const flag = (name) => (param(name) ?? '').toLowerCase() === 'true';
  /** Parameters Connect v2 turns on unless told `false` (consentEnable, headerEnable). */
  const flagOn = (name) => (param(name) ?? '').toLowerCase() !== 'false';
  /** `monthsOfStatements` as months (default Months3), for the consent screen's mention of statements. */
  const statementMonths = () =>
    ({ MostRecent: 1, Months3: 3, Months12: 12 })[param('monthsOfStatements')] ?? 3;

  const lang = (param('language') ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
  const t = STRINGS[lang];
  const maximumRetry = Number.parseInt(param('maximumRetry') ?? '', 10);

  const state = {
    connectId: null,
    institution: DEMO_INSTITUTION,
    failures: 0,
    credentialsShown: false,
    mfa: null,
    mfaShown: false,
    finished: false,
  };

  const app = document.getElementById('app');

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? '');
  }

  /** Posts an event to the parent, as a JSON string when `stringify=true`. */
  function post(event) {
    window.parent.postMessage(flag('stringify') ? JSON.stringify(event) : event, '*');
  }

  /** Builds an element; children are nodes or strings (always text, never HTML). */
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
      else if (name === 'text') element.textContent = value;
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) {
        element.append(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    }
    return element;
  }

  /** Shows a screen; absent parts (no alert, no search box) are null and left out, not written as "null". */
  function show(...nodes) {
    app.replaceChildren(...nodes.filter((node) => node !== null && node !== undefined));
    const heading = app.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }

  async function api(path, body) {
    const response = await fetch(`/v2/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return response.json();
  }

  function alertBox(message) {
    return message ? h('p', { class: 'alert', role: 'alert' }, message) : null;
  }

  function retriesExhausted() {
    return Number.isInteger(maximumRetry) && state.failures > maximumRetry;
  }

  // Screens --------------------------------------------------------------------------------------------------

  function showFatal(title, text) {
    show(h('h1', {}, title), h('p', { class: 'muted' }, text));
  }

  function showInstitutions() {
    const institutions = [...(flag('demo') ? [DEMO_INSTITUTION] : []), ...OTHER_INSTITUTIONS];
    const list = h('ul', { class: 'institutions' });
    const empty = h('p', { class: 'muted', hidden: true }, t.noMatch);
    const render = (query) => {
      const wanted = query.trim().toLowerCase();
      const shown = institutions.filter((institution) => institution.name.toLowerCase().includes(wanted));
      list.replaceChildren(
        ...shown.map((institution) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'institution', onclick: () => selectInstitution(institution) },
              h('span', { class: 'logo', 'aria-hidden': 'true' }, institution.name.slice(0, 1)),
              institution.name,
            ),
          ),
        ),
      );
      empty.hidden = shown.length > 0;
    };
    render('');
    const search = flag('institutionFilterEnable')
      ? h(
          'div',
          { class: 'field' },
          h('label', { for: 'search' }, t.search),
          h('input', {
            id: 'search',
            type: 'search',
            autocomplete: 'off',
            oninput: (event) => render(event.target.value),
          }),
        )
      : null;
    show(h('h1', {}, t.selectTitle), search, list, empty);
    post({ step: 'COMPONENT_LOAD_INSTITUTION_SELECTOR' });
  }

  function selectInstitution(institution) {
    post({ step: 'INSTITUTION_SELECTED', institution: institution.code });
    if (institution.code !== DEMO_INSTITUTION.code) {
      post({ step: 'DISABLED_INSTITUTION', institution: institution.code });
      show(
        h('h1', {}, format(t.unavailableTitle, { institution: institution.name })),
        h('p', { class: 'muted' }, t.unavailableText),
        h('button', { type: 'button', class: 'secondary', onclick: showInstitutions }, t.back),
      );
      return;
    }
    state.institution = institution;
    showCredentials(null);
  }

  /** Connect v2's first screen unless `consentEnable=false`, before the institution list. */
  function showConsent() {
    const termsUrl = param('termsUrl');
    show(
      h('h1', {}, t.consentTitle),
      h('p', {}, format(t.consentText, { customer: param('customerName') ?? t.thisApp })),
      flag('detailsAndStatementEnable') ? h('p', {}, t.consentStatements[statementMonths()]) : null,
      termsUrl
        ? h(
            'p',
            {},
            h(
              'a',
              {
                href: termsUrl,
                target: '_blank',
                rel: 'noopener noreferrer',
                onclick: () => post({ step: 'COMPONENT_CLICK_TERMS_URL' }),
              },
              t.terms,
            ),
          )
        : null,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            onclick: () => {
              post({ step: 'COMPONENT_ACCEPT_CONSENT' });
              post({ step: 'COMPONENT_ACCEPT_TERMS' });
              showInstitutions();
            },
          },
          t.accept,
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              post({ step: 'COMPONENT_DENY_CONSENT' });
              post({ step: 'COMPONENT_DENY_TERMS' });
              show(
                h('h1', {}, t.declinedTitle),
                h('p', { class: 'muted' }, t.declinedText),
                h('button', { type: 'button', class: 'secondary', onclick: showConsent }, t.back),
              );
            },
          },
          t.decline,
        ),
      ),
    );
    post({ step: 'COMPONENT_LOAD_CONSENT' });
  }

  function busy(form, busyText) {
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    button.textContent = busyText;
  }

  function showCredentials(error) {
    const form = h(
      'form',
      { novalidate: true },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'username' }, t.username),
        h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true }),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'password' }, t.password),
        h('input', {
          id: 'password',
          name: 'password',
          type: 'password',
          autocomplete: 'current-password',
          required: true,
        }),
      ),
      h('button', { type: 'submit', class: 'primary' }, t.submit),
    );
    // Shown once asked for, so that the screen holds only what the person has seen.
    const reset = h('div', {});
    const extras = h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () => {
            reset.replaceChildren(h('p', { class: 'muted' }, t.resetPasswordText));
            post({ step: 'COMPONENT_CLICK_RESET_PASSWORD', institution: state.institution.code });
          },
        },
        t.forgotPassword,
      ),
      flag('backEnable')
        ? h('button', { type: 'button', class: 'secondary', onclick: showInstitutions }, t.back)
        : null,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const username = form.elements.username.value;
      const password = form.elements.password.value;
      busy(form, t.connecting);
      post({ step: 'SUBMIT_CREDENTIAL', institution: state.institution.code });
      call('credentials', {
        institution: state.institution.code,
        username,
        password,
        tag: param('tag'),
        scheduleRefresh: flag('scheduleRefresh'),
        daysOfTransactions: param('daysOfTransactions'),
        detailsAndStatementEnable: flag('detailsAndStatementEnable'),
        monthsOfStatements: param('monthsOfStatements'),
      });
    });
    show(
      h('h1', {}, format(t.signInTitle, { institution: state.institution.name })),
      alertBox(error),
      form,
      extras,
      reset,
    );
    post({
      step: state.credentialsShown ? 'COMPONENT_LOAD_CREDENTIAL_RETRY' : 'COMPONENT_LOAD_CREDENTIAL',
      institution: state.institution.code,
    });
    state.credentialsShown = true;
  }

  function challengeField(challenge, index) {
    const id = `answer-${index}`;
    if (challenge.type === 'MultipleChoice' && challenge.choices.length > 0) {
      return h(
        'fieldset',
        { class: 'field' },
        h('legend', {}, challenge.prompt),
        challenge.choices.map((choice, choiceIndex) =>
          h(
            'label',
            { class: 'choice' },
            h('input', {
              type: 'radio',
              name: id,
              value: choice,
              required: choiceIndex === 0,
            }),
            choice,
          ),
        ),
      );
    }
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, challenge.prompt),
      h('input', { id, name: id, autocomplete: 'off', required: true }),
    );
  }

  function showMfa(error) {
    const { challenges, requestId } = state.mfa;
    const form = h(
      'form',
      { novalidate: true },
      challenges.map(challengeField),
      h('button', { type: 'submit', class: 'primary' }, t.submit),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const responses = {};
      challenges.forEach((challenge, index) => {
        const value = new FormData(form).get(`answer-${index}`);
        responses[challenge.prompt] = [typeof value === 'string' ? value : ''];
      });
      busy(form, t.connecting);
      post({ step: 'SUBMIT_MFA', institution: state.institution.code, requestId });
      call('mfa', { requestId, responses });
    });
    show(
      h('h1', {}, t.mfaTitle),
      h('p', { class: 'muted' }, format(t.mfaText, { institution: state.institution.name })),
      alertBox(error),
      form,
      flag('enhancedMFA') ? mfaHelp() : null,
    );
    post({
      step: state.mfaShown ? 'COMPONENT_LOAD_MFA_RETRY' : 'COMPONENT_LOAD_MFA',
      institution: state.institution.code,
      requestId,
      mfaTypes: [...new Set(challenges.map((challenge) => challenge.type))],
    });
    state.mfaShown = true;
  }

  /** enhancedMFA: help on why the question is asked and what to do when stuck, each posted when opened. */
  function mfaHelp() {
    const help = (label, text, step) => {
      const detail = h('div', {});
      const button = h(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () => {
            detail.replaceChildren(h('p', { class: 'muted' }, text));
            post({ step, institution: state.institution.code });
          },
        },
        label,
      );
      return h('div', {}, button, detail);
    };
    return h(
      'div',
      { class: 'help' },
      help(t.help2faInfo, t.help2faInfoText, 'COMPONENT_HELP2FA_INFO'),
      help(t.help2faTroubleshooting, t.help2faTroubleshootingText, 'COMPONENT_HELP2FA_TROUBLESHOOTING'),
    );
  }

  function showAccounts(login) {
    // Only operations accounts can be chosen, unless showAllAccounts says otherwise.
    const operations = flag('showAllAccounts')
      ? login.accounts
      : login.accounts.filter((account) => account.category === 'Operations');
    const multiple = flag('accountSelectorMultiple');
    const money = (account) =>
      new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', {
        style: 'currency',
        currency: account.currency,
      }).format(account.balance);
    const form = h(
      'form',
      { novalidate: true },
      h(
        'fieldset',
        { class: 'field accounts' },
        h('legend', {}, multiple ? t.accountsTextMultiple : t.accountsText),
        operations.map((account, index) =>
          h(
            'label',
            { class: 'choice account' },
            h('input', {
              type: multiple ? 'checkbox' : 'radio',
              name: 'account',
              value: account.id,
              checked: index === 0,
            }),
            h('span', { class: 'account-title' }, `${account.title} ${account.number}`),
            h('span', { class: 'account-balance' }, money(account)),
          ),
        ),
      ),
      h('button', { type: 'submit', class: 'primary' }, t.submit),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = new FormData(form).getAll('account').filter((id) => typeof id === 'string');
      if (chosen.length === 0) return;
      for (const accountId of chosen) post({ step: 'ACCOUNT_SELECTED', accountId });
      finish(login, chosen[0]);
    });
    show(h('h1', {}, t.accountsTitle), form);
    post({
      step: 'COMPONENT_LOAD_ACCOUNT_SELECTION',
      totalAccounts: login.accounts.length,
      displayedAccounts: operations.length,
    });
  }

  function showError(outcome) {
    const message = t.errors[outcome.flinksCode] ?? format(t.genericError, { code: outcome.flinksCode });
    show(
      h('h1', {}, t.errorTitle),
      h('p', { class: 'alert', role: 'alert' }, message),
      h('button', { type: 'button', class: 'primary', onclick: () => showCredentials(null) }, t.tryAgain),
    );
  }

  function showMaximumRetry() {
    post({ step: 'MAXIMUM_RETRY_REACHED', institution: state.institution.code });
    show(h('h1', {}, t.maxTitle), h('p', { class: 'muted' }, t.maxText));
  }

  // Flow -----------------------------------------------------------------------------------------------------

  async function call(path, body) {
    let outcome;
    try {
      outcome = await api(path, { connectId: state.connectId, ...body });
    } catch {
      showFatal(t.errorTitle, t.networkText);
      return;
    }
    if (outcome.result === 'authorized') connected(outcome);
    else if (outcome.result === 'challenged') {
      state.mfa = outcome;
      showMfa(null);
    } else failed(outcome);
  }

  function failed(outcome) {
    state.failures += 1;
    // Every handled error is also an event for the parent, as Connect v2 posts it.
    post({
      flinksCode: outcome.flinksCode,
      requestId: outcome.requestId ?? null,
      institution: outcome.institution ?? state.institution.code,
    });
    if (outcome.retry === 'credentials' || outcome.retry === 'mfa') {
      if (retriesExhausted()) showMaximumRetry();
      else if (outcome.retry === 'credentials') showCredentials(t.badCredentials);
      else showMfa(t.badAnswer);
      return;
    }
    if (outcome.flinksCode === 'SESSION_NONEXISTENT') showFatal(t.errorTitle, t.sessionText);
    else if (retriesExhausted()) showMaximumRetry();
    else showError(outcome);
  }

  function connected(login) {
    if (
      flag('accountSelectorEnable') &&
      login.accounts.some((account) => flag('showAllAccounts') || account.category === 'Operations')
    ) {
      showAccounts(login);
    } else {
      finish(login, null);
    }
  }

  /** `redirectUrl` with loginId, institution (and tag, accountId) appended to its query. */
  function redirectTarget(login, accountId) {
    const redirectUrl = param('redirectUrl');
    if (!redirectUrl) return null;
    const query = new URLSearchParams({ loginId: login.loginId, institution: login.institution });
    if (param('tag')) query.set('tag', param('tag'));
    if (accountId) query.set('accountId', accountId);
    return `${redirectUrl}${redirectUrl.includes('?') ? '&' : '?'}${query}`;
  }

  function finish(login, accountId) {
    state.finished = true;
    document.getElementById('close').hidden = true;
    const url = redirectTarget(login, accountId);
    show(h('h1', {}, t.successTitle), h('p', { class: 'muted' }, t.successText));
    post({
      step: 'REDIRECT',
      loginId: login.loginId,
      requestId: login.requestId,
      institution: login.institution,
      ...(accountId ? { accountId } : {}),
      ...(url ? { url } : {}),
    });
    if (!url) return;
    // Leave the parent a moment to receive the message before a top-level navigation unloads it.
    setTimeout(() => {
      if (flag('innerRedirect')) {
        window.location.assign(url);
        return;
      }
      try {
        window.top.location.href = url;
      } catch {
        window.open(url, '_top');
      }
    }, 150);
  }

  async function start() {
    document.documentElement.lang = lang;
    document.title =
      lang === 'fr' ? 'Flinks Connect — connexion bancaire' : 'Flinks Connect — bank connection';
    app.replaceChildren(h('p', { class: 'muted' }, t.loading));
    document.getElementById('header').hidden = !flagOn('headerEnable');
    if ((param('theme') ?? '').toLowerCase() === 'dark') document.documentElement.dataset.theme = 'dark';
    const close = document.getElementById('close');
    close.setAttribute('aria-label', t.close);
    close.hidden = !flag('closeEnable');
    close.addEventListener('click', () => {
      if (state.finished) return;
      post({ step: 'COMPONENT_CLOSE_SESSION' });
      state.finished = true;
      close.hidden = true;
      show(h('h1', {}, t.closedTitle), h('p', { class: 'muted' }, t.closedText));
    });
    window.addEventListener('online', () => post({ step: 'APP_ONLINE' }));
    window.addEventListener('offline', () => post({ step: 'APP_OFFLINE' }));
    post({ step: 'APP_MOUNTED' });

    const authorizeToken = param('authorizeToken');
    let started = null;
    if (authorizeToken) {
      try {
        started = await api('sessions', { authorizeToken, requestId: param('requestId') });
      } catch {
        started = null;
      }
    }
    if (!started || started.result === 'failed') {
      close.hidden = true;
      post({
        flinksCode: started?.flinksCode ?? 'UNAUTHORIZED',
        requestId: started?.requestId ?? null,
        institution: null,
      });
      showFatal(t.fatalTitle, started?.flinksCode === 'SESSION_NONEXISTENT' ? t.sessionText : t.fatalText);
      return;
    }
    state.connectId = started.connectId;
    if (started.resume) {
      state.mfa = started.resume;
      showMfa(null);
    } else if (flagOn('consentEnable')) {
      showConsent();
    } else {
      showInstitutions();
    }
  }

  start();
})();
