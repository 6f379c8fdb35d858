import { connect } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProbeModule } from './helpers/probe.module';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

/* eslint-disable @typescript-eslint/no-explicit-any -- problem bodies are checked field by field */
const PROBLEM_KEYS = ['type', 'title', 'status', 'detail', 'instance'];

function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): Record<string, any> }, status: number) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const body = response.json();
  for (const key of PROBLEM_KEYS) expect(body).toHaveProperty(key);
  expect(body.status).toBe(status);
  return body;
}

describe('errors are RFC 9457 problems (API.md §1.6)', () => {
  let app: NestFastifyApplication;
  const token = actorToken('admin', newCompany());

  beforeAll(async () => {
    app = await startTestApp({ BODY_LIMIT_BYTES: '2048' }, { extraModules: [ProbeModule] });
  });
  afterAll(() => app.close());

  it('400: a validation failure names the field with a JSON Pointer', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/probe/validated',
      headers: bearer(token),
      payload: { name: 'much too long', extra: 1 },
    });
    const body = expectProblem(response, 400);
    expect(body.instance).toBe('/probe/validated');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/name', detail: expect.stringContaining('name') },
        { pointer: '/extra', detail: expect.stringContaining('extra') },
      ]),
    );
  });

  it('400: malformed JSON', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/probe/validated',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expectProblem(response, 400);
  });

  it('401 and 403 are problems', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/probe/scoped' }), 401);
    expectProblem(
      await app.inject({ method: 'GET', url: '/probe/scoped', headers: bearer(actorToken('admin', newCompany(), 'gdpr')) }),
      403,
    );
  });

  it('404: an unknown route says "Not found."', async () => {
    const body = expectProblem(await app.inject({ method: 'GET', url: '/no/such/route?x=1', headers: bearer(token) }), 404);
    expect(body.detail).toBe('Not found.');
    expect(body.instance).toBe('/no/such/route');
  });

  it('413: a body over the configured limit', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/probe/validated',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(4096) }),
    });
    expectProblem(response, 413);
  });

  it('415: a media type the route cannot read', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/probe/validated',
      headers: { ...bearer(token), 'content-type': 'text/csv' },
      payload: 'name\nx',
    });
    expectProblem(response, 415);
  });

  it('500: an unexpected error is a generic problem without internals', async () => {
    const response = await app.inject({ method: 'GET', url: '/probe/boom', headers: bearer(token) });
    const body = expectProblem(response, 500);
    expect(response.body).not.toMatch(/SELECT|secret|other_tenant|at .*\.ts/);
    expect(body.requestId).toBe(response.headers['x-request-id']);
  });
});

describe('security headers (helmet)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('sends them on answers and on problems', async () => {
    // 200, a 401 problem from a guard, and a 404 from the router's not-found handler.
    for (const url of ['/health', '/auth/me', '/no-such-path']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });
});

