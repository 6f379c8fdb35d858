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
  newCustomFieldConfig,
  patch,
  putCustomer,
} from './helpers/factories';
import { UUID } from './helpers/expectations';
import { startTestApp } from './helpers/test-app';
import { actorToken, newAdmin, newCompany } from './helpers/tokens';

/** The two other update doors: PUT /customers/:id (seed 003) and PATCH /customers (seed 004), API.md §4. */

/** Seed 004's sample request body, verbatim from the vendor document (one line, its own quoting). */
const SEED_004_SAMPLE = { "CustomerId": 1, "PersonalId": "sample string 2", "PersonalIdTypeId": 1, "PersonalIdTypeExtRef": "sample string 3", "FirstName": "sample string 4", "LastName": "sample string 5", "Email": "sample string 6", "TelNumber1": "sample string 7", "TelNumber2": "sample string 8", "DOB": "2025-09-13T08:31:19.94723+10:00", "Sex": 64, "Notes": "sample string 9", "ExtRef": "sample string 10", "NotificationConsent": true, "IsActive": true, "CustomProperties": { "sample string 1": "sample string 2", "sample string 3": "sample string 4" } };

/** Seed 004's body shape with valid values. */
const SEED_004_VALID = {
  CustomerId: 1,
  PersonalId: 'VENDOR-2',
  PersonalIdTypeId: 1,
  PersonalIdTypeExtRef: 'qflow',
  FirstName: 'Mikko',
  LastName: 'Nieminen',
  Email: 'mikko@example.com',
  TelNumber1: '+358401111111',
  TelNumber2: '+358402222222',
  DOB: '1980-09-13T08:31:19.94723+10:00',
  Sex: 1,
  Notes: 'From QFlow',
  ExtRef: 'qflow-10',
  NotificationConsent: true,
  IsActive: true,
  CustomProperties: { 'Queue Preference': 'morning', queue: 'B' },
};

