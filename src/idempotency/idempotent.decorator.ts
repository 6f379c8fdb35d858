import { ApiHeader } from '@nestjs/swagger';

/**
 * Documents Idempotency-Key on a write route (API.md §1.13). The route honours it by running
 * its write through IdempotencyService.write, as ResourceService's create and update do.
 */
export const Idempotent = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
    description:
      'Makes the request safe to retry: a repeat with the same key and request replays the stored answer (Idempotent-Replayed: true); the same key with another request is 422; while the first runs, 409. Kept IDEMPOTENCY_TTL_SECONDS (24 h).',
  });
