import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newCustomer, newObject, patch } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { bearer, newAdmin } from './helpers/tokens';

describe('Conditional and cached reads (API.md §1.12)', () => {
  let app: NestFastifyApplication;
  let token: string;
  const records: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    token = newAdmin().token;
    records.object = `/v2/objects/${(await newObject(app, token))._id}`;
    records.customer = `/customers/${(await newCustomer(app, token)).id}`;
    const contact = await app.inject({ method: 'POST', url: '/api/v1/Contact', headers: bearer(token), payload: { name: 'Acme' } });
    records.contact = `/api/v1/Contact/${contact.json().contactId}`;
  });
  afterAll(() => app.close());

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { ...bearer(token), ...headers } });

  describe.each(['object', 'customer', 'contact'])('GET of a %s', (kind) => {
    it('is 304 with the ETag and no body when If-None-Match names the current ETag', async () => {
      const first = await get(records[kind]);
      const etag = String(first.headers.etag);
      const again = await get(records[kind], { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['cache-control']).toBe('private, no-cache');
    });

    it('compares weakly: W/"n" and a list containing the tag also match; * matches any record', async () => {
      const etag = String((await get(records[kind])).headers.etag);
      for (const header of [`W/${etag}`, `"no-such-tag", ${etag}`, '*']) {
        expect((await get(records[kind], { 'if-none-match': header })).statusCode).toBe(304);
      }
    });

    it('is 200 with the body for an ETag that is not the current one', async () => {
      const response = await get(records[kind], { 'if-none-match': '"0", W/"999999"' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(expect.any(Object));
    });

    it('is 304 also when XML was asked for', async () => {
      const etag = String((await get(records[kind])).headers.etag);
      const response = await get(records[kind], { 'if-none-match': etag, accept: 'application/xml' });
      expect(response.statusCode).toBe(304);
      expect(response.body).toBe('');
    });
  });

  it('answers 200 again with the new body once the record changed', async () => {
    const { token: owner } = newAdmin();
    const url = `/v2/objects/${(await newObject(app, owner))._id}`;
    const before = await app.inject({ method: 'GET', url, headers: bearer(owner) });
    expect((await patch(app, url, owner, { name: 'Changed' })).statusCode).toBe(200);
    const after = await app.inject({ method: 'GET', url, headers: { ...bearer(owner), 'if-none-match': String(before.headers.etag) } });
    expect(after.statusCode).toBe(200);
    expect(after.json().name).toBe('Changed');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('does not let If-None-Match reveal a record of another company: still 404', async () => {
    const other = newAdmin().token;
    const response = await app.inject({ method: 'GET', url: records.object, headers: { ...bearer(other), 'if-none-match': '*' } });
    expect(response.statusCode).toBe(404);
  });

  describe('Cache-Control', () => {
    it.each([
      ['a record', () => records.object],
      ['a list', () => '/v2/objects'],
      ['a reference list', () => '/api/v1/List/category/Items'],
      ['a 404 after authentication', () => '/v2/objects/00000000-0000-4000-8000-000000000000'],
      ['who am I', () => '/auth/me'],
    ])('is private, no-cache on %s', async (_name, url) => {
      const response = await get(url());
      expect(response.headers['cache-control']).toBe('private, no-cache');
    });

    it('is private, no-cache on an authenticated write and its refusal', async () => {
      const ok = await patch(app, records.object, token, { name: 'Cached nowhere' });
      expect(ok.headers['cache-control']).toBe('private, no-cache');
      const refused = await patch(app, records.object, token, { rating: 99 });
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['cache-control']).toBe('private, no-cache');
    });

    it('is left off public routes and 401s, which carry no caller data', async () => {
      // Terminus marks probes no-store itself; what matters is that no `private` caller marking is added.
      expect((await app.inject({ method: 'GET', url: '/health/live' })).headers['cache-control']).not.toMatch(/private/);
      const unauthenticated = await app.inject({ method: 'GET', url: records.object });
      expect(unauthenticated.statusCode).toBe(401);
      expect(unauthenticated.headers['cache-control']).toBeUndefined();
    });

    it('keeps no-store on the token endpoint (RFC 6749 §5.1)', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/auth/token',
        payload: { grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'wrong' },
      });
      expect(response.headers['cache-control']).toBe('no-store');
    });
  });
});
