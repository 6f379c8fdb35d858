import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../config/load-config';
import { newObject } from './helpers/factories';
import { startTestApp, TEST_ENV } from './helpers/test-app';
import { bearer, newAdmin } from './helpers/tokens';

const ALLOWED = 'https://app.example.com';
const ALSO_ALLOWED = 'http://localhost:5173';
const REFUSED = 'https://evil.example';

const REQUIRED_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'if-match',
  'if-none-match',
  'if-unmodified-since',
  'prefer',
  'idempotency-key',
  'x-request-id',
  'time-zone',
  'so-timezone',
];
const REQUIRED_EXPOSED_HEADERS = [
  'etag',
  'last-modified',
  'location',
  'preference-applied',
  'x-request-id',
  'retry-after',
  'accept-patch',
  'www-authenticate',
  'idempotent-replayed',
];

const listOf = (header: string | string[] | number | undefined) =>
  String(header ?? '')
    .toLowerCase()
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
const corsHeadersOf = (headers: Record<string, unknown>) => Object.keys(headers).filter((name) => name.startsWith('access-control-'));

describe('CORS for browsers on allowed origins (API.md §1.11)', () => {
  let app: NestFastifyApplication;
  let token: string;
  let objectId: string;

  beforeAll(async () => {
    app = await startTestApp({ CORS_ORIGINS: `${ALLOWED}, ${ALSO_ALLOWED}`, CORS_MAX_AGE_SECONDS: '900' });
    token = newAdmin().token;
    objectId = (await newObject(app, token))._id;
  });
  afterAll(() => app.close());

  const preflight = (url: string, origin: string, method = 'PATCH', requestHeaders = 'authorization, content-type, if-match') =>
    app.inject({
      method: 'OPTIONS',
      url,
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': requestHeaders },
    });

  describe('preflight', () => {
    it.each([
      ['a record', `/v2/objects/00000000-0000-4000-8000-000000000000`],
      ['a collection', '/api/v1/Contact'],
      ['the seed 004 door', '/customers'],
      ['history', '/customers/00000000-0000-4000-8000-000000000000/history'],
      ['the token endpoint', '/auth/token'],
    ])('answers 204 for %s from an allowed origin, before authentication', async (_name, url) => {
      const response = await preflight(url, ALLOWED);
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
      expect(response.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(listOf(response.headers['access-control-allow-methods'])).toEqual(['get', 'post', 'put', 'patch']);
      expect(listOf(response.headers['access-control-allow-headers'])).toEqual(expect.arrayContaining(REQUIRED_ALLOWED_HEADERS));
      expect(response.headers['access-control-max-age']).toBe('900');
      expect(listOf(response.headers.vary)).toContain('origin');
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('answers each allowed origin with itself, never with a list or *', async () => {
      const response = await preflight('/v2/objects', ALSO_ALLOWED, 'POST');
      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(ALSO_ALLOWED);
    });

    it('gives another origin no CORS headers at all', async () => {
      const response = await preflight(`/v2/objects/${objectId}`, REFUSED);
      expect(corsHeadersOf(response.headers)).toEqual([]);
      expect(response.statusCode).toBe(405);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('refuses an origin that only resembles an allowed one (exact match)', async () => {
      for (const origin of ['https://app.example.com.evil.example', 'http://app.example.com', 'https://app.example.com:8443', 'null']) {
        const response = await preflight('/v2/objects', origin);
        expect(corsHeadersOf(response.headers)).toEqual([]);
      }
    });
  });

  describe('actual responses', () => {
    it('carry Allow-Origin and Expose-Headers for an allowed origin, so a script can read the ETag', async () => {
      const response = await app.inject({ method: 'GET', url: `/v2/objects/${objectId}`, headers: { ...bearer(token), origin: ALLOWED } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(listOf(response.headers['access-control-expose-headers'])).toEqual(expect.arrayContaining(REQUIRED_EXPOSED_HEADERS));
      expect(response.headers.etag).toBeDefined();
      expect(listOf(response.headers.vary)).toContain('origin');
    });

    it('carry them on errors too (a 401 a browser script must be able to read)', async () => {
      const response = await app.inject({ method: 'GET', url: `/v2/objects/${objectId}`, headers: { origin: ALLOWED } });
      expect(response.statusCode).toBe(401);
      expect(response.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(listOf(response.headers['access-control-expose-headers'])).toContain('www-authenticate');
    });

    it('carry none for another origin, and the request is answered as without Origin', async () => {
      const response = await app.inject({ method: 'GET', url: `/v2/objects/${objectId}`, headers: { ...bearer(token), origin: REFUSED } });
      expect(response.statusCode).toBe(200);
      expect(corsHeadersOf(response.headers)).toEqual([]);
    });

    it('carry none without an Origin header', async () => {
      const response = await app.inject({ method: 'GET', url: `/v2/objects/${objectId}`, headers: bearer(token) });
      expect(corsHeadersOf(response.headers)).toEqual([]);
    });

    it('let an allowed origin GET, read the ETag and PATCH with If-Match', async () => {
      const read = await app.inject({ method: 'GET', url: `/v2/objects/${objectId}`, headers: { ...bearer(token), origin: ALLOWED } });
      const written = await app.inject({
        method: 'PATCH',
        url: `/v2/objects/${objectId}`,
        headers: { ...bearer(token), origin: ALLOWED, 'content-type': 'application/merge-patch+json', 'if-match': String(read.headers.etag) },
        payload: JSON.stringify({ name: 'Renamed from a browser' }),
      });
      expect(written.statusCode).toBe(200);
      expect(written.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(written.json().name).toBe('Renamed from a browser');
      expect(written.headers.etag).not.toBe(read.headers.etag);
    });
  });
});

describe('CORS switched off (no CORS_ORIGINS)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('gives no origin CORS headers, and a preflight is 405 with Allow', async () => {
    const response = await app.inject({
      method: 'OPTIONS',
      url: '/v2/objects',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST' },
    });
    expect(corsHeadersOf(response.headers)).toEqual([]);
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, POST');
  });
});

describe('CORS_ORIGINS is checked at start', () => {
  it.each([
    ['a trailing slash', 'https://app.example.com/'],
    ['a path', 'https://app.example.com/app'],
    ['a wildcard', 'https://*.example.com'],
    ['no scheme', 'app.example.com'],
    ['another scheme', 'ftp://app.example.com'],
    ['a default port written out', 'https://app.example.com:443'],
  ])('refuses an origin with %s, naming the variable', (_case, origin) => {
    expect(() => loadConfig({ ...TEST_ENV, CORS_ORIGINS: `${ALLOWED},${origin}` })).toThrow(/^CORS_ORIGINS: /);
  });

  it('accepts exact origins, trimmed and with upper-case hosts lowered as browsers send them', () => {
    expect(loadConfig({ ...TEST_ENV, CORS_ORIGINS: ' https://App.Example.com , http://localhost:5173 ,' }).http.corsOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
  });
});
