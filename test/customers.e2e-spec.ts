/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import {
  CUSTOMERS,
  customerHistory,
  customerSnapshot,
  expectCustomerUnchanged,
  getCustomer,
  newCustomer,
  patch,
} from './helpers/factories';
import { expectErrorsAt, ISO_UTC, UUID } from './helpers/expectations';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newAdmin, newCompany } from './helpers/tokens';

/** Customers (seeds 001, 003, 004): CRUD, field rules at their boundaries, aliases (API.md §1, §1.7, §4). */

/** The UTC calendar date `days` from now. */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const keys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`key-${i}`, `value ${i}`]));

/** Every client-writable field of seed 001 (and the rest of §4), with realistic values. */
const SEED_001_WRITABLE = {
  addressId: 12,
  languageId: 2,
  restrictedTypeId: 0,
  statusId: 1,
  typeId: 3,
  apartmentId: 45,
  cooperativeDate: '2019-05-01',
  cooperativeMember: true,
  cooperativeReimbursementDate: '2024-05-01',
  cooperativeSum: 1250.5,
  country: 'FI',
  email: 'anna.virtanen@example.com',
  name: 'Anna Virtanen',
  nameExtension: 'c/o Virtanen',
  phone: '+358401234567',
  identityNumber: '010190-123A',
  invoicingCountry: 'SE',
  invoiceName: 'Anna Virtanen Oy',
  editableByCustomer: true,
  smsDisabled: false,
  notes: 'Prefers mornings',
  phone2: '+35891234567',
  smsNumbers: ['+358401234567', '+358409876543'],
  waterDatabaseId: 7,
  firstName: 'Anna',
  lastName: 'Virtanen',
  personalId: 'EXT-1001',
  personalIdTypeId: 1,
  personalIdTypeExtRef: 'passport',
  extRef: 'crm-77',
  dateOfBirth: '1990-01-01',
  sex: 2,
  notificationConsent: true,
  subscribedToNewsletter: true,
  isActive: true,
  imageUrl: 'https://example.com/anna.png',
  invoiceAddress: {
    corporateIdentityNumber: '1234567-8',
    invoiceAddress1: 'Mannerheimintie 1',
    invoiceAddress2: 'B 12',
    invoiceCity: 'Helsinki',
    invoicePostalCode: '00100',
    invoiceCountryCode: 'FI',
  },
  customProperties: { 'Loyalty Level': 'gold', loyalty: 'case-sensitive key' },
};

