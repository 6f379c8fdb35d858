import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../config/load-config';
import { WorkerModule } from '../src/worker.module';
import { newObject } from './helpers/factories';
import { startTestApp, TEST_ENV } from './helpers/test-app';
import { bearer, newAdmin } from './helpers/tokens';
import { FAST_WEBHOOKS as FAST, WebhookReceiver } from './helpers/webhook-receiver';

/** WEBHOOK_DELIVERY=off and `npm run worker`: the outbox sent by a process of its own (README "Keeping a copy in sync"). */


describe('webhook delivery in a worker of its own', () => {
  /** Polls as fast as the senders would, but WEBHOOK_DELIVERY=off: it must never send. */
  let app: NestFastifyApplication;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    app = await startTestApp({ ...FAST, WEBHOOK_DELIVERY: 'off' });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
  });
  afterEach(() => receiver.stop());

  async function subscribedChange() {
    const { token } = newAdmin();
    const response = await app.inject({ method: 'POST', url: '/webhooks', headers: bearer(token), payload: { url: receiver.url, events: ['*'] } });
    expect(response.statusCode).toBe(201);
    const { id } = response.json<{ id: string }>();
    const object = await newObject(app, token);
    return { token, id, object };
  }

  async function states(token: string, id: string): Promise<string[]> {
    const response = await app.inject({ method: 'GET', url: `/webhooks/${id}/deliveries`, headers: bearer(token) });
    return response.json<{ items: { state: string }[] }>().items.map((item) => item.state);
  }

  async function settled(token: string, id: string): Promise<string[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const now = await states(token, id);
      if ((now.length && !now.includes('pending')) || Date.now() > deadline) return now;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('an app with WEBHOOK_DELIVERY=off writes the outbox and sends nothing; the worker context sends it', async () => {
    const { token, id, object } = await subscribedChange();
    await new Promise((resolve) => setTimeout(resolve, 300)); // a dozen of the app's poll intervals
    expect(await states(token, id)).toEqual(['pending']);
    expect(receiver.received).toEqual([]);

    const config = loadConfig({ ...TEST_ENV, ...FAST });
    const worker: INestApplicationContext = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(config, process.env.TEST_DATABASE_URL!),
      { logger: false },
    );
    try {
      const [request] = await receiver.waitFor(1);
      expect(JSON.parse(request.body).data).toMatchObject({ id: object._id, version: 1 });
      expect(await settled(token, id)).toEqual(['delivered']);
    } finally {
      await worker.close();
    }
  });

  describe('`npm run worker` (src/worker.main.ts) as a process', () => {
    function startWorker(env: Record<string, string>): ChildProcess {
      // ts-node rather than the build, so the test needs no `npm run build` first.
      return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/worker.main.ts'], {
        env: { PATH: process.env.PATH, ...TEST_ENV, ...FAST, ...env },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
    }

    it('delivers the outbox, and finishes cleanly on SIGTERM', async () => {
      const { token, id } = await subscribedChange();
      const worker = startWorker({ DATABASE_URL: process.env.TEST_DATABASE_URL! });
      const exited = once(worker, 'exit');
      try {
        const [message] = await Promise.race([once(worker, 'message'), exited.then(() => ['exited'])]);
        expect(message).toBe('ready');
        await receiver.waitFor(1);
        expect(await settled(token, id)).toEqual(['delivered']);
      } finally {
        worker.kill('SIGTERM');
      }
      expect(await exited).toEqual([0, null]);
    }, 60_000);

    it('refuses to start without DATABASE_URL, saying so', async () => {
      const worker = startWorker({});
      let stderr = '';
      worker.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      expect(await once(worker, 'exit')).toEqual([1, null]);
      expect(stderr).toMatch(/DATABASE_URL is required/);
    }, 60_000);
  });
});
