import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** SHA-256 (hex) of the raw JSON body, computed only when an Idempotency-Key needs it (API.md §1.13). */
    bodyDigest?: string;
  }
}

/**
 * A body the service could not read. The parsers hand it to the route instead of failing in
 * Fastify, so that a PATCH of a record the caller may not see answers 404 before any body
 * error (API.md §1.2); other routes refuse it in UnreadableBodyPipe.
 */
export class UnreadableBody {
  constructor(
    readonly status: 400 | 415,
    readonly detail: string,
  ) {}
}

export const JSON_MEDIA_TYPES = ['application/json', 'application/json-patch+json', 'application/merge-patch+json'];

/**
 * JSON bodies (three media types, one parser), HTML forms (the OAuth token endpoint), and a
 * catch-all that marks anything else 415. Replaces Nest's and Fastify's default parsers
 * (the app is created with `bodyParser: false`).
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  fastify.addContentTypeParser(JSON_MEDIA_TYPES, { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    // The digest of the bytes as sent: a retry must send the same body, not an equal object.
    if (request.headers['idempotency-key'] !== undefined) request.bodyDigest = createHash('sha256').update(text).digest('hex');
    if (text.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(null, new UnreadableBody(400, 'The body is not valid JSON.'));
    }
  });
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request, _body, done) => {
    done(null, new UnreadableBody(415, `The media type "${request.headers['content-type'] ?? ''}" is not supported here.`));
  });
}
