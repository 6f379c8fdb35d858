import type autocannon from 'autocannon';
import { SeededContacts } from './seed-contacts';
import { SeededCustomer, SeededCustomers } from './seed-customers';
import { SeededObjects } from './seed';

/** One kind of request, built afresh (random record, random values) for every request sent. */
export interface Scenario {
  key: string;
  description: string;
  /** The raw scenario running the same SQL (bench/raw/), measured right before this one. */
  counterpart?: string;
  build(): Required<Omit<autocannon.RequestData, 'body'>> & { body?: string };
}

/** What the scenarios draw from: the seeded records and the tokens to reach them. */
export interface BenchData {
  objects: SeededObjects;
  customers: SeededCustomers;
  contacts: SeededContacts;
  /** Admin token per company. */
  adminTokens: Map<string, string>;
  /** The customer's own token per self-edited customer id. */
  customerTokens: Map<string, string>;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const word = () => Math.random().toString(36).slice(2, 10);
const rating = () => Math.round(Math.random() * 50) / 10; // 0.0 .. 5.0
const mergeBody = () => JSON.stringify({ description: `Benchmark note ${word()} ${word()}`, rating: rating() });
const phone = () => `+358 40 ${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

const SELECT = '$select=name,contact/email,status/status';
const LIST_LIMIT = 20;

function bearer(tokens: Map<string, string>, key: string): string {
  const token = tokens.get(key);
  if (!token) throw new Error(`no token for ${key}`);
  return `Bearer ${token}`;
}

/** Seed 003's PUT body (its PascalCase names): one custom field value and one new access key. */
function putBody(data: BenchData, customer: SeededCustomer): string {
  return JSON.stringify({
    Firstname: pick(['Aino', 'Eero', 'Helmi', 'Onni']),
    Phone: phone(),
    CustomFields: [{ Id: data.customers.customFieldIds.get(customer.companyId), Value: String(1 + Math.floor(Math.random() * 9)) }],
    AccessKeys: [{ AccessKeyTypeId: 1, Value: `KEY-${word()}`, Description: 'Bench door' }],
  });
}

/** Seed 002's JSON Patch: a new category id (a reference list item) and a new description. */
function contactPatchBody(data: BenchData): string {
  return JSON.stringify([
    { op: 'replace', path: '/category/id', value: pick(data.contacts.categoryIds) },
    { op: 'replace', path: '/description', value: `Benchmark note ${word()}` },
  ]);
}

const customerPatchBody = () => JSON.stringify({ phone: phone(), notes: `Benchmark note ${word()} ${word()}` });

/** The app's scenarios, in the order they run; each request as an admin of the record's company unless said otherwise. */
export function appScenarios(data: BenchData): Scenario[] {
  const admin = (companyId: string) => bearer(data.adminTokens, companyId);
  return [
    {
      key: 'mergePatch',
      description: 'PATCH /v2/objects/:id, application/merge-patch+json {description, rating}',
      counterpart: 'rawVersioned',
      build: () => {
        const object = data.objects.pick();
        return {
          method: 'PATCH',
          path: `/v2/objects/${object.id}`,
          headers: { authorization: admin(object.companyId), 'content-type': 'application/merge-patch+json' },
          body: mergeBody(),
        };
      },
    },
    {
      key: 'jsonPatch',
      description: 'PATCH /v2/objects/:id, application/json-patch+json replace /name and /tags (2 tags)',
      counterpart: 'rawVersioned',
      build: () => {
        const object = data.objects.pick();
        const operations = [
          { op: 'replace', path: '/name', value: `Object ${word()}` },
          // Replaced, not appended: the record stays the same size however long the run.
          { op: 'replace', path: '/tags', value: [`zone-${Math.floor(Math.random() * 10)}`, `bench-${word()}`] },
        ];
        return {
          method: 'PATCH',
          path: `/v2/objects/${object.id}`,
          headers: { authorization: admin(object.companyId), 'content-type': 'application/json-patch+json' },
          body: JSON.stringify(operations),
        };
      },
    },
    {
      key: 'getSelect',
      description: `GET /v2/objects/:id?${SELECT}`,
      counterpart: 'rawGet',
      build: () => {
        const object = data.objects.pick();
        return { method: 'GET', path: `/v2/objects/${object.id}?${SELECT}`, headers: { authorization: admin(object.companyId) } };
      },
    },
    {
      key: 'listPage',
      description: `GET /v2/objects?limit=${LIST_LIMIT}: the first page, newest first`,
      counterpart: 'rawList',
      build: () => {
        const companyId = pick(data.objects.companies);
        return { method: 'GET', path: `/v2/objects?limit=${LIST_LIMIT}`, headers: { authorization: admin(companyId) } };
      },
    },
    {
      key: 'customerSelfPatch',
      description: 'PATCH /customers/:id by the customer itself (role user), restrictedTypeId 1, merge {phone, notes}',
      counterpart: 'rawCustomerSelfPatch',
      build: () => {
        const customer = pick(data.customers.self);
        return {
          method: 'PATCH',
          path: `/customers/${customer.id}`,
          headers: { authorization: bearer(data.customerTokens, customer.id), 'content-type': 'application/merge-patch+json' },
          body: customerPatchBody(),
        };
      },
    },
    {
      key: 'customerPut003',
      description: 'PUT /customers/:id (seed 003): Firstname, Phone, one CustomFields value, one new AccessKeys entry',
      counterpart: 'rawCustomerPut',
      build: () => {
        const customer = pick(data.customers.put);
        return {
          method: 'PUT',
          path: `/customers/${customer.id}`,
          headers: { authorization: admin(customer.companyId), 'content-type': 'application/json' },
          body: putBody(data, customer),
        };
      },
    },
    {
      key: 'contactJsonPatch',
      description: 'PATCH /api/v1/Contact/:id (seed 002), application/json-patch+json replace /category/id and /description',
      counterpart: 'rawContactJsonPatch',
      build: () => {
        const contact = pick(data.contacts.contacts);
        return {
          method: 'PATCH',
          path: `/api/v1/Contact/${contact.id}`,
          headers: { authorization: admin(contact.companyId), 'content-type': 'application/json-patch+json' },
          body: contactPatchBody(data),
        };
      },
    },
  ];
}

/** The raw server's scenarios (bench/raw/), with the same record choice and bodies as the app's. */
export function rawScenarios(data: BenchData): Scenario[] {
  const objectPatch = (route: string) => () => {
    const object = data.objects.pick();
    return {
      method: 'PATCH',
      path: `/${route}/${object.companyId}/${object.id}`,
      headers: { 'content-type': 'application/merge-patch+json' },
      body: mergeBody(),
    };
  };
  const json = { 'content-type': 'application/json' };
  return [
    {
      key: 'rawBaseline',
      description: 'PATCH /raw/:companyId/:id on bare Fastify + pg (BEGIN, SELECT FOR UPDATE, UPDATE, INSERT audit, COMMIT)',
      build: objectPatch('raw'),
    },
    {
      key: 'rawVersioned',
      description: 'PATCH /raw-versioned/:companyId/:id on bare Fastify + pg (SELECT, then one version-checked UPDATE + audit INSERT)',
      build: objectPatch('raw-versioned'),
    },
    {
      key: 'rawGet',
      description: `GET /raw-get/:companyId/:id?${SELECT}: the app's lookup statement, the selected fields answered`,
      build: () => {
        const object = data.objects.pick();
        return { method: 'GET', path: `/raw-get/${object.companyId}/${object.id}?${SELECT}`, headers: {} };
      },
    },
    {
      key: 'rawList',
      description: `GET /raw-list/:companyId?limit=${LIST_LIMIT}: the app's list statement`,
      build: () => ({ method: 'GET', path: `/raw-list/${pick(data.objects.companies)}?limit=${LIST_LIMIT}`, headers: {} }),
    },
    {
      key: 'rawCustomerSelfPatch',
      description: "PATCH /raw-customer-self/:companyId/:userId/:id: the app's customer lookup (owner-scoped) and full-row audited update",
      build: () => {
        const customer = pick(data.customers.self);
        return {
          method: 'PATCH',
          path: `/raw-customer-self/${customer.companyId}/${customer.userId}/${customer.id}`,
          headers: { 'content-type': 'application/merge-patch+json' },
          body: customerPatchBody(),
        };
      },
    },
    {
      key: 'rawCustomerPut',
      description: "PUT /raw-customer-put/:companyId/:id: the app's customer lookup, config read and full-row audited update",
      build: () => {
        const customer = pick(data.customers.put);
        return { method: 'PUT', path: `/raw-customer-put/${customer.companyId}/${customer.id}`, headers: json, body: putBody(data, customer) };
      },
    },
    {
      key: 'rawContactJsonPatch',
      description: "PATCH /raw-contact/:companyId/:id: the app's contact lookup and full-row audited update",
      build: () => {
        const contact = pick(data.contacts.contacts);
        return {
          method: 'PATCH',
          path: `/raw-contact/${contact.companyId}/${contact.id}`,
          headers: { 'content-type': 'application/json-patch+json' },
          body: contactPatchBody(data),
        };
      },
    },
  ];
}
