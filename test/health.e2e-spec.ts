import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { findFreePort } from '../src/database/free-port';
import { TcpProxy } from './helpers/tcp-proxy';
import { startTestApp } from './helpers/test-app';

describe('GET /health (API.md §1.10)', () => {
  let app: NestFastifyApplication;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const database = new URL(process.env.TEST_DATABASE_URL!);
    proxy = new TcpProxy(database.hostname, Number(database.port), await findFreePort());
    await proxy.open();
    const throughProxy = new URL(database.toString());
    throughProxy.port = String(proxy.port);
    app = await startTestApp({}, { databaseUrl: throughProxy.toString() });
  });
  afterAll(async () => {
    await proxy.open();
    await app.close();
    await proxy.close();
  });

  const health = () => app.inject({ method: 'GET', url: '/health' });

  it('is 200 without a token while the database answers', async () => {
    const response = await health();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('is 503 while the database is unreachable and 200 again once it is back, without a restart', async () => {
    await proxy.close();
    const down = await health();
    expect(down.statusCode).toBe(503);
    expect(down.headers['content-type']).toContain('application/problem+json');
    expect(down.json()).toMatchObject({ status: 503, checks: { database: { status: 'down' } } });

    await proxy.open();
    let back = await health();
    for (let attempt = 0; back.statusCode !== 200 && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      back = await health();
    }
    expect(back.statusCode).toBe(200);
  });
});
