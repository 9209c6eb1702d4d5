/**
 * The OpenID provider's own pages, gone through as a person does: its sign-in form (any login and password;
 * the login becomes the person's subject there), then its consent screen, once per browser and client.
 */
import { expect, type Page } from '@playwright/test';
import { OIDC } from './env.ts';
import { expectSignedIn } from './session.ts';

export async function signInAtProvider(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${OIDC.issuer}/`));
  await expect(page.getByRole('heading', { name: 'Sign-in' })).toBeVisible();
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('a password of the provider');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Authorize' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** The sign-in page's button that hands the person to the provider. */
export const SIGN_IN_WITH_PROVIDER = `Sign in with ${OIDC.name}`;

/** From the sign-in page the page shows, through the provider as `login`, back to Passbook signed in. */
export async function signInWithProvider(page: Page, login: string): Promise<void> {
  await page.getByRole('button', { name: SIGN_IN_WITH_PROVIDER }).click();
  await signInAtProvider(page, login);
  await expectSignedIn(page);
}
