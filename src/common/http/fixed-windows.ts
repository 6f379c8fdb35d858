/** One counter's state after a hit. */
export interface WindowHit {
  blocked: boolean;
  /** Whole seconds until the window resets (at least 1): a refusal's Retry-After. */
  secondsLeft: number;
}

interface Window {
  hits: number;
  resetAt: number;
}

/**
 * Fixed-window counters in this process, O(1) and synchronous per hit: a window is one
 * counter per key that resets `windowMs` after its first hit. Written here because
 * @nestjs/throttler's in-memory storage keeps one timestamp per request and scans them all on
 * every call (and overflows the call stack past ~125k hits in one window); RateLimitGuard
 * says why its guard is not used either.
 */
export class FixedWindows {
  private readonly windows = new Map<string, Window>();
  private nextSweep = 0;

  /** Counts one hit on `key`; `blocked` once the window holds more than `limit`. */
  hit(key: string, windowMs: number, limit: number): WindowHit {
    const now = Date.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { hits: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return { blocked: window.hits > limit, secondsLeft: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
  }

  /**
   * Gives back one hit of the current window: for limits that count only failures, an attempt
   * takes a hit before it runs (so concurrent attempts cannot all pass) and returns it on success.
   */
  release(key: string): void {
    const window = this.windows.get(key);
    if (window && window.hits > 0 && window.resetAt > Date.now()) window.hits -= 1;
  }

  /** Drops expired windows now and then, so idle clients do not accumulate. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 10_000;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
