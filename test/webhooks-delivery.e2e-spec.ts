/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Webhook } from 'standardwebhooks';
import { newObject, OBJECTS, patch } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { bearer, newAdmin } from './helpers/tokens';
import { FAST_WEBHOOKS as FAST, WebhookReceiver } from './helpers/webhook-receiver';

/** Webhook delivery (API.md §5): signed, retried with the same id, in version order, once per change. */

/** An instance whose worker does not poll within any test. */
const IDLE = { ...FAST, WEBHOOK_POLL_INTERVAL_MS: '3600000' };

describe('webhook delivery (API.md §5)', () => {
  /** Takes the API calls; it never sends, so each test decides which instances deliver. */
  let app: NestFastifyApplication;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    app = await startTestApp(IDLE);
  });

  /** Runs `test` while `count` delivering instances (FAST unless `env` says more) share the database. */
  async function withSenders<T>(test: (senders: NestFastifyApplication[]) => Promise<T>, env: Record<string, string> = {}, count = 1) {
    const senders = await Promise.all(Array.from({ length: count }, () => startTestApp({ ...FAST, ...env })));
    try {
      return await test(senders);
    } finally {
      await Promise.all(senders.map((sender) => sender.close()));
    }
  }
  afterAll(() => app.close());
  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
  });
  afterEach(() => receiver.stop());

  async function subscribe(token: string, events: string[] = ['*'], on = app) {
    const response = await on.inject({ method: 'POST', url: '/webhooks', headers: bearer(token), payload: { url: receiver.url, events } });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string; secret: string }>();
  }

  async function deliveries(token: string, id: string) {
    const response = await app.inject({ method: 'GET', url: `/webhooks/${id}/deliveries?limit=200`, headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    return response.json().items as any[];
  }

  /** Waits until the subscription's newest delivery has left `pending`. */
  async function settled(token: string, id: string, count: number) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const items = await deliveries(token, id);
      if (items.length >= count && items.every((item) => item.state !== 'pending')) return items;
      if (Date.now() > deadline) throw new Error(`deliveries not settled: ${JSON.stringify(items)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  const payloadOf = (index: number) => JSON.parse(receiver.received[index].body);

  it('POSTs the change signed with the Standard Webhooks scheme, verifiable with the subscription secret', async () => {
    const { token, company } = newAdmin();
    const { secret } = await subscribe(token);
    const object = await newObject(app, token, { name: 'Depot' });
    const [request] = await withSenders(() => receiver.waitFor(1));

    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-id']).toEqual(expect.any(String));
    expect(Number(request.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -2);
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verified = new Webhook(secret).verify(request.body, request.headers);
    expect(verified).toEqual({
      type: 'customer-object.created',
      timestamp: expect.any(String),
      data: {
        resource: 'objects',
        id: object._id,
        companyId: company,
        version: 1,
        kind: 'created',
        actor: { sub: expect.any(String), role: 'admin' },
        ops: expect.arrayContaining([{ op: 'replace', path: '/name', value: 'Depot' }]),
      },
    });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(request.body, request.headers)).toThrow();
  });

  it('retries after the receiver answers 500 twice, with the same webhook-id, and records every attempt', async () => {
    const { token } = newAdmin();
    const { id } = await subscribe(token);
    receiver.answer = (_request, index) => (index < 2 ? 500 : 204);
    await newObject(app, token);
    const [requests, [delivery]] = await withSenders(async () => [await receiver.waitFor(3), await settled(token, id, 1)] as const);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
    expect(delivery).toMatchObject({ id: requests[0].headers['webhook-id'], type: 'customer-object.created', state: 'delivered' });
    expect(delivery.attempts.map((attempt: any) => attempt.status)).toEqual([500, 500, 204]);
    expect(delivery.attempts[0]).toEqual({ at: expect.any(String), status: 500, durationMs: expect.any(Number), error: expect.any(String) });
    expect(delivery.attempts[2].error).toBeNull();
  });

  it('holds later versions of a record back while an earlier one is being retried', async () => {
    const { token } = newAdmin();
    const { id } = await subscribe(token);
    receiver.answer = (_request, index) => (index < 2 ? 500 : 200);
    const object = await newObject(app, token);
    for (const name of ['Second', 'Third']) expect((await patch(app, `${OBJECTS}/${object._id}`, token, { name })).statusCode).toBe(200);
    await withSenders(() => settled(token, id, 3));
    expect(receiver.received.map((_, index) => payloadOf(index).data.version)).toEqual([1, 1, 1, 2, 3]);
  });

  it('records a batch at once: a retry of one delivery moves only its own record’s later deliveries', async () => {
    const { token } = newAdmin();
    const { id } = await subscribe(token);
    const [failing, other, delivered] = [await newObject(app, token), await newObject(app, token), await newObject(app, token)];
    for (const object of [failing, other, delivered]) {
      expect((await patch(app, `${OBJECTS}/${object._id}`, token, { name: 'Second' })).statusCode).toBe(200);
    }
    const refused = new Set([failing._id, other._id]);
    receiver.answer = (request) => (refused.has(JSON.parse(request.body).data.id) ? 500 : 204);
    // The first versions of all three go out in one batch; the two refused ones wait 10 minutes.
    const items = await withSenders(
      async () => {
        const deadline = Date.now() + 10_000;
        for (;;) {
          const listed = await deliveries(token, id);
          const done = listed.filter((item) => item.state === 'delivered' || item.attempts.length > 0);
          if (done.length === 4 || Date.now() > deadline) return listed;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      },
      { WEBHOOK_RETRY_SCHEDULE_MS: '600000' },
    );
    /** The record's deliveries: [version 1 (created), version 2 (updated)]. */
    const of = (object: Record<string, any>) =>
      ['customer-object.created', 'customer-object.updated'].map((type) => items.find((item) => item.resourceId === object._id && item.type === type));

    expect(of(delivered).map((item) => [item.state, item.attempts.length, item.nextAttemptAt])).toEqual([
      ['delivered', 1, null],
      ['delivered', 1, null],
    ]);
    const retryAts = [failing, other].map((object) => {
      const [first, second] = of(object);
      expect(first).toMatchObject({ state: 'pending', attempts: [expect.objectContaining({ status: 500 })] });
      const retryIn = Date.parse(first.nextAttemptAt) - Date.now();
      expect(retryIn).toBeGreaterThan(400_000);
      expect(retryIn).toBeLessThanOrEqual(720_000);
      // The later version waits for exactly its own record's retry, untried.
      expect(second).toMatchObject({ state: 'pending', attempts: [], nextAttemptAt: first.nextAttemptAt });
      return first.nextAttemptAt;
    });
    expect(new Set(retryAts).size).toBe(2); // each retry drew its own jitter
    expect(receiver.received).toHaveLength(4);
  });

  it('times out a receiver that hangs and tries again', async () => {
    const { token } = newAdmin();
    const { id } = await subscribe(token);
    receiver.answer = (_request, index) => (index === 0 ? 'hang' : 200);
    await newObject(app, token);
    const [delivery] = await withSenders(() => settled(token, id, 1), { WEBHOOK_TIMEOUT_MS: '300' });
    expect(receiver.received).toHaveLength(2);
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts[0]).toMatchObject({ status: null, error: 'no answer within 300 ms' });
    expect(delivery.attempts[0].durationMs).toBeGreaterThanOrEqual(290);
    expect(delivery.attempts[1]).toMatchObject({ status: 200, error: null });
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    const { token } = newAdmin();
    const { id } = await subscribe(token);
    receiver.answer = (_request, index) => (index === 0 ? 302 : 200);
    await newObject(app, token);
    const [delivery] = await withSenders(() => settled(token, id, 1));
    expect(delivery.attempts.map((attempt: any) => [attempt.status, attempt.error])).toEqual([
      [302, 'redirects are not followed'],
      [200, null],
    ]);
  });

  it('marks a delivery failed once it is older than WEBHOOK_MAX_AGE_MS', async () => {
    const { token } = newAdmin();
    const { id } = await subscribe(token);
    receiver.answer = () => 503;
    const [delivery] = await withSenders(
      async () => {
        await newObject(app, token); // made while the sender runs, so it is tried before it ages out
        return settled(token, id, 1);
      },
      { WEBHOOK_MAX_AGE_MS: '500' },
    );
    expect(delivery.state).toBe('failed');
    expect(delivery.attempts.length).toBeGreaterThanOrEqual(2);
    expect(delivery.attempts.every((attempt: any) => attempt.status === 503)).toBe(true);
  });

  it('sends only the events a subscription asked for', async () => {
    const { token } = newAdmin();
    const { id } = await subscribe(token, ['customer-object.updated']);
    const object = await newObject(app, token);
    expect((await patch(app, `${OBJECTS}/${object._id}`, token, { name: 'Renamed' })).statusCode).toBe(200);
    await withSenders(() => settled(token, id, 1));
    expect(receiver.received).toHaveLength(1);
    expect(payloadOf(0)).toMatchObject({ type: 'customer-object.updated', data: { version: 2, kind: 'updated' } });
    expect(await deliveries(token, id)).toHaveLength(1);
  });

  it('writes no delivery for a rolled-back write (422, 412) and none for a disabled subscription', async () => {
    const { token } = newAdmin();
    const { id } = await subscribe(token);
    const object = await newObject(app, token);
    const url = `${OBJECTS}/${object._id}`;
    expect((await patch(app, url, token, { rating: 99 })).statusCode).toBe(422);
    expect((await patch(app, url, token, { name: 'Stale' }, undefined, { 'if-match': '"nope"' })).statusCode).toBe(412);
    expect((await patch(app, url, token, { name: 'Kept' })).statusCode).toBe(200);
    await withSenders(() => settled(token, id, 2));
    expect(receiver.received.map((_, index) => payloadOf(index).data.version)).toEqual([1, 2]);
    expect(await deliveries(token, id)).toHaveLength(2);

    const disabled = await app.inject({ method: 'PATCH', url: `/webhooks/${id}`, headers: bearer(token), payload: { enabled: false } });
    expect(disabled.statusCode).toBe(200);
    expect((await patch(app, url, token, { name: 'Unseen' })).statusCode).toBe(200);
    expect(await deliveries(token, id)).toHaveLength(2);
  });

  it('delivers what was pending when an instance stopped, after another starts', async () => {
    const stopped = await startTestApp(IDLE);
    const { token } = newAdmin();
    const { id } = await subscribe(token, ['*'], stopped);
    await newObject(stopped, token);
    await newObject(stopped, token);
    await stopped.close();
    expect((await deliveries(token, id)).map((item) => item.state)).toEqual(['pending', 'pending']);
    expect(receiver.received).toEqual([]);
    const states = await withSenders(async () => (await settled(token, id, 2)).map((item) => item.state));
    expect(states).toEqual(['delivered', 'delivered']);
    expect(receiver.received).toHaveLength(2);
  });

  it('refuses at send time a destination the sending instance’s rules forbid, and sends nothing', async () => {
    const { token } = newAdmin();
    const { id } = await subscribe(token); // accepted by `app`, which allows private hosts
    await newObject(app, token);
    const [delivery] = await withSenders(async () => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const items = await deliveries(token, id);
        if (items[0]?.attempts.length || Date.now() > deadline) return items;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }, { WEBHOOK_ALLOW_PRIVATE: 'false' });
    expect(delivery.state).toBe('pending');
    expect(delivery.attempts[0]).toMatchObject({ status: null, error: expect.stringMatching(/^destination refused: .*loopback/) });
    expect(receiver.received).toEqual([]);
  });

  it('with two instances and 200 changes, acknowledges each delivery once and keeps version order per record', async () => {
    const { token } = newAdmin();
    const { id } = await subscribe(token);
    const items = await withSenders(
      async (instances) => {
        const objects = await Promise.all(Array.from({ length: 20 }, (_, i) => newObject(instances[i % 2], token)));
        await Promise.all(
          objects.map(async (object, i) => {
            for (let version = 2; version <= 10; version++) {
              const response = await patch(instances[(i + version) % 2], `${OBJECTS}/${object._id}`, token, { name: `v${version}` });
              expect(response.statusCode).toBe(200);
            }
          }),
        );
        return settled(token, id, 200);
      },
      { WEBHOOK_TIMEOUT_MS: '5000' },
      2,
    );
    expect(items).toHaveLength(200);
    for (const delivery of items) {
      expect(delivery.state).toBe('delivered');
      expect(delivery.attempts.filter((attempt: any) => attempt.status === 200)).toHaveLength(1);
    }
    // At-least-once: a webhook-id arrives twice only after an attempt that timed out.
    const timedOut = new Set(items.filter((d) => d.attempts.some((a: any) => a.status === null)).map((d) => d.id));
    const counts = new Map<string, number>();
    for (const request of receiver.received) counts.set(request.headers['webhook-id'], (counts.get(request.headers['webhook-id']) ?? 0) + 1);
    expect(counts.size).toBe(200);
    for (const [webhookId, count] of counts) if (count > 1) expect(timedOut).toContain(webhookId);
    // Per record, the first arrival of each version comes in version order.
    const versions = new Map<string, number[]>();
    for (const request of receiver.received) {
      const { data } = JSON.parse(request.body);
      const seen = versions.get(data.id) ?? [];
      if (!seen.includes(data.version)) versions.set(data.id, [...seen, data.version]);
    }
    expect(versions.size).toBe(20);
    for (const list of versions.values()) expect(list).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  }, 60_000);
});
