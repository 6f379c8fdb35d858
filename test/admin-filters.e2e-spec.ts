/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CUSTOMERS, newCustomer, newObject, OBJECTS, patch } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

/** List filters (API.md §6): equality and updatedSince per resource, GDPR rule, cursor binding. */

const CONTACTS = '/api/v1/Contact';
const WITHOUT_GDPR = 'customers:read customers:write objects:read objects:write contacts:read contacts:write';

describe('List filters (API.md §6)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const list = (token: string, url: string) => app.inject({ method: 'GET', url, headers: bearer(token) });
  async function ids(token: string, url: string, key = 'id'): Promise<unknown[]> {
    const response = await list(token, url);
    expect(response.statusCode).toBe(200);
    return response.json().items.map((item: Record<string, unknown>) => item[key]);
  }
  async function created(token: string, url: string, payload: object): Promise<Record<string, any>> {
    const response = await app.inject({ method: 'POST', url, headers: bearer(token), payload });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  describe('Customers', () => {
    const company = newCompany();
    const admin = actorToken('admin', company);
    const plainAdmin = actorToken('admin', company, WITHOUT_GDPR);
    let open: Record<string, any>;
    let restricted: Record<string, any>;
    let secret: Record<string, any>;
    const sub = `user-${randomUUID()}`;

    beforeAll(async () => {
      open = await newCustomer(app, admin, { email: 'open@example.com', lastName: 'Virtanen', personalId: 'AB-1', personalIdTypeId: 1, userId: sub });
      restricted = await newCustomer(app, admin, { email: 'hidden@example.com', lastName: 'Korhonen', restrictedTypeId: 1, isActive: false });
      secret = await newCustomer(app, admin, { email: 'secret@example.com', lastName: 'Korhonen', restrictedTypeId: 2, personalId: 'AB-1', personalIdTypeId: 2 });
    });

    it('matches email case-insensitively', async () => {
      expect(await ids(admin, `${CUSTOMERS}?email=OPEN@Example.COM`)).toEqual([open.id]);
    });

    it('never matches a level-1 record by email without scope gdpr, and does with it', async () => {
      expect(await ids(plainAdmin, `${CUSTOMERS}?email=hidden@example.com`)).toEqual([]);
      expect(await ids(admin, `${CUSTOMERS}?email=hidden@example.com`)).toEqual([restricted.id]);
    });

    it('never matches level-1 or level-2 records by lastName without gdpr (no oracle), but still finds level 0', async () => {
      expect(await ids(plainAdmin, `${CUSTOMERS}?lastName=korhonen`)).toEqual([]);
      expect(await ids(admin, `${CUSTOMERS}?lastName=korhonen`)).toEqual([secret.id, restricted.id]);
      expect(await ids(plainAdmin, `${CUSTOMERS}?lastName=VIRTANEN`)).toEqual([open.id]);
    });

    it('filters on non-protected fields match every level without gdpr', async () => {
      expect(await ids(plainAdmin, `${CUSTOMERS}?personalId=ab-1`)).toEqual([secret.id, open.id]);
      expect(await ids(plainAdmin, `${CUSTOMERS}?personalId=ab-1&personalIdTypeId=2`)).toEqual([secret.id]);
      expect(await ids(plainAdmin, `${CUSTOMERS}?customerNumber=${restricted.customerNumber}`)).toEqual([restricted.id]);
      expect(await ids(plainAdmin, `${CUSTOMERS}?isActive=false`)).toEqual([restricted.id]);
      expect(await ids(plainAdmin, `${CUSTOMERS}?isActive=true`)).toEqual([secret.id, open.id]);
      expect(await ids(plainAdmin, `${CUSTOMERS}?userId=${sub}`)).toEqual([open.id]);
      expect(await ids(plainAdmin, `${CUSTOMERS}?userId=${sub.toUpperCase()}`)).toEqual([]);
    });

    it('personalIdTypeId alone is 400 (it only narrows personalId)', async () => {
      const response = await list(admin, `${CUSTOMERS}?personalIdTypeId=1`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ pointer: '/personalIdTypeId', detail: 'needs personalId' }]);
    });

    it('updatedSince lists only records changed at or after it', async () => {
      const since = new Date().toISOString();
      expect(await ids(admin, `${CUSTOMERS}?updatedSince=${encodeURIComponent(since)}`)).toEqual([]);
      expect((await patch(app, `${CUSTOMERS}/${open.id}`, admin, { notes: 'changed' })).statusCode).toBe(200);
      expect(await ids(admin, `${CUSTOMERS}?updatedSince=${encodeURIComponent(since)}`)).toEqual([open.id]);
    });

    it('a user listing with a filter sees only itself', async () => {
      const self = actorToken('user', company, WITHOUT_GDPR, sub);
      expect(await ids(self, `${CUSTOMERS}?lastName=virtanen`)).toEqual([open.id]);
      expect(await ids(self, `${CUSTOMERS}?lastName=korhonen`)).toEqual([]);
    });

    it('filters never reach another company', async () => {
      const other = actorToken('admin', newCompany());
      expect(await ids(other, `${CUSTOMERS}?email=open@example.com`)).toEqual([]);
    });
  });

  describe('CustomerObjects', () => {
    const company = newCompany();
    const admin = actorToken('admin', company);

    it('filters by number, customerId, name (case-insensitive) and updatedSince', async () => {
      const customer = await newCustomer(app, admin, {});
      const hq = await newObject(app, admin, { name: 'HQ', customerId: customer.id });
      const depot = await newObject(app, admin, { name: 'Depot' });
      expect(await ids(admin, `${OBJECTS}?name=hq`, '_id')).toEqual([hq._id]);
      expect(await ids(admin, `${OBJECTS}?number=${depot.number}`, '_id')).toEqual([depot._id]);
      expect(await ids(admin, `${OBJECTS}?customerId=${customer.id}`, '_id')).toEqual([hq._id]);
      expect(await ids(admin, `${OBJECTS}?name=HQ&customerId=${randomUUID()}`, '_id')).toEqual([]);
      const since = new Date().toISOString();
      expect((await patch(app, `${OBJECTS}/${depot._id}`, admin, { rating: 3 })).statusCode).toBe(200);
      expect(await ids(admin, `${OBJECTS}?updatedSince=${encodeURIComponent(since)}`, '_id')).toEqual([depot._id]);
    });
  });

  describe('Contacts', () => {
    const company = newCompany();
    const admin = actorToken('admin', company);

    it('filters by name, orgNr, department (case-insensitive) and updatedSince', async () => {
      const acme = await created(admin, CONTACTS, { name: 'Acme Oy', orgNr: 'FI-123', department: 'Sales' });
      const other = await created(admin, CONTACTS, { name: 'Other AB', orgNr: 'SE-9', department: 'Support' });
      expect(await ids(admin, `${CONTACTS}?name=ACME%20OY`, 'contactId')).toEqual([acme.contactId]);
      expect(await ids(admin, `${CONTACTS}?orgNr=fi-123`, 'contactId')).toEqual([acme.contactId]);
      expect(await ids(admin, `${CONTACTS}?department=support`, 'contactId')).toEqual([other.contactId]);
      const since = new Date().toISOString();
      expect((await patch(app, `${CONTACTS}/${acme.contactId}`, admin, { description: 'x' })).statusCode).toBe(200);
      expect(await ids(admin, `${CONTACTS}?updatedSince=${encodeURIComponent(since)}`, 'contactId')).toEqual([acme.contactId]);
    });
  });

  describe('parameters', () => {
    const admin = actorToken('admin', newCompany());

    it('an unknown query parameter is 400 naming it (a misspelt filter never lists everything)', async () => {
      const response = await list(admin, `${OBJECTS}?nmae=HQ&limit=5`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors).toEqual([{ pointer: '/nmae', detail: 'is not a parameter of this list' }]);
    });

    it('a filter of another resource is unknown', async () => {
      const response = await list(admin, `${CONTACTS}?email=a@example.com`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].pointer).toBe('/email');
    });

    it.each([
      [`${CUSTOMERS}?customerNumber=abc`, '/customerNumber'],
      [`${CUSTOMERS}?isActive=yes`, '/isActive'],
      [`${CUSTOMERS}?updatedSince=2026-01-01`, '/updatedSince'],
      [`${CUSTOMERS}?updatedSince=2026-01-01T10:00:00`, '/updatedSince'],
      [`${OBJECTS}?customerId=not-a-uuid`, '/customerId'],
      [`${OBJECTS}?name=`, '/name'],
      [`${OBJECTS}?name=a&name=b`, '/name'],
    ])('%s is 400 at %s', async (url, pointer) => {
      const response = await list(admin, url);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors.map((error: { pointer: string }) => error.pointer)).toEqual([pointer]);
    });

    it('keeps limit, cursor, companyId and $select', async () => {
      const response = await list(admin, `${OBJECTS}?limit=1&$select=name&companyId=&name=x`);
      expect(response.statusCode).toBe(200);
    });
  });

  describe('cursor', () => {
    const admin = actorToken('admin', newCompany());

    it('pages through filtered results, and a cursor used with other filters is 400', async () => {
      const made = [];
      for (const name of ['Site', 'site', 'SITE', 'Elsewhere']) made.push(await newObject(app, admin, { name }));
      const first = await list(admin, `${OBJECTS}?name=site&limit=2`);
      expect(first.statusCode).toBe(200);
      const { items, nextCursor } = first.json();
      expect(items.map((item: any) => item._id)).toEqual([made[2]._id, made[1]._id]);
      const second = await list(admin, `${OBJECTS}?name=SITE&limit=2&cursor=${nextCursor}`);
      expect(second.json().items.map((item: any) => item._id)).toEqual([made[0]._id]);
      expect(second.json().nextCursor).toBeNull();

      for (const other of [`name=elsewhere`, '', `name=site&updatedSince=2020-01-01T00:00:00Z`]) {
        const mismatch = await list(admin, `${OBJECTS}?${other}&limit=2&cursor=${nextCursor}`);
        expect(mismatch.statusCode).toBe(400);
        expect(mismatch.json().errors).toEqual([{ pointer: '/cursor', detail: 'belongs to other filters' }]);
      }
    });
  });
});
