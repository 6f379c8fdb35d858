/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { adminWithObject, expectUnchanged, getObject, OBJECTS, patch, snapshot } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, newCompany } from './helpers/tokens';

/** The one patch pipeline (API.md §1.4) through PATCH /v2/objects/:id. */

const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';
const JSON_TYPE = 'application/json';

describe('PATCH /v2/objects/:id bodies (API.md §1.4)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** A fresh record, its admin token, and a function that PATCHes it. */
  async function fixture(fields: Record<string, unknown> = {}) {
    const { token, id, object } = await adminWithObject(app, fields);
    const send = (body: unknown, contentType = MERGE, headers: Record<string, string> = {}) =>
      patch(app, `${OBJECTS}/${id}`, token, body, contentType, headers);
    return { token, id, object, send, snapshot: () => snapshot(app, token, id), read: async () => (await getObject(app, token, id)).json() };
  }

  /** Sends `body` and expects `status` with nothing stored. */
  async function expectRefused(fields: Record<string, unknown>, body: unknown, contentType: string, status: number) {
    const record = await fixture(fields);
    const before = await record.snapshot();
    const response = await record.send(body, contentType);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    await expectUnchanged(app, record.token, before);
    return response.json();
  }

  describe('content types', () => {
    it('application/merge-patch+json is a merge patch', async () => {
      const record = await fixture();
      const response = await record.send({ name: 'Merged' }, MERGE);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ...record.object, name: 'Merged', status: response.json().status });
    });

    it('application/json-patch+json is a JSON Patch', async () => {
      const record = await fixture();
      const response = await record.send([{ op: 'replace', path: '/name', value: 'Patched' }], JSON_PATCH);
      expect(response.statusCode).toBe(200);
      expect(response.json().name).toBe('Patched');
    });

    it('application/json with an object is a merge patch', async () => {
      const record = await fixture({ contact: { phone: '1', email: 'a@example.com' } });
      const response = await record.send({ contact: { phone: '2' } }, JSON_TYPE);
      expect(response.statusCode).toBe(200);
      expect(response.json().contact).toEqual({ phone: '2', email: 'a@example.com', fax: null });
    });

    it('application/json with an array is a JSON Patch', async () => {
      const record = await fixture({ tags: ['a'] });
      const response = await record.send([{ op: 'add', path: '/tags/-', value: 'b' }], JSON_TYPE);
      expect(response.statusCode).toBe(200);
      expect(response.json().tags).toEqual(['a', 'b']);
    });

    it('accepts media type parameters such as charset', async () => {
      const record = await fixture();
      const response = await record.send({ name: 'With charset' }, `${MERGE}; charset=utf-8`);
      expect(response.statusCode).toBe(200);
      expect((await record.read()).name).toBe('With charset');
    });

    it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])(
      'refuses %s with 415 and an Accept-Patch header listing the three, storing nothing',
      async (contentType) => {
        const record = await fixture();
        const before = await record.snapshot();
        const response = await record.send('name=x', contentType);
        expect(response.statusCode).toBe(415);
        const accepted = String(response.headers['accept-patch'])
          .split(',')
          .map((type) => type.trim());
        expect(accepted.sort()).toEqual([JSON_TYPE, JSON_PATCH, MERGE].sort());
        await expectUnchanged(app, record.token, before);
      },
    );
  });

  describe('merge patch (RFC 7396)', () => {
    it('merges nested objects: only the named children change', async () => {
      const record = await fixture({ address: { street: 'Old street 1', zip: '00100', city: 'Helsinki', country: 'FI' } });
      const response = await record.send({ address: { street: 'New street 2' } });
      expect(response.statusCode).toBe(200);
      expect((await record.read()).address).toEqual({ street: 'New street 2', zip: '00100', city: 'Helsinki', country: 'FI' });
    });

    it('null clears a field, and a nested null clears only that child', async () => {
      const record = await fixture({ description: 'Goes away', contact: { phone: '1', email: 'keep@example.com' } });
      const response = await record.send({ description: null, contact: { phone: null } });
      expect(response.statusCode).toBe(200);
      const stored = await record.read();
      expect(stored.description).toBeNull();
      expect(stored.contact).toEqual({ phone: null, email: 'keep@example.com', fax: null });
    });

    it('replaces arrays whole', async () => {
      const record = await fixture({
        tags: ['a', 'b', 'c'],
        material: [
          { articleId: 'A', budget: 1 },
          { articleId: 'B', budget: 2 },
        ],
      });
      const response = await record.send({ tags: ['z'], material: [{ budget: 5, articleId: 'C' }] });
      expect(response.statusCode).toBe(200);
      const stored = await record.read();
      expect(stored.tags).toEqual(['z']);
      expect(stored.material).toEqual([{ articleId: 'C', budget: 5 }]);
    });

    it('merges inside free-form securityCode with case-sensitive keys', async () => {
      const record = await fixture({ securityCode: { Foo: 1, bar: 2 } });
      const response = await record.send({ securityCode: { foo: 3, bar: null } });
      expect(response.statusCode).toBe(200);
      expect((await record.read()).securityCode).toEqual({ Foo: 1, foo: 3 });
    });

    it('refuses a merge patch that is not an object with 400', async () => {
      for (const body of ['"name"', '42', 'null']) {
        await expectRefused({}, body, MERGE, 400);
      }
    });
  });

  describe('JSON Patch (RFC 6902)', () => {
    it('add sets a field, inserts at an array index, and appends with -', async () => {
      const record = await fixture({ tags: ['a', 'c'] });
      const response = await record.send(
        [
          { op: 'add', path: '/description', value: 'Added' },
          { op: 'add', path: '/tags/1', value: 'b' },
          { op: 'add', path: '/tags/-', value: 'd' },
          { op: 'add', path: '/contact', value: { email: 'new@example.com' } },
        ],
        JSON_PATCH,
      );
      expect(response.statusCode).toBe(200);
      const stored = await record.read();
      expect(stored.description).toBe('Added');
      expect(stored.tags).toEqual(['a', 'b', 'c', 'd']);
      expect(stored.contact).toEqual({ phone: null, email: 'new@example.com', fax: null });
    });

    it('remove clears a field and deletes an array element', async () => {
      const record = await fixture({ description: 'Old', tags: ['a', 'b', 'c'] });
      const response = await record.send(
        [
          { op: 'remove', path: '/description' },
          { op: 'remove', path: '/tags/1' },
        ],
        JSON_PATCH,
      );
      expect(response.statusCode).toBe(200);
      const stored = await record.read();
      expect(stored.description).toBeNull();
      expect(stored.tags).toEqual(['a', 'c']);
    });

    it('replace changes a nested value and an array element', async () => {
      const record = await fixture({ location: { latitude: 1, longitude: 2 }, tags: ['a', 'b'] });
      const response = await record.send(
        [
          { op: 'replace', path: '/location/latitude', value: 60.17 },
          { op: 'replace', path: '/tags/0', value: 'A' },
        ],
        JSON_PATCH,
      );
      expect(response.statusCode).toBe(200);
      const stored = await record.read();
      expect(stored.location).toEqual({ latitude: 60.17, longitude: 2 });
      expect(stored.tags).toEqual(['A', 'b']);
    });

    it('move takes a value from one field to another', async () => {
      const record = await fixture({ description: 'Moved text', tags: ['a', 'b', 'c'] });
      const response = await record.send(
        [
          { op: 'move', from: '/description', path: '/orderDescription' },
          { op: 'move', from: '/tags/0', path: '/tags/-' },
        ],
        JSON_PATCH,
      );
      expect(response.statusCode).toBe(200);
      const stored = await record.read();
      expect(stored.description).toBeNull();
      expect(stored.orderDescription).toBe('Moved text');
      expect(stored.tags).toEqual(['b', 'c', 'a']);
    });

    it('copy duplicates a value', async () => {
      const record = await fixture({ contact: { email: 'jane@example.com' }, tags: ['a'] });
      const response = await record.send(
        [
          { op: 'copy', from: '/contact/email', path: '/contactName' },
          { op: 'add', path: '/contactIds', value: ['first'] },
          { op: 'copy', from: '/tags/0', path: '/contactIds/-' },
        ],
        JSON_PATCH,
      );
      expect(response.statusCode).toBe(200);
      const stored = await record.read();
      expect(stored.contactName).toBe('jane@example.com');
      expect(stored.contactIds).toEqual(['first', 'a']);
      expect(stored.contact.email).toBe('jane@example.com');
    });

    it('test that matches lets the patch through', async () => {
      const record = await fixture({ name: 'Expected', tags: ['x'] });
      const response = await record.send(
        [
          { op: 'test', path: '/name', value: 'Expected' },
          { op: 'test', path: '/tags/0', value: 'x' },
          { op: 'replace', path: '/name', value: 'After test' },
        ],
        JSON_PATCH,
      );
      expect(response.statusCode).toBe(200);
      expect((await record.read()).name).toBe('After test');
    });

    it('a test that does not match is 409 and nothing is stored, also ops before it', async () => {
      const body = await expectRefused(
        { name: 'Actual' },
        [
          { op: 'replace', path: '/description', value: 'Would be stored' },
          { op: 'test', path: '/name', value: 'Guess' },
        ],
        JSON_PATCH,
        409,
      );
      expect(body.status).toBe(409);
    });

    it('leaves the leading slash optional at the root and matches names case-insensitively', async () => {
      const record = await fixture({ tags: ['a'], contact: { phone: '1' } });
      const response = await record.send(
        [
          { op: 'replace', path: 'name', value: 'No slash' },
          { op: 'replace', path: '/Name', value: 'Capitalised' },
          { op: 'add', path: 'Contact/EMAIL', value: 'mixed@example.com' },
          { op: 'add', path: 'TAGS/-', value: 'b' },
          { op: 'copy', from: 'NAME', path: 'description' },
        ],
        JSON_PATCH,
      );
      expect(response.statusCode).toBe(200);
      const stored = await record.read();
      expect(stored).toMatchObject({ name: 'Capitalised', description: 'Capitalised', tags: ['a', 'b'] });
      expect(stored.contact.email).toBe('mixed@example.com');
      expect(Object.keys(stored)).not.toContain('Name');
    });
  });

  describe('JSON Patch inside free-form securityCode', () => {
    it('unescapes ~1 to / and ~0 to ~ in keys', async () => {
      const record = await fixture({ securityCode: {} });
      const response = await record.send(
        [
          { op: 'add', path: '/securityCode/door~1gate', value: '1234' },
          { op: 'add', path: '/securityCode/alarm~0code', value: '5678' },
          { op: 'add', path: '/securityCode/~01~10', value: 'both' },
        ],
        JSON_PATCH,
      );
      expect(response.statusCode).toBe(200);
      expect((await record.read()).securityCode).toEqual({ 'door/gate': '1234', 'alarm~code': '5678', '~1/0': 'both' });
    });

    it('keeps keys case-sensitive: /securityCode/foo does not address Foo', async () => {
      const record = await fixture({ securityCode: { Foo: 'upper' } });
      const added = await record.send([{ op: 'add', path: '/securityCode/foo', value: 'lower' }], JSON_PATCH);
      expect(added.statusCode).toBe(200);
      expect((await record.read()).securityCode).toEqual({ Foo: 'upper', foo: 'lower' });

      const tested = await record.send([{ op: 'test', path: '/securityCode/Foo', value: 'lower' }], JSON_PATCH);
      expect(tested.statusCode).toBe(409);
    });

    it('replacing a key that differs only in case is 400, and nothing is stored', async () => {
      await expectRefused({ securityCode: { Foo: 1 } }, [{ op: 'replace', path: '/securityCode/foo', value: 2 }], JSON_PATCH, 400);
    });

    it('an empty key inside securityCode is data, not the whole record', async () => {
      const record = await fixture({ securityCode: { a: 1 } });
      const response = await record.send([{ op: 'add', path: '/securityCode/', value: 'empty key' }], JSON_PATCH);
      expect(response.statusCode).toBe(200);
      expect((await record.read()).securityCode).toEqual({ a: 1, '': 'empty key' });
    });
  });

  describe('refused JSON Patches: 400 and nothing stored', () => {
    it.each<[string, unknown]>([
      ['path "" (the whole record)', [{ op: 'replace', path: '', value: {} }]],
      ['an unknown top-level path', [{ op: 'replace', path: '/nmae', value: 'x' }]],
      ['an unknown nested path', [{ op: 'add', path: '/contact/mobile', value: 'x' }]],
      ['a path below a scalar field', [{ op: 'add', path: '/name/first', value: 'x' }]],
      ['an unknown op', [{ op: 'merge', path: '/name', value: 'x' }]],
      ['an op without value', [{ op: 'replace', path: '/name' }]],
      ['a move without from', [{ op: 'move', path: '/name' }]],
      ['a path that is not a string', [{ op: 'replace', path: 7, value: 'x' }]],
      ['an array index past the end', [{ op: 'add', path: '/tags/5', value: 'x' }]],
      ['a non-numeric array index', [{ op: 'replace', path: '/tags/first', value: 'x' }]],
      ['removing a missing array element', [{ op: 'remove', path: '/tags/9' }]],
      ['an operation that is not an object', ['replace /name']],
    ])('%s', async (_what, ops) => {
      const body = await expectRefused({ tags: ['a'] }, ops, JSON_PATCH, 400);
      expect(body.errors).toEqual([expect.objectContaining({ pointer: expect.stringMatching(/^\/0(\/|$)/) })]);
    });

    it.each<[string, string]>([
      ['a string', '"replace name"'],
      ['an object', '{"op":"replace","path":"/name","value":"x"}'],
      ['a number', '1'],
    ])('a body that is not an array of ops (%s) under json-patch+json', async (_what, raw) => {
      await expectRefused({}, raw, JSON_PATCH, 400);
    });

    it.each([MERGE, JSON_PATCH, JSON_TYPE])('malformed JSON under %s', async (contentType) => {
      await expectRefused({}, '{"name": "unterminated', contentType, 400);
    });

    it('an empty body', async () => {
      await expectRefused({}, '', MERGE, 400);
    });
  });

  describe('atomicity: on any error nothing is stored', () => {
    it('a valid op followed by a failing op (400)', async () => {
      await expectRefused(
        { tags: ['a'] },
        [
          { op: 'replace', path: '/name', value: 'Half done' },
          { op: 'add', path: '/tags/-', value: 'b' },
          { op: 'remove', path: '/description/x' },
        ],
        JSON_PATCH,
        400,
      );
    });

    it('a valid op followed by one that makes the record invalid (422)', async () => {
      const body = await expectRefused(
        {},
        [
          { op: 'replace', path: '/name', value: 'Half done' },
          { op: 'replace', path: '/rating', value: 6 },
        ],
        JSON_PATCH,
        422,
      );
      expect(body.errors).toEqual([expect.objectContaining({ pointer: '/rating' })]);
    });

    it('a valid op followed by one that touches a read-only field (400 naming it)', async () => {
      const body = await expectRefused(
        {},
        [
          { op: 'replace', path: '/name', value: 'Half done' },
          { op: 'replace', path: '/number', value: 99 },
        ],
        JSON_PATCH,
        400,
      );
      expect(body.errors).toEqual([expect.objectContaining({ pointer: '/number' })]);
    });
  });

  describe('prototype pollution (never touches a prototype)', () => {
    afterEach(() => {
      expect(({} as any).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });

    it.each<[string, unknown[]]>([
      ['/securityCode/__proto__/polluted', [{ op: 'add', path: '/securityCode/__proto__/polluted', value: true }]],
      [
        '/securityCode/constructor/prototype/polluted',
        [{ op: 'add', path: '/securityCode/constructor/prototype/polluted', value: true }],
      ],
      ['/__proto__/polluted', [{ op: 'add', path: '/__proto__/polluted', value: true }]],
      ['a from through __proto__', [{ op: 'copy', from: '/securityCode/__proto__', path: '/key' }]],
      ['a value with a __proto__ member', [{ op: 'add', path: '/securityCode', value: JSON.parse('{"__proto__":{"polluted":true}}') }]],
    ])('JSON Patch through %s is 400', async (_what, ops) => {
      await expectRefused({ securityCode: { a: 1 } }, JSON.stringify(ops), JSON_PATCH, 400);
    });

    it('a merge body sent as raw {"securityCode":{"__proto__":{"polluted":true}}} is 400', async () => {
      await expectRefused({ securityCode: { a: 1 } }, '{"securityCode":{"__proto__":{"polluted":true}}}', MERGE, 400);
    });

    it('a merge body with a top-level __proto__ member is 400', async () => {
      await expectRefused({}, '{"__proto__":{"polluted":true},"name":"x"}', MERGE, 400);
    });

    it('a create body with __proto__ inside securityCode is 400', async () => {
      const company = newCompany();
      const response = await app.inject({
        method: 'POST',
        url: OBJECTS,
        headers: { authorization: `Bearer ${actorToken('admin', company)}`, 'content-type': JSON_TYPE },
        payload: '{"name":"x","securityCode":{"constructor":{"prototype":{"polluted":true}}}}',
      });
      expect(response.statusCode).toBe(400);
    });
  });

  describe('limits', () => {
    it('accepts 1000 operations', async () => {
      const record = await fixture({ name: 'Same' });
      const ops = Array.from({ length: 1000 }, () => ({ op: 'test', path: '/name', value: 'Same' }));
      expect((await record.send(ops, JSON_PATCH)).statusCode).toBe(200);
    });

    it('refuses 1001 operations with 400', async () => {
      const ops = Array.from({ length: 1001 }, (_, i) => ({ op: 'replace', path: '/name', value: `n${i}` }));
      await expectRefused({}, ops, JSON_PATCH, 400);
    });

    const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { d: nested(depth - 1) });

    it('accepts moderately nested free-form values', async () => {
      const record = await fixture();
      const response = await record.send({ securityCode: nested(10) });
      expect(response.statusCode).toBe(200);
      expect((await record.read()).securityCode).toEqual(nested(10));
    });

    it('refuses nesting deeper than 32 with 400, in a merge patch and in an op value', async () => {
      await expectRefused({}, { securityCode: nested(40) }, MERGE, 400);
      await expectRefused({}, [{ op: 'add', path: '/securityCode', value: nested(40) }], JSON_PATCH, 400);
    });
  });

  describe('404 comes before anything about the body or headers (§1.2)', () => {
    const targets: Array<[string, () => Promise<{ id: string; token: string; check: () => Promise<void> }>]> = [
      [
        'a foreign id',
        async () => {
          const owner = await adminWithObject(app);
          const before = await snapshot(app, owner.token, owner.id);
          return { id: owner.id, token: actorToken('admin', newCompany()), check: () => expectUnchanged(app, owner.token, before) };
        },
      ],
      ['a nonexistent id', async () => ({ id: randomUUID(), token: actorToken('admin', newCompany()), check: async () => {} })],
    ];
    const requests: Array<[string, string, string, Record<string, string>]> = [
      ['a malformed body', '{"name": ', MERGE, {}],
      ['a bad content type', 'name=x', 'text/plain', {}],
      ['a stale If-Match', '{"name":"x"}', MERGE, { 'if-match': '"999999"' }],
      ['a body that is not an array of ops', '"x"', JSON_PATCH, {}],
      ['a prototype-polluting path', '[{"op":"add","path":"/securityCode/__proto__/x","value":1}]', JSON_PATCH, {}],
    ];

    describe.each(targets)('%s', (_target, makeTarget) => {
      it.each(requests)('answers 404 to %s', async (_what, body, contentType, headers) => {
        const target = await makeTarget();
        const response = await patch(app, `${OBJECTS}/${target.id}`, target.token, body, contentType, headers);
        expect(response.statusCode).toBe(404);
        expect(response.json()).toMatchObject({ status: 404, detail: 'Not found.' });
        await target.check();
      });
    });
  });
});

