/** What a test does at the emulator in a person's place, through Flinks' own API. */
import { createFlinksClient, type FlinksClient } from '@passbook/flinks';
import { SandboxControl, TOOLBOX } from '@passbook/flinks-sandbox';

/** A Flinks client of the emulator, with the credentials it accepts by default. */
export function emulatorClient(url: string): FlinksClient {
  return createFlinksClient({ apiUrl: url, ...TOOLBOX, pollIntervalMs: 50 });
}

/**
 * Answers the security questions of the session a relaunch URL resumes (the emulator's control surface knows
 * which it asked): the same /Authorize call Connect makes when the person submits the answers. The session was
 * opened with `loginId`, which Flinks' 200 to the answers does not repeat.
 */
export async function answerSecurityQuestions(url: string, connectUrl: string, loginId: string) {
  const requestId = new URL(connectUrl).searchParams.get('requestId');
  if (!requestId) throw new Error('the relaunch URL names no requestId');
  const answers = await new SandboxControl(url).answersFor(requestId);
  if (Object.keys(answers).length === 0) throw new Error('the session asked no security questions');
  const answered = await emulatorClient(url).authorize({ requestId, securityResponses: answers, loginId });
  if (answered.kind !== 'authorized') throw new Error('the answers were not accepted');
}
