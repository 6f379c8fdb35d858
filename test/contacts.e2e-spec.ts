/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { XMLParser } from 'fast-xml-parser';
import { patch } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

const CONTACTS = '/api/v1/Contact';

describe('Contacts /api/v1/Contact (seed 002, API.md §3)', () => {
  let app: NestFastifyApplication;
  let company: string;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  beforeEach(() => {
    company = newCompany();
    admin = actorToken('admin', company);
  });

  async function newContact(token: string, fields: Record<string, unknown> = {}): Promise<Record<string, any>> {
    const response = await app.inject({
      method: 'POST',
      url: CONTACTS,
      headers: bearer(token),
      payload: { Name: 'Global Industries Ltd', Department: 'Sales', ...fields },
    });
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
    return response.json();
  }
  const get = (token: string, id: number, query = '', headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `${CONTACTS}/${id}${query}`, headers: { ...bearer(token), ...headers } });

  describe('create and read', () => {
    it('creates with PascalCase names, an int32 contactId, stamps and absolute _links', async () => {
      const created = await newContact(admin, { OrgNr: '1018343', Category: { Id: 1 }, Country: { Id: 246 } });
      expect(Number.isInteger(created.contactId)).toBe(true);
      expect(created).toMatchObject({
        name: 'Global Industries Ltd',
        department: 'Sales',
        orgNr: '1018343',
        category: { id: 1, name: 'Customer' },
        country: { id: 246, name: 'Finland' },
        deleted: 0,
        noMailing: false,
        createdBy: { id: expect.any(String) },
      });
      const fetched = await get(admin, created.contactId, '', { host: 'localhost:8443' }); // a TRUSTED_HOSTS default
      expect(fetched.statusCode).toBe(200);
      expect(fetched.headers.etag).toBeDefined();
      expect(fetched.json()._links).toEqual({
        self: `http://localhost:8443${CONTACTS}/${created.contactId}`,
        archive: `http://localhost:8443${CONTACTS}`,
      });
    });

    it('matches the route case-insensitively', async () => {
      const created = await newContact(admin);
      const response = await app.inject({ method: 'GET', url: `/API/V1/contact/${created.contactId}`, headers: bearer(admin) });
      expect(response.statusCode).toBe(200);
    });

    it('serves the reference lists, countries with ISO codes', async () => {
      const countries = await app.inject({ method: 'GET', url: '/api/v1/List/country/Items', headers: bearer(admin) });
      expect(countries.statusCode).toBe(200);
      expect(countries.json()).toEqual(expect.arrayContaining([{ id: 578, name: 'Norway', code: 'NO' }]));
      const interests = await app.inject({ method: 'GET', url: '/api/v1/list/contint/items', headers: bearer(admin) });
      expect(interests.json()[0]).toEqual({ id: 1, name: 'Newsletter' });
      expect((await app.inject({ method: 'GET', url: '/api/v1/List/nope/Items', headers: bearer(admin) })).statusCode).toBe(404);
    });
  });

  describe('PATCH as in the seed', () => {
    it.each([
      ['JSON Patch, /Department', 'application/json', [{ op: 'replace', path: '/Department', value: 'foo' }]],
      ['JSON Patch, Department', 'application/json-patch+json', [{ op: 'replace', path: 'Department', value: 'foo' }]],
      ['JSON Patch, department', 'application/json', [{ op: 'replace', path: 'department', value: 'foo' }]],
      ['JSON Patch, /DEPARTMENT', 'application/json-patch+json', [{ op: 'replace', path: '/DEPARTMENT', value: 'foo' }]],
      ['merge patch under application/json', 'application/json', { Department: 'foo' }],
      ['merge patch', 'application/merge-patch+json', { department: 'foo' }],
    ])('updates the department with %s', async (_case, contentType, body) => {
      const created = await newContact(admin);
      const response = await patch(app, `${CONTACTS}/${created.contactId}`, admin, body, contentType);
      expect(response.statusCode).toBe(200);
      expect(response.json().department).toBe('foo');
      expect((await get(admin, created.contactId)).json().department).toBe('foo');
    });

    it('nulls unselected fields with the seed $select=name,department,category/id', async () => {
      const created = await newContact(admin, { category: { id: 3 } });
      const response = await patch(app, `${CONTACTS}/${created.contactId}?$select=name,department,category/id`, admin, { Department: 'foo' });
      const body = response.json();
      expect(body).toMatchObject({ name: 'Global Industries Ltd', department: 'foo', category: { id: 3, name: null } });
      expect(body.orgNr).toBeNull();
      expect(body.contactId).toBeNull();
    });

    it('answers 404 for an unknown id, 409 for a failed test, 412 for stale preconditions', async () => {
      expect((await patch(app, `${CONTACTS}/2147483000`, admin, { department: 'x' })).statusCode).toBe(404);
      expect((await patch(app, `${CONTACTS}/not-a-number`, admin, { department: 'x' })).statusCode).toBe(404);
      const created = await newContact(admin);
      const url = `${CONTACTS}/${created.contactId}`;
      const failedTest = await patch(app, url, admin, [
        { op: 'test', path: '/department', value: 'Marketing' },
        { op: 'replace', path: '/department', value: 'x' },
      ], 'application/json');
      expect(failedTest.statusCode).toBe(409);
      const stale = await patch(app, url, admin, { department: 'x' }, 'application/merge-patch+json', { 'if-match': '"999"' });
      expect(stale.statusCode).toBe(412);
      const old = await patch(app, url, admin, { department: 'x' }, 'application/merge-patch+json', {
        'if-unmodified-since': 'Mon, 01 Jan 2001 00:00:00 GMT',
      });
      expect(old.statusCode).toBe(412);
      expect((await get(admin, created.contactId)).json().department).toBe('Sales');
    });

    it('adds, replaces and removes array elements', async () => {
      const created = await newContact(admin, { emails: [{ value: 'a@example.com', description: 'main' }] });
      const url = `${CONTACTS}/${created.contactId}`;
      const added = await patch(app, url, admin, [{ op: 'add', path: '/emails/-', value: { Value: 'b@example.com' } }], 'application/json');
      expect(added.json().emails.map((e: any) => e.value)).toEqual(['a@example.com', 'b@example.com']);
      const replaced = await patch(app, url, admin, [{ op: 'replace', path: '/Emails/0/Value', value: 'c@example.com' }], 'application/json');
      expect(replaced.json().emails[0]).toEqual({ value: 'c@example.com', description: 'main' });
      const removed = await patch(app, url, admin, [{ op: 'remove', path: '/emails/0' }], 'application/json');
      expect(removed.json().emails).toEqual([{ value: 'b@example.com', description: null }]);
      const invalid = await patch(app, url, admin, [{ op: 'add', path: '/emails/-', value: { value: 'not-an-email' } }], 'application/json');
      expect(invalid.statusCode).toBe(422);
      expect(invalid.json().errors[0].pointer).toBe('/emails/1/value');
    });
  });

  describe('references to the lists', () => {
    it('resolves names from ids and refuses unknown ids with 422', async () => {
      const created = await newContact(admin, { category: { id: 1 } });
      const url = `${CONTACTS}/${created.contactId}`;
      const byPath = await patch(app, url, admin, [{ op: 'replace', path: '/category/id', value: 5 }], 'application/json');
      expect(byPath.json().category).toEqual({ id: 5, name: 'VIP Customer' });
      const byMerge = await patch(app, url, admin, { business: { id: 1 }, interests: [{ id: 3, selected: true }] });
      expect(byMerge.json().business).toEqual({ id: 1, name: 'Information technology' });
      expect(byMerge.json().interests).toEqual([{ id: 3, name: 'Webinars', selected: true }]);
      const unknown = await patch(app, url, admin, { category: { id: 999 }, interests: [{ id: 99 }] });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().errors.map((e: any) => e.pointer).sort()).toEqual(['/category/id', '/interests/0/id']);
      const cleared = await patch(app, url, admin, { category: null });
      expect(cleared.json().category).toBeNull();
    });

    it('treats a reference name as read-only: the resolved or current one is fine, another is 400', async () => {
      const created = await newContact(admin, { category: { id: 1 } });
      const url = `${CONTACTS}/${created.contactId}`;
      expect((await patch(app, url, admin, { category: { id: 3, name: 'Partner' } })).statusCode).toBe(200);
      const wrong = await patch(app, url, admin, { category: { id: 3, name: 'Renamed' } });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors).toEqual([{ pointer: '/category/name', detail: 'is read-only' }]);
    });
  });

  describe('values of the wrong JSON type', () => {
    const history = async (id: number) =>
      (await app.inject({ method: 'GET', url: `${CONTACTS}/${id}/history`, headers: bearer(admin) })).json().items.length;

    it.each([true, 1, 'x', {}])('refuses interests %p with 422 at every door, before names are resolved, storing nothing', async (value) => {
      const created = await newContact(admin, { interests: [{ id: 3 }] });
      const url = `${CONTACTS}/${created.contactId}`;
      const before = await get(admin, created.contactId);
      const responses = [
        await patch(app, url, admin, { interests: value }),
        await patch(app, url, admin, { interests: value }, 'application/json'),
        await patch(app, url, admin, [{ op: 'replace', path: '/interests', value }], 'application/json-patch+json'),
        await patch(app, url, admin, [{ op: 'add', path: '/interests/0', value }], 'application/json'),
      ];
      for (const response of responses) {
        expect(response.statusCode).toBe(422);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json().errors).toEqual([{ pointer: expect.stringMatching(/^\/interests(\/0(\/id)?)?$/), detail: expect.any(String) }]);
      }
      const after = await get(admin, created.contactId);
      expect(after.headers.etag).toBe(before.headers.etag);
      expect(await history(created.contactId)).toBe(1);

      const create = await app.inject({ method: 'POST', url: CONTACTS, headers: bearer(admin), payload: { name: 'X', interests: value } });
      expect(create.statusCode).toBe(422);
      expect(create.json().errors).toEqual([{ pointer: '/interests', detail: expect.any(String) }]);
    });

    it('refuses a reference that is not an object, or whose id is not a number, with 422', async () => {
      const created = await newContact(admin, { category: { id: 1 } });
      const url = `${CONTACTS}/${created.contactId}`;
      for (const body of [{ category: [1] }, { category: 'Customer' }, { category: { id: { id: 1 } } }, { business: { id: '1' } }]) {
        const response = await patch(app, url, admin, body);
        expect(response.statusCode).toBe(422);
      }
      expect((await get(admin, created.contactId)).json().category).toEqual({ id: 1, name: 'Customer' });
    });
  });

  describe('text PostgreSQL cannot store', () => {
    it('refuses NUL and lone surrogates with 422 naming the place, in fields and free-form keys and values', async () => {
      const created = await newContact(admin);
      const url = `${CONTACTS}/${created.contactId}`;
      const nul = await patch(app, url, admin, { department: 'a\u0000b' });
      expect(nul.statusCode).toBe(422);
      expect(nul.json().errors).toEqual([{ pointer: '/department', detail: expect.stringContaining('NUL') }]);
      const inFreeForm = await patch(app, url, admin, { customFields: { note: 'x\ud800' } });
      expect(inFreeForm.json().errors).toEqual([{ pointer: '/customFields/note', detail: expect.any(String) }]);
      expect((await get(admin, created.contactId)).json().department).toBe('Sales');
    });

    it('refuses a lone surrogate in an email value with 422, before the email rule could throw on it', async () => {
      const created = await newContact(admin);
      const url = `${CONTACTS}/${created.contactId}`;
      const before = await get(admin, created.contactId);
      const response = await patch(app, url, admin, { emails: [{ value: 'a\ud800@example.com' }] });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([{ pointer: '/emails/0/value', detail: expect.stringContaining('surrogate') }]);
      expect((await get(admin, created.contactId)).headers.etag).toBe(before.headers.etag);
    });
  });

  describe('free-form customFields', () => {
    it('keeps keys case-sensitive and refuses non-scalar values', async () => {
      const created = await newContact(admin, { customFields: { Tier: 'gold' } });
      const url = `${CONTACTS}/${created.contactId}`;
      const response = await patch(app, url, admin, [{ op: 'add', path: '/CustomFields/tier', value: 'silver' }], 'application/json');
      expect(response.json().customFields).toEqual({ Tier: 'gold', tier: 'silver' });
      const nested = await patch(app, url, admin, { customFields: { deep: { x: 1 } } });
      expect(nested.statusCode).toBe(422);
      expect(nested.json().errors[0].pointer).toBe('/customFields');
    });
  });

  describe('read-only fields', () => {
    it('refuses changes to contactId, createdDate and _links, and accepts their current values', async () => {
      const created = await newContact(admin);
      const url = `${CONTACTS}/${created.contactId}`;
      for (const body of [{ contactId: 1 }, { createdDate: '2001-01-01T00:00:00.000Z' }, { _links: { self: 'https://evil.example' } }]) {
        const response = await patch(app, url, admin, body);
        expect(response.statusCode).toBe(400);
        expect(response.json().errors[0].detail).toBe('is read-only');
      }
      const roundTrip = await patch(app, url, admin, { ...created, department: 'Round trip' });
      expect(roundTrip.statusCode).toBe(200);
      expect(roundTrip.json().department).toBe('Round trip');
    });
  });

  describe('XML and time zones', () => {
    it('answers XML to Accept: application/xml and text/xml, 406 otherwise', async () => {
      const created = await newContact(admin);
      const xml = await get(admin, created.contactId, '', { accept: 'application/xml' });
      expect(xml.headers['content-type']).toContain('application/xml');
      expect(new XMLParser().parse(xml.body).Contact.name).toBe('Global Industries Ltd');
      expect((await get(admin, created.contactId, '', { accept: 'text/xml' })).headers['content-type']).toContain('text/xml');
      expect((await get(admin, created.contactId, '', { accept: 'application/pdf' })).statusCode).toBe(406);
    });

    it('renders createdDate in the SO-TimeZone with its offset', async () => {
      const created = await newContact(admin);
      const response = await get(admin, created.contactId, '', { 'so-timezone': 'Europe/Oslo' });
      expect(response.json().createdDate).toMatch(/\+0[12]:00$/);
      expect(new Date(response.json().createdDate).getTime()).toBe(new Date(created.createdDate).getTime());
    });
  });

  describe('tenancy and roles', () => {
    it('hides another company’s contact: GET, PATCH and history are 404', async () => {
      const created = await newContact(admin);
      const foreign = actorToken('admin', newCompany());
      expect((await get(foreign, created.contactId)).statusCode).toBe(404);
      expect((await patch(app, `${CONTACTS}/${created.contactId}`, foreign, { department: 'x' })).statusCode).toBe(404);
      const history = await app.inject({ method: 'GET', url: `${CONTACTS}/${created.contactId}/history`, headers: bearer(foreign) });
      expect(history.statusCode).toBe(404);
    });

    it('lets a user read but not write (403)', async () => {
      const created = await newContact(admin);
      const user = actorToken('user', company);
      expect((await get(user, created.contactId)).statusCode).toBe(200);
      expect((await patch(app, `${CONTACTS}/${created.contactId}`, user, { department: 'x' })).statusCode).toBe(403);
      const create = await app.inject({ method: 'POST', url: CONTACTS, headers: bearer(user), payload: { name: 'x' } });
      expect(create.statusCode).toBe(403);
    });

    it('records history for admins', async () => {
      const created = await newContact(admin);
      await patch(app, `${CONTACTS}/${created.contactId}`, admin, { department: 'Support' });
      const history = await app.inject({ method: 'GET', url: `${CONTACTS}/${created.contactId}/history`, headers: bearer(admin) });
      expect(history.json().items[0].ops).toEqual([{ op: 'replace', path: '/department', value: 'Support' }]);
    });
  });
});
