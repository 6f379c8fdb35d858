import type { FastifyInstance } from 'fastify';

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
  fastify.addContentTypeParser(JSON_MEDIA_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
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
