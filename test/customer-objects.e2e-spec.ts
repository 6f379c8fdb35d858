/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  adminWithObject,
  expectUnchanged,
  getObject,
  historyOf,
  newObject,
  OBJECTS,
  patch,
  SEED_000_WRITABLE,
  snapshot,
} from './helpers/factories';
import { expectErrorsAt, ISO_UTC, UUID } from './helpers/expectations';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

/** CustomerObjects, seed 000 (API.md §1, §1.2, §1.7, §2). */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The sample body of seed 000's PATCH, exactly as the vendor documents it. */
const SEED_000_SAMPLE = {
  _id: '<string>',
  number: 123,
  companyId: '<string>',
  status: {
    status: 123,
    createdAt: '2023-11-07T05:31:56Z',
    createdBy: '<string>',
    lastModifiedAt: '2023-11-07T05:31:56Z',
    lastModifiedBy: '<string>',
  },
  chatId: '<string>',
  customerId: '<string>',
  name: '<string>',
  contact: { phone: '<string>', email: 'jsmith@example.com', fax: '<string>' },
  contract: { startDate: '2023-11-07T05:31:56Z', endDate: '2023-11-07T05:31:56Z' },
  objectManagerId: '<string>',
  material: [{ articleId: '<string>', budget: 123 }],
  address: { street: '<string>', zip: '<string>', city: '<string>', country: '<string>' },
  location: { latitude: 123, longitude: 123 },
  rating: 2.5,
  description: '<string>',
  securityCode: '<any>',
  key: '<any>',
  orderDescription: '<string>',
  contactName: '<string>',
  invoiceRecipientId: '<string>',
  invoiceCCRecipientIds: ['<string>'],
  serviceRecipient: '<string>',
  contactIds: ['<string>'],
  tags: ['<string>'],
};

