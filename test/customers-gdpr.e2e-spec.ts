/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  CUSTOMERS,
  customerHistory,
  customerSnapshot,
  expectCustomerUnchanged,
  getCustomer,
  newCustomer,
  patch,
  putCustomer,
} from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, ALL_SCOPES, bearer, newCompany } from './helpers/tokens';

/** GDPR-protected fields, restrictedTypeId 0/1/2 (API.md §1.3, §1.8, §4). */

/** The GDPR fields of §4 with values, in schema order (the order of `maskedFields`). */
const PERSONAL = {
  firstName: 'Anna',
  lastName: 'Virtanen',
  name: 'Anna Virtanen',
  nameExtension: 'c/o Virtanen',
  email: 'anna@example.com',
  phone: '+358401234567',
  phone2: '+35891234567',
  smsNumbers: ['+358401234567'],
  identityNumber: '010190-123A',
  invoiceName: 'Anna Virtanen Oy',
  dateOfBirth: '1990-01-01',
};
const PROTECTED = Object.keys(PERSONAL);
/** What a masked view hides: the fields above and the customer's comments (read-only, §4). */
const MASKED = [...PROTECTED, 'comments'];
const NULLS = Object.fromEntries(MASKED.map((field) => [field, null]));

/** Fields anyone who sees the record sees. */
const PLAIN = { notes: 'Prefers mornings', country: 'FI', personalId: 'EXT-1', sex: 2 };

const WITHOUT_GDPR = 'customers:read customers:write';

