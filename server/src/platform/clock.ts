/**
 * The time the app believes it is. Production reads the system clock; tests (and the job runner's
 * tests) install a movable one so that "48 hours after delivery" can be checked without waiting.
 * The app carries its clock as `app.clock`; job handlers receive `now` from the runner's clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: `set` jumps to a moment, `advance` moves by milliseconds. */
export class MovableClock implements Clock {
  private current: number;
  constructor(start: Date | string = new Date()) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
