import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problemDocument } from './problem-document';

const DETAILS: Record<string, { status: number; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request was not received in time.' },
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request headers are too large.' },
};
const MALFORMED = {
  status: 400,
  detail: 'The request is not valid HTTP (for example a header value with a line break: check that a token holds nothing but the token).',
};

/**
 * Requests Node's HTTP parser refuses never reach Fastify's routing, so neither Nest's filter
 * nor the problem format applies; Fastify's default answers them with its own JSON. The usual
 * newcomer cause is `TOKEN=$(npm run token …)` capturing npm's banner, which puts line breaks
 * into the Authorization header. Same statuses as Fastify's default, as an RFC 9457 problem;
 * no `instance`, since the request line may not have been read.
 */
export function problemClientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, detail } = DETAILS[error.code ?? ''] ?? MALFORMED;
  const problem: Partial<ReturnType<typeof problemDocument>> = problemDocument({ status, detail, instance: '' });
  delete problem.instance;
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${problem.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
