/**
 * Ids that grow with time (UUID version 7, RFC 9562: 48 bits of Unix milliseconds, a 12-bit counter, 62 random
 * bits). A bulk load of rows keyed by them adds each key at the right edge of the primary key's index, where a
 * random id (version 4) lands on a page of its own of an ever larger index.
 */
let lastMs = 0;
let counter = 0;
/** The millisecond's part, `xxxxxxxx-xxxx`, made once per millisecond. */
let prefix = '';
/** Each counter's part with the version, `-7xxx-`: a store makes thousands of ids in a few milliseconds. */
const COUNTERS = Array.from({ length: 0x1000 }, (_, n) => `-7${n.toString(16).padStart(3, '0')}-`);

function prefixOf(ms: number): string {
  const time = ms.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}`;
}

export function timeOrderedId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
    prefix = prefixOf(now);
  } else if (++counter > 0xfff) {
    // More than 4,096 ids in one millisecond (or the clock went back): take the next one, staying in order.
    lastMs += 1;
    counter = 0;
    prefix = prefixOf(lastMs);
  }
  // The random part keeps the variant bits of a version 4 UUID, which are version 7's too.
  return prefix + COUNTERS[counter] + crypto.randomUUID().slice(19);
}
