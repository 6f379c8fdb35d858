/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { applyPatch } from '../src/common/patch';
import { getObject, historyOf, OBJECTS, patch } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

/** Audit history (API.md §1.8): one row per stored change, newest first. */

const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';
const REPLAY_LIMITS = { maxOps: 10_000, maxDepth: 64, maxDocumentBytes: 10_000_000 };

describe('audit history GET /v2/objects/:id/history (API.md §1.8)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** Creates a record as `sub`, sending `requestId`. */
  async function create(requestId = `create-${Date.now()}`, fields: Record<string, unknown> = {}) {
    const company = newCompany();
    const token = actorToken('admin', company, undefined, 'auditor-admin');
    const response = await app.inject({
      method: 'POST',
      url: OBJECTS,
      headers: { ...bearer(token), 'x-request-id': requestId },
      payload: { name: 'Main office', ...fields },
    });
    expect(response.statusCode).toBe(201);
    const object = response.json();
    return { company, token, object, id: object._id as string };
  }

  const change = (token: string, id: string, body: unknown, requestId: string, contentType = MERGE) =>
    patch(app, `${OBJECTS}/${id}`, token, body, contentType, { 'x-request-id': requestId });

  const historyPage = (token: string, id: string, query = '') =>
    app.inject({ method: 'GET', url: `${OBJECTS}/${id}/history${query}`, headers: bearer(token) });

  describe('rows', () => {
    it('create writes one row: the creator, the request id and the diff from the empty record', async () => {
      const { token, id, object } = await create('req-create-1', { status: { status: 3 } });
      expect(await historyOf(app, token, id)).toEqual([
        {
          at: object.status.createdAt,
          actor: { sub: 'auditor-admin', role: 'admin' },
          requestId: 'req-create-1',
          kind: 'change',
          ops: [
            { op: 'replace', path: '/status/status', value: 3 },
            { op: 'replace', path: '/name', value: 'Main office' },
          ],
        },
      ]);
    });

    it('a PATCH writes one row with the caller, the X-Request-Id sent, and the RFC 6902 diff', async () => {
      const { company, id } = await create();
      const editor = actorToken('superadmin', newCompany(), undefined, 'support-7');
      const response = await change(editor, id, { name: 'Renamed', contact: { email: 'new@example.com' } }, 'req-patch-1');
      expect(response.statusCode).toBe(200);

      const [latest, ...older] = await historyOf(app, actorToken('admin', company), id);
      expect(older).toHaveLength(1);
      expect(latest).toEqual({
        at: response.json().status.lastModifiedAt,
        actor: { sub: 'support-7', role: 'superadmin' },
        requestId: 'req-patch-1',
        kind: 'change',
        ops: [
          { op: 'replace', path: '/name', value: 'Renamed' },
          { op: 'replace', path: '/contact', value: { phone: null, email: 'new@example.com', fax: null } },
        ],
      });
    });

    it('records what changed, not what was sent: a nested edit and an array append', async () => {
      const { token, id } = await create(undefined, { contact: { phone: '1', email: 'old@example.com' }, tags: ['a', 'b'] });
      const response = await change(
        token,
        id,
        [
          { op: 'replace', path: '/contact/email', value: 'new@example.com' },
          { op: 'test', path: '/name', value: 'Main office' },
          { op: 'add', path: '/tags/-', value: 'c' },
          { op: 'replace', path: '/contact/phone', value: '1' },
        ],
        'req-diff',
        JSON_PATCH,
      );
      expect(response.statusCode).toBe(200);
      expect((await historyOf(app, token, id))[0].ops).toEqual([
        { op: 'replace', path: '/contact/email', value: 'new@example.com' },
        { op: 'add', path: '/tags/2', value: 'c' },
      ]);
    });

    it('the ops of every row replay the record from empty to its current state', async () => {
      const { token, id } = await create(undefined, { tags: ['x'], securityCode: { 'a/b': 1 } });
      const changes = [
        await change(token, id, { tags: ['y', 'x'], securityCode: { 'a/b': null, '~c': 2 }, rating: 4 }, 'r1'),
        await change(token, id, [{ op: 'copy', from: '/tags', path: '/contactIds' }, { op: 'remove', path: '/tags/0' }], 'r2', JSON_PATCH),
        await change(token, id, { contact: { fax: '+358 9 1' }, rating: null }, 'r3'),
      ];
      expect(changes.map((response) => response.statusCode)).toEqual([200, 200, 200]);

      const rows = await historyOf(app, token, id);
      const current = (await getObject(app, token, id)).json();
      const empty: Record<string, unknown> = Object.fromEntries(Object.keys(current).map((key) => [key, null]));
      empty.status = { status: 0, createdAt: null, createdBy: null, lastModifiedAt: null, lastModifiedBy: null };
      let replayed: unknown = empty;
      for (const row of [...rows].reverse()) replayed = applyPatch(replayed, row.ops, REPLAY_LIMITS);
      const serverManaged = ['_id', 'number', 'companyId', 'chatId', 'status'];
      const strip = (doc: any) => Object.fromEntries(Object.entries(doc).filter(([key]) => !serverManaged.includes(key)));
      expect(strip(replayed)).toEqual(strip(current));
    });

    it('lists rows newest first, each with its own request id', async () => {
      const { token, id } = await create('req-0');
      for (const n of [1, 2, 3]) expect((await change(token, id, { name: `Name ${n}` }, `req-${n}`)).statusCode).toBe(200);
      const rows = await historyOf(app, token, id);
      expect(rows.map((row) => row.requestId)).toEqual(['req-3', 'req-2', 'req-1', 'req-0']);
      expect(rows[0].ops).toEqual([{ op: 'replace', path: '/name', value: 'Name 3' }]);
      const times = rows.map((row) => Date.parse(row.at));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('echoes a generated request id when none was sent, and the row carries the same one', async () => {
      const { token, id } = await create();
      const response = await patch(app, `${OBJECTS}/${id}`, token, { name: 'No id sent' });
      expect(response.statusCode).toBe(200);
      const generated = response.headers['x-request-id'];
      expect(generated).toEqual(expect.any(String));
      expect((await historyOf(app, token, id))[0].requestId).toBe(generated);
    });
  });

  describe('pagination', () => {
    it('pages with limit=1 and nextCursor through every row once', async () => {
      const { token, id } = await create('p-0');
      for (const n of [1, 2]) await change(token, id, { name: `Page ${n}` }, `p-${n}`);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await historyPage(token, id, `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(page.statusCode).toBe(200);
        expect(page.json().items).toHaveLength(1);
        seen.push(page.json().items[0].requestId);
        cursor = page.json().nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual(['p-2', 'p-1', 'p-0']);
      expect(cursor).toBeNull();
    });

    it.each([
      ['limit=0', '?limit=0'],
      ['limit=201', '?limit=201'],
      ['a bad cursor', '?cursor=not-a-cursor'],
    ])('refuses %s with 400', async (_what, query) => {
      const { token, id } = await create();
      expect((await historyPage(token, id, query)).statusCode).toBe(400);
    });
  });

  describe('who may read it', () => {
    it('user role gets 403', async () => {
      const { company, id } = await create();
      const response = await historyPage(actorToken('user', company), id);
      expect(response.statusCode).toBe(403);
    });

    it('a foreign admin gets 404 "Not found."', async () => {
      const { id } = await create();
      const response = await historyPage(actorToken('admin', newCompany()), id);
      expect(response.statusCode).toBe(404);
      expect(response.json().detail).toBe('Not found.');
    });

    it('a nonexistent record is 404', async () => {
      const response = await historyPage(actorToken('admin', newCompany()), '00000000-0000-4000-8000-000000000000');
      expect(response.statusCode).toBe(404);
    });

    it('superadmin may read any company', async () => {
      const { id } = await create('sa-0');
      const response = await historyPage(actorToken('superadmin', newCompany()), id);
      expect(response.statusCode).toBe(200);
      expect(response.json().items.map((row: any) => row.requestId)).toEqual(['sa-0']);
    });

    it('an admin token without objects:read gets 403', async () => {
      const { company, id } = await create();
      expect((await historyPage(actorToken('admin', company, 'contacts:read'), id)).statusCode).toBe(403);
    });
  });

  describe('refused requests write no row', () => {
    const refusals: Array<[string, number, unknown, string, Record<string, string>, string]> = [
      ['an unknown field', 400, { colour: 'red' }, MERGE, {}, ''],
      ['a read-only field', 400, { number: 99 }, MERGE, {}, ''],
      ['an invalid value', 422, { rating: 6 }, MERGE, {}, ''],
      ['a failed test', 409, [{ op: 'test', path: '/name', value: 'guess' }, { op: 'remove', path: '/name' }], JSON_PATCH, {}, ''],
      ['a stale If-Match', 412, { name: 'x' }, MERGE, { 'if-match': '"stale"' }, ''],
      ['an unsupported media type', 415, 'name=x', 'text/plain', {}, ''],
      ['a bad $select', 400, { name: 'x' }, MERGE, {}, '?$select=nope'],
      ['a dry run', 200, { name: 'Dry' }, MERGE, {}, '?dryRun=true'],
    ];

    it.each(refusals)('%s (%d)', async (_what, status, body, contentType, headers, query) => {
      const { token, id } = await create();
      const rowsBefore = await historyOf(app, token, id);
      const response = await patch(app, `${OBJECTS}/${id}${query}`, token, body, contentType, headers);
      expect(response.statusCode).toBe(status);
      expect(await historyOf(app, token, id)).toEqual(rowsBefore);
    });

    it('a user (403) writes no row', async () => {
      const { company, token, id } = await create();
      const response = await patch(app, `${OBJECTS}/${id}`, actorToken('user', company), { name: 'x' });
      expect(response.statusCode).toBe(403);
      expect(await historyOf(app, token, id)).toHaveLength(1);
    });

    it('a no-op patch writes no row', async () => {
      const { token, id } = await create();
      expect((await change(token, id, { name: 'Main office' }, 'noop')).statusCode).toBe(200);
      expect((await historyOf(app, token, id)).map((row) => row.requestId)).not.toContain('noop');
    });

    it('a refused create writes no row anywhere the company can see', async () => {
      const company = newCompany();
      const token = actorToken('admin', company);
      const refused = await app.inject({ method: 'POST', url: OBJECTS, headers: bearer(token), payload: { name: '' } });
      expect(refused.statusCode).toBe(422);
      const list = await app.inject({ method: 'GET', url: OBJECTS, headers: bearer(token) });
      expect(list.json().items).toEqual([]);
    });
  });
});