describe('size limits (API.md §1.4) with a small configuration', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp({ RECORD_MAX_BYTES: '20000', BODY_LIMIT_BYTES: '30000' });
  });
  afterAll(() => app.close());

  it('stops repeated copy amplification with 413, storing nothing', async () => {
    const { token, id } = await adminWithObject(app, { securityCode: { seed: 'x'.repeat(500) } });
    const before = await snapshot(app, token, id);
    const ops = Array.from({ length: 12 }, (_, i) => ({ op: 'copy', from: '/securityCode', path: `/securityCode/copy${i}` }));
    const response = await patch(app, `${OBJECTS}/${id}`, token, ops, JSON_PATCH);
    expect(response.statusCode).toBe(413);
    expect(response.json().status).toBe(413);
    await expectUnchanged(app, token, before);
  });

  it('refuses a merge patch that makes the record larger than the limit with 413', async () => {
    const { token, id } = await adminWithObject(app);
    const before = await snapshot(app, token, id);
    const response = await patch(app, `${OBJECTS}/${id}`, token, { securityCode: { blob: 'x'.repeat(25_000) } });
    expect(response.statusCode).toBe(413);
    await expectUnchanged(app, token, before);
  });

  it('refuses a body over BODY_LIMIT_BYTES with 413, storing nothing', async () => {
    const { token, id } = await adminWithObject(app);
    const before = await snapshot(app, token, id);
    const response = await patch(app, `${OBJECTS}/${id}`, token, { description: 'x'.repeat(40_000) });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    await expectUnchanged(app, token, before);
  });

  it('still accepts a patch within both limits', async () => {
    const { token, id } = await adminWithObject(app);
    const response = await patch(app, `${OBJECTS}/${id}`, token, { securityCode: { blob: 'x'.repeat(10_000) } });
    expect(response.statusCode).toBe(200);
  });
});
