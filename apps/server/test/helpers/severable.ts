import { type Database, performAsTransaction } from '../../src/db/database.ts';

/**
 * A database handle an instance can lose at once, as a process does when it dies: once `sever()` is called
 * every query and transaction of this handle fails (with `failure()`), and other instances' handles are
 * untouched; `restore()` gives it back, as a database that was away for a while.
 */
export function severable(
  db: Database,
  failure: () => Error = () => new Error('this instance has lost its database'),
): { db: Database; sever(): void; restore(): void } {
  let severed = false;
  const check = () => {
    if (severed) throw failure();
  };
  return {
    sever: () => {
      severed = true;
    },
    restore: () => {
      severed = false;
    },
    db: {
      dialect: db.dialect,
      async query(text, params) {
        check();
        return db.query(text, params);
      },
      async transaction(work) {
        check();
        return db.transaction(async (tx) =>
          work({
            async query(text, params) {
              check();
              return tx.query(text, params);
            },
            async copyRows(table, columns, rows) {
              check();
              return tx.copyRows(table, columns, rows);
            },
          }),
        );
      },
      // Run here, through this handle's transaction, so that severing stops it between two statements.
      perform(procedure, input) {
        return performAsTransaction(this, procedure, input);
      },
      listen: (channel, handlers) => db.listen(channel, handlers),
      close: async () => {},
    },
  };
}
