/**
 * The bank's monthly statements, asked for inside a retrieval's own Flinks session (the RequestId its
 * Authorize gave), just before its GetAccountsDetail and collected after it: one call and its polls, never a
 * session of their own, and prepared by Flinks while the accounts are.
 *
 * A statement as Flinks gives it carries no date, only its account's number, a UniqueId and the file. Flinks
 * answers the months asked for newest first, each the month before the next, starting from the last complete
 * month: the n-th statement of an account is taken for the n-th month before the one the retrieval runs in.
 */
import type {
  AccountsDetailResponse,
  FlinksClient,
  NumberOfStatements,
  StatementsResponse,
} from '@passbook/flinks';
import type { LoginIdVault } from '../crypto/login-id-vault.ts';
import { loopTurns } from '../jobs/turns.ts';

/** What Connect asks Flinks to gather (`monthsOfStatements`) and what GetStatements asks for: a year. */
export const STATEMENT_MONTHS: NumberOfStatements = 'Months12';
const MONTHS = 12;

export interface FetchedStatement {
  flinksAccountId: string;
  /** `YYYY-MM`. */
  period: string;
  sizeBytes: number;
  /** `LoginIdVault.sealStatement`'s bytes (a Uint8Array once passed to PGlite's thread). */
  pdfSealed: Uint8Array;
}

/** The `count` complete months before `now`'s, newest first, as `YYYY-MM` (UTC, as Flinks' dates are). */
export function statementPeriods(now: Date, count: number): string[] {
  const periods: string[] = [];
  for (let back = 1; back <= count; back++) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    periods.push(month.toISOString().slice(0, 7));
  }
  return periods;
}

/** What a statement's sealed PDF is bound to: its account (by link and Flinks Id) and its month. */
export function statementContext(linkId: string, flinksAccountId: string, period: string): string {
  return `statement ${linkId} ${flinksAccountId.toLowerCase()} ${period}`;
}

const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === '%PDF-';

/** Statements asked for: their answer already, or still being prepared by Flinks. */
export type StatementsRequested = { kind: 'ready'; answer: StatementsResponse } | { kind: 'pending' };

/**
 * Asks Flinks for the statements (POST GetStatements) without waiting for them: they are prepared while the
 * job retrieves the accounts, so that, once those are in (by polling or by webhook), one look at
 * GetStatementsAsync usually finds them ready.
 */
export async function requestStatements(
  flinks: FlinksClient,
  requestId: string,
  signal: AbortSignal,
): Promise<StatementsRequested> {
  const accepted = new AbortController();
  try {
    const answer = await flinks.getStatements(
      requestId,
      { numberOfStatements: STATEMENT_MONTHS },
      {
        signal: AbortSignal.any([signal, accepted.signal]),
        onPending: () => accepted.abort('accepted'),
      },
    );
    return { kind: 'ready', answer };
  } catch (error) {
    if (accepted.signal.aborted && !signal.aborted) return { kind: 'pending' };
    throw error;
  }
}

/**
 * The statements of the accounts of `answer`, sealed: matched to them by AccountNumber (a number two accounts
 * share, or none of them has, is skipped); a file that is not a PDF is skipped.
 */
export async function collectStatements(
  deps: { vault: LoginIdVault },
  linkId: string,
  result: StatementsResponse,
  answer: AccountsDetailResponse,
  now: Date,
): Promise<FetchedStatement[]> {
  const byNumber = new Map<string, string | null>();
  for (const account of answer.Accounts) {
    const number = account.AccountNumber?.trim();
    if (!number) continue;
    byNumber.set(number, byNumber.has(number) ? null : account.Id.toLowerCase());
  }
  // Sealing a year of PDFs takes a turn of the event loop of its own.
  await loopTurns.take('start');
  const periods = statementPeriods(now, MONTHS);
  const fetched: FetchedStatement[] = [];
  for (const entry of result.StatementsByAccount) {
    const flinksAccountId = byNumber.get(entry.AccountNumber?.trim() ?? '');
    if (!flinksAccountId) continue;
    entry.Statements.slice(0, MONTHS).forEach((statement, index) => {
      const period = periods[index];
      const pdf = Buffer.from(statement.Base64Bytes, 'base64');
      if (period === undefined || !isPdf(pdf)) return;
      fetched.push({
        flinksAccountId,
        period,
        sizeBytes: pdf.length,
        pdfSealed: deps.vault.sealStatement(pdf, statementContext(linkId, flinksAccountId, period)),
      });
    });
  }
  return fetched;
}
