/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { XMLParser } from 'fast-xml-parser';
import { newObject, patch } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

describe('content negotiation and time zones (API.md §1.9)', () => {
  let app: NestFastifyApplication;
  let token: string;
  let object: Record<string, any>;
  const parser = new XMLParser();

  beforeAll(async () => {
    app = await startTestApp();
    token = actorToken('admin', newCompany());
    object = await newObject(app, token, {
      contract: { startDate: '2024-01-15T10:00:00Z', endDate: '2024-07-15T10:00:00.250Z' },
    });
  });
  afterAll(() => app.close());

  const get = (headers: Record<string, string>, url = `/v2/objects/${object._id}`) =>
    app.inject({ method: 'GET', url, headers: { ...bearer(token), ...headers } });

  it('answers XML for Accept: application/xml and text/xml', async () => {
    for (const accept of ['application/xml', 'text/xml']) {
      const response = await get({ accept });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain(accept);
      const xml = parser.parse(response.body);
      expect(xml.CustomerObject.name).toBe('Main office');
      expect(xml.CustomerObject._id).toBe(object._id);
    }
  });

  it('prefers by q-value and defaults to JSON', async () => {
    expect((await get({ accept: 'application/xml;q=0.5, application/json' })).headers['content-type']).toContain('application/json');
    expect((await get({ accept: 'text/xml, application/json;q=0.1' })).headers['content-type']).toContain('text/xml');
    expect((await get({ accept: '*/*' })).headers['content-type']).toContain('application/json');
  });

  it('answers problems as XML too', async () => {
    const response = await get({ accept: 'application/xml' }, `/v2/objects/${newCompany()}`);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+xml');
    expect(parser.parse(response.body).problem).toMatchObject({ status: 404, detail: 'Not found.' });
  });

  it('answers 406 to an Accept it cannot produce, before any write', async () => {
    expect((await get({ accept: 'text/csv' })).statusCode).toBe(406);
    const refused = await patch(app, `/v2/objects/${object._id}`, token, { name: 'Never stored' }, 'application/merge-patch+json', {
      accept: 'image/png',
    });
    expect(refused.statusCode).toBe(406);
    expect((await get({})).json().name).toBe('Main office');
  });

  it('renders date-times in the Time-Zone, with the DST offset of each date', async () => {
    const body = (await get({ 'time-zone': 'Europe/Helsinki' })).json();
    expect(body.contract).toEqual({ startDate: '2024-01-15T12:00:00.000+02:00', endDate: '2024-07-15T13:00:00.250+03:00' });
    expect(body.status.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0[23]:00$/);
  });

  it('accepts SO-TimeZone (seed 002) and renders history stamps too', async () => {
    expect((await get({ 'so-timezone': 'America/New_York' })).json().contract.startDate).toBe('2024-01-15T05:00:00.000-05:00');
    const history = await get({ 'time-zone': 'Asia/Kolkata' }, `/v2/objects/${object._id}/history`);
    expect(history.json().items[0].at).toMatch(/\+05:30$/);
  });

  it('refuses an unknown zone with 400 and stores nothing', async () => {
    expect((await get({ 'time-zone': 'Mars/Olympus' })).statusCode).toBe(400);
    const refused = await patch(app, `/v2/objects/${object._id}`, token, { name: 'Never stored' }, 'application/merge-patch+json', {
      'time-zone': 'Nowhere/Land',
    });
    expect(refused.statusCode).toBe(400);
    expect((await get({})).json().name).toBe('Main office');
  });
});