describe('X-Request-Id (API.md §1.9)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('echoes a well-formed id, on success and in problems', async () => {
    const ok = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'req-42' } });
    expect(ok.headers['x-request-id']).toBe('req-42');
    const problem = await app.inject({ method: 'GET', url: '/auth/me', headers: { 'x-request-id': 'req-43' } });
    expect(problem.headers['x-request-id']).toBe('req-43');
    expect(problem.json().requestId).toBe('req-43');
  });

  it('generates one when absent or unsafe', async () => {
    const generated = await app.inject({ method: 'GET', url: '/health' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id\u0000<script>' } });
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('rate limits (429 + Retry-After)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_TOKEN: '3', RATE_LIMIT_PER_IP: '8', RATE_LIMIT_WINDOW_MS: '60000' });
  });
  afterAll(() => app.close());

  const call = (headers: Record<string, string>, remoteAddress: string) =>
    app.inject({ method: 'GET', url: '/auth/me', headers, remoteAddress });

  it('limits one token across IPs', async () => {
    const headers = bearer(actorToken('admin', newCompany()));
    for (let i = 0; i < 3; i++) expect((await call(headers, `10.1.0.${i}`)).statusCode).toBe(200);
    const limited = await call(headers, '10.1.0.9');
    const body = expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(body.detail).toMatch(/retry/i);
    // A different token is not affected.
    expect((await call(bearer(actorToken('admin', newCompany())), '10.1.0.10')).statusCode).toBe(200);
  });

  it('limits one IP across tokens, also without a token', async () => {
    for (let i = 0; i < 8; i++) await call(i % 2 ? {} : bearer(actorToken('admin', newCompany())), '10.2.0.1');
    const limited = await call({}, '10.2.0.1');
    expectProblem(limited, 429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('prototype-reaching member names in bodies that are not patches (400, as in patches)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const send = (method: 'POST' | 'PUT' | 'PATCH', url: string, payload: string, headers: Record<string, string>, contentType = 'application/json') =>
    app.inject({ method, url, headers: { ...headers, 'content-type': contentType }, payload });

  function expectRefused(response: Awaited<ReturnType<typeof send>>, key: string) {
    const body = expectProblem(response, 400);
    expect(body.errors).toEqual([{ pointer: expect.stringMatching(new RegExp(`/${key}$`)), detail: expect.stringContaining(key) }]);
  }

  it.each(['__proto__', 'constructor', 'prototype'])('refuses %s in creates, seed 003 PUT, seed 004 PATCH and the token body; nothing is stored', async (key) => {
    const company = newCompany();
    const headers = bearer(actorToken('admin', company));
    const created = await send('POST', '/customers', '{"firstName":"Anna"}', headers);
    expect(created.statusCode).toBe(201);
    const customer = created.json();

    expectRefused(await send('POST', '/v2/objects', `{"name":"Site","${key}":{"name":"x"}}`, headers), key);
    expectRefused(await send('POST', '/api/v1/Contact', `{"name":"Org","address":{"${key}":{}}}`, headers), key);
    expectRefused(await send('POST', '/customers', `{"firstName":"Bo","customProperties":{"${key}":"x"}}`, headers), key);
    expectRefused(await send('PUT', `/customers/${customer.id}`, `{"Firstname":"Bo","${key}":{"firstName":"x"}}`, headers), key);
    expectRefused(
      await send('PATCH', '/customers', `{"customerId":${customer.customerNumber},"${key}":{"firstName":"x"}}`, headers, 'application/merge-patch+json'),
      key,
    );
    expectRefused(await send('POST', '/auth/token', `{"grant_type":"client_credentials","${key}":{"client_id":"x"}}`, {}), key);
    expectRefused(await send('POST', '/auth/token', `grant_type=client_credentials&${key}=x`, {}, 'application/x-www-form-urlencoded'), key);

    for (const url of ['/v2/objects', '/api/v1/Contact']) {
      expect((await app.inject({ method: 'GET', url, headers })).json().items).toEqual([]);
    }
    const customers = (await app.inject({ method: 'GET', url: '/customers', headers })).json().items;
    expect(customers.map((c: any) => c.firstName)).toEqual(['Anna']);
  });
});

/** Sends raw bytes to a listening app and collects everything until the server closes (or 2 s pass). */
function rawExchange(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => socket.destroy(), 2000);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.write(request);
  });
}

/** Status, headers (lower-case names) and JSON body of a raw HTTP/1.1 answer. */
function parseRaw(raw: string) {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { statusCode: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(rest.join('\r\n\r\n')) };
}

describe('Fastify-level and HTTP-parser errors are problems too', () => {
  let app: NestFastifyApplication;
  let port: number;
  const token = actorToken('admin', newCompany());

  beforeAll(async () => {
    app = await startTestApp({}, { extraModules: [ProbeModule] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => app.close());

  it.each([
    ['431: header fields over 16 KB', `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['400: bytes that are not HTTP', 'GARBAGE\r\n\r\n', 400],
    ['400: both Content-Length and Transfer-Encoding', 'POST /v2/objects HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}', 400],
  ])('%s, answered by the parser before routing', async (_case, request, status) => {
    const answer = parseRaw(await rawExchange(port, request));
    expect(answer.statusCode).toBe(status);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body).toMatchObject({ type: 'about:blank', status, detail: expect.any(String), instance: `urn:uuid:${answer.body.requestId}` });
    expect(answer.headers['x-request-id']).toBe(answer.body.requestId);
  });

  it('400: a URL with broken percent-encoding, without echoing it in detail', async () => {
    const response = await app.inject({ method: 'GET', url: '/v2/objects/%E0%A4%A', headers: bearer(token) });
    const body = expectProblem(response, 400);
    expect(body.detail).toMatch(/percent-encoding/);
    expect(body.detail).not.toContain('%E0');
  });

  it('414: a path parameter longer than Fastify accepts', async () => {
    const body = expectProblem(await app.inject({ method: 'GET', url: `/v2/objects/${'a'.repeat(200)}`, headers: bearer(token) }), 414);
    expect(body.requestId).toBeDefined();
  });

  it('400: a Content-Length that does not match the body (Fastify FST_ERR_CTP_INVALID_CONTENT_LENGTH)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v2/objects',
      headers: { ...bearer(token), 'content-type': 'application/json', 'content-length': '1' },
      payload: '{"name":"Site"}',
    });
    expectProblem(response, 400);
  });

  it.each([
    ['PATCH', '/v2/objects/0b8e6a52-3f4c-4c1e-8d0a-9f6d2a1b7c3e', 'application/json, text/plain'],
    ['POST', '/v2/objects', 'application/json, text/plain'],
    ['POST', '/v2/objects', 'text/csv'],
    ['PATCH', 'an existing object', 'text/plain'],
    ['PUT', 'an existing customer (seed 003)', 'text/plain'],
  ])('415 on %s %s with Content-Type "%s" carries Accept-Patch', async (method, target, contentType) => {
    const url = target.startsWith('/') ? target : await existing(target.includes('customer') ? '/customers' : '/v2/objects');
    const response = await app.inject({ method: method as 'POST', url, headers: { ...bearer(token), 'content-type': contentType }, payload: '{}' });
    expectProblem(response, 415);
    expect(response.headers['accept-patch']).toBe('application/merge-patch+json, application/json-patch+json, application/json');
  });

  /** The URL of a record created for the test (so that a PATCH or PUT gets past its 404). */
  async function existing(collection: string): Promise<string> {
    const created = await app.inject({ method: 'POST', url: collection, headers: bearer(token), payload: collection === '/customers' ? { firstName: 'Anna' } : { name: 'Site' } });
    const body = created.json();
    return `${collection}/${body._id ?? body.id}`;
  }

  it('seed 004 keeps its own Accept-Patch (merge patches only)', async () => {
    const response = await app.inject({ method: 'PATCH', url: '/customers', headers: { ...bearer(token), 'content-type': 'text/plain' }, payload: '{}' });
    expectProblem(response, 415);
    expect(response.headers['accept-patch']).not.toContain('json-patch');
  });

  it('error bodies stay small: 1,000 unknown $select names list five and count the rest', async () => {
    const names = Array.from({ length: 1000 }, (_, i) => `nope${i}`).join(',');
    const response = await app.inject({ method: 'GET', url: `/v2/objects?$select=${names}`, headers: bearer(token) });
    const body = expectProblem(response, 400);
    expect(body.detail).toMatch(/and 995 more\.$/);
    expect(body.errors).toHaveLength(5);
    expect(response.body.length).toBeLessThan(1500);
  });

  it('error bodies stay small: 5,000 unknown fields in a validated body list 100 and count the rest', async () => {
    const fields = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`unknown${i}`, 1]));
    const response = await app.inject({ method: 'POST', url: '/probe/validated', headers: bearer(token), payload: { name: 'ok', ...fields } });
    const body = expectProblem(response, 400);
    expect(body.errors).toHaveLength(100);
    expect(body.errorsOmitted).toBe(4900);
    expect(response.body.length).toBeLessThan(20_000);
  });
});
