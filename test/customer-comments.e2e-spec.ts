/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { XMLParser } from 'fast-xml-parser';
import { ISO_UTC } from './helpers/expectations';
import { CUSTOMERS, customerHistory, getCustomer, newCustomer, patch } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

const WITHOUT_GDPR = 'customers:read customers:write';

describe('Customer comments (seed 003, API.md §4)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** A company, its customer linked to a user at `level`, and the callers. */
  async function setup(level = 0, fields: Record<string, unknown> = {}) {
    const company = newCompany();
    const selfSub = `user-${randomUUID()}`;
    const admin = actorToken('admin', company);
    const customer = await newCustomer(app, admin, { userId: selfSub, restrictedTypeId: level, ...fields });
    return {
      company,
      admin,
      id: customer.id as string,
      plainAdmin: actorToken('admin', company, WITHOUT_GDPR),
      self: actorToken('user', company, WITHOUT_GDPR, selfSub),
      otherUser: actorToken('user', company, WITHOUT_GDPR),
    };
  }

  const addComment = (token: string, id: string, body: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: `${CUSTOMERS}/${id}/comments`,
      headers: { ...bearer(token), 'content-type': 'application/json', ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const listComments = (token: string, id: string, query = '', headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `${CUSTOMERS}/${id}/comments${query}`, headers: { ...bearer(token), ...headers } });

  it('lets an admin add a comment: 201, shown newest first in the document and the list, new ETag, audited as GDPR', async () => {
    const { admin, id } = await setup();
    const before = await getCustomer(app, admin, id);
    const first = await addComment(admin, id, { Comments: 'Called, will call back', ImageUrl: 'https://example.com/door.jpg' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({
      id: expect.any(Number),
      comments: 'Called, will call back',
      imageUrl: 'https://example.com/door.jpg',
      created: expect.stringMatching(ISO_UTC),
      updated: expect.stringMatching(ISO_UTC),
    });
    const second = await addComment(admin, id, { comments: 'Prefers mornings' });
    expect(second.json().imageUrl).toBeNull();

    const after = await getCustomer(app, admin, id);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().comments.map((c: any) => c.comments)).toEqual(['Prefers mornings', 'Called, will call back']);
    const listed = await listComments(admin, id);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual({ items: [second.json(), first.json()], nextCursor: null });

    const [latest] = await customerHistory(app, admin, id);
    expect(latest).toMatchObject({ kind: 'change', ops: [{ op: 'add', path: '/comments/0', value: '***' }] });
    expect(JSON.stringify(await customerHistory(app, admin, id))).not.toContain('Prefers mornings');
  });

  it('lets the customer itself comment and read, but not another user (404) or a non-editable self (403)', async () => {
    const { self, otherUser, id } = await setup();
    expect((await addComment(self, id, { comments: 'My door code changed' })).statusCode).toBe(201);
    expect((await listComments(self, id)).json().items[0].comments).toBe('My door code changed');
    for (const response of [await addComment(otherUser, id, { comments: 'x' }), await listComments(otherUser, id)]) {
      expect(response.statusCode).toBe(404);
    }
    const locked = await setup(0, { editableByCustomer: false });
    expect((await addComment(locked.self, locked.id, { comments: 'x' })).statusCode).toBe(403);
  });

  it("answers 404 for another company's customer, even with a bad body, and stores nothing", async () => {
    const { admin, id } = await setup();
    const stranger = actorToken('admin', newCompany());
    expect((await addComment(stranger, id, { comments: 'x' })).statusCode).toBe(404);
    expect((await addComment(stranger, id, '{not json')).statusCode).toBe(404);
    expect((await addComment(stranger, id, { comments: 'a'.repeat(5000) })).statusCode).toBe(404);
    expect((await listComments(stranger, id)).statusCode).toBe(404);
    expect((await addComment(admin, randomUUID(), { comments: 'x' })).statusCode).toBe(404);
    expect((await listComments(admin, id)).json().items).toEqual([]);
  });

  it.each([1, 2])('masks comments at level %i for an admin without gdpr, and shows them to gdpr holders and self', async (level) => {
    const { admin, plainAdmin, self, id } = await setup(level);
    expect((await addComment(admin, id, { comments: 'Sensitive note' })).statusCode).toBe(201);

    const masked = (await getCustomer(app, plainAdmin, id)).json();
    expect(masked.comments).toBeNull();
    expect(masked.maskedFields).toContain('comments');
    const listed = await listComments(plainAdmin, id);
    expect(listed.statusCode).toBe(403);
    expect(listed.json().errors).toEqual([{ pointer: '/comments', detail: 'is protected personal data' }]);
    expect(listed.body).not.toContain('Sensitive note');
    expect((await addComment(plainAdmin, id, { comments: 'x' })).statusCode).toBe(403);

    for (const token of [admin, self]) {
      expect((await getCustomer(app, token, id)).json().comments[0].comments).toBe('Sensitive note');
      expect((await listComments(token, id)).json().items[0].comments).toBe('Sensitive note');
    }
    // A masked view's own null sent back leaves the comments alone (round trip).
    const sentBack = await patch(app, `${CUSTOMERS}/${id}`, plainAdmin, { comments: null, notes: 'seen' });
    expect(sentBack.statusCode).toBe(200);
    expect((await getCustomer(app, admin, id)).json().comments).toHaveLength(1);
  });

  it('audits level-2 reads of the comment list', async () => {
    const { admin, id } = await setup(2);
    const reads = async () => (await customerHistory(app, admin, id)).filter((entry) => entry.kind === 'read').length;
    const before = await reads();
    expect((await listComments(admin, id)).statusCode).toBe(200);
    expect(await reads()).toBeGreaterThan(before);
  });

  it('refuses text over 2000 characters, empty text and non-http(s) images with 422 and pointers, storing nothing', async () => {
    const { admin, id } = await setup();
    expect((await addComment(admin, id, { comments: 'a'.repeat(2000) })).statusCode).toBe(201);
    const tooLong = await addComment(admin, id, { comments: 'a'.repeat(2001) });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(tooLong.json().errors).toEqual([{ pointer: '/comments', detail: 'must be at most 2000 characters' }]);
    const bad = await addComment(admin, id, { comments: '', imageUrl: 'ftp://example.com/a.png' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: any) => e.pointer)).toEqual(['/comments', '/imageUrl']);
    expect((await addComment(admin, id, { comments: 'x', rating: 5 })).statusCode).toBe(400);
    expect((await addComment(admin, id, '{not json')).statusCode).toBe(400);
    expect((await listComments(admin, id)).json().items).toHaveLength(1);
  });

  it('pages the list newest first with an opaque cursor, and bounds the document at 20', async () => {
    const { admin, id } = await setup();
    for (let n = 1; n <= 23; n++) expect((await addComment(admin, id, { comments: `note ${n}` })).statusCode).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await listComments(admin, id, `?limit=10${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((c: any) => c.comments));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `note ${23 - i}`));
    const document = (await getCustomer(app, admin, id)).json();
    expect(document.comments).toHaveLength(20);
    expect(document.comments[0].comments).toBe('note 23');
    expect((await listComments(admin, id, '?cursor=bogus')).statusCode).toBe(400);
    expect((await listComments(admin, id, '?limit=0')).statusCode).toBe(400);
  });

  it('answers XML and renders stamps in the Time-Zone asked', async () => {
    const { admin, id } = await setup();
    await addComment(admin, id, { comments: '<b>bold</b> & more' });
    const xml = await listComments(admin, id, '', { accept: 'application/xml', 'time-zone': 'Europe/Helsinki' });
    expect(xml.statusCode).toBe(200);
    const parsed = new XMLParser().parse(xml.body);
    expect(parsed.CustomerCommentList.items.item.comments).toBe('<b>bold</b> & more');
    expect(parsed.CustomerCommentList.items.item.created).toMatch(/\+0[23]:00$/);
  });

  it('shows a comment in the change feed as an update of the customer, at its new version', async () => {
    const context = await setup();
    expect((await addComment(context.admin, context.id, { comments: 'Call first' })).statusCode).toBe(201);

    const response = await app.inject({ method: 'GET', url: '/changes?limit=50', headers: bearer(context.admin) });
    expect(response.statusCode).toBe(200);
    const changes = (response.json().items as any[]).filter((item) => item.resourceId === context.id);
    expect(changes.map((item) => [item.kind, item.version])).toEqual([
      ['created', 1],
      ['updated', 2],
    ]);
    expect(changes[1].ops).toEqual([{ op: 'add', path: '/comments/0', value: expect.anything() }]);
  });
});
