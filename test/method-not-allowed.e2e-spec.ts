import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newObject } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { bearer, newAdmin } from './helpers/tokens';

describe('405 for a method a known path does not have (API.md §1.10)', () => {
  let app: NestFastifyApplication;
  let token: string;
  let objectId: string;

  beforeAll(async () => {
    app = await startTestApp();
    token = newAdmin().token;
    objectId = (await newObject(app, token))._id;
  });
  afterAll(() => app.close());

  const allowOf = (header: string | string[] | number | undefined) => String(header).split(', ');

  it('answers DELETE on a record with 405, Allow listing its methods, as problem+json', async () => {
    const response = await app.inject({ method: 'DELETE', url: `/v2/objects/${objectId}`, headers: bearer(token) });
    expect(response.statusCode).toBe(405);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(allowOf(response.headers.allow)).toEqual(['GET', 'HEAD', 'PATCH']);
    expect(response.json()).toMatchObject({ status: 405, detail: expect.stringContaining('DELETE') });
  });

  it('names the collection methods for PUT on a collection', async () => {
    const response = await app.inject({ method: 'PUT', url: '/v2/objects', headers: bearer(token) });
    expect(response.statusCode).toBe(405);
    expect(allowOf(response.headers.allow)).toEqual(['GET', 'HEAD', 'POST']);
  });

  it('matches paths case-insensitively and with a trailing slash, like the routes', async () => {
    const response = await app.inject({ method: 'DELETE', url: `/API/V1/contact/123/`, headers: bearer(token) });
    expect(response.statusCode).toBe(405);
    expect(allowOf(response.headers.allow)).toEqual(['GET', 'HEAD', 'PATCH']);
  });

  it('lists PUT where the path has it (seed 003 door) and PATCH for seed 004', async () => {
    const record = await app.inject({ method: 'DELETE', url: '/customers/00000000-0000-4000-8000-000000000000', headers: bearer(token) });
    expect(allowOf(record.headers.allow)).toEqual(['GET', 'HEAD', 'PATCH', 'PUT']);
    const collection = await app.inject({ method: 'DELETE', url: '/customers', headers: bearer(token) });
    expect(allowOf(collection.headers.allow)).toEqual(['GET', 'HEAD', 'PATCH', 'POST']);
  });

  it('answers 405 before authentication, so the method error does not depend on the token', async () => {
    const response = await app.inject({ method: 'DELETE', url: `/v2/objects/${objectId}` });
    expect(response.statusCode).toBe(405);
  });

  it('changes nothing: the record is still there after DELETE', async () => {
    await app.inject({ method: 'DELETE', url: `/v2/objects/${objectId}`, headers: bearer(token) });
    const response = await app.inject({ method: 'GET', url: `/v2/objects/${objectId}`, headers: bearer(token) });
    expect(response.statusCode).toBe(200);
  });

  it('keeps 404 problem+json for an unknown path, whatever the method', async () => {
    for (const method of ['GET', 'DELETE', 'POST'] as const) {
      const response = await app.inject({ method, url: '/v2/nothing-here/1', headers: bearer(token) });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers.allow).toBeUndefined();
    }
  });

  it('keeps 404 for a path longer than any route', async () => {
    const response = await app.inject({ method: 'DELETE', url: `/v2/objects/${objectId}/history/extra`, headers: bearer(token) });
    expect(response.statusCode).toBe(404);
  });
});
