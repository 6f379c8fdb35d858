/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { CUSTOMERS, newCustomer, newObject, OBJECTS, patch } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newAdmin, newCompany } from './helpers/tokens';

/** GET /changes (API.md §5): committed changes, each exactly once, per record in version order. */

const CONTACTS = '/api/v1/Contact';

describe('change feed (API.md §5)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const feed = (token: string, query = '') => app.inject({ method: 'GET', url: `/changes${query}`, headers: bearer(token) });

  /** Follows nextCursor from `since` until a page is empty; answers the items and the last cursor. */
  async function follow(token: string, since?: string, extra = '') {
    const items: any[] = [];
    let cursor = since;
    for (;;) {
      const response = await feed(token, `?limit=50${cursor ? `&since=${cursor}` : ''}${extra}`);
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(typeof page.nextCursor).toBe('string');
      items.push(...page.items);
      cursor = page.nextCursor;
      if (page.items.length === 0) return { items, cursor: cursor! };
    }
  }

  async function newContact(token: string, fields: Record<string, unknown> = {}) {
    const response = await app.inject({ method: 'POST', url: CONTACTS, headers: bearer(token), payload: { name: 'Acme Oy', ...fields } });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  it('lists creates and updates of the company, oldest first, with version, actor and ops', async () => {
    const { token } = newAdmin();
    const object = await newObject(app, token, { name: 'Depot' });
    expect((await patch(app, `${OBJECTS}/${object._id}`, token, { name: 'Depot 2' })).statusCode).toBe(200);

    const { items } = await follow(token);
    expect(items).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        resource: 'objects',
        resourceId: object._id,
        kind: 'created',
        version: 1,
        at: expect.any(String),
        actor: { sub: expect.any(String), role: 'admin' },
        ops: [{ op: 'replace', path: '/name', value: 'Depot' }],
      },
      expect.objectContaining({ resourceId: object._id, kind: 'updated', version: 2, ops: [{ op: 'replace', path: '/name', value: 'Depot 2' }] }),
    ]);
  });

  it('renders `at` in the Time-Zone header’s zone', async () => {
    const { token } = newAdmin();
    await newObject(app, token);
    const response = await app.inject({ method: 'GET', url: '/changes', headers: { ...bearer(token), 'time-zone': 'Europe/Helsinki' } });
    expect(response.json().items[0].at).toMatch(/\+0[23]:00$/);
  });

  it('redacts GDPR-protected values as in history', async () => {
    const { token } = newAdmin();
    const customer = await newCustomer(app, token, { email: 'anna@example.com' });
    expect((await patch(app, `${CUSTOMERS}/${customer.id}`, token, { email: 'other@example.com' })).statusCode).toBe(200);
    const { items } = await follow(token);
    expect(items.map((item) => item.kind)).toEqual(['created', 'updated']);
    expect(JSON.stringify(items)).not.toContain('example.com');
    expect(items[1].ops).toEqual([{ op: 'replace', path: '/email', value: '***' }]);
  });

  it('shows no change of a refused write (422, 412) and no read audit', async () => {
    const { token } = newAdmin();
    const object = await newObject(app, token);
    const url = `${OBJECTS}/${object._id}`;
    expect((await patch(app, url, token, { rating: 99 })).statusCode).toBe(422);
    expect((await patch(app, url, token, { name: 'Stale' }, undefined, { 'if-match': '"not-the-etag"' })).statusCode).toBe(412);
    const customer = await newCustomer(app, token, { restrictedTypeId: 2 });
    // An unmasked read of a secret record writes a `read` audit row: not a change.
    expect((await app.inject({ method: 'GET', url: `${CUSTOMERS}/${customer.id}`, headers: bearer(token) })).statusCode).toBe(200);
    const { items } = await follow(token);
    expect(items.map((item) => [item.resource, item.kind, item.version])).toEqual([
      ['objects', 'created', 1],
      ['customers', 'created', 1],
    ]);
  });

  it('is scoped to the company: another company’s changes never appear, and its companyId is 404', async () => {
    const mine = newAdmin();
    const theirs = newAdmin();
    await newObject(app, theirs.token);
    await newObject(app, mine.token);
    const { items } = await follow(mine.token);
    expect(items).toHaveLength(1);
    expect((await feed(mine.token, `?companyId=${theirs.company}`)).statusCode).toBe(404);
  });

  it('lets a superadmin read a company it names', async () => {
    const { token, company } = newAdmin();
    const object = await newObject(app, token);
    const superadmin = actorToken('superadmin', newCompany());
    const { items } = await follow(superadmin, undefined, `&companyId=${company}`);
    expect(items.map((item) => item.resourceId)).toEqual([object._id]);
  });

  it('returns only the resources the token may read; naming another is 403; user role is 403', async () => {
    const company = newCompany();
    const admin = actorToken('admin', company);
    await newObject(app, admin);
    await newCustomer(app, admin);
    await newContact(admin);
    const objectsOnly = actorToken('admin', company, 'objects:read');
    expect((await follow(objectsOnly)).items.map((item) => item.resource)).toEqual(['objects']);
    expect((await follow(admin, undefined, '&resource=contacts')).items.map((item) => item.resource)).toEqual(['contacts']);
    expect((await feed(objectsOnly, '?resource=customers')).statusCode).toBe(403);
    expect((await feed(actorToken('admin', company, 'gdpr'))).statusCode).toBe(403);
    expect((await feed(actorToken('user', company))).statusCode).toBe(403);
    expect((await feed(admin, '?resource=orders')).statusCode).toBe(400);
  });

  it('refuses a cursor it did not issue with 400, and keeps the cursor on an empty page', async () => {
    const { token } = newAdmin();
    for (const since of ['garbage', Buffer.from('["x","1"]').toString('base64url'), Buffer.from('["99999999999999999999","1"]').toString('base64url')]) {
      const response = await feed(token, `?since=${since}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ pointer: '/since', detail: expect.any(String) }]);
    }
    await newObject(app, token);
    const { cursor } = await follow(token);
    const again = (await feed(token, `?since=${cursor}`)).json();
    expect(again).toEqual({ items: [], nextCursor: cursor });
  });

  it('holds back a change while an older transaction is still open, and shows it once that ends', async () => {
    const { token } = newAdmin();
    const { cursor } = await follow(token);
    const older = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await older.connect();
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()'); // takes a transaction id, as any writer does
      await newObject(app, token);
      expect((await follow(token, cursor)).items).toEqual([]);
      await older.query('COMMIT');
      expect((await follow(token, cursor)).items).toHaveLength(1);
    } finally {
      await older.end();
    }
  });

  it('gives a reader following the feed every change of 32 concurrent writers exactly once, per record in version order', async () => {
    const { token } = newAdmin();
    const objects = await Promise.all([newObject(app, token), newObject(app, token)]);
    const contacts = await Promise.all([newContact(token), newContact(token)]);
    const customers = await Promise.all([newCustomer(app, token), newCustomer(app, token)]);
    const records = [
      ...objects.map((o) => ({ url: `${OBJECTS}/${o._id}`, key: `objects/${o._id}`, field: 'description' })),
      ...contacts.map((c) => ({ url: `${CONTACTS}/${c.contactId}`, key: `contacts/${c.contactId}`, field: 'description' })),
      ...customers.map((c) => ({ url: `${CUSTOMERS}/${c.id}`, key: `customers/${c.id}`, field: 'notes' })),
    ];
    const WRITERS = 32;
    const WRITES_EACH = 4;

    const expected = records.length + WRITERS * WRITES_EACH;
    const seen: any[] = [];
    let writing = true;
    const reader = (async () => {
      let cursor: string | undefined;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const page = (await feed(token, `?limit=7${cursor ? `&since=${cursor}` : ''}`)).json();
        seen.push(...page.items);
        cursor = page.nextCursor;
        // The feed lags while any transaction on the server is open (another suite's, a worker's),
        // so an empty page right after the writers is not the end: the reader waits for them all.
        if (!writing && page.items.length === 0 && seen.length >= expected) {
          // One last read after every writer finished: nothing may be left behind.
          const rest = await follow(token, cursor);
          seen.push(...rest.items);
          return;
        }
      }
    })();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        for (let write = 0; write < WRITES_EACH; write++) {
          const record = records[(writer + write) % records.length];
          const response = await patch(app, record.url, token, { [record.field]: `writer ${writer} write ${write}` });
          expect(response.statusCode).toBe(200);
        }
      }),
    );
    writing = false;
    await reader;

    expect(seen).toHaveLength(expected);
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
    const versions = new Map<string, number[]>();
    for (const item of seen) {
      const key = `${item.resource}/${item.resourceId}`;
      versions.set(key, [...(versions.get(key) ?? []), item.version]);
    }
    expect([...versions.keys()].sort()).toEqual(records.map((r) => r.key).sort());
    for (const list of versions.values()) {
      expect(list).toEqual(list.map((_, index) => index + 1)); // 1, 2, 3, … in arrival order, none missing
    }
  }, 90_000);
});
