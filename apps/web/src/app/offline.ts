/**
 * The service worker (public/sw.js): registered in a built app, so that Passbook installs, opens offline on
 * its last data, and receives push notifications. What it saved belongs to the person signed in; it goes when
 * they sign out, sign in as someone else or delete their account.
 */
import { loadDictionary } from '../i18n/i18n.tsx';

const DATA_CACHE = 'passbook-data';

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
    // The French words are a chunk of their own, kept by the worker as they are fetched: fetched once the
    // worker controls the page, so that switching language offline still finds them.
    void navigator.serviceWorker.ready.then(() => {
      if (navigator.serviceWorker.controller) void loadDictionary('fr').catch(() => undefined);
    });
  });
}

/** Deletes what the service worker kept of the API for this device's person. */
export async function clearOfflineData(): Promise<void> {
  if (!('caches' in window)) return;
  await caches.delete(DATA_CACHE).catch(() => false);
}

/** This device's push subscription, if it has one. */
export async function currentPushSubscription(): Promise<PushSubscription | null> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription()) ?? null;
}
