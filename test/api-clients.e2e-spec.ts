import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, TEST_ENV } from './helpers/test-app';
import { bearer, newCompany } from './helpers/tokens';

const run = promisify(execFile);

/** Runs `npm run client:create` as a user would, against the test database. */
async function createClientWithCli(company: string, scope: string): Promise<{ clientId: string; clientSecret: string }> {
  const { stdout } = await run(
    'npx',
    ['ts-node', '--transpile-only', 'scripts/client-create.ts', '--company', company, '--scope', scope],
    { env: { ...process.env, ...TEST_ENV, DATABASE_URL: process.env.TEST_DATABASE_URL }, timeout: 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('API clients and POST /auth/token (client credentials, RFC 6749 §4.4)', () => {
  let app: NestFastifyApplication;
  const company = newCompany();
  let client: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    app = await startTestApp();
    client = await createClientWithCli(company, 'customers:read customers:write');
  }, 90_000);
  afterAll(() => app.close());

  const token = (payload: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/auth/token', payload, headers });

  it('the CLI prints the id and secret once, and stores only a hash', async () => {
    expect(client.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(client.clientSecret.length).toBeGreaterThanOrEqual(40);
    const dataSource = app.get(
      (await import('typeorm')).DataSource,
    );
    const [row] = await dataSource.query('SELECT secret_hash FROM api_clients WHERE client_id = $1', [client.clientId]);
    expect(row.secret_hash).toMatch(/^scrypt\$/);
    expect(row.secret_hash).not.toContain(client.clientSecret);
  });

  it('exchanges id and secret (JSON body) for a token that works on the API', async () => {
    const response = await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'customers:read customers:write' });

    const me = await app.inject({ method: 'GET', url: '/auth/me', headers: bearer(body.access_token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ sub: `client:${client.clientId}`, companyId: company, role: 'admin' });
  });

  it('accepts a form body and HTTP Basic client authentication, and narrows scope on request', async () => {
    const form = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${encodeURIComponent(client.clientSecret)}&scope=customers%3Aread`,
    });
    expect(form.statusCode).toBe(200);
    expect(form.json().scope).toBe('customers:read');

    const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
    const viaBasic = await token({ grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
    expect(viaBasic.statusCode).toBe(200);
  });

  it('refuses a wrong secret and an unknown client with 401 invalid_client', async () => {
    for (const payload of [
      { grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'wrong' },
      { grant_type: 'client_credentials', client_id: newCompany(), client_secret: client.clientSecret },
      { grant_type: 'client_credentials', client_id: 'not-a-uuid', client_secret: 'x' },
    ]) {
      const response = await token(payload);
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.json()).toMatchObject({ status: 401, error: 'invalid_client' });
    }
  });

  it('answers RFC 6749 §5.2 errors for a bad grant and a scope beyond the client', async () => {
    expect((await token({ client_id: client.clientId })).json()).toMatchObject({ status: 400, error: 'invalid_request' });
    expect((await token({ grant_type: 'password' })).json()).toMatchObject({ status: 400, error: 'unsupported_grant_type' });
    const wider = await token({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      scope: 'gdpr',
    });
    expect(wider.json()).toMatchObject({ status: 400, error: 'invalid_scope' });
  });
});
