/**
 * A login's nightly refresh as the bank sees it. When the person changes their password at the bank, the
 * credentials Flinks holds stop working: the next nightly refresh fails with INVALID_PASSWORD (which
 * GetNightlyRefreshStatus then lists), and so does every live Authorize of that LoginId, until the person
 * connects again through Connect. A cached Authorize still answers with the last data Flinks has.
 */
import { FlinksFailure } from './errors.ts';
import type { Login } from './store.ts';

const CREDENTIALS_CHANGED = 'INVALID_PASSWORD';

/** The bank password changed: what tests do in the person's place (control surface). */
export function breakCredentials(login: Login): void {
  login.lastRefreshError = CREDENTIALS_CHANGED;
}

/** The failure a live Authorize of this login meets because its stored credentials no longer work. */
export function credentialsFailure(login: Login): FlinksFailure | null {
  return login.lastRefreshError === CREDENTIALS_CHANGED
    ? new FlinksFailure(CREDENTIALS_CHANGED, 'The password is invalid')
    : null;
}