describe('Customers /customers (API.md §4)', () => {
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await startTestApp();
    dataSource = app.get(DataSource);
  });
  afterAll(() => app.close());

  const post = (token: string, payload: unknown, query = '') =>
    app.inject({ method: 'POST', url: `${CUSTOMERS}${query}`, headers: bearer(token), payload: payload as Record<string, unknown> });
  const list = (token: string, query = '') => app.inject({ method: 'GET', url: `${CUSTOMERS}${query}`, headers: bearer(token) });
  describe('create and read', () => {
    it('answers 201 with Location, ETag and Last-Modified; the Location serves the same record with server defaults', async () => {
      const { company, token } = newAdmin();
      const created = await post(token, { firstName: 'Anna' });
      expect(created.statusCode).toBe(201);
      const body = created.json();
      expect(body).toMatchObject({
        id: expect.stringMatching(UUID),
        customerNumber: 1,
        companyId: company,
        userId: null,
        firstName: 'Anna',
        lastName: null,
        sex: 0,
        restrictedTypeId: 0,
        isActive: true,
        editableByCustomer: true,
        smsDisabled: false,
        cooperativeMember: false,
        customFieldValues: [],
        accessKeys: [],
        maskedFields: [],
        createdAt: expect.stringMatching(ISO_UTC),
        updatedAt: body.createdAt,
      });
      expect(created.headers.location).toBe(`http://localhost:80/customers/${body.id}`); // inject's Host is a trusted one
      expect(created.headers.etag).toMatch(/^"[^"]+"$/);
      expect(Number.isNaN(Date.parse(String(created.headers['last-modified'])))).toBe(false);

      const fetched = await app.inject({ method: 'GET', url: String(created.headers.location), headers: bearer(token) });
      expect(fetched.statusCode).toBe(200);
      expect(fetched.json()).toEqual(body);
      expect(fetched.headers.etag).toBe(created.headers.etag);
    });

    it('stores every writable field of seed 001 and returns it; the creation is one audit row', async () => {
      const { token } = newAdmin();
      const body = await newCustomer(app, token, SEED_001_WRITABLE);
      expect(body).toMatchObject(SEED_001_WRITABLE);
      expect((await getCustomer(app, token, body.id)).json()).toEqual(body);
      const history = await customerHistory(app, token, body.id);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ kind: 'change', actor: { role: 'admin' } });
    });

    it('accepts the whole GET body back as a merge patch with one change, and changes only that', async () => {
      const { token } = newAdmin();
      const created = await newCustomer(app, token, SEED_001_WRITABLE);
      const before = await getCustomer(app, token, created.id);
      const body: Record<string, any> = before.json();
      const response = await patch(app, `${CUSTOMERS}/${created.id}`, token, { ...body, notes: 'Prefers evenings' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ...body, notes: 'Prefers evenings', updatedAt: response.json().updatedAt });
      expect(response.headers.etag).not.toBe(before.headers.etag);
    });

    it('the round trip works under a Time-Zone header too: the same instants are the current values', async () => {
      const { token } = newAdmin();
      const created = await newCustomer(app, token);
      const zone = { 'time-zone': 'Europe/Helsinki' };
      const shown = await app.inject({ method: 'GET', url: `${CUSTOMERS}/${created.id}`, headers: { ...bearer(token), ...zone } });
      const body: Record<string, any> = shown.json();
      expect(body.createdAt).toMatch(/\+0[23]:00$/);
      const response = await patch(app, `${CUSTOMERS}/${created.id}`, token, { ...body, notes: 'zoned' }, undefined, zone);
      expect(response.statusCode).toBe(200);
      expect(response.json().notes).toBe('zoned');
    });

    it('a PATCH that changes nothing stores no new version and no audit row', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token, { notes: 'same' });
      const before = await customerSnapshot(app, token, id);
      const response = await patch(app, `${CUSTOMERS}/${id}`, token, { notes: 'same', firstName: 'Anna' });
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toBe(before.etag);
      await expectCustomerUnchanged(app, token, before);
    });

    it.each([
      ['customerNumber', { customerNumber: 7 }],
      ['customerNumber', { customerId: 7 }],
      ['id', { id: randomUUID() }],
      ['companyId', { companyId: randomUUID() }],
      ['createdAt', { Created: '2020-01-01T00:00:00.000Z' }],
      ['maskedFields', { maskedFields: ['email'] }],
      ['accessKeys', { accessKeys: [{ id: randomUUID(), accessKeyTypeId: 1, value: 'K', description: null }] }],
    ])('refuses a client-chosen %s on create with 400 naming it, and creates nothing', async (field, fields) => {
      const { token } = newAdmin();
      const response = await post(token, { firstName: 'X', ...fields });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ pointer: `/${field}`, detail: expect.any(String) }]);
      expect((await list(token)).json().items).toEqual([]);
      // The refused create gave its number back.
      expect((await newCustomer(app, token)).customerNumber).toBe(1);
    });

    it('refuses an unknown field on create with 400 naming it', async () => {
      const response = await post(actorToken('admin', newCompany()), { firstName: 'X', favouriteColour: 'blue' });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ pointer: '/favouriteColour', detail: expect.any(String) }]);
    });

    it('refuses a body that is not an object with 400', async () => {
      const response = await app.inject({
        method: 'POST',
        url: CUSTOMERS,
        headers: { ...bearer(actorToken('admin', newCompany())), 'content-type': 'application/json' },
        payload: '["firstName"]',
      });
      expect(response.statusCode).toBe(400);
    });

    it('a superadmin must name the company on create (400), and creates in the named one', async () => {
      const company = newCompany();
      const superadmin = actorToken('superadmin', newCompany());
      const without = await post(superadmin, { firstName: 'X' });
      expect(without.statusCode).toBe(400);
      expect(without.json().errors).toEqual([{ pointer: '/companyId', detail: expect.any(String) }]);
      const created = await post(superadmin, { firstName: 'X' }, `?companyId=${company}`);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ companyId: company, customerNumber: 1 });
    });

    it('?dryRun=true on create validates and answers the would-be record, storing nothing', async () => {
      const { token } = newAdmin();
      const response = await post(token, { firstName: 'Dry' }, '?dryRun=true');
      expect(response.statusCode).toBe(201);
      expect(response.json().firstName).toBe('Dry');
      expect((await list(token)).json().items).toEqual([]);
    });

    it('answers 404 "Not found." for an unknown id and for an id that is not a uuid', async () => {
      const { token } = newAdmin();
      for (const id of [randomUUID(), 'not-a-uuid', '42']) {
        const response = await getCustomer(app, token, id);
        expect(response.statusCode).toBe(404);
        expect(response.json()).toMatchObject({ status: 404, detail: 'Not found.' });
      }
    });

    it('lists the company’s customers newest first, paginated with an opaque cursor, never another company’s', async () => {
      const { token } = newAdmin();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await newCustomer(app, token, { notes: `n${i}` })).id);
      await newCustomer(app, actorToken('admin', newCompany()));

      const first = await list(token, '?limit=2');
      expect(first.statusCode).toBe(200);
      expect(first.json().items.map((c: any) => c.id)).toEqual([ids[2], ids[1]]);
      const second = await list(token, `?limit=2&cursor=${encodeURIComponent(first.json().nextCursor)}`);
      expect(second.json().items.map((c: any) => c.id)).toEqual([ids[0]]);
      expect(second.json().nextCursor).toBeNull();
    });

    it('GET applies $select and keeps the full shape', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token, SEED_001_WRITABLE);
      const response = await getCustomer(app, token, id, '?$select=firstName,invoiceAddress/invoiceCity');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.firstName).toBe('Anna');
      expect(body.lastName).toBeNull();
      expect(body.invoiceAddress).toEqual(expect.objectContaining({ invoiceCity: 'Helsinki', invoiceAddress1: null }));
      expect((await getCustomer(app, token, id, '?$select=nope')).statusCode).toBe(400);
    });
  });

  describe('aliases and case-insensitive names (API.md §1, §4)', () => {
    it('binds the seeds’ names on create: Firstname, Lastname, telNumber1, TelNumber2, note, DOB, SEX', async () => {
      const { token } = newAdmin();
      const response = await post(token, {
        Firstname: 'Anna',
        Lastname: 'Virtanen',
        telNumber1: '+358401111111',
        TelNumber2: '+358402222222',
        note: 'From seed 001',
        DOB: '1985-06-15',
        SEX: 2,
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({
        firstName: 'Anna',
        lastName: 'Virtanen',
        phone: '+358401111111',
        phone2: '+358402222222',
        notes: 'From seed 001',
        dateOfBirth: '1985-06-15',
        sex: 2,
      });
    });

    it('binds them on PATCH too, as merge patch and as JSON Patch paths', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const merged = await patch(app, `${CUSTOMERS}/${id}`, token, { telNumber1: '+3581', TelNumber2: '+3582', NOTE: 'a', FIRSTNAME: 'Bea' });
      expect(merged.statusCode).toBe(200);
      expect(merged.json()).toMatchObject({ phone: '+3581', phone2: '+3582', notes: 'a', firstName: 'Bea' });

      const ops = [
        { op: 'replace', path: '/TelNumber1', value: '+3583' },
        { op: 'replace', path: 'Note', value: 'b' },
        { op: 'replace', path: '/dob', value: '1970-01-02' },
        { op: 'add', path: '/InvoiceAddress', value: { InvoiceCity: 'Turku' } },
      ];
      const jsonPatch = await patch(app, `${CUSTOMERS}/${id}`, token, ops, 'application/json-patch+json');
      expect(jsonPatch.statusCode).toBe(200);
      expect(jsonPatch.json()).toMatchObject({ phone: '+3583', notes: 'b', dateOfBirth: '1970-01-02' });
      expect(jsonPatch.json().invoiceAddress).toMatchObject({ invoiceCity: 'Turku', invoiceAddress1: null });
    });

    it('Created / Updated name the read-only stamps: the current value is a no-op, another is 400', async () => {
      const { token } = newAdmin();
      const created = await newCustomer(app, token);
      const before = await customerSnapshot(app, token, created.id);
      const same = await patch(app, `${CUSTOMERS}/${created.id}`, token, { Created: created.createdAt, Updated: created.updatedAt });
      expect(same.statusCode).toBe(200);
      await expectCustomerUnchanged(app, token, before);

      const other = await patch(app, `${CUSTOMERS}/${created.id}`, token, { Created: '2020-01-01T00:00:00.000Z' });
      expect(other.statusCode).toBe(400);
      expect(other.json().errors).toEqual([{ pointer: '/createdAt', detail: expect.any(String) }]);
      await expectCustomerUnchanged(app, token, before);
    });

    it('keys inside customProperties are data: kept exactly, never case-folded', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token, { customProperties: { Level: 'gold' } });
      const response = await patch(app, `${CUSTOMERS}/${id}`, token, { CustomProperties: { level: 'silver' } });
      expect(response.statusCode).toBe(200);
      expect(response.json().customProperties).toEqual({ Level: 'gold', level: 'silver' });
    });
  });

  describe('customerNumber is read-only (API.md §1, §4)', () => {
    it.each([
      ['customerNumber', { customerNumber: 99 }],
      ['customerId (its seed 004 alias)', { CustomerId: 99 }],
    ])('a PATCH changing %s is 400 naming /customerNumber and stores nothing', async (_name, body) => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const before = await customerSnapshot(app, token, id);
      const response = await patch(app, `${CUSTOMERS}/${id}`, token, { ...body, notes: 'x' });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ pointer: '/customerNumber', detail: expect.any(String) }]);
      await expectCustomerUnchanged(app, token, before);
    });

    it('repeating the current number is a no-op', async () => {
      const { token } = newAdmin();
      const { id, customerNumber } = await newCustomer(app, token);
      const response = await patch(app, `${CUSTOMERS}/${id}`, token, { customerNumber, notes: 'x' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ customerNumber, notes: 'x' });
    });

    it('20 parallel creates in one company get the distinct consecutive numbers 1..20; another company starts at 1', async () => {
      const { token } = newAdmin();
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => post(token, { firstName: `C${i}` })));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
      const numbers = responses.map((r) => r.json().customerNumber as number).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await newCustomer(app, actorToken('admin', newCompany()))).customerNumber).toBe(1);
    });
  });

  describe('field rules at their boundaries (422 with a pointer, nothing stored)', () => {
    const CASES: Array<[string, Record<string, unknown>, Record<string, unknown>, string]> = [
      ['firstName 50 / 51', { firstName: 'a'.repeat(50) }, { firstName: 'a'.repeat(51) }, '/firstName'],
      ['lastName 50 / 51', { lastName: 'a'.repeat(50) }, { lastName: 'a'.repeat(51) }, '/lastName'],
      ['name 100 / 101', { name: 'a'.repeat(100) }, { name: 'a'.repeat(101) }, '/name'],
      ['email valid / invalid', { email: 'anna@example.com' }, { email: 'anna.example.com' }, '/email'],
      ['email 100 / 101', { email: `${'a'.repeat(60)}@${'b'.repeat(35)}.com` }, { email: `${'a'.repeat(60)}@${'b'.repeat(36)}.com` }, '/email'],
      ['phone 25 / 26', { phone: '1'.repeat(25) }, { phone: '1'.repeat(26) }, '/phone'],
      ['phone2 25 / 26', { phone2: '1'.repeat(25) }, { phone2: '1'.repeat(26) }, '/phone2'],
      ['smsNumbers 2 items / 3', { smsNumbers: ['1', '2'] }, { smsNumbers: ['1', '2', '3'] }, '/smsNumbers'],
      ['smsNumbers item 25 / 26', { smsNumbers: ['1'.repeat(25)] }, { smsNumbers: ['1'.repeat(26)] }, '/smsNumbers'],
      ['sex 2 / 3', { sex: 2 }, { sex: 3 }, '/sex'],
      ['sex 0 / -1', { sex: 0 }, { sex: -1 }, '/sex'],
      ['notes 250 / 251', { notes: 'n'.repeat(250) }, { notes: 'n'.repeat(251) }, '/notes'],
      ['personalId 30 / 31', { personalId: 'p'.repeat(30) }, { personalId: 'p'.repeat(31) }, '/personalId'],
      ['identityNumber 30 / 31', { identityNumber: 'i'.repeat(30) }, { identityNumber: 'i'.repeat(31) }, '/identityNumber'],
      ['extRef 200 / 201', { extRef: 'e'.repeat(200) }, { extRef: 'e'.repeat(201) }, '/extRef'],
      ['dateOfBirth today / tomorrow', { dateOfBirth: dayFromNow(-1) }, { dateOfBirth: dayFromNow(2) }, '/dateOfBirth'],
      ['dateOfBirth a real date / 29 Feb of a common year', { dateOfBirth: '2000-02-29' }, { dateOfBirth: '2001-02-29' }, '/dateOfBirth'],
      ['dateOfBirth date-time / not a date-time', { DOB: '2001-09-13T08:31:19Z' }, { DOB: '2001-09-13Tlunch' }, '/dateOfBirth'],
      ['dateOfBirth date-time / trailing garbage', { DOB: '2001-09-13T08:31:19.94723+10:00' }, { DOB: '2001-09-13T08:31 or so' }, '/dateOfBirth'],
      ['dateOfBirth date-time / impossible time', { DOB: '2001-09-13T23:59:59-12:00' }, { DOB: '2001-09-13T25:61:00Z' }, '/dateOfBirth'],
      ['cooperativeDate date / date-time with garbage', { cooperativeDate: '2020-01-01' }, { cooperativeDate: '2020-01-01T00:00xyz' }, '/cooperativeDate'],
      ['country FI / XX', { country: 'FI' }, { country: 'XX' }, '/country'],
      ['invoicingCountry SE / Sweden', { invoicingCountry: 'SE' }, { invoicingCountry: 'Sweden' }, '/invoicingCountry'],
      ['imageUrl https / ftp', { imageUrl: 'https://example.com/a.png' }, { imageUrl: 'ftp://example.com/a.png' }, '/imageUrl'],
      ['cooperativeSum 2 / 3 decimals', { cooperativeSum: 1.01 }, { cooperativeSum: 1.005 }, '/cooperativeSum'],
      ['cooperativeSum 0 / negative', { cooperativeSum: 0 }, { cooperativeSum: -0.01 }, '/cooperativeSum'],
      ['languageId 0 / -1', { languageId: 0 }, { languageId: -1 }, '/languageId'],
      ['personalIdTypeId 0 / 1.5', { personalIdTypeId: 0 }, { personalIdTypeId: 1.5 }, '/personalIdTypeId'],
      ['restrictedTypeId 2 / 3', { restrictedTypeId: 2 }, { restrictedTypeId: 3 }, '/restrictedTypeId'],
      ['customProperties 50 keys / 51', { customProperties: keys(50) }, { customProperties: { ...keys(50), extra: 'x' } }, '/customProperties'],
      ['customProperties value 1000 / 1001', { customProperties: { k: 'v'.repeat(1000) } }, { customProperties: { k: 'v'.repeat(1001) } }, '/customProperties'],
      ['customProperties key 100 / 101', { customProperties: { ['k'.repeat(100)]: 'v' } }, { customProperties: { ['k'.repeat(101)]: 'v' } }, '/customProperties'],
      ['customProperties string / number value', { customProperties: { k: '1' } }, { customProperties: { k: 1 } }, '/customProperties'],
      ['invoiceAddress.invoiceCity 200 / 201', { invoiceAddress: { invoiceCity: 'c'.repeat(200) } }, { invoiceAddress: { invoiceCity: 'c'.repeat(201) } }, '/invoiceAddress/invoiceCity'],
      ['isActive boolean / string', { isActive: false }, { isActive: 'no' }, '/isActive'],
      ['languageId 2147483647 / 2147483648', { languageId: 2147483647 }, { languageId: 2147483648 }, '/languageId'],
      ['cooperativeSum 12 digits / 13', { cooperativeSum: 999999999999 }, { cooperativeSum: 1000000000000 }, '/cooperativeSum'],
      ['cooperativeSum as a string "12.30" / "12.305"', { cooperativeSum: '12.30' }, { cooperativeSum: '12.305' }, '/cooperativeSum'],
      // JSON allows these; PostgreSQL does not: 422 naming the field, never 500.
      ['notes text / NUL character', { notes: 'a b' }, { notes: 'a\u0000b' }, '/notes'],
      ['notes emoji / lone surrogate', { notes: 'a 😀' }, { notes: 'a \ud800' }, '/notes'],
      ['email / lone surrogate (the email rule would throw on it)', { email: 'a@example.com' }, { email: 'a\ud800@example.com' }, '/email'],
      ['userId / NUL character', { userId: 'user-1' }, { userId: 'user\u0000' }, '/userId'],
      ['personalId / NUL character', { personalId: 'P' }, { personalId: 'P\u0000' }, '/personalId'],
      ['smsNumbers / NUL character', { smsNumbers: ['1'] }, { smsNumbers: ['1\u0000'] }, '/smsNumbers/0'],
      ['customProperties value / NUL', { customProperties: { k: 'v' } }, { customProperties: { k: 'v\u0000' } }, '/customProperties/k'],
      ['customProperties key / lone surrogate', { customProperties: { k: 'v' } }, { customProperties: { '\udc00': 'v' } }, '/customProperties'],
      ['invoiceAddress.invoiceCity / NUL', { invoiceAddress: { invoiceCity: 'Turku' } }, { invoiceAddress: { invoiceCity: 'T\u0000' } }, '/invoiceAddress/invoiceCity'],
      ['dateOfBirth year 0001 / 0000', { dateOfBirth: '0001-01-01' }, { dateOfBirth: '0000-01-01' }, '/dateOfBirth'],
      ['cooperativeDate year 0001 / 0000', { cooperativeDate: '0001-12-31' }, { cooperativeDate: '0000-06-01' }, '/cooperativeDate'],
    ];

    it.each(CASES)('%s', async (_rule, ok, bad, pointer) => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const accepted = await patch(app, `${CUSTOMERS}/${id}`, token, ok);
      expect(accepted.statusCode).toBe(200);

      const before = await customerSnapshot(app, token, id);
      const refused = await patch(app, `${CUSTOMERS}/${id}`, token, bad);
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expectErrorsAt(refused.json().errors, pointer);
      await expectCustomerUnchanged(app, token, before);

      // The same rule holds on create.
      const created = await post(token, { firstName: 'X', ...bad });
      expect(created.statusCode).toBe(422);
      expectErrorsAt(created.json().errors, pointer);
    });

    it('reports one entry per invalid field', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const response = await patch(app, `${CUSTOMERS}/${id}`, token, { firstName: 'a'.repeat(51), sex: 3, country: 'XX' });
      expect(response.statusCode).toBe(422);
      const pointers = response.json().errors.map((e: any) => e.pointer).sort();
      expect(pointers).toEqual(['/country', '/firstName', '/sex']);
    });
  });

  describe('dates and exact decimals', () => {
    it('a date-time dateOfBirth (DOB) keeps the calendar date written in it, not the UTC one', async () => {
      const { token } = newAdmin();
      // 08:31 at +10:00 is 22:31 UTC the day before: the stored date must still be the 13th.
      const created = await newCustomer(app, token, { DOB: '2001-09-13T08:31:19.94723+10:00' });
      expect(created.dateOfBirth).toBe('2001-09-13');
      const late = await patch(app, `${CUSTOMERS}/${created.id}`, token, { DOB: '1999-12-31T23:30:00-05:00' });
      expect(late.statusCode).toBe(200);
      expect(late.json().dateOfBirth).toBe('1999-12-31');
      expect((await getCustomer(app, token, created.id)).json().dateOfBirth).toBe('1999-12-31');
    });

    it.each([
      [1234.56, '1234.56'],
      [0.1, '0.10'],
      [0.29, '0.29'],
      [999999999999.99, '999999999999.99'],
    ])('cooperativeSum %s is stored exactly and returned exactly', async (sum, stored) => {
      const { token } = newAdmin();
      const created = await newCustomer(app, token, { cooperativeSum: sum });
      expect(created.cooperativeSum).toBe(sum);
      const [row] = await dataSource.query('SELECT cooperative_sum::text AS sum FROM customers WHERE id = $1', [created.id]);
      expect(row.sum).toBe(stored);
      const response = await getCustomer(app, token, created.id);
      expect(response.body).toContain(`"cooperativeSum":${sum}`);
    });

    it('cooperativeSum may be cleared with null', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token, { cooperativeSum: 10 });
      const response = await patch(app, `${CUSTOMERS}/${id}`, token, { cooperativeSum: null });
      expect(response.statusCode).toBe(200);
      expect(response.json().cooperativeSum).toBeNull();
    });
  });

  describe('personalId is unique per company and personalIdTypeId', () => {
    it('the same personalId and type in one company is 409 on create, and nothing is created', async () => {
      const { token } = newAdmin();
      await newCustomer(app, token, { personalId: 'P-1', personalIdTypeId: 1 });
      const response = await post(token, { firstName: 'Twin', personalId: 'P-1', personalIdTypeId: 1 });
      expect(response.statusCode).toBe(409);
      expect(response.json().errors).toEqual([{ pointer: '/personalId', detail: expect.any(String) }]);
      expect((await list(token)).json().items).toHaveLength(1);
      expect((await newCustomer(app, token)).customerNumber).toBe(2);
    });

    it('parallel creates with one personalId: one 201, the rest 409, and numbers stay gapless', async () => {
      const { token } = newAdmin();
      const responses = await Promise.all(Array.from({ length: 5 }, () => post(token, { personalId: 'RACE', personalIdTypeId: 1 })));
      expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(responses.find((r) => r.statusCode === 201)!.json().customerNumber).toBe(1);
      expect((await newCustomer(app, token)).customerNumber).toBe(2);
    });

    it('the same personalId without a type twice is 409 too (no type counts as one type)', async () => {
      const { token } = newAdmin();
      await newCustomer(app, token, { personalId: 'P-0' });
      expect((await post(token, { personalId: 'P-0' })).statusCode).toBe(409);
    });

    it('an update onto a used personalId and type is 409 and stores nothing', async () => {
      const { token } = newAdmin();
      await newCustomer(app, token, { personalId: 'P-1', personalIdTypeId: 1 });
      const { id } = await newCustomer(app, token, { personalId: 'P-2', personalIdTypeId: 1 });
      const before = await customerSnapshot(app, token, id);
      const response = await patch(app, `${CUSTOMERS}/${id}`, token, { personalId: 'P-1', notes: 'moved' });
      expect(response.statusCode).toBe(409);
      await expectCustomerUnchanged(app, token, before);
    });

    it('the same personalId with another type, or in another company, is fine', async () => {
      const { token } = newAdmin();
      await newCustomer(app, token, { personalId: 'P-1', personalIdTypeId: 1 });
      expect((await post(token, { personalId: 'P-1', personalIdTypeId: 2 })).statusCode).toBe(201);
      expect((await post(actorToken('admin', newCompany()), { personalId: 'P-1', personalIdTypeId: 1 })).statusCode).toBe(201);
    });
  });

  describe('PATCH forms, preconditions and concurrency', () => {
    it('answers 415 with Accept-Patch for another media type, and stores nothing', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const before = await customerSnapshot(app, token, id);
      const response = await patch(app, `${CUSTOMERS}/${id}`, token, 'notes=x', 'text/plain');
      expect(response.statusCode).toBe(415);
      expect(response.headers['accept-patch']).toContain('application/merge-patch+json');
      await expectCustomerUnchanged(app, token, before);
    });

    it('a failing JSON Patch test is 409 and an atomic patch stores nothing', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token, { notes: 'a' });
      const before = await customerSnapshot(app, token, id);
      const response = await patch(
        app,
        `${CUSTOMERS}/${id}`,
        token,
        [
          { op: 'replace', path: '/notes', value: 'b' },
          { op: 'test', path: '/notes', value: 'c' },
        ],
        'application/json-patch+json',
      );
      expect(response.statusCode).toBe(409);
      await expectCustomerUnchanged(app, token, before);
    });

    it('If-Match: a stale ETag is 412 and stores nothing; the current one succeeds', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const before = await customerSnapshot(app, token, id);
      const stale = await patch(app, `${CUSTOMERS}/${id}`, token, { notes: 'x' }, undefined, { 'if-match': '"999"' });
      expect(stale.statusCode).toBe(412);
      await expectCustomerUnchanged(app, token, before);
      const current = await patch(app, `${CUSTOMERS}/${id}`, token, { notes: 'x' }, undefined, { 'if-match': String(before.etag) });
      expect(current.statusCode).toBe(200);
    });

    it('Prefer: return=minimal answers 204 with ETag; ?dryRun=true stores nothing', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const minimal = await patch(app, `${CUSTOMERS}/${id}`, token, { notes: 'm' }, undefined, { prefer: 'return=minimal' });
      expect(minimal.statusCode).toBe(204);
      expect(minimal.body).toBe('');
      expect(minimal.headers.etag).toMatch(/^"[^"]+"$/);
      expect(minimal.headers['preference-applied']).toBe('return=minimal');

      const before = await customerSnapshot(app, token, id);
      const dry = await patch(app, `${CUSTOMERS}/${id}?dryRun=true`, token, { notes: 'dry' });
      expect(dry.statusCode).toBe(200);
      expect(dry.json().notes).toBe('dry');
      await expectCustomerUnchanged(app, token, before);
    });

    it('two parallel PATCHes of different fields both land, round after round', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      for (let round = 0; round < 5; round++) {
        const [a, b] = await Promise.all([
          patch(app, `${CUSTOMERS}/${id}`, token, { notes: `notes ${round}` }),
          patch(app, `${CUSTOMERS}/${id}`, token, { telNumber1: `+358${round}` }),
        ]);
        expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
        expect((await getCustomer(app, token, id)).json()).toMatchObject({ notes: `notes ${round}`, phone: `+358${round}` });
      }
      // Every stored change is one audit row: the create plus 10 updates.
      expect(await customerHistory(app, token, id)).toHaveLength(11);
    });

    it('every stored change writes one audit row with the RFC 6902 diff', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token, { notes: 'a' });
      const response = await patch(app, `${CUSTOMERS}/${id}`, token, { notes: 'b', sex: 1 }, undefined, { 'x-request-id': 'req-cust-1' });
      expect(response.statusCode).toBe(200);
      const [latest] = await customerHistory(app, token, id);
      expect(latest).toMatchObject({ requestId: 'req-cust-1', kind: 'change' });
      expect(latest.ops).toEqual(
        expect.arrayContaining([
          { op: 'replace', path: '/notes', value: 'b' },
          { op: 'replace', path: '/sex', value: 1 },
        ]),
      );
    });
  });
});
