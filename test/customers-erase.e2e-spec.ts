/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CUSTOMERS, customerHistory, getCustomer, newCustomer, newCustomFieldConfig, newObject, OBJECTS, patch, putCustomer } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

/** POST /customers/:id/erase (API.md §6, GDPR Art. 17). */

const WITHOUT_GDPR = 'customers:read customers:write';
const PERSONAL = {
  firstName: 'Anna',
  lastName: 'Virtanen',
  email: 'anna@example.com',
  phone: '+358401234567',
  identityNumber: '010190-123A',
  dateOfBirth: '1990-01-01',
  personalId: 'PID-77',
  notes: 'Prefers mornings',
  extRef: 'CRM-77',
  customProperties: { favourite: 'blue' },
};

describe('Customer erasure (API.md §6)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const erase = (token: string, id: string, payload: unknown = { reason: 'Data subject request 42' }, query = '') =>
    app.inject({ method: 'POST', url: `${CUSTOMERS}/${id}/erase${query}`, headers: bearer(token), payload: payload as object });

  async function setup() {
    const company = newCompany();
    const admin = actorToken('admin', company);
    const config = await newCustomFieldConfig(app, admin, { name: 'Floor' });
    const customer = await newCustomer(app, admin, PERSONAL);
    const put = await putCustomer(app, admin, customer.id, {
      customFields: [{ id: config.id, value: '3' }],
      accessKeys: [{ accessKeyTypeId: 1, value: 'DOOR-1234', description: 'Front door' }],
    });
    expect(put.statusCode).toBe(200);
    expect((await patch(app, `${CUSTOMERS}/${customer.id}`, admin, { notes: 'Call after 5', extRef: 'CRM-78' })).statusCode).toBe(200);
    return { company, admin, customer };
  }

  it('clears personal data, sets erasedAt, keeps id and number, and GET shows nothing personal', async () => {
    const { admin, customer } = await setup();
    const etag = (await getCustomer(app, admin, customer.id)).headers.etag;
    const response = await erase(admin, customer.id);
    expect(response.statusCode).toBe(200);
    const read = await getCustomer(app, admin, customer.id);
    expect(read.headers.etag).not.toBe(etag);
    const shown = read.json();
    expect(shown).toMatchObject({
      id: customer.id,
      customerNumber: customer.customerNumber,
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      identityNumber: null,
      dateOfBirth: null,
      personalId: null,
      notes: null,
      extRef: null,
      customProperties: null,
      accessKeys: [],
    });
    expect(shown.customFieldValues.every((value: any) => value.value === null)).toBe(true);
    expect(Date.parse(shown.erasedAt)).not.toBeNaN();
  });

  it('forgets stored Idempotency-Key answers that show the customer, so no replay shows erased data', async () => {
    const { admin, customer } = await setup();
    const key = randomUUID();
    const send = () =>
      app.inject({
        method: 'PATCH',
        url: `${CUSTOMERS}/${customer.id}`,
        headers: { ...bearer(admin), 'content-type': 'application/merge-patch+json', 'idempotency-key': key },
        payload: { notes: 'Keep this note' },
      });
    const first = await send();
    expect(first.statusCode).toBe(200);
    expect((await send()).headers['idempotent-replayed']).toBe('true');
    expect((await erase(admin, customer.id)).statusCode).toBe(200);
    // The key is free again: the request runs afresh and meets the erased record (409), not a replay.
    const retried = await send();
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.statusCode).toBe(409);
    expect(retried.body).not.toContain('Keep this note');
  });

  it('deletes the customer\'s comments, which are personal data', async () => {
    const { admin, customer } = await setup();
    const comments = `${CUSTOMERS}/${customer.id}/comments`;
    const posted = await app.inject({ method: 'POST', url: comments, headers: bearer(admin), payload: { comments: 'Lives on the 3rd floor' } });
    expect(posted.statusCode).toBe(201);
    expect((await erase(admin, customer.id)).statusCode).toBe(200);
    expect((await getCustomer(app, admin, customer.id)).json().comments).toEqual([]);
    expect((await app.inject({ method: 'GET', url: comments, headers: bearer(admin) })).json().items).toEqual([]);
  });

  it('writes one audit row of kind erased with who and why and no values, and redacts earlier rows', async () => {
    const { admin, customer } = await setup();
    expect((await erase(admin, customer.id)).statusCode).toBe(200);
    const history = await customerHistory(app, admin, customer.id);
    const erased = history.filter((entry) => entry.kind === 'erased');
    expect(erased).toHaveLength(1);
    expect(erased[0].actor.role).toBe('admin');
    const serialized = JSON.stringify(history);
    for (const value of ['Anna', 'Virtanen', 'PID-77', 'Prefers mornings', 'Call after 5', 'CRM-77', 'CRM-78', 'blue', 'DOOR-1234', 'Front door']) {
      expect(serialized).not.toContain(value);
    }
    const exported = (await app.inject({ method: 'GET', url: `${CUSTOMERS}/${customer.id}/export`, headers: bearer(admin) })).json();
    const row = exported.history.find((entry: any) => entry.kind === 'erased');
    expect(row.reason).toBe('Data subject request 42');
    expect(row.ops.every((op: any) => op.path === '/erasedAt' || op.value === undefined || op.value === null || op.value === '***' || (Array.isArray(op.value) && op.value.length === 0))).toBe(true);
  });

  it('export after erasure shows nothing personal', async () => {
    const { admin, customer } = await setup();
    expect((await erase(admin, customer.id)).statusCode).toBe(200);
    const exported = await app.inject({ method: 'GET', url: `${CUSTOMERS}/${customer.id}/export`, headers: bearer(admin) });
    expect(exported.statusCode).toBe(200);
    const text = exported.body;
    for (const value of Object.values(PERSONAL).flatMap((value) => (typeof value === 'string' ? [value] : Object.values(value)))) {
      expect(text).not.toContain(value);
    }
    expect(text).not.toContain('DOOR-1234');
  });

  it('a second erasure is 409 and changes nothing', async () => {
    const { admin, customer } = await setup();
    expect((await erase(admin, customer.id)).statusCode).toBe(200);
    const before = (await getCustomer(app, admin, customer.id)).json();
    const again = await erase(admin, customer.id);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect((await getCustomer(app, admin, customer.id)).json()).toEqual(before);
    expect((await customerHistory(app, admin, customer.id)).filter((entry) => entry.kind === 'erased')).toHaveLength(1);
  });

  it('later writes are 409 through PATCH, PUT and PATCH by identifier (seed 004)', async () => {
    const { admin, customer } = await setup();
    expect((await erase(admin, customer.id)).statusCode).toBe(200);
    expect((await patch(app, `${CUSTOMERS}/${customer.id}`, admin, { notes: 'back' })).statusCode).toBe(409);
    expect((await putCustomer(app, admin, customer.id, { firstName: 'Back' })).statusCode).toBe(409);
    expect((await patch(app, CUSTOMERS, admin, { customerId: customer.customerNumber, notes: 'back' })).statusCode).toBe(409);
    expect((await getCustomer(app, admin, customer.id)).json().notes).toBeNull();
  });

  it('objects referring to the customer stay valid', async () => {
    const { admin, customer } = await setup();
    const object = await newObject(app, admin, { customerId: customer.id });
    expect((await erase(admin, customer.id)).statusCode).toBe(200);
    const response = await patch(app, `${OBJECTS}/${object._id}`, admin, { name: 'Renamed', customerId: customer.id });
    expect(response.statusCode).toBe(200);
    expect(response.json().customerId).toBe(customer.id);
  });

  it('needs scope gdpr and an admin role (403), and a reason (422); a refused erasure changes nothing', async () => {
    const { company, admin, customer } = await setup();
    const self = actorToken('user', company);
    expect((await erase(actorToken('admin', company, WITHOUT_GDPR), customer.id)).statusCode).toBe(403);
    expect((await erase(self, customer.id)).statusCode).toBe(403);
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 42 }]) {
      const response = await erase(admin, customer.id, body);
      expect(response.statusCode).toBe(422);
      expect(response.json().errors[0].pointer).toBe('/reason');
    }
    const unknown = await erase(admin, customer.id, { reason: 'ok', why: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ pointer: '/why', detail: 'is not a field' }]);
    expect((await getCustomer(app, admin, customer.id)).json()).toMatchObject({ email: 'anna@example.com', erasedAt: null });
  });

  it('is 404 for another company and an unknown id, even without a valid body', async () => {
    const { customer } = await setup();
    expect((await erase(actorToken('admin', newCompany()), customer.id)).statusCode).toBe(404);
    expect((await erase(actorToken('admin', newCompany()), customer.id, { nope: true })).statusCode).toBe(404);
    expect((await erase(actorToken('admin', customer.companyId), randomUUID())).statusCode).toBe(404);
  });
});
