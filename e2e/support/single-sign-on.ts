/**
 * The OpenID provider's own pages, gone through as a person does: its sign-in form (any login and password;
 * the login becomes the person's subject there), then its consent screen, once per browser and client.
 */
import { expect, type Page } from '@playwright/test';
import { OIDC } from './env.ts';

export async function signInAtProvider(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${OIDC.issuer}/`));
  await expect(page.getByRole('heading', { name: 'Sign-in' })).toBeVisible();
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('a password of the provider');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Authorize' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
}

export const signInWithProvider = `Sign in with ${OIDC.name}`;