describe('Customer update doors (seeds 003 and 004)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  describe('PUT /customers/:id (seed 003)', () => {
    it('takes the seed’s body shape (PascalCase) with real values and stores each part', async () => {
      const { company, token } = newAdmin();
      const persons = await newCustomFieldConfig(app, token, { name: 'Number of persons', dataType: 'Number' });
      const size = await newCustomFieldConfig(app, token, { name: 'Size', dataType: 'DropDown', values: [{ value: 'S' }, { value: 'M' }] });
      const { id } = await newCustomer(app, token, { notes: 'kept', phone2: '+35890000' });

      const body = {
        CompanyId: '00000000-0000-0000-0000-000000000000',
        Firstname: 'Anna',
        Lastname: 'Virtanen',
        Phone: '+358401234567',
        Email: 'anna.virtanen@example.com',
        CustomFields: [
          { Id: persons.id, Value: '3' },
          { Id: size.id, Value: 'M' },
        ],
        AccessKeys: [
          {
            Id: '00000000-0000-0000-0000-000000000000',
            CompanyId: '00000000-0000-0000-0000-000000000000',
            AccessKeyTypeId: 1,
            Value: 'DOOR-1234',
            CustomerId: '00000000-0000-0000-0000-000000000000',
            Description: 'Front door',
          },
        ],
        AccessKeysToDelete: [],
        SubscribedToNewsletter: true,
        InvoiceAddress: {
          CorporateIdentityNumber: '1234567-8',
          InvoiceAddress1: 'Mannerheimintie 1',
          InvoiceAddress2: 'B 12',
          InvoiceCity: 'Helsinki',
          InvoicePostalCode: '00100',
          InvoiceCountryCode: 'FI',
        },
      };
      const response = await putCustomer(app, token, id, body);
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toMatch(/^"[^"]+"$/);
      const stored = response.json();
      expect(stored).toMatchObject({
        id,
        companyId: company,
        firstName: 'Anna',
        lastName: 'Virtanen',
        phone: '+358401234567',
        email: 'anna.virtanen@example.com',
        subscribedToNewsletter: true,
        notes: 'kept',
        phone2: '+35890000',
        invoiceAddress: {
          corporateIdentityNumber: '1234567-8',
          invoiceAddress1: 'Mannerheimintie 1',
          invoiceAddress2: 'B 12',
          invoiceCity: 'Helsinki',
          invoicePostalCode: '00100',
          invoiceCountryCode: 'FI',
        },
        customFieldValues: [
          { id: persons.id, name: 'Number of persons', dataType: 'Number', value: '3' },
          { id: size.id, name: 'Size', dataType: 'DropDown', value: 'M' },
        ],
      });
      // The key's id is assigned by the server; the zero ids of the sample are ignored.
      expect(stored.accessKeys).toEqual([{ id: expect.stringMatching(UUID), accessKeyTypeId: 1, value: 'DOOR-1234', description: 'Front door' }]);
      expect(stored.accessKeys[0].id).not.toBe('00000000-0000-0000-0000-000000000000');
      // The stored record, as GET shows it; only the PUT answer adds the company's configs (seed 003).
      expect(stored.customFields.map((config: any) => config.id)).toEqual([persons.id, size.id]);
      expect((await getCustomer(app, token, id)).json()).toEqual({ ...stored, customFields: null });
    });

    it('fields left out stay as they are: a one-field body changes one field', async () => {
      const { token } = newAdmin();
      const config = await newCustomFieldConfig(app, token, { name: 'Notes' });
      const { id } = await newCustomer(app, token, {
        email: 'a@example.com',
        phone: '+3581',
        subscribedToNewsletter: true,
        invoiceAddress: { invoiceCity: 'Turku' },
        notes: 'n',
      });
      await putCustomer(app, token, id, { CustomFields: [{ Id: config.id, Value: 'v' }], AccessKeys: [{ AccessKeyTypeId: 2, Value: 'K' }] });
      const before = (await getCustomer(app, token, id)).json();

      const response = await putCustomer(app, token, id, { Lastname: 'Korhonen' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        ...before,
        lastName: 'Korhonen',
        updatedAt: response.json().updatedAt,
        customFields: [expect.objectContaining({ id: config.id, name: 'Notes' })],
      });

      const empty = await putCustomer(app, token, id, {});
      expect(empty.statusCode).toBe(200);
      expect(empty.json()).toEqual(response.json());
    });

    it('InvoiceAddress is merged: subfields left out are kept, null clears one', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token, {
        invoiceAddress: { invoiceAddress1: 'Street 1', invoiceCity: 'Turku', invoicePostalCode: '20100' },
      });
      const response = await putCustomer(app, token, id, { InvoiceAddress: { InvoiceCity: 'Helsinki', InvoicePostalCode: null } });
      expect(response.statusCode).toBe(200);
      expect(response.json().invoiceAddress).toEqual({
        corporateIdentityNumber: null,
        invoiceAddress1: 'Street 1',
        invoiceAddress2: null,
        invoiceCity: 'Helsinki',
        invoicePostalCode: null,
        invoiceCountryCode: null,
      });
    });

    it('AccessKeys adds keys with assigned ids; AccessKeysToDelete [{Id}] removes them; an unknown id is 422', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const added = await putCustomer(app, token, id, {
        AccessKeys: [
          { AccessKeyTypeId: 1, Value: 'DOOR-1', Description: 'Front' },
          { AccessKeyTypeId: 2, Value: 'GATE-2' },
        ],
      });
      expect(added.statusCode).toBe(200);
      const [front, gate] = added.json().accessKeys;
      expect(front).toEqual({ id: expect.stringMatching(UUID), accessKeyTypeId: 1, value: 'DOOR-1', description: 'Front' });
      expect(gate).toEqual({ id: expect.stringMatching(UUID), accessKeyTypeId: 2, value: 'GATE-2', description: null });
      expect(front.id).not.toBe(gate.id);

      const swapped = await putCustomer(app, token, id, { AccessKeysToDelete: [{ Id: front.id }], AccessKeys: [{ AccessKeyTypeId: 3, Value: 'BACK-3' }] });
      expect(swapped.statusCode).toBe(200);
      expect(swapped.json().accessKeys.map((k: any) => k.value)).toEqual(['GATE-2', 'BACK-3']);

      const before = await customerSnapshot(app, token, id);
      const unknown = await putCustomer(app, token, id, { AccessKeysToDelete: [{ Id: randomUUID() }], Firstname: 'Not stored' });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().errors).toEqual([{ pointer: '/accessKeysToDelete/0/id', detail: expect.any(String) }]);
      await expectCustomerUnchanged(app, token, before);

      const malformed = await putCustomer(app, token, id, { AccessKeysToDelete: [{}] });
      expect(malformed.statusCode).toBe(422);
      expect(malformed.json().errors[0].pointer).toBe('/accessKeysToDelete/0/id');
      await expectCustomerUnchanged(app, token, before);
    });

    it('parallel PUTs each adding a key all land (none is lost)', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) => putCustomer(app, token, id, { AccessKeys: [{ AccessKeyTypeId: 1, Value: `K${i}` }] })),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(6).fill(200));
      const values = (await getCustomer(app, token, id)).json().accessKeys.map((k: any) => k.value).sort();
      expect(values).toEqual(['K0', 'K1', 'K2', 'K3', 'K4', 'K5']);
    });

    it('an access key of another customer cannot be deleted through this one', async () => {
      const { token } = newAdmin();
      const owner = await newCustomer(app, token);
      const key = (await putCustomer(app, token, owner.id, { AccessKeys: [{ AccessKeyTypeId: 1, Value: 'K' }] })).json().accessKeys[0];
      const { id } = await newCustomer(app, token);
      const response = await putCustomer(app, token, id, { AccessKeysToDelete: [{ Id: key.id }] });
      expect(response.statusCode).toBe(422);
      expect((await getCustomer(app, token, owner.id)).json().accessKeys).toEqual([key]);
    });

    it('the body CompanyId is ignored; ?companyId= blank is the admin’s own company, another is 404', async () => {
      const { company, token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const ignored = await putCustomer(app, token, id, { CompanyId: newCompany(), Firstname: 'Same company' });
      expect(ignored.statusCode).toBe(200);
      expect(ignored.json()).toMatchObject({ companyId: company, firstName: 'Same company' });

      expect((await putCustomer(app, token, id, { Lastname: 'Blank' }, '?companyId=')).statusCode).toBe(200);
      const before = await customerSnapshot(app, token, id);
      expect((await putCustomer(app, token, id, { Lastname: 'Foreign' }, `?companyId=${newCompany()}`)).statusCode).toBe(404);
      await expectCustomerUnchanged(app, token, before);
    });

    it('validates like PATCH: field rules are 422, unknown fields 400, read-only ones 400, and nothing is stored', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const before = await customerSnapshot(app, token, id);
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [{ Firstname: 'a'.repeat(51) }, 422, '/firstName'],
        [{ Email: 'not-an-email' }, 422, '/email'],
        [{ Phone: '1'.repeat(26) }, 422, '/phone'],
        [{ InvoiceAddress: { InvoiceCity: 'c'.repeat(201) } }, 422, '/invoiceAddress/invoiceCity'],
        [{ SubscribedToNewsletter: 'yes' }, 422, '/subscribedToNewsletter'],
        [{ AccessKeys: [{ AccessKeyTypeId: 1 }] }, 422, '/accessKeys/0/value'],
        [{ Notes: 'not a seed 003 field' }, 400, '/Notes'],
        [{ CustomFieldValues: [] }, 400, '/CustomFieldValues'],
      ];
      for (const [body, status, pointer] of cases) {
        const response = await putCustomer(app, token, id, body);
        expect(response.statusCode).toBe(status);
        expect(response.json().errors.map((e: any) => e.pointer)).toContain(pointer);
      }
      const unstorable: Array<[Record<string, unknown>, string]> = [
        [{ Lastname: 'a\u0000' }, '/lastName'],
        [{ AccessKeys: [{ AccessKeyTypeId: 1, Value: 'K\u0000' }] }, '/accessKeys/0/value'],
        [{ AccessKeys: [{ AccessKeyTypeId: 1, Value: 'K', Description: '\ud800' }] }, '/accessKeys/0/description'],
        [{ InvoiceAddress: { InvoiceCity: '\u0000' } }, '/invoiceAddress/invoiceCity'],
      ];
      for (const [body, pointer] of unstorable) {
        const response = await putCustomer(app, token, id, body);
        expect(response.statusCode).toBe(422);
        expect(response.json().errors.map((e: any) => e.pointer)).toContain(pointer);
      }
      const notObject = await putCustomer(app, token, id, '[1, 2]');
      expect(notObject.statusCode).toBe(400);
      await expectCustomerUnchanged(app, token, before);
    });

    it('If-Match: stale is 412 and stores nothing; the current ETag succeeds', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const before = await customerSnapshot(app, token, id);
      const stale = await putCustomer(app, token, id, { Lastname: 'Stale' }, '', { 'if-match': '"999"' });
      expect(stale.statusCode).toBe(412);
      await expectCustomerUnchanged(app, token, before);
      const current = await putCustomer(app, token, id, { Lastname: 'Fresh' }, '', { 'if-match': String(before.etag) });
      expect(current.statusCode).toBe(200);
      expect(current.headers.etag).not.toBe(before.etag);
    });

    it('Prefer: return=minimal is 204 with ETag and Preference-Applied, no body', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const response = await putCustomer(app, token, id, { Lastname: 'Minimal' }, '', { prefer: 'return=minimal' });
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
      expect(response.headers['preference-applied']).toBe('return=minimal');
      expect(response.headers.etag).toBe((await getCustomer(app, token, id)).headers.etag);
    });

    it('?dryRun=true answers the would-be record and stores nothing, not even an access key', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const before = await customerSnapshot(app, token, id);
      const response = await putCustomer(app, token, id, { Lastname: 'Dry', AccessKeys: [{ AccessKeyTypeId: 1, Value: 'K' }] }, '?dryRun=true');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ lastName: 'Dry', accessKeys: [expect.objectContaining({ value: 'K' })] });
      await expectCustomerUnchanged(app, token, before);
    });

    it('applies $select to the response', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token, { notes: 'hidden by select' });
      const response = await putCustomer(app, token, id, { Lastname: 'Selected' }, '?$select=lastName');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ lastName: 'Selected', firstName: null, notes: null });
    });

    it('writes one audit row, with "***" for GDPR values', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const response = await putCustomer(app, token, id, { Firstname: 'Secret', Phone: '+3589999', SubscribedToNewsletter: true }, '', {
        'x-request-id': 'put-audit-1',
      });
      expect(response.statusCode).toBe(200);
      const history = await customerHistory(app, token, id);
      expect(history).toHaveLength(2);
      expect(history[0]).toMatchObject({ requestId: 'put-audit-1', kind: 'change' });
      expect(history[0].ops).toEqual(
        expect.arrayContaining([
          { op: 'replace', path: '/firstName', value: '***' },
          { op: 'replace', path: '/phone', value: '***' },
          { op: 'replace', path: '/subscribedToNewsletter', value: true },
        ]),
      );
      expect(JSON.stringify(history)).not.toContain('Secret');
    });

    it('a body nesting deeper than the limit, or naming __proto__, is 400 (never 500) and stores nothing', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const before = await customerSnapshot(app, token, id);
      for (const depth of [40, 5000]) {
        const deep = '['.repeat(depth) + ']'.repeat(depth);
        for (const body of [`{"InvoiceAddress": {"InvoiceCity": ${deep}}}`, `{"CustomFields": [{"Id": 1, "Value": ${deep}}]}`]) {
          const response = await putCustomer(app, token, id, body);
          expect(response.statusCode).toBe(400);
          expect(response.json().errors[0].detail).toMatch(/deeper than the limit/);
        }
      }
      const proto = await putCustomer(app, token, id, '{"AccessKeys": [{"AccessKeyTypeId": 1, "Value": "K", "__proto__": {"polluted": 1}}]}');
      expect(proto.statusCode).toBe(400);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      await expectCustomerUnchanged(app, token, before);
    });

    it('a foreign or unknown id is 404 even with a malformed body or a stale If-Match', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const before = await customerSnapshot(app, token, id);
      const foreignAdmin = actorToken('admin', newCompany());
      for (const target of [id, randomUUID()]) {
        expect((await putCustomer(app, foreignAdmin, target, '{"Firstname": ')).statusCode).toBe(404);
        expect((await putCustomer(app, foreignAdmin, target, { Firstname: 'a'.repeat(99) })).statusCode).toBe(404);
        expect((await putCustomer(app, foreignAdmin, target, { Lastname: 'x' }, '', { 'if-match': '"999"' })).statusCode).toBe(404);
      }
      await expectCustomerUnchanged(app, token, before);
    });
  });

  describe('PATCH /customers (seed 004)', () => {
    it('the seed’s sample body, verbatim, is 422 at /sex (Sex: 64) on a customer 1 without account, and nothing changes', async () => {
      const { token } = newAdmin();
      const customer = await newCustomer(app, token);
      expect(customer).toMatchObject({ customerNumber: 1, userId: null });
      const before = await customerSnapshot(app, token, customer.id);

      const response = await patch(app, CUSTOMERS, token, SEED_004_SAMPLE, 'application/json');
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const pointers = response.json().errors.map((e: any) => e.pointer);
      expect(pointers).toContain('/sex');
      // "sample string 6" is no email address either; every other value of the sample is valid.
      expect([...new Set(pointers)].sort()).toEqual(['/email', '/sex']);
      await expectCustomerUnchanged(app, token, before);
    });

    it('the seed’s body with valid values locates by CustomerId and applies the rest as a merge patch', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token, { notes: 'old', phone2: '+3589', customProperties: { kept: 'yes', queue: 'A' } });
      const response = await patch(app, CUSTOMERS, token, SEED_004_VALID, 'application/json');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id,
        customerNumber: 1,
        personalId: 'VENDOR-2',
        personalIdTypeId: 1,
        personalIdTypeExtRef: 'qflow',
        firstName: 'Mikko',
        lastName: 'Nieminen',
        email: 'mikko@example.com',
        phone: '+358401111111',
        phone2: '+358402222222',
        dateOfBirth: '1980-09-13',
        sex: 1,
        notes: 'From QFlow',
        extRef: 'qflow-10',
        notificationConsent: true,
        isActive: true,
        // Merged: the key not named stays; keys are data, matched exactly.
        customProperties: { kept: 'yes', queue: 'B', 'Queue Preference': 'morning' },
      });
      expect(response.headers.etag).toMatch(/^"[^"]+"$/);
      expect((await getCustomer(app, token, id)).json()).toEqual(response.json());
    });

    it('leaves fields the body does not name as they are, and null clears one', async () => {
      const { token } = newAdmin();
      const { customerNumber } = await newCustomer(app, token, { notes: 'kept', extRef: 'clear me', email: 'keep@example.com' });
      const response = await patch(app, CUSTOMERS, token, { CustomerId: customerNumber, ExtRef: null, Sex: 2 });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ notes: 'kept', extRef: null, sex: 2, email: 'keep@example.com', firstName: 'Anna' });
    });

    it.each([
      ['customerId', (c: any) => ({ customerId: c.customerNumber })],
      ['id', (c: any) => ({ Id: c.id })],
      ['personalId and personalIdTypeId', (c: any) => ({ PersonalId: c.personalId, PersonalIdTypeId: 4 })],
      ['personalId alone', (c: any) => ({ personalId: c.personalId })],
    ])('locates the record by %s', async (_by, locator) => {
      const { token } = newAdmin();
      await newCustomer(app, token, { personalId: 'DECOY', personalIdTypeId: 4 });
      const target = await newCustomer(app, token, { personalId: 'P-77', personalIdTypeId: 4 });
      const response = await patch(app, CUSTOMERS, token, { ...locator(target), Notes: 'found' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: target.id, notes: 'found', personalId: 'P-77', personalIdTypeId: 4 });
    });

    it.each([
      ['an unknown customerId', { CustomerId: 999 }],
      ['an unknown id', { Id: randomUUID() }],
      ['an unknown personalId', { PersonalId: 'NOBODY' }],
      ['a personalId with another type', { PersonalId: 'P-1', PersonalIdTypeId: 9 }],
    ])('answers 404 for %s, and nothing changes', async (_case, locator) => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token, { personalId: 'P-1', personalIdTypeId: 1 });
      const before = await customerSnapshot(app, token, id);
      const response = await patch(app, CUSTOMERS, token, { ...locator, Notes: 'nobody' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ status: 404, detail: 'Not found.' });
      await expectCustomerUnchanged(app, token, before);
    });

    it('naming another company with ?companyId= is 404 even with a malformed or unsupported body', async () => {
      const { token } = newAdmin();
      const other = `?companyId=${newCompany()}`;
      expect((await patch(app, `${CUSTOMERS}${other}`, token, '{"CustomerId": ', 'application/json')).statusCode).toBe(404);
      expect((await patch(app, `${CUSTOMERS}${other}`, token, [{ op: 'remove', path: '/notes' }], 'application/json-patch+json')).statusCode).toBe(404);
      expect((await patch(app, `${CUSTOMERS}${other}`, token, { CustomerId: 1, Notes: 'x' })).statusCode).toBe(404);
    });

    it('a customer of another company is 404 by every locator', async () => {
      const { token } = newAdmin();
      const target = await newCustomer(app, token, { personalId: 'P-9', personalIdTypeId: 1 });
      const before = await customerSnapshot(app, token, target.id);
      const foreignAdmin = actorToken('admin', newCompany());
      await newCustomer(app, foreignAdmin); // the foreign company has its own customer 1
      for (const locator of [{ Id: target.id }, { PersonalId: 'P-9' }]) {
        expect((await patch(app, CUSTOMERS, foreignAdmin, { ...locator, Notes: 'x' })).statusCode).toBe(404);
      }
      await expectCustomerUnchanged(app, token, before);
    });

    it('a personalId matching two records (different types, no type given) is 409; nothing changes', async () => {
      const { token } = newAdmin();
      const a = await newCustomer(app, token, { personalId: 'SHARED', personalIdTypeId: 1 });
      const b = await newCustomer(app, token, { personalId: 'SHARED', personalIdTypeId: 2 });
      const before = [await customerSnapshot(app, token, a.id), await customerSnapshot(app, token, b.id)];
      const response = await patch(app, CUSTOMERS, token, { PersonalId: 'SHARED', Notes: 'which one?' });
      expect(response.statusCode).toBe(409);
      expect(response.json().errors).toEqual([{ pointer: '/personalId', detail: expect.any(String) }]);
      for (const snapshot of before) await expectCustomerUnchanged(app, token, snapshot);

      const typed = await patch(app, CUSTOMERS, token, { PersonalId: 'SHARED', PersonalIdTypeId: 2, Notes: 'this one' });
      expect(typed.statusCode).toBe(200);
      expect(typed.json()).toMatchObject({ id: b.id, notes: 'this one' });
    });

    it('a body nesting deeper than the limit, or naming __proto__, is 400 (never 500) and stores nothing', async () => {
      const { token } = newAdmin();
      const { id, customerNumber } = await newCustomer(app, token);
      const before = await customerSnapshot(app, token, id);
      for (const depth of [40, 5000]) {
        const deep = '['.repeat(depth) + ']'.repeat(depth);
        const response = await patch(app, CUSTOMERS, token, `{"CustomerId": ${customerNumber}, "CustomProperties": {"a": ${deep}}}`);
        expect(response.statusCode).toBe(400);
        expect(response.json().errors).toEqual([{ pointer: expect.stringMatching(/^\/CustomProperties\/a\/0/), detail: expect.stringMatching(/deeper than the limit/) }]);
      }
      const proto = await patch(app, CUSTOMERS, token, `{"CustomerId": ${customerNumber}, "CustomProperties": {"__proto__": {"polluted": "yes"}}}`);
      expect(proto.statusCode).toBe(400);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      await expectCustomerUnchanged(app, token, before);
    });

    it('a body naming no record is 400; a bad locator is 400', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const before = await customerSnapshot(app, token, id);
      const bodies = [
        { Notes: 'whose?' },
        { CustomerId: 'one' },
        { CustomerId: 0 },
        { Id: 'not-a-uuid' },
        { PersonalId: 'P\u0000', Notes: 'x' },
        [{ op: 'add', path: '/notes', value: 'x' }],
      ];
      for (const body of bodies) {
        const response = await patch(app, CUSTOMERS, token, body, 'application/json');
        expect(response.statusCode).toBe(400);
      }
      await expectCustomerUnchanged(app, token, before);
    });

    it('a locator number beyond PostgreSQL integer is 400 naming it (never 500), and nothing changes', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token, { personalId: 'P-1', personalIdTypeId: 1 });
      const before = await customerSnapshot(app, token, id);
      const bodies: Array<[object, string]> = [
        [{ CustomerId: 2147483648, Notes: 'x' }, '/customerId'],
        [{ CustomerId: 1e300, Notes: 'x' }, '/customerId'],
        [{ PersonalId: 'P-1', PersonalIdTypeId: 2147483648, Notes: 'x' }, '/personalIdTypeId'],
        [{ PersonalId: 'P-1', PersonalIdTypeId: -2147483649, Notes: 'x' }, '/personalIdTypeId'],
      ];
      for (const [body, pointer] of bodies) {
        const response = await patch(app, CUSTOMERS, token, body, 'application/json');
        expect(response.statusCode).toBe(400);
        expect(response.json().errors).toEqual([{ pointer, detail: expect.any(String) }]);
      }
      await expectCustomerUnchanged(app, token, before);
    });

    it.each(['application/json-patch+json', 'text/plain'])('answers 415 with Accept-Patch for %s, and nothing changes', async (type) => {
      const { token } = newAdmin();
      const { id, customerNumber } = await newCustomer(app, token);
      const before = await customerSnapshot(app, token, id);
      const body = type === 'text/plain' ? 'CustomerId=1' : [{ op: 'replace', path: '/notes', value: 'x' }];
      const response = await patch(app, CUSTOMERS, token, body, type);
      expect(response.statusCode).toBe(415);
      expect(response.headers['accept-patch']).toContain('application/merge-patch+json');
      expect(customerNumber).toBe(1);
      await expectCustomerUnchanged(app, token, before);
    });

    it('accepts application/merge-patch+json as well, with If-Match, Prefer and dryRun like PATCH', async () => {
      const { token } = newAdmin();
      const { id, customerNumber } = await newCustomer(app, token);
      const before = await customerSnapshot(app, token, id);
      const stale = await patch(app, CUSTOMERS, token, { CustomerId: customerNumber, Notes: 'x' }, undefined, { 'if-match': '"999"' });
      expect(stale.statusCode).toBe(412);
      const dry = await patch(app, `${CUSTOMERS}?dryRun=true`, token, { CustomerId: customerNumber, Notes: 'dry' });
      expect(dry.statusCode).toBe(200);
      expect(dry.json().notes).toBe('dry');
      await expectCustomerUnchanged(app, token, before);

      const minimal = await patch(app, CUSTOMERS, token, { CustomerId: customerNumber, Notes: 'm' }, undefined, {
        prefer: 'return=minimal',
        'if-match': String(before.etag),
      });
      expect(minimal.statusCode).toBe(204);
      expect((await getCustomer(app, token, id)).json().notes).toBe('m');
    });

    it('a user may name only itself: its own number works, another customer’s is 404', async () => {
      const { company, token } = newAdmin();
      const sub = `user-${randomUUID()}`;
      const mine = await newCustomer(app, token, { userId: sub });
      const theirs = await newCustomer(app, token, { userId: `user-${randomUUID()}`, personalId: 'THEIRS' });
      const user = actorToken('user', company, undefined, sub);
      expect((await patch(app, CUSTOMERS, user, { CustomerId: mine.customerNumber, Notes: 'mine' })).statusCode).toBe(200);
      const before = await customerSnapshot(app, token, theirs.id);
      for (const locator of [{ CustomerId: theirs.customerNumber }, { Id: theirs.id }, { PersonalId: 'THEIRS' }]) {
        expect((await patch(app, CUSTOMERS, user, { ...locator, Notes: 'not mine' })).statusCode).toBe(404);
      }
      await expectCustomerUnchanged(app, token, before);
    });

    it('changing personalId onto another customer’s personalId and type is 409', async () => {
      const { token } = newAdmin();
      await newCustomer(app, token, { personalId: 'TAKEN', personalIdTypeId: 1 });
      const { id, customerNumber } = await newCustomer(app, token, { personalId: 'FREE', personalIdTypeId: 1 });
      const before = await customerSnapshot(app, token, id);
      const response = await patch(app, CUSTOMERS, token, { CustomerId: customerNumber, PersonalId: 'TAKEN' });
      expect(response.statusCode).toBe(409);
      await expectCustomerUnchanged(app, token, before);
    });
  });
});
