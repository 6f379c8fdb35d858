import { applyPatch } from './apply-patch';
import { mergePatchToOps } from './merge-patch';
import { parseJsonPatch } from './parse-json-patch';
import { parseMergePatch } from './parse-merge-patch';
import { PatchRequestError, PatchTestFailedError } from './patch.errors';
import type { PatchLimits, PatchOperation } from './patch.types';

const limits: PatchLimits = { maxOps: 100, maxDepth: 32, maxDocumentBytes: 1_000_000 };

function pointerOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PatchRequestError);
    return (error as PatchRequestError).pointer;
  }
  throw new Error('expected a PatchRequestError');
}

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
}

describe('prototype pollution attempts', () => {
  afterEach(expectNoPollution);

  describe('JSON Patch paths', () => {
    it.each([
      '/__proto__/polluted',
      '/constructor/prototype/polluted',
      '/a/__proto__/polluted',
      '/a/0/constructor',
      '/prototype',
      '/__proto__',
    ])('refuses %j in parseJsonPatch and in applyPatch', (path) => {
      const body: unknown = JSON.parse(JSON.stringify([{ op: 'add', path, value: 1 }]));
      expect(pointerOf(() => parseJsonPatch(body, limits))).toBe('/0/path');
      const doc = { a: [{}] };
      for (const op of ['add', 'replace', 'test', 'remove'] as const) {
        expect(pointerOf(() => applyPatch(doc, [{ op, path, value: { polluted: 1 } }], limits))).toBe('/0/path');
      }
      expect(pointerOf(() => applyPatch(doc, [{ op: 'copy', from: path, path: '/x' }], limits))).toBe('/0/from');
      expect(pointerOf(() => applyPatch(doc, [{ op: 'move', from: '/a', path }], limits))).toBe('/0/path');
    });

    it('does not see inherited members (toString, hasOwnProperty) as present', () => {
      expect(pointerOf(() => applyPatch({}, [{ op: 'remove', path: '/toString' }], limits))).toBe('/0/path');
      expect(pointerOf(() => applyPatch({}, [{ op: 'copy', from: '/valueOf', path: '/x' }], limits))).toBe('/0/from');
      expect(() => applyPatch({}, [{ op: 'test', path: '/toString', value: {} }], limits)).toThrow(PatchTestFailedError);
      // `add` of such a name creates an own member on the document object only.
      const result = applyPatch({}, [{ op: 'add', path: '/toString', value: 1 }], limits) as Record<string, unknown>;
      expect(Object.keys(result)).toEqual(['toString']);
      expect(typeof Object.prototype.toString).toBe('function');
    });
  });

  describe('values', () => {
    it('refuses unsafe member names inside op values from a parsed body', () => {
      const body: unknown = JSON.parse('[{"op":"add","path":"/a","value":{"__proto__":{"polluted":1}}}]');
      expect(pointerOf(() => parseJsonPatch(body, limits))).toBe('/0/value/__proto__');
    });

    it('keeps an own __proto__ member of trusted data as plain data when copying', () => {
      // Operations built by code skip parseJsonPatch; the copy must still not touch prototypes.
      const value = JSON.parse('{"__proto__":{"polluted":1}}') as object;
      const result = applyPatch({}, [{ op: 'add', path: '/a', value }], limits) as Record<string, object>;
      expect(Object.getPrototypeOf(result.a)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(result.a, '__proto__')).toBe(true);
      expect((result.a as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('merge patch', () => {
    it.each([
      ['{"__proto__":{"polluted":1}}', '/__proto__'],
      ['{"a":{"__proto__":{"polluted":1}}}', '/a/__proto__'],
      ['{"constructor":{"prototype":{"polluted":1}}}', '/constructor'],
      ['{"a":{"constructor":null}}', '/a/constructor'],
      ['{"a":[{"prototype":1}]}', '/a/0/prototype'],
    ])('refuses %s at %s', (json, pointer) => {
      const patch = JSON.parse(json) as unknown;
      const target = { a: { b: 1 } };
      expect(pointerOf(() => parseMergePatch(patch, limits))).toBe(pointer);
      expect(pointerOf(() => mergePatchToOps(target, patch))).toBe(pointer);
      expect(pointerOf(() => mergePatchToOps(target.a, patch, '/a', '/x~1y'))).toBe(`/x~1y${pointer}`);
      expect(target).toEqual({ a: { b: 1 } });
    });
  });

  it('ends with a clean Object.prototype', () => {
    const ops: PatchOperation[] = [{ op: 'add', path: '/a', value: 1 }];
    expect(applyPatch({}, ops, limits)).toEqual({ a: 1 });
  });
});
