import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { findFreePort } from '../src/database/free-port';
import { TcpProxy } from './helpers/tcp-proxy';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

const PROBES = ['/health', '/health/ready', '/health/live'];

describe('Health probes (API.md §1.10)', () => {
  let app: NestFastifyApplication;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const database = new URL(process.env.TEST_DATABASE_URL!);
    proxy = new TcpProxy(database.hostname, Number(database.port), await findFreePort());
    await proxy.open();
    const throughProxy = new URL(database.toString());
    throughProxy.port = String(proxy.port);
    app = await startTestApp({ DATABASE_TIMEOUT_MS: '1000' }, { databaseUrl: throughProxy.toString() });
  });
  afterAll(async () => {
    proxy.resume();
    await proxy.open();
    await app.close();
    await proxy.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it.each(PROBES)('%s is 200 without a token while the database answers', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok' });
  });

  it('/health and /health/ready report the database; /health/live does not ask it', async () => {
    for (const url of ['/health', '/health/ready']) {
      expect((await get(url)).json()).toMatchObject({ info: { database: { status: 'up' } } });
    }
    expect((await get('/health/live')).json().info).toEqual({});
  });

  it('readiness is 503 with Retry-After while the database is unreachable, liveness stays 200, and both are 200 again once it is back', async () => {
    await proxy.close();
    for (const url of ['/health', '/health/ready']) {
      const down = await get(url);
      expect(down.statusCode).toBe(503);
      expect(down.headers['content-type']).toContain('application/problem+json');
      expect(down.headers['retry-after']).toBe('1');
      expect(down.json()).toMatchObject({ status: 503, checks: { database: { status: 'down' } } });
    }
    expect((await get('/health/live')).statusCode).toBe(200);

    await proxy.open();
    let back = await get('/health/ready');
    for (let attempt = 0; back.statusCode !== 200 && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      back = await get('/health/ready');
    }
    expect(back.statusCode).toBe(200);
  });

  it('readiness answers 503 within DATABASE_TIMEOUT_MS when the database stops answering', async () => {
    proxy.stall();
    const start = performance.now();
    const down = await get('/health/ready');
    const elapsed = performance.now() - start;
    proxy.resume();
    expect(down.statusCode).toBe(503);
    expect(elapsed).toBeLessThan(2000);
  });

  it('documents every probe without security requirements, and readiness with its 503', async () => {
    const document = (await get('/docs-json')).json();
    for (const url of PROBES) expect(document.paths[url].get.security).toEqual([]);
    for (const url of ['/health', '/health/ready']) {
      const notReady = document.paths[url].get.responses['503'];
      expect(notReady.headers['Retry-After']).toBeDefined();
      expect(Object.keys(notReady.content)).toEqual(['application/problem+json']);
    }
    expect(document.paths['/health/live'].get.responses['503']).toBeUndefined();
  });
});

describe('Health probes and the rate limit', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_IP: '3', RATE_LIMIT_PER_TOKEN: '3' });
  });
  afterAll(() => app.close());

  it('are never rate-limited, even once the caller has spent its budget on other routes', async () => {
    const token = actorToken('admin', newCompany());
    const other = [];
    for (let n = 0; n < 4; n++) other.push((await app.inject({ method: 'GET', url: '/auth/me', headers: bearer(token) })).statusCode);
    expect(other).toContain(429);

    for (let n = 0; n < 5; n++) {
      for (const url of PROBES) {
        const response = await app.inject({ method: 'GET', url, headers: bearer(token) });
        expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
      }
    }
  });
});
