import { createServer, Server, Socket, connect } from 'node:net';

/** One proxied connection: the app's socket and the one to PostgreSQL (none while stalled). */
interface Link {
  client: Socket;
  upstream?: Socket;
}

/**
 * A loopback TCP proxy in front of PostgreSQL, so a test can take the database away without
 * touching the real server, in the two ways it goes away in production:
 * - `close()` cuts it: every connection is closed and new ones are refused (a stopped server);
 * - `stall()` freezes it: connections stay open, new ones are accepted, and nothing is forwarded
 *   either way (a SIGSTOPped server, a network that drops packets).
 * `resume()` ends a stall. Connections that were stalled are cut then, not replayed: what the app
 * sent while the database was frozen never reaches it, like packets lost in a partition.
 */
export class TcpProxy {
  private server?: Server;
  private readonly links = new Set<Link>();
  private stalled = false;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
    readonly port: number,
  ) {}

  async open(): Promise<void> {
    if (this.server) return;
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    this.cutAll();
    this.stalled = false;
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  stall(): void {
    this.stalled = true;
    for (const link of this.links) freeze(link);
  }

  resume(): void {
    if (!this.stalled) return;
    this.stalled = false;
    this.cutAll();
  }

  private accept(client: Socket): void {
    const link: Link = { client };
    this.track(link, client);
    if (this.stalled) {
      client.pause();
      return;
    }
    const upstream = connect(this.targetPort, this.targetHost);
    link.upstream = upstream;
    this.track(link, upstream);
    client.pipe(upstream).pipe(client);
  }

  private track(link: Link, socket: Socket): void {
    this.links.add(link);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      // One side gone: the other goes too, as a real TCP peer would see it.
      link.client.destroy();
      link.upstream?.destroy();
      this.links.delete(link);
    });
  }

  private cutAll(): void {
    for (const link of this.links) {
      link.client.destroy();
      link.upstream?.destroy();
    }
    this.links.clear();
  }
}

/** Stop both directions; bytes already in flight stay unread in the kernel's buffers. */
function freeze(link: Link): void {
  if (link.upstream) {
    link.client.unpipe(link.upstream);
    link.upstream.unpipe(link.client);
    link.upstream.pause();
  }
  link.client.pause();
}
