/**
 * A partner's client, written only against the types that openapi-typescript generates from
 * /docs-json (schema.d.ts beside this file) and driven by openapi-fetch: no casts, no types of
 * its own. `npm run check` type-checks it under --strict; test/openapi-tools.e2e-spec.ts runs
 * it against the real app and validates every answer against the document.
 *
 * Run it against a server of your own:
 *   BASE_URL=http://localhost:3000 CLIENT_ID=… CLIENT_SECRET=… npx ts-node test/openapi-client/workflow.ts
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

type Problem = components['schemas']['ProblemDto'];

/** One request and its answer, as seen on the wire. */
export interface Exchange {
  method: string;
  /** The OpenAPI path template, e.g. `/v2/objects/{id}`. */
  schemaPath: string;
  status: number;
  contentType: string | null;
  body: string;
}

export interface WorkflowOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Everything the workflow sent and received, in order. */
export interface WorkflowResult {
  exchanges: Exchange[];
}

/** The answer carried the data the step needs, or the step fails naming the answer. */
function expectData<T>(step: string, answer: { data?: T; error?: Problem; response: Response }): T {
  if (answer.data === undefined) {
    throw new Error(`${step}: HTTP ${answer.response.status} ${answer.error?.detail ?? ''} ${JSON.stringify(answer.error?.errors ?? [])}`);
  }
  return answer.data;
}

/** Fields are nullable in the document (a `$select` may leave them out); the workflow needs these. */
function present<T>(step: string, value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error(`${step}: value missing`);
  return value;
}

function expectStatus(step: string, response: Response, status: number): void {
  if (response.status !== status) throw new Error(`${step}: expected HTTP ${status}, got ${response.status}`);
}

function etagOf(step: string, response: Response): string {
  return present(`${step} ETag`, response.headers.get('etag'));
}

/** Records every exchange for the caller to check against the document. */
function recorder(exchanges: Exchange[]): Middleware {
  return {
    async onResponse({ request, response, schemaPath }) {
      exchanges.push({
        method: request.method.toLowerCase(),
        schemaPath,
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: await response.clone().text(),
      });
      return undefined;
    },
  };
}

