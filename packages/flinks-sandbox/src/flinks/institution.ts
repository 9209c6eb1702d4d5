/** The toolbox's test institution and its test users (FLINKS.md §7), plus a few of our own. */
import type { DataProfile } from '../generator/generate.ts';
import { Random } from '../generator/random.ts';
import { FlinksFailure } from './errors.ts';

export const FLINKS_CAPITAL = { id: 14, name: 'FlinksCapital' } as const;

export type ChallengeType = 'QuestionAndAnswer' | 'MultipleChoice';

export interface SecurityQuestion {
  readonly type: ChallengeType;
  readonly prompt: string;
  readonly answer: string;
  readonly choices?: readonly string[];
}

/** The toolbox's security questions (Canada) and their answers. */
export const SECURITY_QUESTIONS: readonly SecurityQuestion[] = [
  { type: 'QuestionAndAnswer', prompt: 'What city were you born in?', answer: 'Montreal' },
  { type: 'QuestionAndAnswer', prompt: 'What is the best country on earth?', answer: 'Canada' },
  { type: 'QuestionAndAnswer', prompt: 'What shape do people like most?', answer: 'Triangle' },
];

const [CITY, COUNTRY, SHAPE] = SECURITY_QUESTIONS as [SecurityQuestion, SecurityQuestion, SecurityQuestion];

const SHAPE_CHOICE: SecurityQuestion = {
  type: 'MultipleChoice',
  prompt: SHAPE.prompt,
  answer: SHAPE.answer,
  choices: ['Circle', 'Square', 'Triangle', 'Hexagon'],
};

export type ProcessingSpeed = 'normal' | 'pending' | 'dispatched';

export type Behaviour =
  | { readonly kind: 'ok' }
  /** `asks: 'one'` draws one of the questions per session; `'all'` asks every one. */
  | { readonly kind: 'mfa'; readonly questions: readonly SecurityQuestion[]; readonly asks: 'one' | 'all' }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

export interface TestUser {
  readonly username: string;
  readonly password: string;
  readonly behaviour: Behaviour;
  readonly processing: ProcessingSpeed;
  readonly profile: DataProfile;
  readonly description: string;
}

const user = (
  username: string,
  behaviour: Behaviour,
  description: string,
  extra: Partial<TestUser> = {},
) => ({
  username,
  password: 'Everyday',
  behaviour,
  processing: 'normal' as ProcessingSpeed,
  profile: 'standard' as DataProfile,
  description,
  ...extra,
});

export const TEST_USERS: readonly TestUser[] = [
  user(
    'Greatday',
    { kind: 'mfa', questions: [CITY, COUNTRY, SHAPE], asks: 'one' },
    'MFA: one of three security questions per Authorize, drawn from its RequestId',
  ),
  user('greatday_nomfa', { kind: 'ok' }, 'no MFA'),
  user(
    'test_disabled_account',
    { kind: 'error', code: 'DISABLED_LOGIN', message: 'This login has been disabled by the institution' },
    '401 DISABLED_LOGIN',
  ),
  user(
    'test_service_unavailable',
    {
      kind: 'error',
      code: 'RETRY_LATER',
      message: 'The institution cannot be reached at the moment; retry later',
    },
    '401 RETRY_LATER',
  ),
  user('test_pending', { kind: 'ok' }, '202 OPERATION_PENDING for several polls, then data', {
    processing: 'pending',
  }),
  user('test_dispatched', { kind: 'ok' }, '202 OPERATION_DISPATCHED with a partial result, then data', {
    processing: 'dispatched',
  }),
  user(
    'test_mfa_all',
    { kind: 'mfa', questions: [CITY, COUNTRY, SHAPE], asks: 'all' },
    'MFA: all three security questions',
  ),
  user(
    'test_mfa_choice',
    { kind: 'mfa', questions: [SHAPE_CHOICE], asks: 'all' },
    'MFA: one multiple-choice question',
  ),
  user('test_large_history', { kind: 'ok' }, 'no MFA; a business account of more than 50,000 transactions', {
    profile: 'large',
  }),
  user('test_small_history', { kind: 'ok' }, 'no MFA; only the chequing account, with its last week', {
    profile: 'small',
  }),
];

/** Usernames are matched without regard to case, as the toolbox does. */
export function findTestUser(username: string): TestUser | undefined {
  // `greatday_nomfa+2` behaves like greatday_nomfa, as another person's login: tests give one user several.
  const wanted = username.trim().toLowerCase().replace(/\+.*$/, '');
  return TEST_USERS.find((candidate) => candidate.username.toLowerCase() === wanted);
}

/**
 * The questions a session of an MFA user is asked. The toolbox's Greatday asks one of its three per Authorize;
 * here the draw follows the RequestId, so that a test can know it (the control surface shows each session's).
 */
export function challengesOf(
  behaviour: Extract<Behaviour, { kind: 'mfa' }>,
  requestId: string,
): readonly SecurityQuestion[] {
  if (behaviour.asks === 'all') return behaviour.questions;
  return [new Random(`challenge:${requestId.toLowerCase()}`).pick(behaviour.questions)];
}

export function behaviourFailure(behaviour: Behaviour): FlinksFailure | null {
  return behaviour.kind === 'error' ? new FlinksFailure(behaviour.code, behaviour.message) : null;
}

/** Accepts the institution as Flinks names it, as displayed, or by id. */
export function isFlinksCapital(institution: unknown): boolean {
  if (typeof institution === 'number') return institution === FLINKS_CAPITAL.id;
  if (typeof institution !== 'string') return false;
  const name = institution.replace(/\s+/g, '').toLowerCase();
  return name === 'flinkscapital' || name === String(FLINKS_CAPITAL.id);
}

/** Answers compare without regard to case, accents or surrounding spaces ("Montréal" answers "Montreal"). */
export function sameAnswer(given: string, expected: string): boolean {
  const normalise = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .trim()
      .toLowerCase();
  return normalise(given) === normalise(expected);
}
