import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { problemServerOptions } from './fastify-errors';

/** Calls the clientErrorHandler as Fastify does (bound to the instance) on a recording socket. */
function answerTo(code: string, socketState: { destroyed?: boolean; writable?: boolean } = {}) {
  const written: string[] = [];
  const socket = { destroyed: false, writable: true, ...socketState, write: (text: string) => written.push(text), destroy: jest.fn() };
  const fastify = { log: { debug: jest.fn() } } as unknown as FastifyInstance;
  const error = Object.assign(new Error('parser'), { code, bytesParsed: 0, rawPacket: { type: 'Buffer', data: [] } });
  problemServerOptions.clientErrorHandler!.call(fastify, error, socket as unknown as Socket);
  return { written: written.join(''), destroyed: socket.destroy.mock.calls.length > 0 };
}

describe('clientErrorHandler: errors of Node’s HTTP parser as problems', () => {
  it.each([
    ['ERR_HTTP_REQUEST_TIMEOUT', 408],
    ['HPE_HEADER_OVERFLOW', 431],
    ['HPE_INVALID_METHOD', 400],
  ])('%s is a %i problem+json, and the connection is closed', (code, status) => {
    const { written, destroyed } = answerTo(code);
    expect(written).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(written).toContain('Content-Type: application/problem+json\r\n');
    const body: unknown = JSON.parse(written.slice(written.indexOf('\r\n\r\n') + 4));
    expect(body).toMatchObject({ status, type: 'about:blank', detail: expect.any(String) });
    expect(written).toContain(`Content-Length: ${Buffer.byteLength(written.slice(written.indexOf('\r\n\r\n') + 4))}\r\n`);
    expect(destroyed).toBe(true);
  });

  it('writes nothing to a connection that was reset or is gone', () => {
    expect(answerTo('ECONNRESET').written).toBe('');
    expect(answerTo('HPE_HEADER_OVERFLOW', { destroyed: true }).written).toBe('');
  });
});
