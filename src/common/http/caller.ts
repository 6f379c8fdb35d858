import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Actor } from '../../auth/actor';
import { requestFingerprint } from '../../idempotency/request-fingerprint';

/** Who is calling and from where: what the pipeline needs beyond the body. */
export interface Caller {
  actor: Actor;
  /** The request id (echoed `X-Request-Id` or generated), for audit rows. */
  requestId: string;
  /** Start of absolute links (seed 002 `_links`, `Location`); `''` keeps them relative (API.md §1.12). */
  baseUrl: string;
  /** The Idempotency-Key header as sent, when it was; only @Idempotent writes honour it (API.md §1.13). */
  idempotencyKey?: SentIdempotencyKey;
}

export interface SentIdempotencyKey {
  header: string | string[];
  /** What makes a retry the same request (requestFingerprint). */
  fingerprint: string;
}

/** The caller of an authenticated request (JwtAuthGuard has set `request.user`). */
export function callerOf(request: FastifyRequest): Caller {
  const header = request.headers['idempotency-key'];
  const idempotencyKey = header === undefined ? undefined : { header, fingerprint: requestFingerprint(request) };
  return { actor: (request as FastifyRequest & { user: Actor }).user, requestId: String(request.id), baseUrl: request.linkBase, idempotencyKey };
}

export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller =>
  callerOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
