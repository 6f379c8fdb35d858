import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** A write route that honours Idempotency-Key (API.md §1.13), with its OpenAPI header. */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
      description:
        'Makes the request safe to retry: a repeat with the same key and request replays the stored answer (Idempotent-Replayed: true); the same key with another request is 422; while the first runs, 409. Kept IDEMPOTENCY_TTL_SECONDS (24 h).',
    }),
  );
