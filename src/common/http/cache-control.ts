import type { FastifyInstance } from 'fastify';

export const PRIVATE_NO_CACHE = 'private, no-cache';

/**
 * API.md §1.12: every answer to a request with a verified token may carry personal data, so a
 * browser may keep it but must revalidate, and shared caches never store it. That includes
 * errors after authentication (403, 404, 412, 422 ...): they are about the caller's records
 * too. Public routes (/health, /docs) and 401s carry no token's data and are left alone; a
 * route that sets its own policy (`/auth/token`: `no-store`) keeps it.
 */
export function registerPrivateCaching(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if ((request as { user?: unknown }).user && !reply.hasHeader('Cache-Control')) {
      void reply.header('Cache-Control', PRIVATE_NO_CACHE);
    }
    done(null, payload);
  });
}
