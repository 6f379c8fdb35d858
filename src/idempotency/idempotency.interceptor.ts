import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { defer, from, lastValueFrom, Observable, of, switchMap } from 'rxjs';
import { Actor } from '../auth/actor';
import { badRequest } from '../common/http/problem.exception';
import { IdempotencyService } from './idempotency.service';
import { IdempotencyClaim } from './idempotency-claim';
import { requestFingerprint } from './request-fingerprint';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set while a request holds its Idempotency-Key; the write stores its answer through it. */
    idempotencyClaim?: IdempotencyClaim;
  }
}

/** 1..255 printable ASCII (API.md §1.13). */
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * Idempotency-Key on a write route (API.md §1.13). ResponseShapingInterceptor calls it for
 * routes marked @Idempotent, inside itself, so a replayed answer is shaped like a fresh one.
 * It is not registered as a Nest interceptor of its own: Nest wraps every interceptor in an
 * AsyncResource and an Observable chain per request, 3 % of a PATCH's CPU for this one.
 * Without the header it does nothing: no statement, no transaction.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: Actor }>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    if (typeof header !== 'string' || !VALID_KEY.test(header)) {
      throw badRequest('The Idempotency-Key header must be 1 to 255 printable ASCII characters.');
    }
    const actor = request.user!;
    const scope = { companyId: actor.companyId, sub: actor.sub, key: header };
    return from(this.idempotency.claim(scope, requestFingerprint(request))).pipe(
      switchMap((outcome) => {
        if (outcome.kind === 'replay') {
          void http.getResponse<FastifyReply>().header('Idempotent-Replayed', 'true');
          return of(outcome.answer);
        }
        const { claim } = outcome;
        request.idempotencyClaim = claim;
        // finalize cannot wait for a promise: release before the answer (or the error) goes out.
        return defer(async () => {
          try {
            return await lastValueFrom(next.handle() as Observable<unknown>, { defaultValue: undefined });
          } finally {
            await claim.release();
          }
        });
      }),
    );
  }
}

