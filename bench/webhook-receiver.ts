import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the bench's receiver saw. */
export interface BenchReceiver {
  url: string;
  deliveries(): number;
  stop(): Promise<void>;
}

/**
 * A receiver on loopback that acknowledges every delivery with 204, as a fast partner would:
 * with BENCH_WEBHOOKS the app's delivery worker sends to it during the measured runs, so its
 * CPU is part of the app's. It runs in the harness process (counted as load generator).
 */
export async function startBenchReceiver(): Promise<BenchReceiver> {
  let received = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries: () => received,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** One subscription to every event per company, made through the API as an admin would. */
export async function subscribeAll(baseUrl: string, tokens: Map<string, string>, url: string): Promise<void> {
  for (const token of tokens.values()) {
    const response = await fetch(`${baseUrl}/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url, events: ['*'] }),
    });
    if (response.status !== 201) throw new Error(`POST /webhooks answered ${response.status}: ${await response.text()}`);
  }
}
