/** What a test does at the emulator in a person's place, through Flinks' own API. */
import { createFlinksClient, type FlinksClient } from '@passbook/flinks';
import { SandboxControl, TOOLBOX } from '@passbook/flinks-sandbox';

/** A Flinks client of the emulator, with the credentials it accepts by default. */
export function emulatorClient(url: string): FlinksClient {
  return createFlinksClient({ apiUrl: url, ...TOOLBOX, pollIntervalMs: 50 });
}

/**
 * Answers a test user's security questions for the session a relaunch URL resumes: the same /Authorize call
 * Connect makes when the person submits the answers.
 */
export async function answerSecurityQuestions(url: string, username: string, connectUrl: string) {
  const requestId = new URL(connectUrl).searchParams.get('requestId');
  if (!requestId) throw new Error('the relaunch URL names no requestId');
  const user = (await new SandboxControl(url).users()).find((candidate) => candidate.username === username);
  if (!user || user.questions.length === 0) throw new Error(`${username} has no security questions`);
  const answers = Object.fromEntries(user.questions.map((question) => [question.prompt, [question.answer]]));
  const answered = await emulatorClient(url).authorize({ requestId, securityResponses: answers });
  if (answered.kind !== 'authorized') throw new Error('the answers were not accepted');
}
