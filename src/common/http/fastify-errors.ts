import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { ACCEPT_PATCH } from '../patch/patch-request';
import { formatForError } from './content-negotiation';
import { PROBLEM_CONTENT_TYPE, problemDocument } from './problem-document';
import { PROBLEM_SHAPE } from './xml/document-shapes';
import { xmlDocument } from './xml/xml-writer';

/**
 * Errors that never reach Nest's exception filter, as RFC 9457 problems too (API.md §1.6):
 * - Node's HTTP parser refuses a request before Fastify sees it (headers over 16 KB: 431; a
 *   request not received within the server's timeouts: 408; anything that is not HTTP: 400).
 *   Fastify answers those through its `clientErrorHandler` option, with a JSON of its own.
 * - Fastify's router refuses a URL before routing (bad percent-encoding: 400; a path
 *   parameter over `maxParamLength`: 414), through its `frameworkErrors` option.
 * Errors inside the request lifecycle (body too large, bad Content-Length or Content-Type,
 * FST_ERR_*) do reach Nest, which hands them to the filter with their status.
 */

const CLIENT_ERRORS: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request line and header fields are larger than the 16 KB the server accepts.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request was not received in time.' },
};
// The usual newcomer cause is `TOKEN=$(npm run token …)` capturing npm's banner, which puts
// line breaks into the Authorization header: the detail says where to look.
const NOT_HTTP = {
  status: 400,
  detail: 'The request is not valid HTTP/1.1 (for example a header value with a line break: check that a token holds nothing but the token).',
};

const FRAMEWORK_ERRORS: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid (bad percent-encoding).',
  FST_ERR_MAX_PARAM_LENGTH: 'A path segment is longer than the server accepts.',
};

/**
 * Answers on the raw socket (there is no request object yet) and closes it, as Node and
 * Fastify do. No URL is known, so `instance` is a URN of this occurrence, quoted by its
 * `requestId` (also sent as X-Request-Id).
 */
function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, detail } = CLIENT_ERRORS[error.code ?? ''] ?? NOT_HTTP;
  const requestId = randomUUID();
  this.log.debug({ code: error.code, requestId }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify(problemDocument({ status, detail, instance: `urn:uuid:${requestId}`, requestId }));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
  // Fastify's own message quotes the URL back; ours does not.
  const detail = FRAMEWORK_ERRORS[error.code] ?? STATUS_CODES[status] ?? 'Error';
  const body = problemDocument({ status, detail, instance: (request.url ?? '').split('?')[0], requestId: String(request.id) });
  void reply.status(status).header('X-Request-Id', request.id);
  if (formatForError(request).kind === 'xml') {
    void reply.header('Content-Type', 'application/problem+xml; charset=utf-8').send(xmlDocument('problem', body, PROBLEM_SHAPE));
    return;
  }
  void reply.header('Content-Type', PROBLEM_CONTENT_TYPE).send(body);
}

/** Fastify server options that make its own refusals problems; spread into the adapter's options. */
export const problemServerOptions: Pick<FastifyServerOptions, 'clientErrorHandler' | 'frameworkErrors'> = {
  clientErrorHandler,
  frameworkErrors,
};

/**
 * Every 415 says which bodies a PATCH takes (RFC 5789 §3.1), whoever raised it: Fastify for a
 * Content-Type it cannot parse (`application/json, text/plain`), the body pipe, or a door.
 * A route that set its own list (seed 004: merge patches only) keeps it.
 */
export function registerAcceptPatchOn415(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (reply.statusCode === 415 && !reply.hasHeader('Accept-Patch')) void reply.header('Accept-Patch', ACCEPT_PATCH);
    done(null, payload);
  });
}
