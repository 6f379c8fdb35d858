import { Client, ClientConfig } from 'pg';

/** A statement the database did not answer within the client-side bound. */
export class DatabaseReadTimeoutError extends Error {
  override readonly name = 'DatabaseReadTimeoutError';

  constructor(readonly timeoutMs: number) {
    super(`The database did not answer within ${timeoutMs} ms; the connection was discarded`);
  }
}

export interface BoundedClientConfig extends ClientConfig {
  /** Milliseconds a statement may wait for the server's answer before the connection is given up. */
  readTimeoutMs: number;
}

type AnyQuery = (...args: unknown[]) => unknown;

/**
 * pg's Client, with a client-side bound on every statement. `statement_timeout` is enforced by
 * the server, so it cannot help when the server (or the network) stops answering: the socket
 * stays open and the query waits forever. pg's own `query_timeout` rejects the caller but leaves
 * the query running on the connection, which then goes back to the pool: the next statement on
 * it (the ROLLBACK of the same request, or another request) waits behind it, and the abandoned
 * statement still runs if the server wakes up. So here a statement that outlives the bound
 * destroys its connection: every waiter on it fails at once with DatabaseReadTimeoutError, the
 * pool drops the client, and nothing queued on it can reach the server later. A connection the
 * server has ended (a FATAL error) is discarded at once for the same reason.
 */
export class BoundedClient extends Client {
  constructor(config: BoundedClientConfig) {
    super(config);
    const unbounded = this.query.bind(this) as AnyQuery;
    const bounded: AnyQuery = (...args) => this.bounded(unbounded(...args), config.readTimeoutMs);
    this.query = bounded as Client['query'];
  }

  /** TypeORM always uses the promise form; callback and submittable forms run unbounded. */
  private bounded(result: unknown, timeoutMs: number): unknown {
    if (!(result instanceof Promise)) return result;
    const timer = setTimeout(() => this.discard(new DatabaseReadTimeoutError(timeoutMs)), timeoutMs);
    result.then(
      () => clearTimeout(timer),
      (error: unknown) => {
        clearTimeout(timer);
        // FATAL (57P01 admin shutdown, 25P03, …): the server ends this session and closes the
        // socket a moment later. Until pg sees the close, the pool would lend the client again and
        // the next request would fail on it too; discarding it now makes one failure one 503.
        if ((error as { severity?: unknown }).severity === 'FATAL') this.discard();
      },
    );
    return result;
  }

  private discard(error?: Error): void {
    this.connection.stream.destroy(error);
  }
}
