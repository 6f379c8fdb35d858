import { createServer, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';
import { Client, DatabaseError, Pool } from 'pg';
import { QueryFailedError } from 'typeorm';
import { DatabaseReadTimeoutError } from '../../database/bounded-client';
import { databaseUnavailable, isDatabaseUnavailable, retryAfterSeconds } from './database-unavailable';

/** A server error as pg reports it, wrapped by TypeORM as the app sees it. */
function serverError(code: string): QueryFailedError {
  const error = new DatabaseError('server says no', 0, 'error');
  error.code = code;
  return new QueryFailedError('SELECT 1', [], error);
}

/** A loopback peer that accepts connections and then does `onSocket` with them. */
async function peer(onSocket: (socket: Socket) => void): Promise<{ port: number; server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server, sockets };
}

async function stop({ server, sockets }: { server: Server; sockets: Set<Socket> }): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
}

/** The rejection of `promise` (fails the test if it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection from the installed pg', async () => {
    const closed = await peer(() => undefined);
    await stop(closed);
    const error = await rejectionOf(new Client({ host: '127.0.0.1', port: closed.port }).connect());
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises a connection the server drops, as pg reports it', async () => {
    const dropping = await peer((socket) => socket.once('data', () => socket.destroy()));
    const error = await rejectionOf(new Client({ host: '127.0.0.1', port: dropping.port }).connect());
    await stop(dropping);
    expect((error as Error).message).toBe('Connection terminated unexpectedly');
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises pg-pool timing out a connect and a wait for a pooled connection against a server that never answers', async () => {
    const silent = await peer(() => undefined);
    const pool = new Pool({ host: '127.0.0.1', port: silent.port, max: 1, connectionTimeoutMillis: 100 });
    const [connecting, waiting] = await Promise.all([rejectionOf(pool.connect()), rejectionOf(pool.connect())]);
    await pool.end();
    await stop(silent);
    expect((connecting as Error).message).toBe('Connection terminated due to connection timeout');
    expect((waiting as Error).message).toBe('timeout exceeded when trying to connect');
    expect(isDatabaseUnavailable(connecting)).toBe(true);
    expect(isDatabaseUnavailable(waiting)).toBe(true);
  });

  it.each(['57P01', '57P02', '57P03', '57014', '25P03', '53300', '08006', '08001', '08P01'])(
    'recognises server error %s wrapped by TypeORM',
    (code) => {
      expect(isDatabaseUnavailable(serverError(code))).toBe(true);
    },
  );

  it('recognises the client-side statement bound, wrapped by TypeORM', () => {
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], new DatabaseReadTimeoutError(5000)))).toBe(true);
  });

  it.each(['23505', '22P02', '40001', '40P01', '42P01', '0A000'])('leaves server error %s to the other handlers (not an outage)', (code) => {
    expect(isDatabaseUnavailable(serverError(code))).toBe(false);
  });

  it('leaves programming errors and non-errors alone', () => {
    expect(isDatabaseUnavailable(new TypeError('x.forEach is not a function'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

describe('databaseUnavailable', () => {
  it('is a 503 whose Retry-After is the timeout in whole seconds, at least 1', () => {
    expect(databaseUnavailable(5000)).toMatchObject({ status: 503, headers: { 'Retry-After': '5' } });
    expect(retryAfterSeconds(1500)).toBe(2);
    expect(retryAfterSeconds(1)).toBe(1);
  });
});
