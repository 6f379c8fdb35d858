import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/app-config.provider';
import { ProblemException } from '../../common/http/problem.exception';

/**
 * Bounds the client secret checks running at once. scrypt runs on libuv's thread pool (four
 * threads by default), so unbounded checks from many IPs could take every core and the
 * threads DNS and file I/O need; with a small number running and a short queue, the rest of
 * the API keeps its CPU. Written here (a counter and a queue) because the semaphore packages
 * do not refuse when their queue is full, which is what keeps waiting requests bounded.
 */
@Injectable()
export class SecretCheckSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly queueLimit: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.concurrency = config.tokenEndpoint.hashConcurrency;
    this.queueLimit = config.tokenEndpoint.hashQueue;
  }

  /** @throws ProblemException 503 with Retry-After when the queue is full (nothing runs) */
  async run<T>(check: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueLimit) {
        throw new ProblemException({
          status: 503,
          detail: 'Too many token requests are being checked; retry shortly.',
          headers: { 'Retry-After': '1', 'Cache-Control': 'no-store' },
        });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await check();
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
