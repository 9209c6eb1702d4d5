import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timeOrderedId } from '../../src/db/time-ordered-id.ts';

describe('time-ordered ids', () => {
  it('are UUIDs of version 7, each greater than the one before, even many in one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => timeOrderedId());
    for (const id of ids) expect(z.uuid({ version: 'v7' }).safeParse(id).success, id).toBe(true);
    for (let i = 1; i < ids.length; i++) expect((ids[i] ?? '') > (ids[i - 1] ?? ''), ids[i]).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carry the time they were made, to the millisecond', () => {
    const before = Date.now();
    const id = timeOrderedId();
    const ms = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
  });
});