describe('CustomerObjects /v2/objects (API.md §2)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const post = (token: string, payload: unknown, query = '') =>
    app.inject({ method: 'POST', url: `${OBJECTS}${query}`, headers: bearer(token), payload: payload as Record<string, unknown> });
  const list = (token: string, query = '') => app.inject({ method: 'GET', url: `${OBJECTS}${query}`, headers: bearer(token) });

  describe('create', () => {
    it('answers 201 with Location, ETag and Last-Modified, and the Location serves the same record', async () => {
      const company = newCompany();
      const token = actorToken('admin', company);
      const created = await post(token, { name: 'Main office' });

      expect(created.statusCode).toBe(201);
      const body = created.json();
      expect(body._id).toMatch(UUID);
      expect(body.companyId).toBe(company);
      expect(body.name).toBe('Main office');
      expect(created.headers.location).toBe(`http://localhost:80/v2/objects/${body._id}`); // inject's Host is a trusted one
      expect(created.headers.etag).toMatch(/^"[^"]+"$/);
      expect(Number.isNaN(Date.parse(String(created.headers['last-modified'])))).toBe(false);

      const fetched = await app.inject({ method: 'GET', url: String(created.headers.location), headers: bearer(token) });
      expect(fetched.statusCode).toBe(200);
      expect(fetched.json()).toEqual(body);
      expect(fetched.headers.etag).toBe(created.headers.etag);
      expect(fetched.headers['last-modified']).toBe(created.headers['last-modified']);
    });

    it('numbers records 1, 2, 3 per company, and another company starts again at 1', async () => {
      const token = actorToken('admin', newCompany());
      const numbers = [];
      for (let i = 0; i < 3; i++) numbers.push((await newObject(app, token)).number);
      expect(numbers).toEqual([1, 2, 3]);
      expect((await newObject(app, actorToken('admin', newCompany()))).number).toBe(1);
    });

    it('assigns each record its own chatId', async () => {
      const token = actorToken('admin', newCompany());
      const [a, b] = [await newObject(app, token), await newObject(app, token)];
      expect(typeof a.chatId).toBe('string');
      expect(a.chatId.length).toBeGreaterThan(0);
      expect(a.chatId).not.toBe(b.chatId);
    });

    it('stamps status with the creator (token sub) and the creation time', async () => {
      const company = newCompany();
      const token = actorToken('admin', company, undefined, 'creator-1');
      const body = await newObject(app, token, { status: { status: 3 } });
      expect(body.status).toEqual({
        status: 3,
        createdAt: expect.stringMatching(ISO_UTC),
        createdBy: 'creator-1',
        lastModifiedAt: body.status.createdAt,
        lastModifiedBy: 'creator-1',
      });
      expect(Math.abs(Date.parse(body.status.createdAt) - Date.now())).toBeLessThan(60_000);
    });

    it('an update moves lastModifiedAt/By and keeps createdAt/By', async () => {
      const company = newCompany();
      const { status: created, _id: id } = await newObject(app, actorToken('admin', company, undefined, 'creator-2'));
      await sleep(5);
      const updated = await patch(app, `${OBJECTS}/${id}`, actorToken('admin', company, undefined, 'editor-2'), { name: 'Renamed' });
      expect(updated.statusCode).toBe(200);
      const status = updated.json().status;
      expect(status.createdAt).toBe(created.createdAt);
      expect(status.createdBy).toBe('creator-2');
      expect(status.lastModifiedBy).toBe('editor-2');
      expect(Date.parse(status.lastModifiedAt)).toBeGreaterThan(Date.parse(created.lastModifiedAt));
    });

    it('refuses a client-chosen status.createdAt on create with 400 naming it, and creates nothing', async () => {
      const company = newCompany();
      const token = actorToken('admin', company);
      const response = await post(token, { name: 'Backdated', status: { status: 1, createdAt: '2020-01-01T00:00:00.000Z' } });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ pointer: '/status/createdAt', detail: expect.any(String) }]);
      expect((await list(token)).json().items).toEqual([]);
    });

    it.each([
      ['_id', { _id: randomUUID() }],
      ['number', { number: 7 }],
      ['companyId', { companyId: randomUUID() }],
      ['chatId', { chatId: 'chat-1' }],
    ])('refuses a client-chosen %s on create with 400 naming it', async (field, fields) => {
      const token = actorToken('admin', newCompany());
      const response = await post(token, { name: 'X', ...fields });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ pointer: `/${field}`, detail: expect.any(String) }]);
      expect((await list(token)).json().items).toEqual([]);
    });

    it('refuses a create without name with 422 at /name', async () => {
      const response = await post(actorToken('admin', newCompany()), { description: 'no name' });
      expect(response.statusCode).toBe(422);
      expectErrorsAt(response.json().errors, '/name');
    });

    it('refuses a body that is not an object with 400', async () => {
      const response = await app.inject({
        method: 'POST',
        url: OBJECTS,
        headers: { ...bearer(actorToken('admin', newCompany())), 'content-type': 'application/json' },
        payload: '["name"]',
      });
      expect(response.statusCode).toBe(400);
    });
  });

  describe('the seed 000 body round trip', () => {
    it('stores every writable field of the seed and returns it', async () => {
      const { token, object } = await adminWithObject(app, SEED_000_WRITABLE);
      const { status, ...rest } = SEED_000_WRITABLE;
      expect(object).toMatchObject({ ...rest, customerId: null, status: { status: status.status } });
      expect((await getObject(app, token, object._id)).json()).toEqual(object);
    });

    it('accepts the whole GET body back as a merge patch with one change, and changes only that', async () => {
      const { token, id } = await adminWithObject(app, SEED_000_WRITABLE);
      const before = await getObject(app, token, id);
      const sent = { ...before.json(), orderDescription: 'Daily cleaning' };

      const response = await patch(app, `${OBJECTS}/${id}`, token, sent);
      expect(response.statusCode).toBe(200);
      const after = response.json();
      expect(after).toEqual({
        ...before.json(),
        orderDescription: 'Daily cleaning',
        status: { ...before.json().status, lastModifiedAt: after.status.lastModifiedAt, lastModifiedBy: after.status.lastModifiedBy },
      });
      expect(response.headers.etag).not.toBe(before.headers.etag);
      expect((await historyOf(app, token, id))[0].ops).toEqual([{ op: 'replace', path: '/orderDescription', value: 'Daily cleaning' }]);
    });

    it('treats the whole GET body sent back unchanged as a no-op (read-only fields repeated with their value)', async () => {
      const { token, id } = await adminWithObject(app, SEED_000_WRITABLE);
      const before = await snapshot(app, token, id);
      const response = await patch(app, `${OBJECTS}/${id}`, token, before.body, 'application/json');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(before.body);
      expect(response.headers.etag).toBe(before.etag);
      await expectUnchanged(app, token, before);
    });

    it("refuses the seed's sample body with its placeholder read-only values: 400 naming each of them", async () => {
      const { token, id } = await adminWithObject(app, SEED_000_WRITABLE);
      const before = await snapshot(app, token, id);
      const response = await patch(app, `${OBJECTS}/${id}`, token, SEED_000_SAMPLE, 'application/json');
      expect(response.statusCode).toBe(400);
      const pointers = response.json().errors.map((error: { pointer: string }) => error.pointer);
      expect(pointers.sort()).toEqual(
        [
          '/_id',
          '/chatId',
          '/companyId',
          '/number',
          '/status/createdAt',
          '/status/createdBy',
          '/status/lastModifiedAt',
          '/status/lastModifiedBy',
        ].sort(),
      );
      await expectUnchanged(app, token, before);
    });

    it.each([
      ['moving a read-only field away', [{ op: 'move', from: '/chatId', path: '/description' }], '/chatId'],
      ['removing a nested read-only field', [{ op: 'remove', path: '/status/createdBy' }], '/status/createdBy'],
      ['moving a nested read-only field into another field', [{ op: 'move', from: '/status/createdAt', path: '/orderDescription' }], '/status/createdAt'],
    ])('refuses %s: 400 naming it, nothing changed', async (_name, operations, pointer) => {
      const { token, id } = await adminWithObject(app, SEED_000_WRITABLE);
      const before = await snapshot(app, token, id);
      const response = await patch(app, `${OBJECTS}/${id}`, token, operations, 'application/json-patch+json');
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ pointer, detail: 'is read-only' }]);
      await expectUnchanged(app, token, before);
    });
  });

  describe('input names (API.md §1)', () => {
    it('binds field names case-insensitively, also nested ones', async () => {
      const { token, id } = await adminWithObject(app);
      const response = await patch(app, `${OBJECTS}/${id}`, token, { Name: 'Case A', CONTACT: { Email: 'case@example.com' } });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ name: 'Case A', contact: { email: 'case@example.com', phone: null, fax: null } });
      expect(Object.keys(response.json())).not.toContain('Name');
    });

    it('creates with case-insensitive names too', async () => {
      const body = await newObject(app, actorToken('admin', newCompany()), { name: undefined, NAME: 'Upper', Rating: 3 });
      expect(body).toMatchObject({ name: 'Upper', rating: 3 });
    });

    it('matches the route case-insensitively: /V2/OBJECTS/:id', async () => {
      const { token, id, object } = await adminWithObject(app);
      const read = await app.inject({ method: 'GET', url: `/V2/OBJECTS/${id}`, headers: bearer(token) });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual(object);
      const written = await patch(app, `/V2/Objects/${id}`, token, { name: 'Via upper-case route' });
      expect(written.statusCode).toBe(200);
      expect((await getObject(app, token, id)).json().name).toBe('Via upper-case route');
    });

    it.each([
      ['a top-level field', { nmae: 'typo' }, '/nmae'],
      ['a nested field', { contact: { mobile: '+358 40 1' } }, '/contact/mobile'],
    ])('refuses an unknown field (%s) with 400 naming it, and stores nothing', async (_what, body, pointer) => {
      const { token, id } = await adminWithObject(app);
      const before = await snapshot(app, token, id);
      const response = await patch(app, `${OBJECTS}/${id}`, token, { name: 'Changed', ...body });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ pointer, detail: expect.stringContaining(pointer.split('/').pop()!) }]);
      await expectUnchanged(app, token, before);
    });

    it('refuses an unknown field on create with 400 naming it', async () => {
      const response = await post(actorToken('admin', newCompany()), { name: 'X', colour: 'red' });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ pointer: '/colour', detail: expect.stringContaining('colour') }]);
    });
  });

  describe('field rules (§2): valid at the boundary, 422 with a pointer just past it', () => {
    const long = (n: number) => 'x'.repeat(n);
    const items = (n: number, make: (i: number) => unknown) => Array.from({ length: n }, (_, i) => make(i));

    it.each<[string, Record<string, unknown>]>([
      ['name of 200 characters', { name: long(200) }],
      ['contact phone of 100 characters', { contact: { phone: long(100) } }],
      ['contract endDate equal to startDate', { contract: { startDate: '2024-01-01T00:00:00.000Z', endDate: '2024-01-01T00:00:00.000Z' } }],
      ['material of 500 items', { material: items(500, (i) => ({ articleId: `A${i}`, budget: i })) }],
      ['budget 0', { material: [{ articleId: 'A', budget: 0 }] }],
      ['country FI', { address: { country: 'FI' } }],
      ['latitude 90 and longitude -180', { location: { latitude: 90, longitude: -180 } }],
      ['latitude -90 and longitude 180', { location: { latitude: -90, longitude: 180 } }],
      ['rating 5', { rating: 5 }],
      ['rating 0', { rating: 0 }],
      ['description of 2000 characters', { description: long(2000) }],
      ['objectManagerId of 200 characters', { objectManagerId: long(200) }],
      ['100 tags', { tags: items(100, (i) => `tag-${i}`) }],
      ['a tag of 200 characters', { tags: [long(200)] }],
      ['status.status 99', { status: { status: 99 } }],
      ['customerId null', { customerId: null }],
    ])('accepts %s', async (_what, body) => {
      const { token, id } = await adminWithObject(app);
      const response = await patch(app, `${OBJECTS}/${id}`, token, body);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject(body);
      expect((await getObject(app, token, id)).json()).toMatchObject(body);
    });

    it.each<[string, Record<string, unknown>, string | RegExp]>([
      ['name of 201 characters', { name: long(201) }, '/name'],
      ['an empty name', { name: '' }, '/name'],
      ['a null name', { name: null }, '/name'],
      ['an invalid contact email', { contact: { email: 'not-an-email' } }, '/contact/email'],
      ['contact phone of 101 characters', { contact: { phone: long(101) } }, '/contact/phone'],
      ['contact fax of 101 characters', { contact: { fax: long(101) } }, '/contact/fax'],
      [
        'contract endDate before startDate',
        { contract: { startDate: '2024-01-02T00:00:00Z', endDate: '2024-01-01T23:59:59Z' } },
        '/contract/endDate',
      ],
      ['a contract startDate that is not a date-time', { contract: { startDate: 'next monday' } }, '/contract/startDate'],
      ['material of 501 items', { material: items(501, (i) => ({ articleId: `A${i}`, budget: i })) }, '/material'],
      ['budget -1', { material: [{ articleId: 'A', budget: -1 }] }, '/material/0/budget'],
      ['a material item without articleId', { material: [{ budget: 1 }] }, '/material/0/articleId'],
      ['country XX', { address: { country: 'XX' } }, '/address/country'],
      ['latitude 91', { location: { latitude: 91, longitude: 0 } }, '/location/latitude'],
      ['longitude -181', { location: { latitude: 0, longitude: -181 } }, '/location/longitude'],
      ['rating 5.01', { rating: 5.01 }, '/rating'],
      ['rating -0.01', { rating: -0.01 }, '/rating'],
      ['a rating that is a string', { rating: '4' }, '/rating'],
      ['description of 2001 characters', { description: long(2001) }, '/description'],
      ['orderDescription of 201 characters', { orderDescription: long(201) }, '/orderDescription'],
      ['duplicate tags', { tags: ['a', 'b', 'a'] }, '/tags'],
      ['101 tags', { tags: items(101, (i) => `tag-${i}`) }, '/tags'],
      ['a tag of 201 characters', { tags: ['ok', long(201)] }, /^\/tags(\/1)?$/],
      ['101 contactIds', { contactIds: items(101, (i) => `c-${i}`) }, '/contactIds'],
      ['customerId that is not a uuid', { customerId: 'customer-1' }, '/customerId'],
      ['status.status 100', { status: { status: 100 } }, '/status/status'],
    ])('refuses %s with 422 and stores nothing', async (_what, body, pointer) => {
      const { token, id } = await adminWithObject(app);
      const before = await snapshot(app, token, id);
      const response = await patch(app, `${OBJECTS}/${id}`, token, body);
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 422, type: 'urn:problem-type:validation-error' });
      expectErrorsAt(response.json().errors, pointer);
      await expectUnchanged(app, token, before);
    });

    it('refuses a customerId that names no Customer of the company with 422', async () => {
      const { token, id } = await adminWithObject(app);
      const before = await snapshot(app, token, id);
      const response = await patch(app, `${OBJECTS}/${id}`, token, { customerId: randomUUID() });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([{ pointer: '/customerId', detail: expect.any(String) }]);
      await expectUnchanged(app, token, before);
    });

    it('reports several problems at once, one entry each', async () => {
      const { token, id } = await adminWithObject(app);
      const before = await snapshot(app, token, id);
      const response = await patch(app, `${OBJECTS}/${id}`, token, {
        name: '',
        rating: 6,
        address: { country: 'XX' },
        location: { latitude: 91, longitude: 181 },
      });
      expect(response.statusCode).toBe(422);
      const pointers = response.json().errors.map((error: { pointer: string }) => error.pointer);
      expect(pointers.sort()).toEqual(['/address/country', '/location/latitude', '/location/longitude', '/name', '/rating']);
      await expectUnchanged(app, token, before);
    });

    it('validates creates with the same rules', async () => {
      const token = actorToken('admin', newCompany());
      const response = await post(token, { name: 'X', rating: 5.5, tags: ['a', 'a'] });
      expect(response.statusCode).toBe(422);
      const pointers = response.json().errors.map((error: { pointer: string }) => error.pointer);
      expect(pointers.sort()).toEqual(['/rating', '/tags']);
      expect((await list(token)).json().items).toEqual([]);
    });
  });

  describe('list (§1.7)', () => {
    const createMany = async (token: string, n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push((await newObject(app, token, { name: `Object ${i + 1}` }))._id);
      return ids;
    };

    it('lists newest first', async () => {
      const token = actorToken('admin', newCompany());
      const ids = await createMany(token, 3);
      const response = await list(token);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ items: expect.any(Array), nextCursor: null });
      expect(response.json().items.map((item: any) => item._id)).toEqual([...ids].reverse());
      expect(response.json().items.map((item: any) => item.number)).toEqual([3, 2, 1]);
    });

    it('returns 50 by default and accepts up to 200', async () => {
      const token = actorToken('admin', newCompany());
      await createMany(token, 51);
      const firstPage = (await list(token)).json();
      expect(firstPage.items).toHaveLength(50);
      expect(firstPage.nextCursor).toEqual(expect.any(String));
      const all = await list(token, '?limit=200');
      expect(all.statusCode).toBe(200);
      expect(all.json().items).toHaveLength(51);
      expect(all.json().nextCursor).toBeNull();
    });

    it.each(['0', '201', '-1', '1.5', 'ten'])('refuses limit=%s with 400', async (limit) => {
      const response = await list(actorToken('admin', newCompany()), `?limit=${limit}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ pointer: '/limit' })]);
    });

    it('pages with the cursor through every record once, newest first', async () => {
      const token = actorToken('admin', newCompany());
      const ids = await createMany(token, 5);
      const seen: string[] = [];
      const sizes: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
        const page = await list(token, query);
        expect(page.statusCode).toBe(200);
        sizes.push(page.json().items.length);
        seen.push(...page.json().items.map((item: any) => item._id));
        cursor = page.json().nextCursor;
      } while (cursor);
      expect(sizes).toEqual([2, 2, 1]);
      expect(seen).toEqual([...ids].reverse());
    });

    it('gives no cursor after a page that ends exactly at the last record', async () => {
      const token = actorToken('admin', newCompany());
      const ids = await createMany(token, 4);
      const first = (await list(token, '?limit=2')).json();
      expect(first.items.map((item: any) => item._id)).toEqual([ids[3], ids[2]]);
      const second = (await list(token, `?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
      expect(second.items.map((item: any) => item._id)).toEqual([ids[1], ids[0]]);
      expect(second.nextCursor).toBeNull();
    });

    it.each([
      ['garbage', 'not-a-cursor!'],
      ['base64 of the wrong shape', Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')],
      ['base64 of a bad position', Buffer.from(JSON.stringify(['yesterday', 'nope'])).toString('base64url')],
    ])('refuses a bad cursor (%s) with 400', async (_what, cursor) => {
      const response = await list(actorToken('admin', newCompany()), `?cursor=${cursor}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ pointer: '/cursor' })]);
    });

    it("is tenant scoped: another company's records never appear", async () => {
      const token = actorToken('admin', newCompany());
      const mine = await createMany(token, 2);
      await createMany(actorToken('admin', newCompany()), 2);
      const items = (await list(token)).json().items;
      expect(items.map((item: any) => item._id)).toEqual([...mine].reverse());
    });
  });

  describe('roles and tenancy (§1.2)', () => {
    it('user may GET and list', async () => {
      const { company, id, object } = await adminWithObject(app);
      const user = actorToken('user', company);
      const read = await getObject(app, user, id);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual(object);
      expect((await list(user)).json().items).toEqual([object]);
    });

    it('user may not POST (403) and nothing is created', async () => {
      const company = newCompany();
      const response = await post(actorToken('user', company), { name: 'By user' });
      expect(response.statusCode).toBe(403);
      expect((await list(actorToken('admin', company))).json().items).toEqual([]);
    });

    it('user may not PATCH (403) and nothing is stored', async () => {
      const { company, token, id } = await adminWithObject(app);
      const before = await snapshot(app, token, id);
      const response = await patch(app, `${OBJECTS}/${id}`, actorToken('user', company), { name: 'By user' });
      expect(response.statusCode).toBe(403);
      await expectUnchanged(app, token, before);
    });

    it.each([
      ['GET', '/v2/objects/:id'],
      ['PATCH', '/v2/objects/:id'],
      ['GET', '/v2/objects/:id/history'],
    ] as const)("a foreign admin's %s %s is 404 \"Not found.\" and changes nothing", async (method, route) => {
      const { token, id } = await adminWithObject(app);
      const before = await snapshot(app, token, id);
      const response = await app.inject({
        method,
        url: route.replace(':id', id),
        headers: { ...bearer(actorToken('admin', newCompany())), 'content-type': 'application/merge-patch+json' },
        ...(method === 'PATCH' ? { payload: JSON.stringify({ name: 'Hijacked' }) } : {}),
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ status: 404, detail: 'Not found.' });
      await expectUnchanged(app, token, before);
    });

    it.each(['GET', 'PATCH'] as const)('%s of a nonexistent or malformed id is 404', async (method) => {
      const token = actorToken('admin', newCompany());
      for (const id of [randomUUID(), 'not-a-uuid']) {
        const response = await app.inject({
          method,
          url: `${OBJECTS}/${id}`,
          headers: { ...bearer(token), 'content-type': 'application/merge-patch+json' },
          ...(method === 'PATCH' ? { payload: '{"name":"x"}' } : {}),
        });
        expect(response.statusCode).toBe(404);
        expect(response.json().detail).toBe('Not found.');
      }
    });

    it("superadmin sees another company's record without companyId, and may change it", async () => {
      const { token, id, object } = await adminWithObject(app);
      const superadmin = actorToken('superadmin', newCompany());
      const read = await getObject(app, superadmin, id);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual(object);
      const written = await patch(app, `${OBJECTS}/${id}`, superadmin, { name: 'Fixed by support' });
      expect(written.statusCode).toBe(200);
      expect((await getObject(app, token, id)).json().name).toBe('Fixed by support');
    });

    it('a repeated ?companyId= on a PATCH names no company: 400 for a superadmin, 404 for an admin, nothing changed', async () => {
      const { company, token, id } = await adminWithObject(app);
      const before = await snapshot(app, token, id);
      const superadmin = actorToken('superadmin', newCompany());
      const twice = `?companyId=${company}&companyId=${company}`;

      const asSuperadmin = await patch(app, `${OBJECTS}/${id}${twice}`, superadmin, { name: 'Twice' });
      expect(asSuperadmin.statusCode).toBe(400);
      expectErrorsAt(asSuperadmin.json().errors, '/companyId');
      const asAdmin = await patch(app, `${OBJECTS}/${id}${twice}`, token, { name: 'Twice' });
      expect(asAdmin.statusCode).toBe(404);
      await expectUnchanged(app, token, before);
    });

    it('superadmin must name the company on create: 400 without ?companyId=, 201 in that company with it', async () => {
      const company = newCompany();
      const admin = actorToken('admin', company);
      await newObject(app, admin);
      const superadmin = actorToken('superadmin', newCompany());

      const without = await post(superadmin, { name: 'Where?' });
      expect(without.statusCode).toBe(400);
      expect(without.json().errors).toEqual([expect.objectContaining({ pointer: '/companyId' })]);

      const withCompany = await post(superadmin, { name: 'Made by support' }, `?companyId=${company}`);
      expect(withCompany.statusCode).toBe(201);
      expect(withCompany.json()).toMatchObject({ companyId: company, number: 2, name: 'Made by support' });
      expect((await list(admin)).json().items.map((item: any) => item.name)).toEqual(['Made by support', 'Main office']);
    });

    it('admin naming another company with ?companyId= gets 404 on GET, list, PATCH and POST', async () => {
      const { token, id } = await adminWithObject(app);
      const before = await snapshot(app, token, id);
      const other = `?companyId=${newCompany()}`;
      expect((await getObject(app, token, id, other)).statusCode).toBe(404);
      expect((await list(token, other)).statusCode).toBe(404);
      expect((await patch(app, `${OBJECTS}/${id}${other}`, token, { name: 'x' })).statusCode).toBe(404);
      expect((await post(token, { name: 'x' }, other)).statusCode).toBe(404);
      await expectUnchanged(app, token, before);
    });

    it('admin naming its own company, or a blank one, acts as usual', async () => {
      const { company, token, id } = await adminWithObject(app);
      expect((await getObject(app, token, id, `?companyId=${company}`)).statusCode).toBe(200);
      expect((await getObject(app, token, id, '?companyId=')).statusCode).toBe(200);
    });

    it('a token without objects:write gets 403 on PATCH and POST; objects:read suffices for GET and list', async () => {
      const { company, token, id, object } = await adminWithObject(app);
      const before = await snapshot(app, token, id);
      const reader = actorToken('admin', company, 'objects:read');
      expect((await patch(app, `${OBJECTS}/${id}`, reader, { name: 'x' })).statusCode).toBe(403);
      expect((await post(reader, { name: 'x' })).statusCode).toBe(403);
      expect((await getObject(app, reader, id)).json()).toEqual(object);
      expect((await list(reader)).statusCode).toBe(200);
      await expectUnchanged(app, token, before);
    });

    it('a token with neither objects scope gets 403 on GET', async () => {
      const { company, id } = await adminWithObject(app);
      expect((await getObject(app, actorToken('admin', company, 'contacts:read customers:write'), id)).statusCode).toBe(403);
    });
  });
});
