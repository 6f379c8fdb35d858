/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Response as LightMyRequestResponse } from 'light-my-request';
import { actorToken, bearer, newCompany } from './tokens';

export const OBJECTS = '/v2/objects';
export const CUSTOMERS = '/customers';

/** POST to a collection; answers the created body (fails the test unless 201). */
async function created(app: NestFastifyApplication, token: string, url: string, payload: object): Promise<Record<string, any>> {
  const response = await app.inject({ method: 'POST', url, headers: bearer(token), payload });
  if (response.statusCode !== 201) throw new Error(`create at ${url} failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A record's audit history at `recordUrl`, newest first, all of it (fails the test unless 200). */
async function historyAt(app: NestFastifyApplication, token: string, recordUrl: string): Promise<Array<Record<string, any>>> {
  const response = await app.inject({ method: 'GET', url: `${recordUrl}/history?limit=200`, headers: bearer(token) });
  if (response.statusCode !== 200) throw new Error(`history failed: ${response.statusCode} ${response.body}`);
  return response.json().items;
}

/** Creates a customer object through the API and returns its body (fails the test otherwise). */
export function newObject(
  app: NestFastifyApplication,
  token: string,
  fields: Record<string, unknown> = {},
  query = '',
): Promise<Record<string, any>> {
  return created(app, token, `${OBJECTS}${query}`, { name: 'Main office', ...fields });
}

/** A write with an explicit content type; `body` is sent as JSON unless it is already a string. */
function send(
  app: NestFastifyApplication,
  method: 'PATCH' | 'PUT',
  url: string,
  token: string,
  body: unknown,
  contentType: string,
  headers: Record<string, string>,
) {
  return app.inject({
    method,
    url,
    headers: { ...bearer(token), 'content-type': contentType, ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** PATCH with an explicit content type (merge patch by default). */
export function patch(
  app: NestFastifyApplication,
  url: string,
  token: string,
  body: unknown,
  contentType = 'application/merge-patch+json',
  headers: Record<string, string> = {},
) {
  return send(app, 'PATCH', url, token, body, contentType, headers);
}

/** GET one customer object (any status). */
export function getObject(app: NestFastifyApplication, token: string, id: string, query = '') {
  return app.inject({ method: 'GET', url: `${OBJECTS}/${id}${query}`, headers: bearer(token) });
}

/** The record's audit history, newest first, all of it (fails the test unless 200). */
export function historyOf(app: NestFastifyApplication, token: string, id: string): Promise<Array<Record<string, any>>> {
  return historyAt(app, token, `${OBJECTS}/${id}`);
}

/** What a caller can observe of a record: its body, ETag, Last-Modified and audit row count. */
export interface RecordSnapshot {
  status: number;
  etag: unknown;
  lastModified: unknown;
  body: Record<string, any>;
  auditRows: number;
}

/** Takes a snapshot with an admin (or superadmin) token, which may also read the history. */
export async function snapshot(app: NestFastifyApplication, token: string, id: string): Promise<RecordSnapshot> {
  return snapshotOf(await getObject(app, token, id), (await historyOf(app, token, id)).length);
}

function snapshotOf(response: LightMyRequestResponse, auditRows: number): RecordSnapshot {
  return {
    status: response.statusCode,
    etag: response.headers.etag,
    lastModified: response.headers['last-modified'],
    body: response.json(),
    auditRows,
  };
}

/** A refused request stored nothing: same body, same ETag and Last-Modified, no new audit row. */
export async function expectUnchanged(app: NestFastifyApplication, token: string, before: RecordSnapshot): Promise<void> {
  expect(await snapshot(app, token, before.body._id)).toEqual(before);
}

/** A fresh company with an admin (all scopes) and one customer object in it. */
export async function adminWithObject(app: NestFastifyApplication, fields: Record<string, unknown> = {}) {
  const company = newCompany();
  const token = actorToken('admin', company);
  const object = await newObject(app, token, fields);
  return { company, token, object, id: object._id as string };
}

/** Every client-writable field of seed 000, with realistic values (customerId left out: it must name a Customer). */
export const SEED_000_WRITABLE = {
  status: { status: 2 },
  name: 'Itäkeskus shopping centre',
  contact: { phone: '+358 40 123 4567', email: 'jsmith@example.com', fax: '+358 9 765 4321' },
  contract: { startDate: '2023-11-07T05:31:56.000Z', endDate: '2025-11-06T22:00:00.000Z' },
  objectManagerId: 'manager-0017',
  material: [
    { articleId: 'ART-1001', budget: 1250.5 },
    { articleId: 'ART-2002', budget: 0 },
  ],
  address: { street: 'Itäkatu 1-7', zip: '00930', city: 'Helsinki', country: 'FI' },
  location: { latitude: 60.2105, longitude: 25.082 },
  rating: 4.5,
  description: 'Service entrance at the loading dock, open 6-22.',
  securityCode: { alarm: '4711', Doors: ['A', 'B'], nested: { Level: 2 } },
  key: 'Key box 12 at the loading dock',
  orderDescription: 'Weekly cleaning of the common areas',
  contactName: 'Jane Smith',
  invoiceRecipientId: 'invoice-42',
  invoiceCCRecipientIds: ['invoice-43', 'invoice-44'],
  serviceRecipient: 'Facility services team',
  contactIds: ['contact-1', 'contact-2'],
  tags: ['mall', 'helsinki', 'weekly'],
};

/** Creates a customer through the API (POST /customers) and returns its body (fails the test otherwise). */
export function newCustomer(
  app: NestFastifyApplication,
  token: string,
  fields: Record<string, unknown> = {},
  query = '',
): Promise<Record<string, any>> {
  return created(app, token, `${CUSTOMERS}${query}`, { firstName: 'Anna', lastName: 'Virtanen', ...fields });
}

/** Defines a custom field config (a TextBox unless `config` says otherwise); answers its body. */
export function newCustomFieldConfig(app: NestFastifyApplication, token: string, config: Record<string, unknown>): Promise<Record<string, any>> {
  return created(app, token, `${CUSTOMERS}/custom-fields`, { dataType: 'TextBox', ...config });
}

/** GET one customer (any status). */
export function getCustomer(app: NestFastifyApplication, token: string, id: string, query = '') {
  return app.inject({ method: 'GET', url: `${CUSTOMERS}/${id}${query}`, headers: bearer(token) });
}

/** PUT /customers/:id (seed 003) with a JSON body. */
export function putCustomer(
  app: NestFastifyApplication,
  token: string,
  id: string,
  body: unknown,
  query = '',
  headers: Record<string, string> = {},
) {
  return send(app, 'PUT', `${CUSTOMERS}/${id}${query}`, token, body, 'application/json', headers);
}

/** A customer's audit history, newest first, all of it (fails the test unless 200). */
export function customerHistory(app: NestFastifyApplication, token: string, id: string): Promise<Array<Record<string, any>>> {
  return historyAt(app, token, `${CUSTOMERS}/${id}`);
}

/**
 * A snapshot of a customer as an admin sees it. Only change rows are counted: on a secret
 * (level 2) record the snapshot's own unmasked GET adds a read row.
 */
export async function customerSnapshot(app: NestFastifyApplication, token: string, id: string): Promise<RecordSnapshot> {
  const response = await getCustomer(app, token, id);
  return snapshotOf(response, (await customerHistory(app, token, id)).filter((entry) => entry.kind !== 'read').length);
}

/** A refused customer write stored nothing: same body, ETag, Last-Modified, no new change row. */
export async function expectCustomerUnchanged(app: NestFastifyApplication, token: string, before: RecordSnapshot): Promise<void> {
  expect(await customerSnapshot(app, token, before.body.id)).toEqual(before);
}
