/**
 * The time schedules are reckoned in. Production reads the system clock; tests pass a clock they move
 * themselves, so that "a day passes" takes no time and no test depends on how fast the machine is.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
