import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * What makes a retry "the same request" (API.md §1.13): method, path with query, the media
 * type of Content-Type, and the digest of the body bytes as sent (set by the JSON parser).
 */
export function requestFingerprint(request: FastifyRequest): string {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return createHash('sha256')
    .update(JSON.stringify([request.method, request.url, mediaType, request.bodyDigest ?? '']))
    .digest('hex');
}
