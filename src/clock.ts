/** The only source of "now" outside tests; domain code receives time as an argument instead. */
export interface Clock {
  now(): Date;
}

export interface SettableClock extends Clock {
  set(now: Date): void;
}

export function createSystemClock(): Clock {
  return { now: () => new Date() };
}

/** A clock tests can move (TEST_CLOCK=true); it keeps ticking from the time it was set to. */
export function createSettableClock(base: Clock = createSystemClock()): SettableClock {
  let offsetMs = 0;
  return {
    now: () => new Date(base.now().getTime() + offsetMs),
    set: (now) => {
      offsetMs = now.getTime() - base.now().getTime();
    },
  };
}
