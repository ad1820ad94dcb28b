/** Time comes from here, never from `new Date()` in services, so tests and the playground can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move; for tests and the playground's clock control. */
export class ManualClock implements Clock {
  #offsetMs = 0;
  #frozenAt: number | undefined;

  constructor(options: { frozenAt?: Date } = {}) {
    this.#frozenAt = options.frozenAt?.getTime();
  }

  now(): Date {
    return new Date((this.#frozenAt ?? Date.now()) + this.#offsetMs);
  }

  advance(ms: number): void {
    this.#offsetMs += ms;
  }

  set(at: Date): void {
    this.#offsetMs = at.getTime() - (this.#frozenAt ?? Date.now());
  }
}