export async function runWorkflow({ baseUrl, clientId, clientSecret }: WorkflowOptions): Promise<WorkflowResult> {
  const exchanges: Exchange[] = [];
  const anonymous = createClient<paths>({ baseUrl });
  anonymous.use(recorder(exchanges));

  // OAuth 2.0 client credentials (RFC 6749 §4.4).
  const token = expectData(
    'POST /auth/token',
    await anonymous.POST('/auth/token', { body: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret } }),
  );
  const api = createClient<paths>({ baseUrl, headers: { Authorization: `${token.token_type} ${token.access_token}` } });
  api.use(recorder(exchanges));

  const me = expectData('GET /auth/me', await api.GET('/auth/me'));

  // Seed 000: create, get, merge patch with If-Match, JSON Patch, list, history.
  const object = expectData(
    'POST /v2/objects',
    await api.POST('/v2/objects', {
      body: { name: 'Head office', address: { street: 'Itäkatu 1', zip: '00930', city: 'Helsinki', country: 'FI' }, tags: ['mall'] },
    }),
  );
  const objectId = present('object _id', object._id);
  const read = await api.GET('/v2/objects/{id}', { params: { path: { id: objectId } } });
  expectData('GET /v2/objects/{id}', read);
  const merged = await api.PATCH('/v2/objects/{id}', {
    params: { path: { id: objectId }, header: { 'If-Match': etagOf('GET object', read.response) } },
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: { name: 'Main office', contact: { phone: '+358 9 123 4567' }, location: null },
  });
  expectData('PATCH /v2/objects/{id} (merge patch)', merged);
  expectData(
    'PATCH /v2/objects/{id} (JSON Patch)',
    await api.PATCH('/v2/objects/{id}', {
      params: { path: { id: objectId } },
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: [
        { op: 'test', path: '/name', value: 'Main office' },
        { op: 'add', path: '/tags/-', value: 'weekly' },
        { op: 'copy', from: '/name', path: '/contactName' },
      ],
    }),
  );
  const objects = expectData('GET /v2/objects', await api.GET('/v2/objects', { params: { query: { limit: 10 } } }));
  const objectHistory = expectData('GET /v2/objects/{id}/history', await api.GET('/v2/objects/{id}/history', { params: { path: { id: objectId } } }));

  // Seed 002: contact, reference lists, a JSON Patch sent as application/json.
  const category = expectData('GET /api/v1/List/{name}/Items', await api.GET('/api/v1/List/{name}/Items', { params: { path: { name: 'category' } } }));
  const contact = expectData(
    'POST /api/v1/Contact',
    await api.POST('/api/v1/Contact', { body: { name: 'Global Industries Ltd', department: 'Sales', category: { id: present('a category', category[0]).id } } }),
  );
  const contactId = present('contactId', contact.contactId);
  expectData(
    'PATCH /api/v1/Contact/{id}',
    await api.PATCH('/api/v1/Contact/{id}', {
      params: { path: { id: String(contactId) }, query: { $select: 'name,department' } },
      body: [{ op: 'replace', path: '/department', value: 'Support' }],
    }),
  );

  // Seed 003: a custom field config, a customer, the PUT that sets its value and adds an access key.
  const config = expectData(
    'POST /customers/custom-fields',
    await api.POST('/customers/custom-fields', { body: { name: 'Number of persons', dataType: 'Number', isMandatory: false } }),
  );
  const configs = expectData('GET /customers/custom-fields', await api.GET('/customers/custom-fields'));
  const customer = expectData(
    'POST /customers',
    await api.POST('/customers', { body: { firstName: 'Anna', lastName: 'Virtanen', personalId: `P-${objectId.slice(0, 8)}` } }),
  );
  const customerId = present('customer id', customer.id);
  const replaced = expectData(
    'PUT /customers/{id}',
    await api.PUT('/customers/{id}', {
      params: { path: { id: customerId } },
      body: {
        phone: '+358401234567',
        customFields: [{ id: config.id, value: '3' }],
        accessKeys: [{ accessKeyTypeId: 1, value: 'DOOR-1234', description: 'Front door' }],
        invoiceAddress: { invoiceCity: 'Helsinki', invoiceCountryCode: 'FI' },
      },
    }),
  );

  // Seed 004: the customer named in the body by its number; then a minimal answer (204).
  expectData(
    'PATCH /customers',
    await api.PATCH('/customers', { body: { customerId: present('customerNumber', replaced.customerNumber), notes: 'Prefers mornings' } }),
  );
  const minimal = await api.PATCH('/customers/{id}', {
    params: { path: { id: customerId }, header: { Prefer: 'return=minimal' } },
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: { subscribedToNewsletter: true },
  });
  expectStatus('PATCH /customers/{id} (return=minimal)', minimal.response, 204);
  const customerHistory = expectData('GET /customers/{id}/history', await api.GET('/customers/{id}/history', { params: { path: { id: customerId } } }));

  const checks: [string, boolean][] = [
    ['the token acts for the client’s company', me.companyId === customer.companyId],
    ['the list holds the object', objects.items.some((item) => item._id === objectId)],
    ['the object has three changes', objectHistory.items.filter((entry) => entry.kind !== 'read').length === 3],
    ['the config is listed', configs.some((item) => item.id === config.id)],
    ['the PUT set the custom field value', (replaced.customFieldValues ?? []).some((value) => value.id === config.id && value.value === '3')],
    ['the customer’s history names each change', customerHistory.items.length >= 4],
  ];
  const failed = checks.filter(([, holds]) => !holds).map(([name]) => name);
  if (failed.length) throw new Error(`Workflow checks failed: ${failed.join('; ')}`);
  return { exchanges };
}

if (require.main === module) {
  const env = (name: string) => present(name, process.env[name]);
  runWorkflow({ baseUrl: env('BASE_URL'), clientId: env('CLIENT_ID'), clientSecret: env('CLIENT_SECRET') }).then(
    ({ exchanges }) => console.log(`${exchanges.length} requests, each step as expected`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
