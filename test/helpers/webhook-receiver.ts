import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** App settings for tests with a receiver on 127.0.0.1 (it needs both switches), fast so suites stay short. */
export const FAST_WEBHOOKS = {
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '25',
  WEBHOOK_RETRY_SCHEDULE_MS: '50,100',
  WEBHOOK_TIMEOUT_MS: '1000',
};

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
}

/** What the receiver does with a request: answer with a status, or never answer. */
export type ReceiverAnswer = number | 'hang';

/**
 * A real HTTP receiver on 127.0.0.1 (a free port), as a partner would run one: it records
 * every request and answers what `answer` says for it (200 unless told otherwise).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: (request: ReceivedWebhook, index: number) => ReceiverAnswer = () => 200;
  private server?: Server;
  private readonly hanging = new Set<ServerResponse>();

  async start(): Promise<this> {
    this.server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const received = { headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') };
        const answer = this.answer(received, this.received.length);
        this.received.push(received);
        if (answer === 'hang') {
          this.hanging.add(response);
          return;
        }
        response.writeHead(answer, answer >= 300 && answer < 400 ? { location: 'http://127.0.0.1:1/elsewhere' } : {}).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hooks`;
  }

  /** Waits until at least `count` requests arrived (fails after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`receiver got ${this.received.length} of ${count} requests`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.received;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
