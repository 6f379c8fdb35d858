/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeXml, expectWellFormed } from '../src/common/http/xml/xml-reader.fixture';
import { newObject, patch } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

describe('content negotiation and time zones (API.md §1.9)', () => {
  let app: NestFastifyApplication;
  let token: string;
  let object: Record<string, any>;

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

  /** Checked by a strict parser (xmllint where installed) and decoded by the documented shape. */
  const strictXml = (body: string) => {
    expectWellFormed([body]);
    return decodeXml(body);
  };

  it('answers XML for Accept: application/xml and text/xml, carrying exactly the JSON record', async () => {
    const json = (await get({})).json();
    for (const accept of ['application/xml', 'text/xml']) {
      const response = await get({ accept });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(`${accept}; charset=utf-8`);
      expect(response.headers.etag).toBeDefined();
      const { root, value } = strictXml(response.body);
      expect(root).toBe('CustomerObject');
      expect(value).toEqual(json);
    }
  });

  it('writes fields as elements, arrays with item wrappers and JSON types as attributes', async () => {
    const listy = await newObject(app, token, { tags: ['mall'], material: [{ articleId: 'ART-1', budget: 12.5 }] });
    const body = (await get({ accept: 'application/xml' }, `/v2/objects/${listy._id}`)).body;
    expect(body).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><CustomerObject><_id>/);
    expect(body).toContain(`<number type="number">${listy.number}</number>`);
    expect(body).toContain('<tags type="array"><item>mall</item></tags>');
    expect(body).toContain('<material type="array"><item type="object"><articleId>ART-1</articleId><budget type="number">12.5</budget>');
    expect(body).toContain('<securityCode type="null"/>');
  });

  it('answers a route without a resource as <Response> whose keys are entries, and history as <History>', async () => {
    const me = await get({ accept: 'application/xml' }, '/auth/me');
    expect(me.statusCode).toBe(200);
    expect(strictXml(me.body)).toMatchObject({ root: 'Response', value: (await get({}, '/auth/me')).json() });
    expect(me.body).toContain('<entry key="sub">');

    const history = await get({ accept: 'application/xml' }, `/v2/objects/${object._id}/history`);
    expect(strictXml(history.body)).toMatchObject({ root: 'History', value: (await get({}, `/v2/objects/${object._id}/history`)).json() });
    expect(history.body).toContain('<History><items type="array"><item type="object"><at>');
  });

  it('prefers by q-value and defaults to JSON', async () => {
    expect((await get({ accept: 'application/xml;q=0.5, application/json' })).headers['content-type']).toContain('application/json');
    expect((await get({ accept: 'text/xml, application/json;q=0.1' })).headers['content-type']).toContain('text/xml');
    expect((await get({ accept: '*/*' })).headers['content-type']).toContain('application/json');
  });

  it('answers problems as XML too', async () => {
    const response = await get({ accept: 'application/xml' }, `/v2/objects/${newCompany()}`);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+xml; charset=utf-8');
    expect(strictXml(response.body)).toMatchObject({ root: 'problem', value: { status: 404, detail: 'Not found.' } });
    expect(response.body).toContain('<status type="number">404</status>');
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
