import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { WebhookSender } from './webhook-sender';

describe('WebhookSender', () => {
  const loopback = { allowHttp: true, allowPrivate: true };
  let server: Server;
  let url: string;
  /** Requests per connection, in arrival order. */
  let connections: Map<Socket, number>;
  let onRequest: (request: IncomingMessage, served: number) => 'answer' | 'reset';

  beforeEach(async () => {
    connections = new Map();
    onRequest = () => 'answer';
    server = createServer((request, response) => {
      const served = connections.get(request.socket) ?? 0;
      connections.set(request.socket, served + 1);
      request.resume();
      request.on('end', () => (onRequest(request, served) === 'reset' ? request.socket.resetAndDestroy() : response.writeHead(204).end()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends one delivery after another over the same kept-alive connection', async () => {
    const sender = new WebhookSender(loopback, 1_000);
    try {
      for (let i = 0; i < 3; i++) expect(await sender.send(url, '{}', { 'webhook-id': String(i) })).toMatchObject({ ok: true, status: 204 });
      expect([...connections.values()]).toEqual([3]);
    } finally {
      sender.close();
    }
  });

  it('sends again, once, on a fresh connection when the receiver had dropped the kept-alive one', async () => {
    onRequest = (_request, served) => (served > 0 ? 'reset' : 'answer');
    const sender = new WebhookSender(loopback, 1_000);
    try {
      expect(await sender.send(url, '{}', {})).toMatchObject({ ok: true });
      expect(await sender.send(url, '{}', {})).toMatchObject({ ok: true, status: 204 });
      expect([...connections.values()]).toEqual([2, 1]);
    } finally {
      sender.close();
    }
  });

  it('does not resend when a fresh connection is reset: that is a failed attempt', async () => {
    onRequest = () => 'reset';
    const sender = new WebhookSender(loopback, 1_000);
    try {
      expect(await sender.send(url, '{}', {})).toMatchObject({ ok: false, status: null, error: expect.any(String) });
      expect([...connections.values()]).toEqual([1]);
    } finally {
      sender.close();
    }
  });

  it('refuses a private literal under strict rules without connecting', async () => {
    const sender = new WebhookSender({ allowHttp: true, allowPrivate: false }, 1_000);
    try {
      expect(await sender.send(url, '{}', {})).toMatchObject({ ok: false, error: expect.stringMatching(/^destination refused: .*loopback/) });
      expect(connections.size).toBe(0);
    } finally {
      sender.close();
    }
  });

  it('checks a host name’s addresses whenever the keep-alive pool opens a connection', async () => {
    const sender = new WebhookSender({ allowHttp: true, allowPrivate: false }, 1_000);
    try {
      const named = url.replace('127.0.0.1', 'localhost');
      for (let i = 0; i < 2; i++) {
        expect(await sender.send(named, '{}', {})).toMatchObject({ ok: false, error: expect.stringMatching(/^destination refused: host localhost .*loopback/) });
      }
      expect(connections.size).toBe(0);
    } finally {
      sender.close();
    }
  });
});
