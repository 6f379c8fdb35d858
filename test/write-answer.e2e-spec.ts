import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CUSTOMERS, getCustomer, getObject, newCustomer, newObject, OBJECTS, patch } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

/*
 * A write answers the record as stored: exactly what a GET reads next. The update statement
 * reads back only the columns the database may turn into another value than the one written
 * (record-table.ts), so these writes send values it does turn: an upper-case uuid, date-times
 * in another zone, a decimal with fewer places than its column keeps.
 */
describe('a write answers what a GET then reads', () => {
  let app: NestFastifyApplication;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = actorToken('admin', newCompany());
  });
  afterAll(() => app.close());

  it('customer objects (merge patch and JSON Patch)', async () => {
    const customer = await newCustomer(app, admin);
    const object = await newObject(app, admin);
    const merged = await patch(app, `${OBJECTS}/${object._id}`, admin, {
      customerId: String(customer.id).toUpperCase(),
      contract: { startDate: '2024-01-01T10:00:00+02:00', endDate: '2025-06-30T23:30:00-05:00' },
      securityCode: { zz: 1, a: [true, null, 2.5], m: { y: 'x' } },
      rating: 3.1,
      tags: ['b', 'a'],
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().customerId).toBe(String(customer.id).toLowerCase());
    expect(merged.json()).toEqual((await getObject(app, admin, object._id)).json());

    const replaced = await patch(app, `${OBJECTS}/${object._id}`, admin, [{ op: 'replace', path: '/name', value: 'Annex' }], 'application/json-patch+json');
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toEqual((await getObject(app, admin, object._id)).json());
  });

  it('customers', async () => {
    const customer = await newCustomer(app, admin);
    const written = await patch(app, `${CUSTOMERS}/${customer.id}`, admin, {
      cooperativeSum: 12.5,
      cooperativeDate: '2024-02-29',
      dateOfBirth: '1980-05-17',
      cooperativeMember: true,
      notes: 'Prefers mornings',
    });
    expect(written.statusCode).toBe(200);
    expect(written.json()).toEqual((await getCustomer(app, admin, customer.id)).json());
  });

  it('contacts', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/Contact', headers: bearer(admin), payload: { Name: 'Global Industries Ltd', Category: { Id: 1 } } });
    expect(created.statusCode).toBe(201);
    const url = `/api/v1/Contact/${created.json().contactId}`;
    const written = await patch(app, url, admin, { Department: 'Sales', Number1: '42', Country: { Id: 246 } });
    expect(written.statusCode).toBe(200);
    const read = await app.inject({ method: 'GET', url, headers: bearer(admin) });
    expect(written.json()).toEqual(read.json());
  });
});
