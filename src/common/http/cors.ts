import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../../../config/app-config';

/** Request headers a browser may send cross-origin (API.md §1.11). */
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'Accept-Language',
  'If-Match',
  'If-None-Match',
  'If-Unmodified-Since',
  'Prefer',
  'Idempotency-Key',
  'X-Request-Id',
  'Time-Zone',
  'SO-TimeZone',
  'SO-Language',
];

/** Response headers a browser script may read beyond the CORS-safelisted ones (API.md §1.11). */
export const CORS_EXPOSED_HEADERS = [
  'ETag',
  'Last-Modified',
  'Location',
  'Preference-Applied',
  'X-Request-Id',
  'Retry-After',
  'Accept-Patch',
  'WWW-Authenticate',
  'Idempotent-Replayed',
];

export const CORS_METHODS = ['GET', 'POST', 'PUT', 'PATCH'];

/**
 * CORS for the web frontends on the origins in `CORS_ORIGINS` (exact match). The origin is
 * decided by a function rather than a list: with a list, @fastify/cors still writes
 * Expose-Headers and the preflight headers for a refused origin; returning `false` makes it
 * add nothing but `Vary: Origin`. Bearer tokens only, so never credentials mode.
 * Preflights are answered in the onRequest hook, before authentication and rate limits.
 * `strictPreflight: false`: the strict mode answers an OPTIONS without
 * Access-Control-Request-Method with a text/plain 400, which is not a problem document.
 */
export async function registerCors(fastify: FastifyInstance, config: AppConfig['http']): Promise<void> {
  if (config.corsOrigins.length === 0) return;
  const allowed = new Set(config.corsOrigins);
  await fastify.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: CORS_METHODS,
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: config.corsMaxAgeSeconds,
    credentials: false,
    strictPreflight: false,
  });
}
