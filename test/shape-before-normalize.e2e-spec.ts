import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CUSTOMERS, newCustomer, patch } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { bearer, newAdmin } from './helpers/tokens';

const CONTACTS = '/api/v1/Contact';

/**
 * The pipeline checks that the changed fields have their declared JSON kinds before a policy
 * derives values from them (issue 10): a value of the wrong kind is a 422 naming it, never a
 * crash in the code that resolves reference names or cuts date-times.
 */
describe('Values of the wrong JSON kind, before derived fields are computed', () => {
  let app: NestFastifyApplication;
  const { token: admin } = newAdmin();

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  async function newContact(): Promise<{ contactId: number }> {
    const response = await app.inject({ method: 'POST', url: CONTACTS, headers: bearer(admin), payload: { Name: 'Shape Ltd' } });
    expect(response.statusCode).toBe(201);
    return response.json<{ contactId: number }>();
  }

  it.each([
    ['interests: true', { interests: true }, '/interests'],
    ['an interest that is a number', { interests: [5] }, '/interests/0'],
    ['a category that is text', { category: 'VIP' }, '/category'],
    ['a country that is a list', { country: [{ id: 246 }] }, '/country'],
  ])('refuses %s on a Contact PATCH with 422 and stores nothing', async (_name, body, pointer) => {
    const created = await newContact();
    const url = `${CONTACTS}/${created.contactId}`;
    const before = await app.inject({ method: 'GET', url, headers: bearer(admin) });
    const response = await patch(app, url, admin, body);
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.map((error: { pointer: string }) => error.pointer)).toContain(pointer);
    const after = await app.inject({ method: 'GET', url, headers: bearer(admin) });
    expect(after.headers.etag).toBe(before.headers.etag);
    expect(after.json()).toEqual(before.json());
  });

  it('refuses interests: true on a Contact create with 422', async () => {
    const response = await app.inject({ method: 'POST', url: CONTACTS, headers: bearer(admin), payload: { Name: 'X', Interests: true } });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((error: { pointer: string }) => error.pointer)).toContain('/interests');
  });

  it('refuses a date of birth that is an object on a Customer PATCH with 422', async () => {
    const customer = await newCustomer(app, admin);
    const response = await patch(app, `${CUSTOMERS}/${customer.id}`, admin, { dateOfBirth: { year: 2001 } });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((error: { pointer: string }) => error.pointer)).toContain('/dateOfBirth');
  });
});
