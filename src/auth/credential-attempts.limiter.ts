import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { FixedWindows } from '../common/http/fixed-windows';
import { ProblemException } from '../common/http/problem.exception';

function tooManyAttempts(retryAfterSeconds: number): ProblemException {
  return new ProblemException({
    status: 429,
    detail: `Too many failed client authentication attempts; retry after ${retryAfterSeconds} s.`,
    headers: { 'Retry-After': String(retryAfterSeconds), 'Cache-Control': 'no-store' },
  });
}

/**
 * Failed client-credential attempts per `client_id` and per client IP (API.md §1.10). Each
 * attempt takes a slot in both fixed windows *before* its secret is hashed and returns them
 * only on success, so a burst of concurrent guesses cannot all pass the check before the
 * first failure is counted: at most the limit of hashes per window, whatever the
 * concurrency. Counters live in this process (per instance), like the rate limits.
 */
@Injectable()
export class CredentialAttemptsLimiter {
  private readonly windows = new FixedWindows();
  private readonly limits: AppConfig['tokenEndpoint'];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limits = config.tokenEndpoint;
  }

  /**
   * Runs `check` (the secret check) unless the client id or the IP has no failures left.
   * A null result is a failure and keeps its slots; a match, or an error that is no verdict
   * on the secret (e.g. the database is away), gives them back.
   *
   * @param clientId as sent; compared case-insensitively like the uuid it must be, so case
   *   variants of one id share its budget
   * @throws ProblemException 429 with Retry-After, before `check` runs, when a budget is spent
   */
  async attempt<T>(clientId: string, ip: string, check: () => Promise<T | null>): Promise<T | null> {
    const { failureWindowMs: window, failuresPerClient, failuresPerIp } = this.limits;
    const [ipKey, clientKey] = [`ip:${ip}`, `client:${clientId.toLowerCase()}`];
    const release = () => {
      this.windows.release(ipKey);
      this.windows.release(clientKey);
    };
    // The IP first: a refused IP never adds counters for the client ids it makes up.
    const byIp = this.windows.hit(ipKey, window, failuresPerIp);
    if (byIp.blocked) {
      this.windows.release(ipKey);
      throw tooManyAttempts(byIp.secondsLeft);
    }
    const byClient = this.windows.hit(clientKey, window, failuresPerClient);
    if (byClient.blocked) {
      release();
      throw tooManyAttempts(byClient.secondsLeft);
    }
    let result: T | null;
    try {
      result = await check();
    } catch (error) {
      release();
      throw error;
    }
    if (result !== null) release();
    return result;
  }
}
