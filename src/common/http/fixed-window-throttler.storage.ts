import { Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  resetAt: number;
}

/**
 * Fixed-window counters, O(1) per request. Written here because the in-memory storage of
 * @nestjs/throttler 6 keeps one timestamp per request and scans them all on every call (a
 * measurable cost at a few thousand requests per second) and overflows the call stack past
 * ~125k hits in one window. A window is one counter that resets after `ttl`.
 */
@Injectable()
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweep = 0;

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    this.sweep(now);
    const id = `${throttlerName}:${key}`;
    let window = this.windows.get(id);
    if (!window || window.resetAt <= now) {
      window = { hits: 0, resetAt: now + ttl };
      this.windows.set(id, window);
    }
    window.hits += 1;
    const secondsLeft = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    const isBlocked = window.hits > limit;
    return { totalHits: window.hits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
  }

  /**
   * Gives back one hit of the current window: for limits that count only failures, an attempt
   * takes a hit before it runs (so concurrent attempts cannot all pass) and returns it on success.
   */
  release(key: string, throttlerName: string): void {
    const window = this.windows.get(`${throttlerName}:${key}`);
    if (window && window.hits > 0 && window.resetAt > Date.now()) window.hits -= 1;
  }

  /** Drops expired windows now and then, so idle clients do not accumulate. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 10_000;
    for (const [id, window] of this.windows) if (window.resetAt <= now) this.windows.delete(id);
  }
}
