import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's id generator: echo a well-formed `X-Request-Id`, otherwise make one. The id is
 * also put on the raw request, where pino-http picks it up, so logs and the response agree.
 */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  (request as IncomingMessage & { id: string }).id = id;
  return id;
}
