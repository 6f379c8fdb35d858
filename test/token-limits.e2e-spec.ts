import crypto from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiClientsService } from '../src/auth/api-clients/api-clients.service';
import { startTestApp } from './helpers/test-app';
import { newCompany } from './helpers/tokens';

/* eslint-disable @typescript-eslint/no-explicit-any -- problem bodies are checked field by field */

/**
 * API.md §1.10: failed client-credential attempts are limited per client_id and per IP, and
 * the 429 comes before any secret is hashed. Hashing is observed by counting node's scrypt
 * calls (the app runs in this process), so "before hashing" is measured, not assumed.
 */
describe('POST /auth/token cannot be used to burn CPU', () => {
  const realScrypt = crypto.scrypt;
  let scryptCalls = 0;
  let scryptRunning = 0;
  let scryptMaxRunning = 0;

  beforeAll(() => {
    jest.spyOn(crypto, 'scrypt').mockImplementation(((...args: any[]) => {
      const callback = args.pop();
      scryptCalls += 1;
      scryptRunning += 1;
      scryptMaxRunning = Math.max(scryptMaxRunning, scryptRunning);
      (realScrypt as any)(...args, (error: Error | null, key: Buffer) => {
        scryptRunning -= 1;
        callback(error, key);
      });
    }) as any);
  });
  afterAll(() => jest.restoreAllMocks());
  beforeEach(() => {
    scryptCalls = 0;
    scryptMaxRunning = 0;
  });

  /** A client with its secret; the hash made for storing it is not counted. */
  async function newClient(app: NestFastifyApplication) {
    const client = await app.get(ApiClientsService).create({ companyId: newCompany(), scope: 'customers:read' });
    scryptCalls = 0;
    return client;
  }

  async function startWith(env: Record<string, string>) {
    const app = await startTestApp(env);
    return { app, client: await newClient(app) };
  }

  const tokenRequest = (app: NestFastifyApplication, clientId: string, clientSecret: string, remoteAddress = '10.9.0.1') =>
    app.inject({
      method: 'POST',
      url: '/auth/token',
      payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
      remoteAddress,
    });

  function expectLimited(response: Awaited<ReturnType<typeof tokenRequest>>) {
    expect(response.statusCode).toBe(429);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.json()).toMatchObject({ status: 429, detail: expect.stringMatching(/failed client authentication/) });
  }

  describe('with 3 failures per client_id and 5 per IP', () => {
    let app: NestFastifyApplication;
    let client: { clientId: string; clientSecret: string };
    beforeAll(async () => {
      ({ app, client } = await startWith({ TOKEN_FAILURES_PER_CLIENT: '3', TOKEN_FAILURES_PER_IP: '5', TOKEN_HASH_CONCURRENCY: '4' }));
    });
    afterAll(() => app.close());

    it('after 3 wrong secrets for a client_id (from any IPs) answers 429 with Retry-After, without hashing, even for the right secret', async () => {
      const { clientId, clientSecret } = await newClient(app);
      for (let i = 0; i < 3; i++) expect((await tokenRequest(app, clientId, 'wrong', `10.1.0.${i}`)).statusCode).toBe(401);
      expect(scryptCalls).toBe(3);

      const started = Date.now();
      expectLimited(await tokenRequest(app, clientId, 'wrong', '10.1.1.1'));
      expectLimited(await tokenRequest(app, clientId, clientSecret, '10.1.1.2'));
      expectLimited(await tokenRequest(app, clientId.toUpperCase(), clientSecret, '10.1.1.3'));
      expect(scryptCalls).toBe(3);
      expect(Date.now() - started).toBeLessThan(500);

      // Another client from the same IPs is not affected.
      expect((await tokenRequest(app, client.clientId, client.clientSecret, '10.1.0.0')).statusCode).toBe(200);
    });

    it('after 5 failures from one IP (made-up client ids) answers 429 for that IP only, without hashing', async () => {
      for (let i = 0; i < 5; i++) expect((await tokenRequest(app, newCompany(), 'guess', '10.2.0.1')).statusCode).toBe(401);
      expect(scryptCalls).toBe(5);
      expectLimited(await tokenRequest(app, newCompany(), 'guess', '10.2.0.1'));
      expectLimited(await tokenRequest(app, client.clientId, client.clientSecret, '10.2.0.1'));
      expect(scryptCalls).toBe(5);
      expect((await tokenRequest(app, client.clientId, client.clientSecret, '10.2.0.2')).statusCode).toBe(200);
    });

    it('32 concurrent guesses for one made-up client_id hash at most 3 times; the rest are 429', async () => {
      const clientId = newCompany();
      const responses = await Promise.all(
        Array.from({ length: 32 }, (_, i) => tokenRequest(app, clientId, 'guess', `10.3.${i}.1`)),
      );
      const statuses = responses.map((response) => response.statusCode);
      expect(statuses.filter((status) => status === 401)).toHaveLength(3);
      expect(statuses.filter((status) => status === 429)).toHaveLength(29);
      expect(scryptCalls).toBe(3);
    });

    it('undecodable or overlong HTTP Basic credentials are 401 invalid_client without hashing, never 500', async () => {
      for (const credentials of ['%E0%A4%A:secret', `${'a'.repeat(600)}:secret`, `${client.clientId}:%ZZ`]) {
        const response = await app.inject({
          method: 'POST',
          url: '/auth/token',
          headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
          payload: { grant_type: 'client_credentials' },
          remoteAddress: '10.6.0.1',
        });
        expect(response.statusCode).toBe(401);
        expect(response.json()).toMatchObject({ error: 'invalid_client' });
      }
      expect(scryptCalls).toBe(0);
    });

    it('successful exchanges use up no budget', async () => {
      const { clientId, clientSecret } = await newClient(app);
      for (let i = 0; i < 8; i++) expect((await tokenRequest(app, clientId, clientSecret, '10.4.0.1')).statusCode).toBe(200);
      for (let i = 0; i < 3; i++) expect((await tokenRequest(app, clientId, 'wrong', '10.4.0.1')).statusCode).toBe(401);
      expectLimited(await tokenRequest(app, clientId, 'wrong', '10.4.0.1'));
    });
  });

  it('the budgets come back after TOKEN_FAILURE_WINDOW_MS', async () => {
    const { app, client } = await startWith({ TOKEN_FAILURES_PER_CLIENT: '2', TOKEN_FAILURE_WINDOW_MS: '1000' });
    try {
      for (let i = 0; i < 2; i++) expect((await tokenRequest(app, client.clientId, 'wrong')).statusCode).toBe(401);
      expectLimited(await tokenRequest(app, client.clientId, client.clientSecret));
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await tokenRequest(app, client.clientId, client.clientSecret)).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('runs at most TOKEN_HASH_CONCURRENCY secret checks at once and refuses beyond TOKEN_HASH_QUEUE with 503', async () => {
    const { app } = await startWith({ TOKEN_HASH_CONCURRENCY: '2', TOKEN_HASH_QUEUE: '3', TOKEN_FAILURES_PER_IP: '100' });
    try {
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, i) => tokenRequest(app, newCompany(), 'guess', `10.5.${i}.1`)),
      );
      const statuses = responses.map((response) => response.statusCode);
      expect(scryptMaxRunning).toBeLessThanOrEqual(2);
      expect(statuses.filter((status) => status === 401)).toHaveLength(scryptCalls);
      expect(scryptCalls).toBeGreaterThanOrEqual(5);
      const busy = responses.filter((response) => response.statusCode === 503);
      expect(busy.length).toBe(12 - scryptCalls);
      expect(busy.length).toBeGreaterThan(0);
      for (const response of busy) {
        expect(response.headers['retry-after']).toBe('1');
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
    } finally {
      await app.close();
    }
  });
});
