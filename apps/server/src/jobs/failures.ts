/**
 * What a person reads when a job fails: one sentence per code that says what happened and what to do. Codes
 * are FlinksCodes or ours; Flinks' own message is never shown (it is written for integrators).
 */
const MESSAGES: Record<string, string> = {
  DISABLED_LOGIN:
    "Your bank has disabled this login. Sign in on your bank's website to reactivate it, then connect again.",
  INVALID_LOGIN: 'Flinks no longer knows this bank connection. Remove it and connect your bank again.',
  LOGIN_UNKNOWN: 'Flinks no longer knows this bank connection. Connect your bank again to bring it back.',
  INVALID_USERNAME: 'Your bank did not accept the username. Connect again with your current sign-in details.',
  INVALID_PASSWORD: 'Your bank did not accept the password. Connect again with your current sign-in details.',
  ACCESS_DENIED: 'Your bank refused the sign-in. Connect again with your current sign-in details.',
  INVALID_SECURITY_RESPONSE:
    "An answer to your bank's security questions was not accepted. Refresh to try again.",
  QUESTION_NOT_FOUND: "Your bank's security questions changed while answering. Refresh to try again.",
  UNKNOWN_CHALLENGE_KEY: "Your bank's security questions changed while answering. Refresh to try again.",
  NEW_ACCOUNT:
    'Your bank needs you to act on its website first (for example, accept new terms). Then refresh.',
  DISABLED_INSTITUTION: 'This bank cannot be reached through Flinks at the moment. Try again another day.',
  RETRY_LATER: 'Your bank could not be reached. Try again later.',
  TOO_MANY_REQUESTS: 'Flinks is receiving too many requests. Try again in a few minutes.',
  AGGREGATION_ERROR: 'Flinks could not collect your data this time. Try again later.',
  CARD_IN_USE: 'Your bank connection is busy with another session. Try again in a few minutes.',
  CONCURRENT_SESSION: 'Your bank connection is busy with another session. Try again in a few minutes.',
  UNAUTHORIZED: 'Flinks refused our credentials. The app’s Flinks settings need attention.',
  SESSION_NONEXISTENT: 'The session with your bank kept expiring before the data was ready. Try again.',
  SESSION_EXPIRED: 'The session with your bank kept expiring before the data was ready. Try again.',
  NETWORK_ERROR: 'Flinks could not be reached. Try again later.',
  REQUEST_TIMEOUT: 'Flinks did not answer in time. Try again later.',
  HTTP_ERROR: 'Flinks answered with an error. Try again later.',
  MALFORMED_RESPONSE: 'Flinks sent an answer that could not be read. Try again later.',
  MFA_EXPIRED: "Your bank's security questions were not answered in time. Refresh when you are ready.",
  INTERNAL: 'Something went wrong on our side. Try again.',
  STORAGE_FULL: 'The server ran out of disk space, so your bank’s data could not be saved. Try again later.',
  ALREADY_LINKED: 'This bank login is linked already; it stays one link, shown here.',
};

function duration(ms: number): string {
  const [amount, unit] =
    ms >= 120_000 ? [Math.round(ms / 60_000), 'minute'] : [Math.round(ms / 1000), 'second'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

export function failureMessage(code: string, timeoutMs: number): string {
  if (code === 'TIMEOUT')
    return `Your bank did not deliver the data within ${duration(timeoutMs)}. Try again later.`;
  return MESSAGES[code] ?? `Flinks reported a problem (${code}). Try again later.`;
}
