import { parseJsonPatch } from './parse-json-patch';
import { PatchRequestError } from './patch.errors';
import type { PatchLimits } from './patch.types';

const limits: PatchLimits = { maxOps: 10, maxDepth: 4, maxDocumentBytes: 1_000_000 };

/** The PatchRequestError `fn` throws (fails the test otherwise). */
function requestError(fn: () => unknown): PatchRequestError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PatchRequestError);
    return error as PatchRequestError;
  }
  throw new Error('expected a PatchRequestError');
}

describe('parseJsonPatch', () => {
  it('accepts every op and keeps only the members it uses', () => {
    const body: unknown = JSON.parse(`[
      {"op":"add","path":"/a","value":1,"from":"/ignored"},
      {"op":"remove","path":"/a","value":"ignored"},
      {"op":"replace","path":"/b","value":null},
      {"op":"move","from":"/b","path":"/c"},
      {"op":"copy","from":"/c","path":"/d","spurious":true},
      {"op":"test","path":"/d","value":{"x":[1]}}
    ]`);
    expect(parseJsonPatch(body, limits)).toEqual([
      { op: 'add', path: '/a', value: 1 },
      { op: 'remove', path: '/a' },
      { op: 'replace', path: '/b', value: null },
      { op: 'move', from: '/b', path: '/c' },
      { op: 'copy', from: '/c', path: '/d' },
      { op: 'test', path: '/d', value: { x: [1] } },
    ]);
  });

  it('returns new operation objects', () => {
    const body = [{ op: 'add', path: '/a', value: 1 }];
    const [op] = parseJsonPatch(body, limits);
    expect(op).not.toBe(body[0]);
  });

  it('accepts an empty patch', () => {
    expect(parseJsonPatch([], limits)).toEqual([]);
  });

  it.each([{}, null, 'add', { op: 'add', path: '/a', value: 1 }])('rejects the non-array body %j at ""', (body) => {
    expect(requestError(() => parseJsonPatch(body, limits)).pointer).toBe('');
  });

  it.each([
    [[null], '/0'],
    [[[]], '/0'],
    [['add'], '/0'],
    [[{ path: '/a', value: 1 }], '/0/op'],
    [[{ op: 1, path: '/a' }], '/0/op'],
    [[{ op: 'spam', path: '/a' }], '/0/op'],
    [[{ op: 'ADD', path: '/a', value: 1 }], '/0/op'],
    [[{ op: 'add', value: 1 }], '/0/path'],
    [[{ op: 'add', path: null, value: 1 }], '/0/path'],
    [[{ op: 'add', path: 'a', value: 1 }], '/0/path'],
    [[{ op: 'add', path: '/a~2', value: 1 }], '/0/path'],
    [[{ op: 'add', path: '/a' }], '/0/value'],
    [[{ op: 'replace', path: '/a' }], '/0/value'],
    [[{ op: 'test', path: '/a' }], '/0/value'],
    [[{ op: 'remove', path: '/a' }, { op: 'move', path: '/a' }], '/1/from'],
    [[{ op: 'copy', path: '/a', from: 5 }], '/0/from'],
    [[{ op: 'copy', path: '/a', from: 'b' }], '/0/from'],
  ])('rejects %j at %s', (body, pointer) => {
    const error = requestError(() => parseJsonPatch(body, limits));
    expect(error.pointer).toBe(pointer);
    expect(error.detail).not.toHaveLength(0);
  });

  it('treats an explicit undefined value (not JSON) as missing', () => {
    expect(requestError(() => parseJsonPatch([{ op: 'add', path: '/a', value: undefined }], limits)).pointer).toBe(
      '/0/value',
    );
  });

  it('does not take op members from the prototype chain', () => {
    const op = Object.create({ op: 'add', path: '/a', value: 1 }) as object;
    expect(requestError(() => parseJsonPatch([op], limits)).pointer).toBe('/0/op');
  });

  it.each([
    ['/__proto__/polluted', '/0/path'],
    ['/a/constructor/prototype', '/0/path'],
    ['/prototype', '/0/path'],
  ])('rejects the unsafe path %j', (path, pointer) => {
    expect(requestError(() => parseJsonPatch([{ op: 'add', path, value: 1 }], limits)).pointer).toBe(pointer);
  });

  it('rejects an unsafe from', () => {
    const body = [{ op: 'copy', from: '/__proto__', path: '/x' }];
    expect(requestError(() => parseJsonPatch(body, limits)).pointer).toBe('/0/from');
  });

  it('rejects unsafe member names inside values, pointing at the member', () => {
    const body: unknown = JSON.parse('[{"op":"add","path":"/a","value":{"x":[{"__proto__":{"polluted":1}}]}}]');
    expect(requestError(() => parseJsonPatch(body, limits)).pointer).toBe('/0/value/x/0/__proto__');
    const other = [{ op: 'test', path: '/a', value: { constructor: { prototype: 1 } } }];
    expect(requestError(() => parseJsonPatch(other, limits)).pointer).toBe('/0/value/constructor');
  });

  describe('limits', () => {
    it('accepts exactly maxOps operations and rejects one more', () => {
      const op = { op: 'test', path: '/a', value: 1 };
      expect(parseJsonPatch(Array(10).fill(op), limits)).toHaveLength(10);
      expect(requestError(() => parseJsonPatch(Array(11).fill(op), limits)).pointer).toBe('');
    });

    it('accepts values nested maxDepth levels and rejects deeper ones', () => {
      const ok = { a: [{ b: [] }] }; // 4 levels
      expect(parseJsonPatch([{ op: 'add', path: '/v', value: ok }], limits)).toHaveLength(1);
      const deep = [{ op: 'add', path: '/ok', value: 1 }, { op: 'add', path: '/v', value: { a: [{ b: [[]] }] } }];
      const error = requestError(() => parseJsonPatch(deep, limits));
      expect(error.pointer).toBe('/1/value/a/0/b/0');
    });

    it('stops walking at the limit, so even absurd nesting is a clean 400', () => {
      let value: unknown = 1;
      for (let i = 0; i < 100_000; i++) value = [value];
      const error = requestError(() => parseJsonPatch([{ op: 'add', path: '/v', value }], limits));
      expect(error.pointer).toBe('/0/value/0/0/0/0');
    });
  });
});
