import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newAdmin, newCompany } from './helpers/tokens';

/** Webhook subscriptions (API.md §5): admin-managed, company-scoped, secrets shown once, SSRF rules. */

describe('webhook subscriptions (API.md §5)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    // Strict destination rules, as in production; no delivery is ever due here (no changes).
    app = await startTestApp({ WEBHOOK_ALLOW_HTTP: 'false', WEBHOOK_ALLOW_PRIVATE: 'false' });
  });
  afterAll(() => app.close());

  const PUBLIC_URL = 'https://93.184.215.14/hooks'; // a public literal: no DNS needed, and never called
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const subscribe = (token: string, body: object = {}) => call('POST', '/webhooks', token, { url: PUBLIC_URL, events: ['*'], ...body });

  it('creates a subscription and shows its Standard Webhooks secret only in that answer', async () => {
    const { token, company } = newAdmin();
    const created = await subscribe(token, { events: ['customer.updated', 'contact.created'], description: 'CRM sync' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toEqual({
      id: expect.any(String),
      companyId: company,
      url: PUBLIC_URL,
      events: ['customer.updated', 'contact.created'],
      description: 'CRM sync',
      enabled: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    const { secret, ...shown } = body;
    expect((await call('GET', `/webhooks/${body.id}`, token)).json()).toEqual(shown);
    expect((await call('GET', '/webhooks', token)).json()).toEqual({ items: [shown], nextCursor: null });
    expect(JSON.stringify((await call('GET', '/webhooks', token)).json())).not.toContain(secret);
  });

  it('stores the secret encrypted, not in plain text', async () => {
    const { token } = newAdmin();
    const { id, secret } = (await subscribe(token)).json();
    const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT secret_encrypted FROM webhook_subscriptions WHERE id = $1', [id]);
      expect(rows[0].secret_encrypted).toMatch(/^v1:/);
      expect(rows[0].secret_encrypted).not.toContain(secret.slice('whsec_'.length, 20));
    } finally {
      await db.end();
    }
  });

  it('changes url, events, enabled and description with PATCH, keeping what is left out', async () => {
    const { token } = newAdmin();
    const { id } = (await subscribe(token, { description: 'first' })).json();
    const changed = await call('PATCH', `/webhooks/${id}`, token, { events: ['contact.updated'], enabled: false });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ url: PUBLIC_URL, events: ['contact.updated'], enabled: false, description: 'first' });
    expect((await call('PATCH', `/webhooks/${id}`, token, { description: null })).json().description).toBeNull();
    expect((await call('PATCH', `/webhooks/${id}`, token, { enabled: null })).statusCode).toBe(400);
    expect((await call('PATCH', `/webhooks/${id}`, token, { secret: 'whsec_mine' })).statusCode).toBe(400);
  });

  it('rotates the secret: a new one, shown once', async () => {
    const { token } = newAdmin();
    const { id, secret } = (await subscribe(token)).json();
    const rotated = await call('POST', `/webhooks/${id}/rotate-secret`, token);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(secret);
  });

  it('deletes with 204, then the subscription is 404', async () => {
    const { token } = newAdmin();
    const { id } = (await subscribe(token)).json();
    expect((await call('DELETE', `/webhooks/${id}`, token)).statusCode).toBe(204);
    expect((await call('GET', `/webhooks/${id}`, token)).statusCode).toBe(404);
    expect((await call('DELETE', `/webhooks/${id}`, token)).statusCode).toBe(404);
  });

  it('answers 404 for another company’s subscription on every route, and changes nothing', async () => {
    const owner = newAdmin();
    const { id } = (await subscribe(owner.token)).json();
    const other = actorToken('admin', newCompany());
    for (const [method, url, payload] of [
      ['GET', `/webhooks/${id}`],
      ['PATCH', `/webhooks/${id}`, { enabled: false }],
      ['DELETE', `/webhooks/${id}`],
      ['POST', `/webhooks/${id}/rotate-secret`],
      ['GET', `/webhooks/${id}/deliveries`],
      ['GET', `/webhooks/not-a-uuid`],
    ] as const) {
      expect((await call(method, url, other, payload)).statusCode).toBe(404);
    }
    expect((await call('GET', '/webhooks', other)).json().items).toEqual([]);
    expect((await call('GET', `/webhooks/${id}`, owner.token)).json().enabled).toBe(true);
    expect((await call('GET', `/webhooks?companyId=${owner.company}`, other)).statusCode).toBe(404);
  });

  it('is for admins with scope webhooks:manage (403 otherwise); a superadmin names the company', async () => {
    const company = newCompany();
    expect((await subscribe(actorToken('user', company))).statusCode).toBe(403);
    expect((await subscribe(actorToken('admin', company, 'objects:write customers:write contacts:write gdpr'))).statusCode).toBe(403);
    const superadmin = actorToken('superadmin', newCompany());
    expect((await subscribe(superadmin)).statusCode).toBe(400);
    const created = await call('POST', `/webhooks?companyId=${company}`, superadmin, { url: PUBLIC_URL, events: ['*'] });
    expect(created.statusCode).toBe(201);
    expect((await call('GET', '/webhooks', actorToken('admin', company))).json().items).toHaveLength(1);
  });

  it('refuses a bad events list with 400', async () => {
    const { token } = newAdmin();
    for (const events of [[], ['customer.deleted'], ['*', '*'], 'customer.updated']) {
      expect((await subscribe(token, { events })).statusCode).toBe(400);
    }
  });

  it.each([
    ['plain http', 'http://93.184.215.14/hooks'],
    ['loopback IPv4', 'https://127.0.0.1/hooks'],
    ['loopback by name', 'https://localhost/hooks'],
    ['loopback in decimal', 'https://2130706433/hooks'],
    ['private 10/8', 'https://10.0.0.5/hooks'],
    ['private 172.16/12', 'https://172.20.1.1/hooks'],
    ['private 192.168/16', 'https://192.168.1.10/hooks'],
    ['CGNAT', 'https://100.64.1.1/hooks'],
    ['link-local metadata IP', 'https://169.254.169.254/latest/meta-data/'],
    ['metadata name', 'https://metadata.google.internal/computeMetadata/v1/'],
    ['IPv6 loopback', 'https://[::1]/hooks'],
    ['IPv6 unique local', 'https://[fd12:3456::1]/hooks'],
    ['IPv6 link-local', 'https://[fe80::1]/hooks'],
    ['IPv4-mapped IPv6 loopback', 'https://[::ffff:127.0.0.1]/hooks'],
    ['IPv4-mapped IPv6 metadata', 'https://[::ffff:169.254.169.254]/hooks'],
    ['unspecified', 'https://0.0.0.0/hooks'],
    ['not a URL', 'hooks.example'],
  ])('refuses a %s destination with 422 naming /url, on create and on PATCH', async (_name, url) => {
    const { token } = newAdmin();
    const refused = await subscribe(token, { url });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors).toEqual([{ pointer: '/url', detail: expect.any(String) }]);
    expect((await call('GET', '/webhooks', token)).json().items).toEqual([]);
    const { id } = (await subscribe(token)).json();
    expect((await call('PATCH', `/webhooks/${id}`, token, { url })).statusCode).toBe(422);
    expect((await call('GET', `/webhooks/${id}`, token)).json().url).toBe(PUBLIC_URL);
  });
});
