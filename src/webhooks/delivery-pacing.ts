import { performance } from 'node:perf_hooks';

/**
 * How long the delivery worker may keep sending in one tick. In the API process the worker
 * shares one event loop with the requests, and the requests come first: webhooks are
 * at-least-once and asynchronous anyway, while a request's client is waiting now. What a tick
 * does not send waits in the outbox (its rows were written with the changes) and goes out once
 * the load falls; the first batch of every tick is always sent, so the outbox keeps moving.
 */
export interface DeliveryPacing {
  /** The worker starts waiting for its next tick (it sends nothing until then). */
  waiting(): void;
  /** At the start of a tick: for how many milliseconds to claim more after the first batch. */
  tickBudgetMs(): number;
}

export const DELIVERY_PACING = Symbol('DELIVERY_PACING');

/**
 * Judges the load by the event loop's utilization (the share of time not spent waiting for
 * I/O) while the worker waited between ticks: that time holds the requests' work and none of
 * the worker's. (A look during a batch says nothing: with a fast receiver and database the
 * batch alone keeps the loop busy for its few milliseconds.) Busy at least `percent` of the
 * wait: one batch this tick. Otherwise: batches until the outbox has no full batch due or a
 * poll interval has passed, so that a long backlog still looks at the load again.
 */
export class YieldToBusyEventLoop implements DeliveryPacing {
  private waitStarted = performance.eventLoopUtilization();

  constructor(
    private readonly percent: number,
    private readonly pollIntervalMs: number,
  ) {}

  waiting(): void {
    this.waitStarted = performance.eventLoopUtilization();
  }

  tickBudgetMs(): number {
    const { utilization } = performance.eventLoopUtilization(performance.eventLoopUtilization(), this.waitStarted);
    return utilization * 100 >= this.percent ? 0 : this.pollIntervalMs;
  }
}

/** `npm run worker`, or WEBHOOK_YIELD_PERCENT=100: delivering is all there is to do. */
export const NEVER_YIELD: DeliveryPacing = { waiting: () => undefined, tickBudgetMs: () => Infinity };

/** The pacing of a worker in the API process (WEBHOOK_YIELD_PERCENT, WEBHOOK_POLL_INTERVAL_MS). */
export function besideRequests(percent: number, pollIntervalMs: number): DeliveryPacing {
  return percent >= 100 ? NEVER_YIELD : new YieldToBusyEventLoop(percent, pollIntervalMs);
}
