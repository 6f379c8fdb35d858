import { applyPatch } from './apply-patch';
import { PatchRequestError, PatchTestFailedError } from './patch.errors';
import type { PatchLimits, PatchOperation } from './patch.types';
import { thrown } from './thrown.fixture';

const limits: PatchLimits = { maxOps: 100, maxDepth: 32, maxDocumentBytes: 1_000_000 };

function apply(doc: unknown, ops: PatchOperation[]): unknown {
  return applyPatch(doc, ops, limits);
}

describe('applyPatch', () => {
  describe('add', () => {
    it('creates an object member, or replaces an existing one', () => {
      expect(apply({ a: 1 }, [{ op: 'add', path: '/b', value: 2 }])).toEqual({ a: 1, b: 2 });
      expect(apply({ a: 1 }, [{ op: 'add', path: '/a', value: null }])).toEqual({ a: null });
    });

    it('inserts into arrays; index = length and "-" append', () => {
      expect(apply([1, 3], [{ op: 'add', path: '/1', value: 2 }])).toEqual([1, 2, 3]);
      expect(apply([1, 2], [{ op: 'add', path: '/2', value: 3 }])).toEqual([1, 2, 3]);
      expect(apply([1, 2], [{ op: 'add', path: '/-', value: [3] }])).toEqual([1, 2, [3]]);
      expect(apply({ a: [[1]] }, [{ op: 'add', path: '/a/0/-', value: 2 }])).toEqual({ a: [[1, 2]] });
    });

    it('replaces the whole document at ""', () => {
      expect(apply({ a: 1 }, [{ op: 'add', path: '', value: [1] }])).toEqual([1]);
    });

    it('handles the empty member name and escaped names', () => {
      expect(apply({}, [{ op: 'add', path: '/', value: 1 }])).toEqual({ '': 1 });
      expect(apply({}, [{ op: 'add', path: '/a~1b~0c', value: 1 }])).toEqual({ 'a/b~c': 1 });
    });

    it('treats "-" and "01" as ordinary member names on objects', () => {
      expect(apply({}, [{ op: 'add', path: '/-', value: 1 }])).toEqual({ '-': 1 });
      expect(apply({}, [{ op: 'add', path: '/01', value: 1 }])).toEqual({ '01': 1 });
    });

    it.each([
      [[1, 2], '/3', 'past the end'],
      [[1, 2], '/-1', 'negative'],
      [[1, 2], '/01', 'leading zero'],
      [[1, 2], '/1e0', 'exponent'],
      [[1, 2], '/x', 'member name on an array'],
      [{ a: 1 }, '/b/c', 'missing parent'],
      [{ a: 1 }, '/a/b', 'scalar parent'],
      [{ a: null }, '/a/b', 'null parent'],
      [{ a: [] }, '/a/-/x', '"-" inside a path'],
    ])('fails on %j at %s (%s)', (doc, path, _why) => {
      expect(thrown(PatchRequestError, () => apply(doc, [{ op: 'add', path, value: 1 }])).pointer).toBe('/0/path');
    });
  });

  describe('remove', () => {
    it('removes object members and array elements', () => {
      expect(apply({ a: 1, b: 2 }, [{ op: 'remove', path: '/a' }])).toEqual({ b: 2 });
      expect(apply([1, 2, 3, 4], [{ op: 'remove', path: '/1' }, { op: 'remove', path: '/2' }])).toEqual([1, 3]);
      expect(apply({ a: null }, [{ op: 'remove', path: '/a' }])).toEqual({});
    });

    it.each([
      [{ a: 1 }, '/b'],
      [{ a: 1 }, '/toString'],
      [{ a: 1 }, '/b/c'],
      [[1, 2], '/2'],
      [[1, 2], '/-'],
      [[1, 2], '/00'],
      [{ a: 1 }, ''],
    ])('fails on %j at %j', (doc, path) => {
      expect(thrown(PatchRequestError, () => apply(doc, [{ op: 'remove', path }])).pointer).toBe('/0/path');
    });
  });

  describe('replace', () => {
    it('replaces existing values, including the root', () => {
      expect(apply({ a: 1 }, [{ op: 'replace', path: '/a', value: [1, 2] }])).toEqual({ a: [1, 2] });
      expect(apply([''], [{ op: 'replace', path: '/0', value: null }])).toEqual([null]);
      expect(apply({ a: 1 }, [{ op: 'replace', path: '', value: 'x' }])).toBe('x');
    });

    it.each([
      [{ a: 1 }, '/b'],
      [{ a: 1 }, '/hasOwnProperty'],
      [[1], '/1'],
      [[1], '/-'],
      [{ b: 1 }, '/a/b'],
    ])('fails when %j has nothing at %j', (doc, path) => {
      const error = thrown(PatchRequestError, () => apply(doc, [{ op: 'replace', path, value: 2 }]));
      expect(error.pointer).toBe('/0/path');
    });
  });

  describe('move', () => {
    it('moves members and array elements (remove, then add)', () => {
      const doc = { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } };
      expect(apply(doc, [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }])).toEqual({
        foo: { bar: 'baz' },
        qux: { corge: 'grault', thud: 'fred' },
      });
      expect(apply(['all', 'grass', 'cows', 'eat'], [{ op: 'move', from: '/1', path: '/3' }])).toEqual([
        'all',
        'cows',
        'eat',
        'grass',
      ]);
    });

    it('is a no-op onto itself, but the source must exist', () => {
      expect(apply({ a: 1 }, [{ op: 'move', from: '/a', path: '/a' }])).toEqual({ a: 1 });
      expect(apply({ a: 1 }, [{ op: 'move', from: '', path: '' }])).toEqual({ a: 1 });
      expect(thrown(PatchRequestError, () => apply({}, [{ op: 'move', from: '/a', path: '/a' }])).pointer).toBe(
        '/0/from',
      );
    });

    it('can move a value up, over its own parent', () => {
      expect(apply({ a: { b: { c: 1 } } }, [{ op: 'move', from: '/a/b', path: '/a' }])).toEqual({ a: { c: 1 } });
    });

    it('refuses to move a value into its own child', () => {
      const error = thrown(PatchRequestError, () => apply({ a: { b: {} } }, [{ op: 'move', from: '/a', path: '/a/b/c' }]));
      expect(error.pointer).toBe('/0/path');
      expect(thrown(PatchRequestError, () => apply({ a: {} }, [{ op: 'move', from: '', path: '/a/x' }])).pointer).toBe(
        '/0/path',
      );
    });

    it('compares tokens, not strings, for the prefix rule', () => {
      expect(apply({ a: 1 }, [{ op: 'move', from: '/a', path: '/ab' }])).toEqual({ ab: 1 });
    });

    it('fails on a missing source or an invalid target', () => {
      expect(thrown(PatchRequestError, () => apply({ a: 1 }, [{ op: 'move', from: '/b', path: '/c' }])).pointer).toBe(
        '/0/from',
      );
      expect(thrown(PatchRequestError, () => apply({ a: 1 }, [{ op: 'move', from: '/a', path: '/x/y' }])).pointer).toBe(
        '/0/path',
      );
    });
  });

  describe('copy', () => {
    it('copies deeply: later changes to either side do not leak', () => {
      const result = apply({ foo: { bar: [{ boo: 'net' }] } }, [
        { op: 'copy', from: '/foo', path: '/bak' },
        { op: 'replace', path: '/bak/bar/0/boo', value: 'qux' },
      ]);
      expect(result).toEqual({ foo: { bar: [{ boo: 'net' }] }, bak: { bar: [{ boo: 'qux' }] } });
    });

    it('copies into arrays and copies the whole document', () => {
      expect(apply([1, 2], [{ op: 'copy', from: '/0', path: '/-' }])).toEqual([1, 2, 1]);
      expect(apply({ a: 1 }, [{ op: 'copy', from: '', path: '/self' }])).toEqual({ a: 1, self: { a: 1 } });
    });

    it('fails on a missing source', () => {
      expect(thrown(PatchRequestError, () => apply({ a: 1 }, [{ op: 'copy', from: '/b', path: '/c' }])).pointer).toBe(
        '/0/from',
      );
    });
  });

  describe('test', () => {
    it('passes on JSON-equal values', () => {
      const doc = { a: { x: 1, y: [1, { z: null }] }, n: 1 };
      const ops: PatchOperation[] = [
        { op: 'test', path: '/a', value: { y: [1, { z: null }], x: 1 } },
        { op: 'test', path: '/n', value: JSON.parse('1.0') },
        { op: 'test', path: '/a/y/1/z', value: null },
        { op: 'test', path: '', value: doc },
      ];
      expect(apply(doc, ops)).toEqual(doc);
    });

    it.each([
      [{ a: 1 }, '/a', '1'],
      [{ a: [1, 2] }, '/a', [2, 1]],
      [{ a: null }, '/a', false],
      [{ a: {} }, '/a', []],
      [{ a: { x: 1 } }, '/a', { x: 1, y: null }],
    ])('fails on %j at %s against %j with a 409 pointing at the value', (doc, path, value) => {
      const error = thrown(PatchTestFailedError, () => apply(doc, [{ op: 'test', path, value }]));
      expect(error.pointer).toBe('/0/value');
      expect(error.detail).toContain(path);
    });

    it('fails with a 409 pointing at the path when there is no value (null is not missing)', () => {
      for (const path of ['/a', '/toString', '/x/y', '/arr/5', '/arr/0/deeper']) {
        const error = thrown(PatchTestFailedError, () => apply({ arr: [1] }, [{ op: 'test', path, value: null }]));
        expect(error.pointer).toBe('/0/path');
      }
    });

    it('rejects a malformed array index as a bad request', () => {
      expect(thrown(PatchRequestError, () => apply(['a', 'b'], [{ op: 'test', path: '/01', value: 'b' }])).pointer).toBe(
        '/0/path',
      );
    });
  });

  describe('errors', () => {
    it('point at the failing operation', () => {
      const ops: PatchOperation[] = [
        { op: 'add', path: '/a', value: 1 },
        { op: 'test', path: '/a', value: 1 },
        { op: 'remove', path: '/nope' },
      ];
      const error = thrown(PatchRequestError, () => apply({}, ops));
      expect(error.pointer).toBe('/2/path');
      expect(error.name).toBe('PatchRequestError');
      expect(error.message).toBe(error.detail);
    });

    it('reject operations built by code with missing members', () => {
      const bad = [
        [{ op: 'add', path: '/a' }, '/0/value'],
        [{ op: 'copy', path: '/a' }, '/0/from'],
        [{ op: 'bogus', path: '/a' }, '/0/op'],
        [{ op: 'add', path: 'a', value: 1 }, '/0/path'],
      ] as const;
      for (const [op, pointer] of bad) {
        expect(thrown(PatchRequestError, () => apply({}, [op as unknown as PatchOperation])).pointer).toBe(pointer);
      }
    });
  });

  describe('atomicity and isolation', () => {
    it('never mutates the input, even when an operation in the middle fails', () => {
      const doc = { a: { b: [1, 2] }, c: 'x' };
      const snapshot = structuredClone(doc);
      const ops: PatchOperation[] = [
        { op: 'add', path: '/a/b/-', value: 3 },
        { op: 'remove', path: '/c' },
        { op: 'replace', path: '/missing', value: 1 },
        { op: 'add', path: '/z', value: 1 },
      ];
      expect(() => apply(doc, ops)).toThrow(PatchRequestError);
      expect(doc).toEqual(snapshot);
      expect(() => apply(doc, [ops[0], { op: 'test', path: '/c', value: 'y' }])).toThrow(PatchTestFailedError);
      expect(doc).toEqual(snapshot);
    });

    it('returns a document sharing nothing with the input or the op values', () => {
      const doc = { keep: { deep: [1] } };
      const value = { nested: [1] };
      const result = apply(doc, [
        { op: 'add', path: '/one', value },
        { op: 'add', path: '/two', value },
      ]) as Record<string, { nested?: number[]; deep?: number[] }>;
      expect(result.keep).not.toBe(doc.keep);
      expect(result.one).not.toBe(value);
      expect(result.one).not.toBe(result.two);
      result.one.nested?.push(2);
      expect(value.nested).toEqual([1]);
      expect(result.two.nested).toEqual([1]);
    });
  });
});
