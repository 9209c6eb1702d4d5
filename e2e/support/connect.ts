/**
 * Driving Flinks Connect as a person does: inside the iframe our Connect page embeds, by the labels the
 * emulator's page shows (English or French), and through our own page's links and buttons around it.
 */
import { expect, type FrameLocator, type Page } from '@playwright/test';

export type Language = 'en' | 'fr';

/** What our page and Connect's page call things, in each language. */
export const WORDS = {
  en: {
    connectBank: 'Connect a bank',
    frameTitle: 'Secure bank sign-in by Flinks',
    dashboard: 'Your accounts',
    institution: 'Flinks Capital',
    accept: 'Accept',
    username: 'Username',
    password: 'Password',
    submit: 'Continue',
    signInTitle: 'Sign in to Flinks Capital',
    mfaTitle: 'Security verification',
  },
  fr: {
    connectBank: 'Connecter une banque',
    frameTitle: 'Connexion bancaire sécurisée par Flinks',
    dashboard: 'Vos comptes',
    institution: 'Flinks Capital',
    accept: 'Accepter',
    username: "Nom d'utilisateur",
    password: 'Mot de passe',
    submit: 'Continuer',
    signInTitle: 'Connectez-vous à Flinks Capital',
    mfaTitle: 'Vérification de sécurité',
  },
} as const;

/** The toolbox's security questions and their answers (FLINKS.md §7). */
export const SECURITY_ANSWERS: Record<string, string> = {
  'What city were you born in?': 'Montreal',
  'What is the best country on earth?': 'Canada',
  'What shape do people like most?': 'Triangle',
};

export const PASSWORD = 'Everyday';

export function connectFrame(page: Page, language: Language = 'en'): FrameLocator {
  return page.frameLocator(`iframe[title="${WORDS[language].frameTitle}"]`);
}

/** From the accounts page (empty or not) to Connect's first screen, its consent. */
export async function startConnect(page: Page, language: Language = 'en'): Promise<FrameLocator> {
  const words = WORDS[language];
  await page
    .getByRole('link', { name: new RegExp(`^${words.connectBank}$|another|autre`, 'i') })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: words.connectBank })).toBeVisible();
  const frame = connectFrame(page, language);
  await expect(frame.getByRole('button', { name: words.accept })).toBeVisible();
  return frame;
}

/** From the accounts page through Connect's consent screen, which v2 shows first, to its institution list. */
export async function openConnect(page: Page, language: Language = 'en'): Promise<FrameLocator> {
  const frame = await startConnect(page, language);
  await acceptConsent(frame, language);
  return frame;
}

/** Accepts the consent screen a new Connect session opens with, which leads to the institution list. */
export async function acceptConsent(frame: FrameLocator, language: Language = 'en'): Promise<void> {
  const words = WORDS[language];
  await frame.getByRole('button', { name: words.accept }).click();
  await expect(frame.getByRole('button', { name: words.institution })).toBeVisible();
}

/** Picks Flinks Capital, which opens its sign-in screen. */
export async function chooseInstitution(frame: FrameLocator, language: Language = 'en'): Promise<void> {
  const words = WORDS[language];
  await frame.getByRole('button', { name: words.institution }).click();
  await expect(frame.getByRole('heading', { name: words.signInTitle })).toBeVisible();
}

export async function submitCredentials(
  frame: FrameLocator,
  username: string,
  password = PASSWORD,
  language: Language = 'en',
): Promise<void> {
  const words = WORDS[language];
  await frame.getByLabel(words.username).fill(username);
  await frame.getByLabel(words.password).fill(password);
  await frame.getByRole('button', { name: words.submit }).click();
}

/** Answers every question shown (text fields by their label, multiple choice by the right radio). */
export async function answerSecurityQuestions(frame: FrameLocator, language: Language = 'en'): Promise<void> {
  const words = WORDS[language];
  await expect(frame.getByRole('heading', { name: words.mfaTitle })).toBeVisible();
  let answered = 0;
  for (const [question, answer] of Object.entries(SECURITY_ANSWERS)) {
    const field = frame.getByRole('textbox', { name: question, exact: true });
    if ((await field.count()) > 0) {
      await field.fill(answer);
      answered += 1;
      continue;
    }
    const group = frame.getByRole('group', { name: question });
    if ((await group.count()) > 0) {
      await group.getByRole('radio', { name: answer }).check();
      answered += 1;
    }
  }
  expect(answered, 'Connect shows at least one known security question').toBeGreaterThan(0);
  await frame.getByRole('button', { name: words.submit }).click();
}

/**
 * Links a sandbox user from the accounts page through Connect, and waits until the bank's accounts are on
 * the accounts page. Answers the security questions when Connect asks.
 */
export async function linkBank(
  page: Page,
  username: string,
  options: { language?: Language; mfa?: boolean } = {},
): Promise<void> {
  const language = options.language ?? 'en';
  const frame = await openConnect(page, language);
  await chooseInstitution(frame, language);
  await submitCredentials(frame, username, PASSWORD, language);
  if (options.mfa) await answerSecurityQuestions(frame, language);
  await expect(page.getByRole('heading', { level: 1, name: WORDS[language].dashboard })).toBeVisible();
  await waitForAccounts(page);
}

/**
 * The accounts of the (only) linked bank are listed, i.e. its first retrieval finished. `timeout` is for a
 * bank that is slow on purpose (one that answers "not ready yet" to several polls).
 */
export async function waitForAccounts(page: Page, options: { timeout?: number } = {}): Promise<void> {
  await expect(page.getByRole('link', { name: /Chequing CAD/ })).toBeVisible(options);
}
