import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newObject } from './helpers/factories';
import { OwnDatabase } from './helpers/own-database';
import { startTestApp } from './helpers/test-app';
import { bearer, newAdmin } from './helpers/tokens';
import { FAST_WEBHOOKS, WebhookReceiver } from './helpers/webhook-receiver';

/*
 * The in-process worker yields to the requests (src/webhooks/delivery-pacing.ts): while they
 * keep the event loop busy it sends one batch per poll and leaves the rest in the outbox;
 * otherwise it drains the outbox in one go. A database of its own, so that no other suite's
 * deliveries share the batches.
 */
describe('webhook delivery beside the API', () => {
  const POLL_MS = 600;
  const own = new OwnDatabase('pacing');
  /** Writes the outbox and sends nothing (WEBHOOK_DELIVERY=off). */
  let writer: NestFastifyApplication;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    await own.create();
    writer = await startTestApp({ ...FAST_WEBHOOKS, WEBHOOK_DELIVERY: 'off' }, { databaseUrl: own.url });
  });
  afterAll(async () => {
    await writer.close();
    await own.drop();
  });
  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
    const { token } = newAdmin();
    const subscribed = await writer.inject({ method: 'POST', url: '/webhooks', headers: bearer(token), payload: { url: receiver.url, events: ['*'] } });
    expect(subscribed.statusCode).toBe(201);
    for (let n = 0; n < 6; n += 1) await newObject(writer, token); // six deliveries, all due
  });
  afterEach(() => receiver.stop());

  /** Starts the app whose worker sends the six: two per batch. */
  const sender = () =>
    startTestApp({ ...FAST_WEBHOOKS, WEBHOOK_POLL_INTERVAL_MS: String(POLL_MS), WEBHOOK_BATCH_SIZE: '2', WEBHOOK_YIELD_PERCENT: '90' }, { databaseUrl: own.url });

  /** How many had arrived a third of a poll interval after the first one did. */
  async function arrivedInFirstTick(): Promise<number> {
    await receiver.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS / 3));
    return receiver.received.length;
  }

  it('while requests keep the event loop busy: one batch per poll, and the rest follows', async () => {
    // Stands in for saturating traffic: the loop is busy nearly all the time.
    const load = setInterval(() => {
      const until = Date.now() + 50;
      while (Date.now() < until);
    }, 1);
    const app = await sender();
    try {
      expect(await arrivedInFirstTick()).toBe(2);
      await receiver.waitFor(6);
    } finally {
      clearInterval(load);
      await app.close();
    }
  }, 30_000);

  it('with the loop mostly idle: the whole outbox in one poll', async () => {
    const app = await sender();
    try {
      expect(await arrivedInFirstTick()).toBe(6);
    } finally {
      await app.close();
    }
  }, 30_000);
});
