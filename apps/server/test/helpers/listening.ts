import type { Database, NotificationHandlers } from '../../src/db/database.ts';

/** A database whose notifications the test sends by hand: `notify()` gives the listener's handlers. */
export function fakeDatabase() {
  let handlers: NotificationHandlers | null = null;
  const db = {
    listen: async (_channel: string, given: NotificationHandlers) => {
      handlers = given;
      given.onResumed();
      return async () => undefined;
    },
  } as unknown as Database;
  const notify = () => {
    if (!handlers) throw new Error('not listening');
    return handlers;
  };
  return { db, notify };
}
