/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { XMLParser } from 'fast-xml-parser';
import { CUSTOMERS, getCustomer, newCustomer, newCustomFieldConfig, patch, putCustomer } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { bearer, newAdmin } from './helpers/tokens';

/** Seed 003's PUT response members (API.md §4): every one but ResponseStatus. */
describe('PUT /customers/:id response (seed 003)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function companyWithConfigs() {
    const { token } = newAdmin();
    await newCustomFieldConfig(app, token, { name: 'Number of persons', dataType: 'Number', isMandatory: false });
    await newCustomFieldConfig(app, token, { name: 'Size', dataType: 'DropDown', values: [{ value: 'S' }, { value: 'L' }] });
    const configs = (await app.inject({ method: 'GET', url: `${CUSTOMERS}/custom-fields`, headers: bearer(token) })).json();
    return { token, configs };
  }

  it('carries customFields as GET /customers/custom-fields shows them, beside values, comments and the rest', async () => {
    const { token, configs } = await companyWithConfigs();
    const customer = await newCustomer(app, token);
    await app.inject({
      method: 'POST',
      url: `${CUSTOMERS}/${customer.id}/comments`,
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: { comments: 'Hello' },
    });
    const response = await putCustomer(app, token, customer.id, { Firstname: 'Bea', CustomFields: [{ Id: configs[1].id, Value: 'L' }] });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(configs).toHaveLength(2);
    expect(body.customFields).toEqual(configs);
    expect(body).toMatchObject({
      firstName: 'Bea',
      customFieldValues: expect.arrayContaining([expect.objectContaining({ id: configs[1].id, value: 'L' })]),
      comments: [expect.objectContaining({ comments: 'Hello' })],
      accessKeys: [],
      subscribedToNewsletter: false,
    });
    expect(body).not.toHaveProperty('responseStatus');
  });

  it('keeps customFields to the PUT answer: null in GET, and a GET sent back by PATCH is no change', async () => {
    const { token } = await companyWithConfigs();
    const customer = await newCustomer(app, token);
    const fetched = await getCustomer(app, token, customer.id);
    expect(fetched.json().customFields).toBeNull();
    const sentBack = await patch(app, `${CUSTOMERS}/${customer.id}`, token, fetched.json());
    expect(sentBack.statusCode).toBe(200);
    expect(sentBack.headers.etag).toBe(fetched.headers.etag);
    const written = await patch(app, `${CUSTOMERS}/${customer.id}`, token, { customFields: [{ id: 1 }] });
    expect(written.statusCode).toBe(400);
  });

  it('answers an empty list for a company without configs, and follows $select and XML', async () => {
    const { token } = newAdmin();
    const customer = await newCustomer(app, token);
    expect((await putCustomer(app, token, customer.id, { Phone: '+358401' })).json().customFields).toEqual([]);

    const { token: other, configs } = await companyWithConfigs();
    const second = await newCustomer(app, other);
    const selected = (await putCustomer(app, other, second.id, {}, '?$select=customFields/name')).json();
    expect(selected.firstName).toBeNull();
    expect(selected.customFields.map((config: any) => config.name)).toEqual(configs.map((config: any) => config.name));
    expect(selected.customFields[0].dataType).toBeNull();

    const xml = await putCustomer(app, other, second.id, {}, '', { accept: 'application/xml' });
    expect(xml.statusCode).toBe(200);
    const parsed = new XMLParser().parse(xml.body);
    expect(parsed.Customer.customFields.item.map((config: any) => config.name)).toEqual(['Number of persons', 'Size']);
  });
});
