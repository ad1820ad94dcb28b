import type { Logger } from "../logger.js";

/** Starts work that need not hold up the update it belongs to. */
export interface Background {
  run(name: string, task: () => Promise<void>): void;
}

/**
 * Work an update starts but need not hold the update for, such as drawing and sending a
 * questionnaire's result card: the answer is stored and acknowledged at once, and the picture
 * follows a moment later. Failures are logged; a task tells the person itself when it fails.
 * Tests and shutdown wait for `settled()`, so nothing is cut off or left unobserved.
 */
export class BackgroundWork implements Background {
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(name: string, task: () => Promise<void>): void {
    const running = Promise.resolve()
      .then(task)
      .catch((error: unknown) => this.logger.error({ err: error, task: name }, "Background task failed"))
      .finally(() => this.#pending.delete(running));
    this.#pending.add(running);
  }

  /**
   * Work for one update, started only once that update has been handled, so the update's own
   * latency never includes it (its database writes and replies come first).
   */
  afterUpdate(): Background & { start(): void } {
    const queued: Array<[string, () => Promise<void>]> = [];
    return {
      run: (name, task) => void queued.push([name, task]),
      start: () => queued.splice(0).forEach(([name, task]) => this.run(name, task)),
    };
  }

  /** Resolves once every task started so far, and any they started, has finished. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }
}
