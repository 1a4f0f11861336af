/** The only source of "now" outside tests; domain code receives time as an argument instead. */
export interface Clock {
  now(): Date;
}

export interface SettableClock extends Clock {
  /** Moves time and waits for the listeners (jobs), so what became due has run when it resolves. */
  set(now: Date): Promise<void>;
  onChange(listener: () => Promise<void> | void): void;
}

export function createSystemClock(): Clock {
  return { now: () => new Date() };
}

/** A clock tests can move (TEST_CLOCK=true); it keeps ticking from the time it was set to. */
export function createSettableClock(base: Clock = createSystemClock()): SettableClock {
  let offsetMs = 0;
  const listeners: Array<() => Promise<void> | void> = [];
  return {
    now: () => new Date(base.now().getTime() + offsetMs),
    async set(now) {
      offsetMs = now.getTime() - base.now().getTime();
      for (const listener of listeners) await listener();
    },
    onChange: (listener) => listeners.push(listener),
  };
}