describe('Customers GDPR (API.md §1.3)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** A company with a customer linked to `selfSub` at `level`, and the three kinds of caller. */
  async function setup(level: number) {
    const company = newCompany();
    const selfSub = `user-${randomUUID()}`;
    const gdprAdmin = actorToken('admin', company);
    const callers = {
      gdprAdmin,
      plainAdmin: actorToken('admin', company, WITHOUT_GDPR),
      self: actorToken('user', company, WITHOUT_GDPR, selfSub),
    };
    const customer = await newCustomer(app, gdprAdmin, { ...PERSONAL, ...PLAIN, userId: selfSub, restrictedTypeId: level });
    return { company, customer, id: customer.id as string, ...callers };
  }

  const readEntries = async (token: string, id: string) => (await customerHistory(app, token, id)).filter((e) => e.kind === 'read');

  type Caller = 'gdprAdmin' | 'plainAdmin' | 'self';
  const VIEWS: Array<[number, Caller, boolean]> = [
    [0, 'plainAdmin', false],
    [0, 'gdprAdmin', false],
    [0, 'self', false],
    [1, 'plainAdmin', true],
    [1, 'gdprAdmin', false],
    [1, 'self', false],
    [2, 'plainAdmin', true],
    [2, 'gdprAdmin', false],
    [2, 'self', false],
  ];

  describe.each(VIEWS)('level %s seen by %s (masked: %s)', (level, caller, masked) => {
    const expected = masked ? { ...PLAIN, ...NULLS, maskedFields: MASKED } : { ...PLAIN, ...PERSONAL, maskedFields: [] };

    it('GET, the list, PATCH, PUT and PATCH /customers responses show the same view', async () => {
      const context = await setup(level);
      const token = context[caller];
      const get = await getCustomer(app, token, context.id);
      expect(get.statusCode).toBe(200);
      expect(get.json()).toMatchObject(expected);

      const listed = await app.inject({ method: 'GET', url: CUSTOMERS, headers: bearer(token) });
      expect(listed.json().items.find((c: any) => c.id === context.id)).toMatchObject(expected);

      const patched = await patch(app, `${CUSTOMERS}/${context.id}`, token, { notes: 'Prefers evenings' });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ ...expected, notes: 'Prefers evenings' });

      const put = await putCustomer(app, token, context.id, { SubscribedToNewsletter: true });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({ ...expected, notes: 'Prefers evenings', subscribedToNewsletter: true });

      const byNumber = await patch(app, CUSTOMERS, token, { CustomerId: context.customer.customerNumber, Notes: 'Any time' });
      expect(byNumber.statusCode).toBe(200);
      expect(byNumber.json()).toMatchObject({ ...expected, notes: 'Any time' });

      // Whatever this caller saw, the stored personal data is intact.
      expect((await getCustomer(app, context.gdprAdmin, context.id)).json()).toMatchObject(PERSONAL);
    });

    it(masked ? 'writing a protected field is 403 through every door, and nothing is stored' : 'may write protected fields', async () => {
      const context = await setup(level);
      const token = context[caller];
      const before = await customerSnapshot(app, context.gdprAdmin, context.id);
      const responses = [
        await patch(app, `${CUSTOMERS}/${context.id}`, token, { phone: '+3580000' }),
        await patch(app, `${CUSTOMERS}/${context.id}`, token, [{ op: 'replace', path: '/lastName', value: 'X' }], 'application/json-patch+json'),
        await putCustomer(app, token, context.id, { Firstname: 'Bea' }),
        await patch(app, CUSTOMERS, token, { CustomerId: context.customer.customerNumber, DOB: '1991-02-03' }),
      ];
      if (masked) {
        for (const response of responses) {
          expect(response.statusCode).toBe(403);
          expect(response.json().errors).toEqual([{ pointer: expect.stringMatching(/^\/(phone|lastName|firstName|dateOfBirth)$/), detail: expect.any(String) }]);
        }
        await expectCustomerUnchanged(app, context.gdprAdmin, before);
      } else {
        expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
        expect((await getCustomer(app, context.gdprAdmin, context.id)).json()).toMatchObject({
          phone: '+3580000',
          lastName: 'X',
          firstName: 'Bea',
          dateOfBirth: '1991-02-03',
        });
      }
    });

    it(masked ? 'test/copy/move reading a protected field is 403, even with a correct guess' : 'test/copy/move may read protected fields', async () => {
      const context = await setup(level);
      const token = context[caller];
      const before = await customerSnapshot(app, context.gdprAdmin, context.id);
      const reads = [
        [{ op: 'test', path: '/email', value: PERSONAL.email }],
        [{ op: 'test', path: '/Email', value: null }],
        [{ op: 'test', path: '/smsNumbers/0', value: PERSONAL.smsNumbers[0] }],
        [{ op: 'copy', from: '/firstName', path: '/notes' }],
        [{ op: 'move', from: '/phone2', path: '/notes' }],
      ];
      const statuses = [];
      for (const ops of reads) {
        const response = await patch(app, `${CUSTOMERS}/${context.id}`, token, ops, 'application/json-patch+json');
        statuses.push(response.statusCode);
        if (masked) expect(response.json().errors).toEqual([{ pointer: expect.stringMatching(/^\/(email|smsNumbers|firstName|phone2)$/), detail: expect.any(String) }]);
      }
      if (masked) {
        expect(statuses).toEqual([403, 403, 403, 403, 403]);
        await expectCustomerUnchanged(app, context.gdprAdmin, before);
      } else {
        // A correct guess passes, a wrong one is 409; copy and move work on the real values.
        expect(statuses).toEqual([200, 409, 200, 200, 200]);
        expect((await getCustomer(app, context.gdprAdmin, context.id)).json()).toMatchObject({ notes: PERSONAL.phone2, phone2: null });
      }
    });
  });

  describe('explicit JSON Patch writes to masked fields (caller without gdpr, not the customer)', () => {
    const JSON_PATCH_DOORS = ['application/json-patch+json', 'application/json'];
    /** Each op writing a masked field, and the field its 403 must name. */
    const WRITES: Array<[string, object, string]> = [
      ['add', { op: 'add', path: '/email', value: 'new@example.com' }, '/email'],
      ['add /smsNumbers/-', { op: 'add', path: '/smsNumbers/-', value: '+3585' }, '/smsNumbers'],
      ['add inside', { op: 'add', path: '/SmsNumbers/0', value: '+3585' }, '/smsNumbers'],
      ['remove', { op: 'remove', path: '/email' }, '/email'],
      ['remove inside', { op: 'remove', path: '/smsNumbers/0' }, '/smsNumbers'],
      ['replace with null', { op: 'replace', path: '/phone', value: null }, '/phone'],
      ['replace inside', { op: 'replace', path: '/smsNumbers/0', value: '+3585' }, '/smsNumbers'],
      ['copy onto', { op: 'copy', from: '/notes', path: '/identityNumber' }, '/identityNumber'],
      ['copy into', { op: 'copy', from: '/notes', path: '/smsNumbers/-' }, '/smsNumbers'],
      ['move onto', { op: 'move', from: '/notes', path: '/invoiceName' }, '/invoiceName'],
    ];
    const CASES = [1, 2].flatMap((level) => JSON_PATCH_DOORS.flatMap((type) => WRITES.map(([name, op, pointer]) => ({ level, type, name, op, pointer }))));

    it.each(CASES)('level $level, $type: $name is 403 naming $pointer, and nothing is stored', async ({ level, type, op, pointer }) => {
      const context = await setup(level);
      const before = await customerSnapshot(app, context.gdprAdmin, context.id);
      const response = await patch(app, `${CUSTOMERS}/${context.id}`, context.plainAdmin, [op], type);
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors).toEqual([{ pointer, detail: expect.any(String) }]);
      await expectCustomerUnchanged(app, context.gdprAdmin, before);
    });

    it.each(JSON_PATCH_DOORS)('%s: test/copy/move reading a masked field stay 403, whatever the guess', async (type) => {
      const context = await setup(1);
      const before = await customerSnapshot(app, context.gdprAdmin, context.id);
      for (const op of [
        { op: 'test', path: '/email', value: null },
        { op: 'test', path: '/email', value: PERSONAL.email },
        { op: 'copy', from: '/email', path: '/notes' },
        { op: 'move', from: '/smsNumbers/0', path: '/notes' },
      ]) {
        const response = await patch(app, `${CUSTOMERS}/${context.id}`, context.plainAdmin, [op], type);
        expect(response.statusCode).toBe(403);
        expect(response.json().errors).toEqual([{ pointer: expect.stringMatching(/^\/(email|smsNumbers)$/), detail: expect.any(String) }]);
      }
      await expectCustomerUnchanged(app, context.gdprAdmin, before);
    });

    it('the same ops by a gdpr admin and by the customer itself are writes that land', async () => {
      const context = await setup(2);
      const removed = await patch(app, `${CUSTOMERS}/${context.id}`, context.gdprAdmin, [{ op: 'remove', path: '/phone' }], 'application/json-patch+json');
      expect(removed.statusCode).toBe(200);
      const added = await patch(app, `${CUSTOMERS}/${context.id}`, context.self, [{ op: 'add', path: '/smsNumbers/-', value: '+3585' }], 'application/json');
      expect(added.statusCode).toBe(200);
      expect((await getCustomer(app, context.gdprAdmin, context.id)).json()).toMatchObject({ phone: null, smsNumbers: [...PERSONAL.smsNumbers, '+3585'] });
    });

    it('JSON Patch writes of fields that are not masked still work for the masked caller', async () => {
      const context = await setup(1);
      const response = await patch(
        app,
        `${CUSTOMERS}/${context.id}`,
        context.plainAdmin,
        [{ op: 'replace', path: '/notes', value: 'still writable' }, { op: 'test', path: '/country', value: 'FI' }],
        'application/json-patch+json',
      );
      expect(response.statusCode).toBe(200);
      expect((await getCustomer(app, context.gdprAdmin, context.id)).json()).toMatchObject({ ...PERSONAL, notes: 'still writable' });
    });

    it.each([1, 2])('level %s: sending the masked nulls back is a no-op (200, same ETag, no history) through merge, application/json, PUT and PATCH /customers', async (level) => {
      const context = await setup(level);
      const before = await customerSnapshot(app, context.gdprAdmin, context.id);
      const url = `${CUSTOMERS}/${context.id}`;
      const responses = [
        await patch(app, url, context.plainAdmin, NULLS),
        await patch(app, url, context.plainAdmin, { email: null, smsNumbers: null }, 'application/json'),
        await putCustomer(app, context.plainAdmin, context.id, { Firstname: null, Lastname: null, phone: null, email: null }),
        await patch(app, CUSTOMERS, context.plainAdmin, { CustomerId: context.customer.customerNumber, Email: null, DOB: null, TelNumber1: null }),
      ];
      for (const response of responses) {
        expect(response.statusCode).toBe(200);
        expect(response.headers.etag).toBe(before.etag);
        expect(response.json()).toMatchObject({ ...NULLS, maskedFields: MASKED });
      }
      await expectCustomerUnchanged(app, context.gdprAdmin, before);
    });
  });

  describe('restrictedTypeId', () => {
    it.each([
      ['an admin without gdpr', (c: any) => c.plainAdmin],
      ['the customer itself', (c: any) => c.self],
    ])('%s may not change it (403), and nothing is stored', async (_caller, token) => {
      const context = await setup(0);
      const before = await customerSnapshot(app, context.gdprAdmin, context.id);
      const response = await patch(app, `${CUSTOMERS}/${context.id}`, token(context), { restrictedTypeId: 1 });
      expect(response.statusCode).toBe(403);
      expect(response.json().errors).toEqual([{ pointer: '/restrictedTypeId', detail: expect.any(String) }]);
      await expectCustomerUnchanged(app, context.gdprAdmin, before);
    });

    it('an admin without gdpr may not create a restricted customer either', async () => {
      const response = await app.inject({
        method: 'POST',
        url: CUSTOMERS,
        headers: bearer(actorToken('admin', newCompany(), WITHOUT_GDPR)),
        payload: { firstName: 'X', restrictedTypeId: 2 },
      });
      expect(response.statusCode).toBe(403);
    });

    it('an admin with gdpr may raise and lower it; the plain admin’s view follows', async () => {
      const context = await setup(0);
      expect((await patch(app, `${CUSTOMERS}/${context.id}`, context.gdprAdmin, { restrictedTypeId: 1 })).statusCode).toBe(200);
      expect((await getCustomer(app, context.plainAdmin, context.id)).json()).toMatchObject({ ...NULLS, maskedFields: MASKED });
      expect((await patch(app, `${CUSTOMERS}/${context.id}`, context.gdprAdmin, { restrictedTypeId: 0 })).statusCode).toBe(200);
      expect((await getCustomer(app, context.plainAdmin, context.id)).json()).toMatchObject({ ...PERSONAL, maskedFields: [] });
    });

    it('a masked caller’s null for a protected field is not a write: hidden values stay', async () => {
      const context = await setup(1);
      const masked = (await getCustomer(app, context.plainAdmin, context.id)).json();
      // GET-modify-PATCH round trip of the masked view: the nulls it shows do not clear anything.
      const response = await patch(app, `${CUSTOMERS}/${context.id}`, context.plainAdmin, { ...masked, notes: 'changed' });
      expect(response.statusCode).toBe(200);
      expect((await getCustomer(app, context.gdprAdmin, context.id)).json()).toMatchObject({ ...PERSONAL, notes: 'changed' });
    });
  });

  describe('history', () => {
    it('shows "***" for protected values, in the creation and in updates, and real values otherwise', async () => {
      const context = await setup(0);
      await patch(app, `${CUSTOMERS}/${context.id}`, context.gdprAdmin, { firstName: 'Bea', smsNumbers: ['+3581', '+3582'], notes: 'visible' });
      const [update, creation] = await customerHistory(app, context.gdprAdmin, context.id);

      expect(update.ops).toEqual(
        expect.arrayContaining([
          { op: 'replace', path: '/firstName', value: '***' },
          { op: 'replace', path: '/notes', value: 'visible' },
        ]),
      );
      for (const op of update.ops.filter((o: any) => o.path.startsWith('/smsNumbers'))) expect(op.value).toBe('***');

      const created = Object.fromEntries(creation.ops.map((op: any) => [op.path, op.value]));
      for (const field of PROTECTED) expect(created[`/${field}`]).toBe('***');
      expect(created['/notes']).toBe(PLAIN.notes);
      const text = JSON.stringify(await customerHistory(app, context.gdprAdmin, context.id));
      for (const value of [PERSONAL.email, PERSONAL.phone, PERSONAL.identityNumber, 'Bea', '+3582']) expect(text).not.toContain(value);
    });
  });

  describe('level 2: unmasked reads are audited', () => {
    it('GET by a gdpr admin and by the customer itself each write a read entry; a masked GET does not', async () => {
      const context = await setup(2);
      expect(await readEntries(context.gdprAdmin, context.id)).toHaveLength(0);

      await getCustomer(app, context.plainAdmin, context.id);
      // Reading the history is not a read of the record.
      expect(await readEntries(context.plainAdmin, context.id)).toHaveLength(0);

      await getCustomer(app, context.self, context.id, '');
      const afterSelf = await readEntries(context.plainAdmin, context.id);
      expect(afterSelf).toHaveLength(1);
      expect(afterSelf[0]).toMatchObject({ kind: 'read', actor: { role: 'user' }, ops: [] });

      const gdprGet = await app.inject({
        method: 'GET',
        url: `${CUSTOMERS}/${context.id}`,
        headers: { ...bearer(context.gdprAdmin), 'x-request-id': 'gdpr-read-1' },
      });
      expect(gdprGet.statusCode).toBe(200);
      const reads = await readEntries(context.plainAdmin, context.id);
      expect(reads).toHaveLength(2);
      expect(reads[0]).toMatchObject({ kind: 'read', actor: { role: 'admin' }, requestId: 'gdpr-read-1' });
    });

    it('an unmasked list and an unmasked write response are reads too; masked ones are not', async () => {
      const context = await setup(2);
      await app.inject({ method: 'GET', url: CUSTOMERS, headers: bearer(context.plainAdmin) });
      await patch(app, `${CUSTOMERS}/${context.id}`, context.plainAdmin, { notes: 'masked write' });
      expect(await readEntries(context.plainAdmin, context.id)).toHaveLength(0);

      await app.inject({ method: 'GET', url: CUSTOMERS, headers: bearer(context.gdprAdmin) });
      expect(await readEntries(context.plainAdmin, context.id)).toHaveLength(1);
      await patch(app, `${CUSTOMERS}/${context.id}`, context.self, { notes: 'self write' });
      expect(await readEntries(context.plainAdmin, context.id)).toHaveLength(2);
    });

    it('a dry run shows the unmasked record too, so it is a read as well', async () => {
      const context = await setup(2);
      const dry = await patch(app, `${CUSTOMERS}/${context.id}?dryRun=true`, context.gdprAdmin, { notes: 'dry' });
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({ ...PERSONAL, notes: 'dry' });
      const dryPut = await putCustomer(app, context.gdprAdmin, context.id, { Lastname: 'Dry' }, '?dryRun=true');
      expect(dryPut.json()).toMatchObject({ firstName: PERSONAL.firstName, lastName: 'Dry' });
      // Two reads of secret personal data, no change stored.
      expect(await readEntries(context.plainAdmin, context.id)).toHaveLength(2);
      expect((await customerHistory(app, context.plainAdmin, context.id)).filter((e) => e.kind === 'change')).toHaveLength(1);
    });

    it('levels 0 and 1 never write read entries', async () => {
      for (const level of [0, 1]) {
        const context = await setup(level);
        await getCustomer(app, context.gdprAdmin, context.id);
        await getCustomer(app, context.self, context.id);
        expect(await readEntries(context.gdprAdmin, context.id)).toHaveLength(0);
      }
    });
  });

  it('the customer itself sees its own restricted data without the gdpr scope', async () => {
    const company = newCompany();
    const sub = `user-${randomUUID()}`;
    const { id } = await newCustomer(app, actorToken('admin', company), { ...PERSONAL, userId: sub, restrictedTypeId: 2 });
    const response = await getCustomer(app, actorToken('user', company, 'customers:read', sub), id);
    expect(response.json()).toMatchObject({ ...PERSONAL, maskedFields: [] });
    // A user token carrying gdpr sees the same: self needs no scope, and gains nothing else from it.
    expect((await getCustomer(app, actorToken('user', company, ALL_SCOPES, sub), id)).json()).toMatchObject(PERSONAL);
  });
});
