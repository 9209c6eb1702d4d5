import type { Language } from '@passbook/contracts';
import type { Config } from '../config.ts';
import { STATEMENT_MONTHS } from '../statements/retrieve.ts';

/** Authorize tokens live 30 minutes at Flinks, 15 on some of its pages: we promise the shorter. */
export const AUTHORIZE_TOKEN_TTL_MS = 15 * 60_000;

/** Where Connect sends the frame when done: the web app's landing page, which reads nothing secret from it. */
export const CONNECT_RETURN_PATH = '/connect/return';

/**
 * The Connect page for one opening. It carries the single-use authorize token, and to resume a refresh's
 * security questions, that session's RequestId; never a user id, a LoginId or a credential of ours.
 */
export function buildConnectUrl(
  config: Pick<Config, 'flinks' | 'publicUrl'>,
  options: {
    authorizeToken: string;
    language?: Language | undefined;
    requestId?: string | undefined;
    theme?: 'light' | 'dark' | undefined;
  },
): string {
  const url = new URL(config.flinks.connectUrl);
  const params: Record<string, string> = {
    authorizeToken: options.authorizeToken,
    demo: String(config.flinks.connectDemo),
    redirectUrl: `${config.publicUrl}${CONNECT_RETURN_PATH}`,
    innerRedirect: 'true',
    language: options.language ?? 'en',
    consentEnable: 'true',
    closeEnable: 'true',
    headerEnable: 'false',
    institutionFilterEnable: 'true',
    daysOfTransactions: 'Days365',
    // Connect gathers a year of the bank's statements, which each retrieval then asks for (statements/).
    detailsAndStatementEnable: 'true',
    monthsOfStatements: STATEMENT_MONTHS,
  };
  if (options.requestId !== undefined) params.requestId = options.requestId;
  // Connect's light look is its default; it knows `theme=dark` only.
  if (options.theme === 'dark') params.theme = 'dark';
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}
