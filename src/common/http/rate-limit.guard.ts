import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/app-config.provider';
import { credentialDigest } from '../../auth/bearer-token';
import { FixedWindows, WindowHit } from './fixed-windows';
import { MemoizedReflector } from './memoized-reflector';
import { ProblemException } from './problem.exception';

const NEVER_RATE_LIMITED = Symbol('never-rate-limited');

/**
 * For health probes, which a load balancer sends from an address that clients may share
 * (API.md §1.10): neither budget applies.
 */
export const NeverRateLimited = () => SetMetadata(NEVER_RATE_LIMITED, true);

function rateLimited({ secondsLeft }: WindowHit): ProblemException {
  return new ProblemException({
    status: 429,
    detail: `Rate limit exceeded; retry after ${secondsLeft} s.`,
    headers: { 'Retry-After': String(secondsLeft) },
  });
}

/**
 * The first global guard, so unauthenticated calls count too: two budgets per window, one per
 * client IP (also guards /auth/token against guessing) and one per bearer token. Keys are
 * global, not per route; the token is hashed, so the counters never hold a usable credential.
 * Counters live in this process (per instance).
 *
 * Own code rather than @nestjs/throttler's guard: that one resolves per-route limits, trackers
 * and key generators through ten awaits and twelve metadata reads per request (2.7 % of a
 * Contacts PATCH's CPU in a profile), which this API has no use for; this is one synchronous call.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new FixedWindows();
  private readonly reflector = new MemoizedReflector();
  private readonly limits: AppConfig['rateLimit'];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limits = config.rateLimit;
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(NEVER_RATE_LIMITED, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const { windowMs, perIp, perToken } = this.limits;
    // The IP first: a refused IP spends nothing of the token's budget.
    const byIp = this.windows.hit(`ip:${request.ip}`, windowMs, perIp);
    if (byIp.blocked) throw rateLimited(byIp);
    const digest = credentialDigest(request);
    if (digest === undefined) return true;
    const byToken = this.windows.hit(`token:${digest}`, windowMs, perToken);
    if (byToken.blocked) throw rateLimited(byToken);
    return true;
  }
}
