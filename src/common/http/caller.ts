import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Actor } from '../../auth/actor';
import type { IdempotencyClaim } from '../../idempotency/idempotency-claim';

/** Who is calling and from where: what the pipeline needs beyond the body. */
export interface Caller {
  actor: Actor;
  /** The request id (echoed `X-Request-Id` or generated), for audit rows. */
  requestId: string;
  /** Start of absolute links (seed 002 `_links`, `Location`); `''` keeps them relative (API.md §1.12). */
  baseUrl: string;
  /** The request's Idempotency-Key claim, when it sent one (API.md §1.13). */
  idempotency?: IdempotencyClaim;
}

export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user: Actor }>();
  return { actor: request.user, requestId: String(request.id), baseUrl: request.linkBase, idempotency: request.idempotencyClaim };
});
