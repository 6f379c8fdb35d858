/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  CUSTOMERS,
  customerSnapshot,
  expectCustomerUnchanged,
  getCustomer,
  newCustomer,
  patch,
  putCustomer,
  RecordSnapshot,
} from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, ALL_SCOPES, bearer, newCompany, tokenFor } from './helpers/tokens';

/** Who may read and change which customer (API.md §1.1 scopes, §1.2 tenancy and roles, §4). */

type Route = 'get' | 'patch' | 'put' | 'patchByIdentifier' | 'history';
const WRITES: Route[] = ['patch', 'put', 'patchByIdentifier'];

describe('Customers access: role × route × tenant (API.md §1.2)', () => {
  let app: NestFastifyApplication;
  const company = newCompany();
  const foreign = newCompany();
  const selfSub = `user-${randomUUID()}`;
  const otherSub = `user-${randomUUID()}`;
  const adminToken = actorToken('admin', company);
  let self: Record<string, any>;
  let other: Record<string, any>;
  let unlinked: Record<string, any>;

  beforeAll(async () => {
    app = await startTestApp();
    self = await newCustomer(app, adminToken, { userId: selfSub, email: 'self@example.com' });
    other = await newCustomer(app, adminToken, { userId: otherSub, email: 'other@example.com' });
    unlinked = await newCustomer(app, adminToken, { email: 'nobody@example.com' });
  });
  afterAll(() => app.close());

  const selfToken = (scope = ALL_SCOPES) => actorToken('user', company, scope, selfSub);
  const partnerToken = (scope: string) => tokenFor({ sub: `client:${randomUUID()}`, companyId: company, role: 'admin', scope });

  let counter = 0;
  /** One call of `route` on `customer`; each write carries a fresh value so it is a real change. */
  function call(route: Route, token: string, customer: Record<string, any>, query = '') {
    const value = `change ${++counter}`;
    switch (route) {
      case 'get':
        return getCustomer(app, token, customer.id, query);
      case 'patch':
        return patch(app, `${CUSTOMERS}/${customer.id}${query}`, token, { notes: value });
      case 'put':
        return putCustomer(app, token, customer.id, { Lastname: value }, query);
      case 'patchByIdentifier':
        return patch(app, `${CUSTOMERS}${query}`, token, { CustomerId: customer.customerNumber, Notes: value });
      case 'history':
        return app.inject({ method: 'GET', url: `${CUSTOMERS}/${customer.id}/history${query}`, headers: bearer(token) });
    }
  }

  type Row = [string, () => string, () => Record<string, any>, string, Record<Route, number>];
  const all = (status: number, history = status): Record<Route, number> => ({
    get: status,
    patch: status,
    put: status,
    patchByIdentifier: status,
    history,
  });

  const MATRIX: Row[] = [
    ['user on its own customer (self)', () => selfToken(), () => self, '', all(200, 403)],
    ['user on another customer of its company', () => selfToken(), () => other, '', all(404, 403)],
    ['user on a customer without account', () => selfToken(), () => unlinked, '', all(404, 403)],
    ['user naming its own company', () => selfToken(), () => self, `?companyId=${company}`, all(200, 403)],
    ['admin', () => adminToken, () => self, '', all(200)],
    ['admin with a blank ?companyId=', () => adminToken, () => self, '?companyId=', all(200)],
    ['admin naming its own company', () => adminToken, () => self, `?companyId=${company}`, all(200)],
    ['admin of another company', () => actorToken('admin', foreign), () => self, '', all(404)],
    ['admin of another company naming the record’s company', () => actorToken('admin', foreign), () => self, `?companyId=${company}`, all(404)],
    [
      'superadmin without ?companyId= (customerId alone names no record across companies: 400)',
      () => actorToken('superadmin', foreign),
      () => self,
      '',
      { ...all(200), patchByIdentifier: 400 },
    ],
    ['superadmin naming the record’s company', () => actorToken('superadmin', foreign), () => self, `?companyId=${company}`, all(200)],
    ['superadmin naming another company', () => actorToken('superadmin', company), () => self, `?companyId=${foreign}`, all(404)],
    ['partner client (admin role, customers scopes)', () => partnerToken('customers:read customers:write'), () => self, '', all(200)],
    [
      'partner client with customers:read only',
      () => partnerToken('customers:read'),
      () => self,
      '',
      { get: 200, patch: 403, put: 403, patchByIdentifier: 403, history: 200 },
    ],
    ['admin without customers scopes', () => actorToken('admin', company, 'objects:read objects:write gdpr'), () => self, '', all(403)],
    [
      'user without customers:write',
      () => selfToken('customers:read'),
      () => self,
      '',
      { get: 200, patch: 403, put: 403, patchByIdentifier: 403, history: 403 },
    ],
  ];

  const CASES = MATRIX.flatMap(([caller, token, target, query, expected]) =>
    (Object.keys(expected) as Route[]).map((route) => [caller, route, expected[route], token, target, query] as const),
  );

  it.each(CASES)('%s: %s → %s', async (_caller, route, status, token, target, query) => {
    const customer = target();
    const before: RecordSnapshot | undefined = WRITES.includes(route) ? await customerSnapshot(app, adminToken, customer.id) : undefined;
    const response = await call(route, token(), customer, query);
    expect(response.statusCode).toBe(status);
    if (status === 404) expect(response.json()).toMatchObject({ status: 404, detail: 'Not found.' });
    if (status !== 200) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (!before) return;
    if (status === 200) expect(response.json().id).toBe(customer.id);
    else await expectCustomerUnchanged(app, adminToken, before);
  });

  it('a foreign id answers 404 even with a malformed body or a stale If-Match, like an unknown id', async () => {
    const foreignAdmin = actorToken('admin', foreign);
    const before = await customerSnapshot(app, adminToken, self.id);
    for (const id of [self.id, randomUUID()]) {
      const malformedPatch = await patch(app, `${CUSTOMERS}/${id}`, foreignAdmin, '{"notes": ', 'application/merge-patch+json');
      const malformedPut = await putCustomer(app, foreignAdmin, id, '{"Firstname": ');
      const stale = await patch(app, `${CUSTOMERS}/${id}`, foreignAdmin, { notes: 'x' }, undefined, { 'if-match': '"999"' });
      const stalePut = await putCustomer(app, foreignAdmin, id, { Lastname: 'x' }, '', { 'if-match': '"999"' });
      const otherUser = await putCustomer(app, selfToken(), other.id, '{"Firstname": ');
      for (const response of [malformedPatch, malformedPut, stale, stalePut, otherUser]) expect(response.statusCode).toBe(404);
    }
    await expectCustomerUnchanged(app, adminToken, before);
  });

  it('lists are scoped: a user sees only itself, an admin its company, a foreign admin none of them', async () => {
    const ids = async (token: string, query = '') =>
      (await app.inject({ method: 'GET', url: `${CUSTOMERS}${query}`, headers: bearer(token) })).json().items.map((c: any) => c.id);
    expect(await ids(selfToken())).toEqual([self.id]);
    expect((await ids(adminToken)).sort()).toEqual([self.id, other.id, unlinked.id].sort());
    expect(await ids(actorToken('admin', foreign))).toEqual([]);
    expect((await ids(actorToken('superadmin', foreign), `?companyId=${company}`)).sort()).toEqual([self.id, other.id, unlinked.id].sort());
    const notMine = await app.inject({ method: 'GET', url: `${CUSTOMERS}?companyId=${company}`, headers: bearer(actorToken('admin', foreign)) });
    expect(notMine.statusCode).toBe(404);
  });

  it('only admins create customers: a user gets 403 and nothing is created', async () => {
    const response = await app.inject({ method: 'POST', url: CUSTOMERS, headers: bearer(selfToken()), payload: { firstName: 'Me' } });
    expect(response.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: CUSTOMERS, headers: bearer(adminToken) })).json().items).toHaveLength(3);
  });

  it('a superadmin without ?companyId= may name the record by its id on PATCH /customers', async () => {
    const response = await patch(app, CUSTOMERS, actorToken('superadmin', foreign), { id: self.id, notes: 'by id' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: self.id, notes: 'by id' });
  });

  describe('what the customer itself may change (self)', () => {
    let customer: Record<string, any>;
    let sub: string;
    const token = () => actorToken('user', company, ALL_SCOPES, sub);

    beforeEach(async () => {
      sub = `user-${randomUUID()}`;
      customer = await newCustomer(app, adminToken, { userId: sub, email: 'me@example.com' });
    });

    it.each([
      ['userId', { userId: 'someone-else' }],
      ['companyId', { companyId: foreign }],
      ['restrictedTypeId', { restrictedTypeId: 1 }],
      ['isActive', { isActive: false }],
    ])('may not change %s (403 naming it), nothing stored', async (field, body) => {
      const before = await customerSnapshot(app, adminToken, customer.id);
      const response = await patch(app, `${CUSTOMERS}/${customer.id}`, token(), body);
      expect(response.statusCode).toBe(403);
      expect(response.json().errors).toEqual([{ pointer: `/${field}`, detail: expect.any(String) }]);
      await expectCustomerUnchanged(app, adminToken, before);
    });

    it.each([
      [[{ op: 'replace', path: '/companyId', value: foreign }]],
      [[{ op: 'remove', path: '/companyId' }]],
      [[{ op: 'copy', from: '/userId', path: '/companyId' }]],
    ])('may not change companyId with a JSON Patch %j either (403)', async (ops) => {
      const before = await customerSnapshot(app, adminToken, customer.id);
      const response = await patch(app, `${CUSTOMERS}/${customer.id}`, token(), ops, 'application/json-patch+json');
      expect(response.statusCode).toBe(403);
      expect(response.json().errors).toEqual([{ pointer: '/companyId', detail: expect.any(String) }]);
      await expectCustomerUnchanged(app, adminToken, before);
    });

    it('an admin changing companyId gets 400 (read-only), as for every server-managed field', async () => {
      const response = await patch(app, `${CUSTOMERS}/${customer.id}`, adminToken, { companyId: foreign });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ pointer: '/companyId', detail: expect.any(String) }]);
    });

    it('may not change isActive through PATCH /customers (seed 004) either', async () => {
      const before = await customerSnapshot(app, adminToken, customer.id);
      const response = await patch(app, CUSTOMERS, token(), { CustomerId: customer.customerNumber, IsActive: false });
      expect(response.statusCode).toBe(403);
      await expectCustomerUnchanged(app, adminToken, before);
    });

    it('may repeat the current values of those fields (a GET-modify-PATCH round trip)', async () => {
      const mine = (await getCustomer(app, token(), customer.id)).json();
      const response = await patch(app, `${CUSTOMERS}/${customer.id}`, token(), { ...mine, notes: 'round trip' });
      expect(response.statusCode).toBe(200);
      expect(response.json().notes).toBe('round trip');
    });

    it('may change its own email, through PATCH, PUT and PATCH /customers', async () => {
      const patched = await patch(app, `${CUSTOMERS}/${customer.id}`, token(), { email: 'me2@example.com' });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().email).toBe('me2@example.com');
      const put = await putCustomer(app, token(), customer.id, { Email: 'me3@example.com' });
      expect(put.statusCode).toBe(200);
      expect(put.json().email).toBe('me3@example.com');
      const byNumber = await patch(app, CUSTOMERS, token(), { CustomerId: customer.customerNumber, Email: 'me4@example.com' });
      expect(byNumber.statusCode).toBe(200);
      expect(byNumber.json().email).toBe('me4@example.com');
    });

    it('editableByCustomer: false blocks every self-update (403) and stores nothing; an admin still may', async () => {
      await patch(app, `${CUSTOMERS}/${customer.id}`, adminToken, { editableByCustomer: false });
      const before = await customerSnapshot(app, adminToken, customer.id);
      const responses = [
        await patch(app, `${CUSTOMERS}/${customer.id}`, token(), { notes: 'mine' }),
        await patch(app, `${CUSTOMERS}/${customer.id}`, token(), [{ op: 'replace', path: '/notes', value: 'mine' }], 'application/json-patch+json'),
        await putCustomer(app, token(), customer.id, { Firstname: 'Me' }),
        await patch(app, CUSTOMERS, token(), { CustomerId: customer.customerNumber, Notes: 'mine' }),
        await patch(app, `${CUSTOMERS}/${customer.id}`, token(), { editableByCustomer: true }),
      ];
      for (const response of responses) expect(response.statusCode).toBe(403);
      await expectCustomerUnchanged(app, adminToken, before);
      expect((await patch(app, `${CUSTOMERS}/${customer.id}`, adminToken, { notes: 'admin' })).statusCode).toBe(200);
    });
  });

  describe('the account rule of seed 003: email of a customer with an account', () => {
    it.each([
      ['admin', () => adminToken],
      ['superadmin', () => actorToken('superadmin', company)],
      ['partner client', () => partnerToken('customers:read customers:write')],
    ])('%s may not change it (403 naming email) through any door, and nothing is stored', async (_caller, token) => {
      const customer = await newCustomer(app, adminToken, { userId: `user-${randomUUID()}`, email: 'linked@example.com' });
      const before = await customerSnapshot(app, adminToken, customer.id);
      const responses = [
        await patch(app, `${CUSTOMERS}/${customer.id}`, token(), { email: 'admin@example.com' }),
        await patch(app, `${CUSTOMERS}/${customer.id}`, token(), [{ op: 'remove', path: '/email' }], 'application/json-patch+json'),
        await putCustomer(app, token(), customer.id, { Email: 'admin@example.com' }),
        await patch(app, `${CUSTOMERS}?companyId=${company}`, token(), { CustomerId: customer.customerNumber, Email: 'admin@example.com' }),
      ];
      for (const response of responses) {
        expect(response.statusCode).toBe(403);
        expect(response.json().errors).toEqual([{ pointer: '/email', detail: expect.any(String) }]);
      }
      await expectCustomerUnchanged(app, adminToken, before);
    });

    it('repeating the current email is no change: a full seed 003 body from an admin is fine', async () => {
      const customer = await newCustomer(app, adminToken, { userId: `user-${randomUUID()}`, email: 'linked@example.com' });
      const response = await putCustomer(app, adminToken, customer.id, {
        Firstname: 'Anna',
        Lastname: 'Virtanen',
        Email: 'linked@example.com',
        Phone: '+358401234567',
        SubscribedToNewsletter: true,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ email: 'linked@example.com', phone: '+358401234567', subscribedToNewsletter: true });
    });

    it('an admin may set the email of a customer without an account, and link an account', async () => {
      const customer = await newCustomer(app, adminToken, { email: 'old@example.com' });
      const put = await putCustomer(app, adminToken, customer.id, { Email: 'new@example.com' });
      expect(put.statusCode).toBe(200);
      expect(put.json().email).toBe('new@example.com');
      const linked = await patch(app, `${CUSTOMERS}/${customer.id}`, adminToken, { userId: `user-${randomUUID()}` });
      expect(linked.statusCode).toBe(200);
      // Once linked, the email is the customer's own.
      expect((await patch(app, `${CUSTOMERS}/${customer.id}`, adminToken, { email: 'x@example.com' })).statusCode).toBe(403);
    });
  });
});
