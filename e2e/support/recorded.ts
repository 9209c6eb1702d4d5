/**
 * The states a region of the page passes through, recorded in the page as they are shown: a state the app
 * shows for a few seconds (a retrieval's progress) is then checked after the fact, however slowly the test
 * itself runs beside a busy machine, instead of only when a live look happens to fall inside it.
 */
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    passbookRecorded?: string[];
  }
}

/** Starts recording, from the next page load, the element labelled `label` each time it changes. */
export async function recordRegion(page: Page, label: string): Promise<{ shown: () => Promise<string[]> }> {
  await page.addInitScript((wanted) => {
    if (window.top !== window) return;
    const shown: string[] = [];
    window.passbookRecorded = shown;
    new MutationObserver(() => {
      const html = document.querySelector(`[aria-label="${CSS.escape(wanted)}"]`)?.outerHTML;
      if (html !== undefined && shown.at(-1) !== html) shown.push(html);
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  }, label);
  return { shown: () => page.evaluate(() => window.passbookRecorded ?? []) };
}

/** One recorded state, alone in a page of the same context, for the usual locators and assertions. */
export async function openRecorded(page: Page, html: string): Promise<Page> {
  const replay = await page.context().newPage();
  await replay.setContent(`<main>${html}</main>`);
  return replay;
}
