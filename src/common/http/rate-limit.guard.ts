import { ExecutionContext, Injectable } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  SkipThrottle,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../../config/app-config';
import { credentialDigest } from '../../auth/bearer-token';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler.storage';
import { MemoizedReflector } from './memoized-reflector';
import { ProblemException } from './problem.exception';

/**
 * Two budgets per window: one per client IP (also guards /auth/token against guessing) and
 * one per bearer token. Keys are global, not per route; the token is hashed so the limiter's
 * memory never holds a usable credential.
 */
export function rateLimitOptions(config: AppConfig['rateLimit']): ThrottlerModuleOptions {
  return {
    storage: new FixedWindowThrottlerStorage(),
    setHeaders: false,
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    throttlers: [
      { name: 'ip', ttl: config.windowMs, limit: config.perIp, getTracker: (req) => (req as FastifyRequest).ip },
      {
        name: 'token',
        ttl: config.windowMs,
        limit: config.perToken,
        skipIf: (context) => !credentialDigest(context.switchToHttp().getRequest<FastifyRequest>()),
        getTracker: (req) => credentialDigest(req as FastifyRequest)!,
      },
    ],
  };
}

/**
 * Skips both budgets above (keep the names in step): for health probes, which a load balancer
 * sends from an address that clients may share (API.md §1.10).
 */
export const NeverRateLimited = () => SkipThrottle({ ip: true, token: true });

/** Nest's guard, answering 429 as a problem with `Retry-After` in seconds; its metadata reads remembered. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(@InjectThrottlerOptions() options: ThrottlerModuleOptions, @InjectThrottlerStorage() storage: ThrottlerStorage) {
    super(options, storage, new MemoizedReflector());
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ProblemException({
      status: 429,
      detail: `Rate limit exceeded; retry after ${retryAfter} s.`,
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
}
