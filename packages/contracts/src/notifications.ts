/** Web Push notifications: what a person asked to be told, and the subscription of each of their devices. */
import { z } from 'zod';
import { Language } from './api.ts';

export const NotificationSettings = z
  .object({
    /** A push when a link starts needing the person (sign in again, the bank's questions). */
    linkNeedsYou: z.boolean(),
    /**
     * A push when new transactions whose amount (either way) reaches this many minor units of their account's
     * currency arrive; null: never.
     */
    transactionsAbove: z.number().int().min(1).max(1_000_000_000_00).nullable(),
  })
  .strict();
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NotificationsResponse = z.object({
  /** False: this server has no VAPID keys, so it cannot send pushes. */
  available: z.boolean(),
  /** The VAPID public key (base64url) a browser subscribes with. */
  publicKey: z.string().nullable(),
  settings: NotificationSettings,
});
export type NotificationsResponse = z.infer<typeof NotificationsResponse>;

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/);

/** What `PushSubscription.toJSON()` gives, and the language the device's notifications are written in. */
export const SavePushSubscriptionRequest = z
  .object({
    subscription: z.object({
      endpoint: z.url({ protocol: /^https?$/ }).max(2048),
      expirationTime: z.number().nullable().optional(),
      keys: z.object({ p256dh: base64url.max(200), auth: base64url.max(100) }),
    }),
    language: Language,
  })
  .strict();
export type SavePushSubscriptionRequest = z.infer<typeof SavePushSubscriptionRequest>;

export const DeletePushSubscriptionRequest = z.object({ endpoint: z.url().max(2048) }).strict();
export type DeletePushSubscriptionRequest = z.infer<typeof DeletePushSubscriptionRequest>;
