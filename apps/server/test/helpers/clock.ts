import type { Clock } from '../../src/clock.ts';

/** A clock the test moves: "a day passes" is one call, and nothing depends on how fast the machine runs. */
export class ManualClock implements Clock {
  private at: number;

  constructor(start: Date = new Date()) {
    this.at = start.getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  advance(ms: number): void {
    this.at += ms;
  }
}
