import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { CustomerObjectsRepository } from '../src/customer-objects/customer-objects.repository';
import { adminWithObject, expectUnchanged, getObject, historyOf, OBJECTS, patch, snapshot } from './helpers/factories';
import { startTestApp } from './helpers/test-app';

/** Preconditions, Prefer, dryRun and concurrent writers (API.md §1.4). */

const JSON_PATCH = 'application/json-patch+json';
const MERGE = 'application/merge-patch+json';

describe('concurrency and write options (API.md §1.4)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function fixture(fields: Record<string, unknown> = {}) {
    const record = await adminWithObject(app, fields);
    const url = `${OBJECTS}/${record.id}`;
    const send = (body: unknown, headers: Record<string, string> = {}, query = '', contentType = MERGE) =>
      patch(app, `${url}${query}`, record.token, body, contentType, headers);
    return { ...record, send, snapshot: () => snapshot(app, record.token, record.id) };
  }

  describe('If-Match', () => {
    it('with the current ETag: 200, a new ETag, and GET agrees', async () => {
      const record = await fixture();
      const before = await record.snapshot();
      const response = await record.send({ name: 'Matched' }, { 'if-match': String(before.etag) });
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toMatch(/^"[^"]+"$/);
      expect(response.headers.etag).not.toBe(before.etag);
      expect(response.headers['last-modified']).toEqual(expect.any(String));
      const after = await getObject(app, record.token, record.id);
      expect(after.headers.etag).toBe(response.headers.etag);
      expect(after.json().name).toBe('Matched');
    });

    it('refuses a stale If-Match with 412 and stores nothing', async () => {
      const record = await fixture();
      const stale = String((await record.snapshot()).etag);
      expect((await record.send({ name: 'First writer' })).statusCode).toBe(200);
      const before = await record.snapshot();
      const response = await record.send({ name: 'Second writer' }, { 'if-match': stale });
      expect(response.statusCode).toBe(412);
      expect(response.json()).toMatchObject({ status: 412 });
      await expectUnchanged(app, record.token, before);
    });

    it('refuses a weak ETag (If-Match compares strongly) with 412', async () => {
      const record = await fixture();
      const before = await record.snapshot();
      const response = await record.send({ name: 'Weak' }, { 'if-match': `W/${String(before.etag)}` });
      expect(response.statusCode).toBe(412);
      await expectUnchanged(app, record.token, before);
    });

    it('matches * against any existing record', async () => {
      const record = await fixture();
      const response = await record.send({ name: 'Star' }, { 'if-match': '*' });
      expect(response.statusCode).toBe(200);
      expect(response.json().name).toBe('Star');
    });

    it('matches when the current ETag is one of a list', async () => {
      const record = await fixture();
      const { etag } = await record.snapshot();
      const response = await record.send({ name: 'Listed' }, { 'if-match': `"no-such-version", ${String(etag)}` });
      expect(response.statusCode).toBe(200);
    });

    it('also guards JSON Patches: stale If-Match is 412 even with a valid patch', async () => {
      const record = await fixture();
      const before = await record.snapshot();
      const response = await record.send([{ op: 'replace', path: '/name', value: 'x' }], { 'if-match': '"stale"' }, '', JSON_PATCH);
      expect(response.statusCode).toBe(412);
      await expectUnchanged(app, record.token, before);
    });
  });

  describe('If-Unmodified-Since', () => {
    const httpDate = (ms: number) => new Date(ms).toUTCString();

    it('refuses a date one second older than the last change with 412 and stores nothing', async () => {
      const record = await fixture();
      expect((await record.send({ name: 'Changed' })).statusCode).toBe(200);
      const before = await record.snapshot();
      const older = httpDate(Date.parse(String(before.lastModified)) - 1000);
      const response = await record.send({ name: 'Too late' }, { 'if-unmodified-since': older });
      expect(response.statusCode).toBe(412);
      expect(response.json()).toMatchObject({ status: 412 });
      await expectUnchanged(app, record.token, before);
    });

    it('accepts a date equal to Last-Modified', async () => {
      const record = await fixture();
      const { lastModified } = await record.snapshot();
      const response = await record.send({ name: 'Equal date' }, { 'if-unmodified-since': String(lastModified) });
      expect(response.statusCode).toBe(200);
      expect(response.json().name).toBe('Equal date');
    });

    it('accepts a date newer than Last-Modified', async () => {
      const record = await fixture();
      const { lastModified } = await record.snapshot();
      const newer = httpDate(Date.parse(String(lastModified)) + 3_600_000);
      const response = await record.send({ name: 'Newer date' }, { 'if-unmodified-since': newer });
      expect(response.statusCode).toBe(200);
    });

    it('refuses a date an hour before the record was made with 412', async () => {
      const record = await fixture();
      const before = await record.snapshot();
      const older = httpDate(Date.parse(String(before.lastModified)) - 3_600_000);
      const response = await record.send({ name: 'Old date' }, { 'if-unmodified-since': older });
      expect(response.statusCode).toBe(412);
      await expectUnchanged(app, record.token, before);
    });
  });

  describe('Prefer: return=minimal', () => {
    it('answers 204 with no body, the new ETag and Preference-Applied, and stores the change', async () => {
      const record = await fixture();
      const before = await record.snapshot();
      const response = await record.send({ name: 'Minimal' }, { prefer: 'return=minimal' });
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
      expect(response.headers['preference-applied']).toBe('return=minimal');
      expect(response.headers.etag).toMatch(/^"[^"]+"$/);
      expect(response.headers.etag).not.toBe(before.etag);
      const after = await getObject(app, record.token, record.id);
      expect(after.json().name).toBe('Minimal');
      expect(after.headers.etag).toBe(response.headers.etag);
    });

    it('answers 200 with the record without the preference (or with return=representation)', async () => {
      const record = await fixture();
      const response = await record.send({ name: 'Full' }, { prefer: 'return=representation' });
      expect(response.statusCode).toBe(200);
      expect(response.json().name).toBe('Full');
      expect(response.headers['preference-applied']).toBeUndefined();
    });
  });

  describe('?dryRun=true', () => {
    it('returns the would-be record and stores nothing, writing no audit row', async () => {
      const record = await fixture({ tags: ['a'] });
      const before = await record.snapshot();
      const response = await record.send({ name: 'Dry', tags: ['a', 'b'] }, {}, '?dryRun=true');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ ...before.body, name: 'Dry', tags: ['a', 'b'], status: expect.any(Object) });
      await expectUnchanged(app, record.token, before);
    });

    it('still validates: 422 and nothing stored', async () => {
      const record = await fixture();
      const before = await record.snapshot();
      const response = await record.send({ rating: 9 }, {}, '?dryRun=true');
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([expect.objectContaining({ pointer: '/rating' })]);
      await expectUnchanged(app, record.token, before);
    });

    it('still checks preconditions: a stale If-Match is 412', async () => {
      const record = await fixture();
      const before = await record.snapshot();
      const response = await record.send({ name: 'Dry' }, { 'if-match': '"stale"' }, '?dryRun=true');
      expect(response.statusCode).toBe(412);
      await expectUnchanged(app, record.token, before);
    });

    it('refuses a dryRun value that is not a boolean with 400', async () => {
      const record = await fixture();
      const before = await record.snapshot();
      const response = await record.send({ name: 'Dry' }, {}, '?dryRun=maybe');
      expect(response.statusCode).toBe(400);
      await expectUnchanged(app, record.token, before);
    });
  });

  describe('concurrent writers never lose each other', () => {
    it('24 parallel "add /tags/-" JSON Patches all answer 200 and all 24 tags land', async () => {
      const record = await fixture({ tags: [] });
      const tags = Array.from({ length: 24 }, (_, i) => `tag-${i}`);
      const responses = await Promise.all(
        tags.map((tag) => record.send([{ op: 'add', path: '/tags/-', value: tag }], {}, '', JSON_PATCH)),
      );
      expect(responses.map((response) => response.statusCode)).toEqual(tags.map(() => 200));
      expect(new Set(responses.map((response) => response.headers.etag)).size).toBe(24);

      const stored = (await getObject(app, record.token, record.id)).json().tags as string[];
      expect(stored).toHaveLength(24);
      expect([...stored].sort()).toEqual([...tags].sort());
      expect(await historyOf(app, record.token, record.id)).toHaveLength(25); // create + 24 changes
    });

    it('a write over a version that has moved on stores nothing and leaves no audit row', async () => {
      const record = await fixture({ name: 'Before' });
      const store = app.get(CustomerObjectsRepository);
      const manager = app.get(DataSource).manager;
      const read = (await store.find(manager, { companyId: record.company }, record.id, false))!;
      expect((await record.send({ name: 'A concurrent writer' })).statusCode).toBe(200);
      const before = await record.snapshot();

      const actor = { sub: 'late-writer', companyId: record.company, role: 'admin' as const, scopes: new Set<string>() };
      const context = { actor, requestId: 'late', baseUrl: 'http://localhost', now: new Date() };
      const ops = [{ op: 'replace' as const, path: '/name', value: 'Lost update' }];
      const audit = { resource: store.resourceName, at: context.now, actor, requestId: 'late', ops };
      const written = await store.update(manager, read, { document: { ...read.document, name: 'Lost update' }, context, audit });

      expect(written).toBeNull();
      await expectUnchanged(app, record.token, before);
      expect((await historyOf(app, record.token, record.id)).map((entry) => entry.requestId)).not.toContain('late');
    });

    it('two parallel PATCHes of different fields both land, round after round', async () => {
      const record = await fixture();
      for (let round = 0; round < 5; round++) {
        const [a, b] = await Promise.all([
          record.send({ description: `description ${round}` }),
          record.send({ contact: { phone: `phone ${round}` } }),
        ]);
        expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
        const stored = (await getObject(app, record.token, record.id)).json();
        expect(stored.description).toBe(`description ${round}`);
        expect(stored.contact.phone).toBe(`phone ${round}`);
      }
    });
  });

  describe('a no-op patch', () => {
    it('sending the current values keeps the ETag and Last-Modified and writes no audit row', async () => {
      const record = await fixture({ name: 'Same', tags: ['a'] });
      const before = await record.snapshot();
      const response = await record.send({ name: 'Same', tags: ['a'] });
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toBe(before.etag);
      expect(response.headers['last-modified']).toBe(before.lastModified);
      expect(response.json()).toEqual(before.body);
      await expectUnchanged(app, record.token, before);
    });

    it('a JSON Patch of only test ops changes nothing either', async () => {
      const record = await fixture({ name: 'Same' });
      const before = await record.snapshot();
      const response = await record.send([{ op: 'test', path: '/name', value: 'Same' }], {}, '', JSON_PATCH);
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toBe(before.etag);
      await expectUnchanged(app, record.token, before);
    });
  });
});
