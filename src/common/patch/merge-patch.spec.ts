import { applyPatch } from './apply-patch';
import { mergePatchToOps } from './merge-patch';
import { parseMergePatch } from './parse-merge-patch';
import { PatchRequestError } from './patch.errors';
import type { PatchLimits } from './patch.types';

const limits: PatchLimits = { maxOps: 100, maxDepth: 32, maxDocumentBytes: 1_000_000 };

/** RFC 7396 Appendix A, verbatim. */
const RFC_7396_EXAMPLES: Array<[string, string, string]> = [
  ['{"a":"b"}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"b"}', '{"b":"c"}', '{"a":"b","b":"c"}'],
  ['{"a":"b"}', '{"a":null}', '{}'],
  ['{"a":"b","b":"c"}', '{"a":null}', '{"b":"c"}'],
  ['{"a":["b"]}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"c"}', '{"a":["b"]}', '{"a":["b"]}'],
  ['{"a":{"b":"c"}}', '{"a":{"b":"d","c":null}}', '{"a":{"b":"d"}}'],
  ['{"a":[{"b":"c"}]}', '{"a":[1]}', '{"a":[1]}'],
  ['["a","b"]', '["c","d"]', '["c","d"]'],
  ['{"a":"b"}', '["c"]', '["c"]'],
  ['{"a":"foo"}', 'null', 'null'],
  ['{"a":"foo"}', '"bar"', '"bar"'],
  ['{"e":null}', '{"a":1}', '{"e":null,"a":1}'],
  ['[1,2]', '{"a":"b","c":null}', '{"a":"b"}'],
  ['{}', '{"a":{"bb":{"ccc":null}}}', '{"a":{"bb":{}}}'],
];

describe('mergePatchToOps', () => {
  it.each(RFC_7396_EXAMPLES)('turns %s + %s into operations giving %s', (target, patch, result) => {
    const doc = JSON.parse(target) as unknown;
    const ops = mergePatchToOps(doc, JSON.parse(patch));
    expect(applyPatch(doc, ops, limits)).toEqual(JSON.parse(result));
  });

  it('emits one operation per changed leaf, replace when present and add when absent', () => {
    const target = { a: 1, b: { c: 2, d: 3 }, e: [1], gone: true };
    const patch = { a: 5, b: { c: null, x: { y: null, z: 1 } }, e: [2], gone: null, missing: null, s: 'new' };
    expect(mergePatchToOps(target, patch)).toEqual([
      { op: 'replace', path: '/a', value: 5 },
      { op: 'remove', path: '/b/c' },
      { op: 'add', path: '/b/x', value: { z: 1 } },
      { op: 'replace', path: '/e', value: [2] },
      { op: 'remove', path: '/gone' },
      { op: 'add', path: '/s', value: 'new' },
    ]);
  });

  it('emits nothing for an empty patch or for removing absent members', () => {
    expect(mergePatchToOps({ a: 1 }, {})).toEqual([]);
    expect(mergePatchToOps({ a: 1 }, { b: null, c: null })).toEqual([]);
  });

  it('replaces a non-object member with an object, nulls dropped', () => {
    expect(mergePatchToOps({ a: 'text' }, { a: { b: 1, c: null } })).toEqual([{ op: 'replace', path: '/a', value: { b: 1 } }]);
    expect(mergePatchToOps({ a: null }, { a: { b: 1 } })).toEqual([{ op: 'replace', path: '/a', value: { b: 1 } }]);
  });

  it('replaces the root for a non-object patch', () => {
    expect(mergePatchToOps({ a: 1 }, [1])).toEqual([{ op: 'replace', path: '', value: [1] }]);
    expect(mergePatchToOps({ a: 1 }, null)).toEqual([{ op: 'replace', path: '', value: null }]);
  });

  it('prefixes basePath and escapes member names', () => {
    const target = { 'a/b': 1, 'm~n': { x: 1 } };
    expect(mergePatchToOps(target, { 'a/b': 2, 'm~n': { x: null } }, '/securityCode')).toEqual([
      { op: 'replace', path: '/securityCode/a~1b', value: 2 },
      { op: 'remove', path: '/securityCode/m~0n/x' },
    ]);
    expect(mergePatchToOps(undefined, { a: 1 }, '/field')).toEqual([{ op: 'add', path: '/field', value: { a: 1 } }]);
  });

  it('gives values that are copies of the patch', () => {
    const patch = { a: { b: [1] } };
    const [op] = mergePatchToOps({}, patch);
    expect(op.value).toEqual(patch.a);
    expect(op.value).not.toBe(patch.a);
  });
});

describe('parseMergePatch', () => {
  it('returns any valid JSON body as it is', () => {
    const body = { a: [{ b: null }] };
    expect(parseMergePatch(body, limits)).toBe(body);
    expect(parseMergePatch('x', limits)).toBe('x');
  });

  it('rejects bodies nested deeper than maxDepth, pointing into the body', () => {
    try {
      parseMergePatch({ a: { b: { c: {} } } }, { maxDepth: 3 });
      throw new Error('expected a PatchRequestError');
    } catch (error) {
      expect(error).toBeInstanceOf(PatchRequestError);
      expect((error as PatchRequestError).pointer).toBe('/a/b/c');
    }
  });
});
