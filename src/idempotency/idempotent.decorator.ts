import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

/** Metadata of a route marked @Idempotent, read by ResponseShapingInterceptor. */
export const IDEMPOTENT_ROUTE = 'idempotent-route';

/**
 * A write route that honours Idempotency-Key (API.md §1.13), with its OpenAPI header. The
 * response-shaping interceptor runs IdempotencyInterceptor for it, inside itself.
 */
export const Idempotent = () =>
  applyDecorators(
    SetMetadata(IDEMPOTENT_ROUTE, true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
      description:
        'Makes the request safe to retry: a repeat with the same key and request replays the stored answer (Idempotent-Replayed: true); the same key with another request is 422; while the first runs, 409. Kept IDEMPOTENCY_TTL_SECONDS (24 h).',
    }),
  );
