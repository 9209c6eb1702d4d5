/**
 * bytea through the storage interface: a parameter and a column cross as the same bytes, every byte value, at
 * a bank statement's size, and come back as a Buffer on either engine (PGlite's thread hands a Uint8Array over,
 * which reads the same).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/database.ts';
import { useDatabase } from '../helpers/suite.ts';

describe.each(ENGINES)('bytes on %s', (engine) => {
  const database = useDatabase(engine);

  it('stores and reads back a 300 KB value of every byte value unchanged', async () => {
    const value = Buffer.concat([
      Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)),
      randomBytes(300_000),
    ]);
    const { rows } = await database.db.query<{ value: Uint8Array; length: number }>(
      'SELECT $1::bytea AS value, octet_length($1::bytea) AS length',
      [value],
    );
    expect(rows[0]?.length).toBe(value.length);
    expect(Buffer.from(rows[0]?.value ?? []).equals(value)).toBe(true);
    // A view of part of a larger buffer (as a Buffer from Node's pool is) sends only its own bytes.
    const part = value.subarray(100, 200);
    const { rows: parts } = await database.db.query<{ value: Uint8Array }>('SELECT $1::bytea AS value', [
      part,
    ]);
    expect(Buffer.from(parts[0]?.value ?? []).equals(part)).toBe(true);
  });
});
