/**
 * The event loop handed out in turns to the CPU-bound steps of concurrent jobs: decoding a Flinks answer,
 * sealing its statements, preparing its rows for the store. A thousand retrievals whose answers arrive
 * together would otherwise decode them all in one turn of the loop, and every request and timer would wait
 * for the lot. A step that takes a turn runs in a turn of the loop of its own, after the requests and timers
 * that were ready; the work stays the same, only its order changes.
 *
 * Steps that finish a job (its store) go before steps that take on more (decoding a new answer), each kind in
 * the order it asked: a job in hand is stored, and its answer let go, before the next answer is decoded.
 *
 * A turn is the continuation of `take()`: it ends at the step's next wait for I/O. One per thread (each
 * thread has its own event loop and its own copy of this module).
 */
export type TurnKind = 'finish' | 'start';

/** Waiters in the order they asked; the ones served are dropped now and then rather than one by one. */
class Queue {
  private readonly items: (() => void)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: () => void): void {
    this.items.push(item);
  }

  shift(): (() => void) | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.head++;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head >= 1_024) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return item;
  }
}

export class Turns {
  private readonly finishing = new Queue();
  private readonly starting = new Queue();
  private scheduled = false;

  /** Resolves in a later turn of the event loop, after the steps of its kind, and finishing ones, that asked before. */
  take(kind: TurnKind): Promise<void> {
    return new Promise((resolve) => {
      (kind === 'finish' ? this.finishing : this.starting).push(resolve);
      this.schedule();
    });
  }

  /** Steps waiting for their turn. */
  get pending(): number {
    return this.finishing.length + this.starting.length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // An immediate queued from an immediate runs in the next turn of the loop: one step per turn.
    setImmediate(() => this.next());
  }

  private next(): void {
    this.scheduled = false;
    const resolve = this.finishing.shift() ?? this.starting.shift();
    if (resolve === undefined) return;
    if (this.pending > 0) this.schedule();
    resolve();
  }
}

/** An answer this long (a year of transactions, a year of statements) is decoded in a turn of its own. */
export const LARGE_ANSWER = 64 * 1024;

/** This thread's turns. */
export const loopTurns = new Turns();
