import { applyPatch } from './apply-patch';
import { diffDocuments } from './diff';
import type { PatchLimits } from './patch.types';

const limits: PatchLimits = { maxOps: 1000, maxDepth: 64, maxDocumentBytes: 10_000_000 };

function roundTrip(a: unknown, b: unknown): void {
  expect(applyPatch(a, diffDocuments(a, b), limits)).toEqual(b);
}

describe('diffDocuments', () => {
  it('emits nothing for equal documents, whatever the member order', () => {
    expect(diffDocuments({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toEqual([]);
  });

  it('recurses into objects and emits add/remove/replace per member', () => {
    const a = { keep: 1, change: 'x', gone: true, nested: { x: 1, y: 2 } };
    const b = { keep: 1, change: 'y', nested: { x: 1, y: 3, z: null }, added: [1] };
    expect(diffDocuments(a, b)).toEqual([
      { op: 'remove', path: '/gone' },
      { op: 'replace', path: '/change', value: 'y' },
      { op: 'replace', path: '/nested/y', value: 3 },
      { op: 'add', path: '/nested/z', value: null },
      { op: 'add', path: '/added', value: [1] },
    ]);
    roundTrip(a, b);
  });

  it('replaces on type changes (no coercion: "1" vs 1, null vs {}, [] vs {})', () => {
    expect(diffDocuments({ a: '1' }, { a: 1 })).toEqual([{ op: 'replace', path: '/a', value: 1 }]);
    expect(diffDocuments({ a: null }, { a: {} })).toEqual([{ op: 'replace', path: '/a', value: {} }]);
    expect(diffDocuments({ a: [] }, { a: {} })).toEqual([{ op: 'replace', path: '/a', value: {} }]);
    expect(diffDocuments({ a: 1 }, [1])).toEqual([{ op: 'replace', path: '', value: [1] }]);
  });

  it('keeps common array prefixes and suffixes', () => {
    expect(diffDocuments([1, 2, 3], [1, 2, 3, 4])).toEqual([{ op: 'add', path: '/3', value: 4 }]);
    expect(diffDocuments([1, 2, 3], [0, 1, 2, 3])).toEqual([{ op: 'add', path: '/0', value: 0 }]);
    expect(diffDocuments([1, 2, 3], [1, 3])).toEqual([{ op: 'remove', path: '/1' }]);
    expect(diffDocuments([1, 2, 3], [1, 9, 3])).toEqual([{ op: 'replace', path: '/1', value: 9 }]);
    expect(diffDocuments([1, 2, 3, 4, 5], [1, 5])).toEqual([
      { op: 'remove', path: '/3' },
      { op: 'remove', path: '/2' },
      { op: 'remove', path: '/1' },
    ]);
  });

  it('recurses into changed array elements', () => {
    expect(diffDocuments({ l: [{ id: 1, n: 'a' }] }, { l: [{ id: 1, n: 'b' }] })).toEqual([
      { op: 'replace', path: '/l/0/n', value: 'b' },
    ]);
  });

  it('escapes member names and prefixes basePath', () => {
    expect(diffDocuments({ 'a/b': 1 }, { 'a/b': 2, '~': 0 }, '/securityCode')).toEqual([
      { op: 'replace', path: '/securityCode/a~1b', value: 2 },
      { op: 'add', path: '/securityCode/~0', value: 0 },
    ]);
  });

  it('adds or removes a whole value when one side is absent', () => {
    expect(diffDocuments(undefined, { a: 1 }, '/f')).toEqual([{ op: 'add', path: '/f', value: { a: 1 } }]);
    expect(diffDocuments({ a: 1 }, undefined, '/f')).toEqual([{ op: 'remove', path: '/f' }]);
    expect(diffDocuments(undefined, undefined)).toEqual([]);
  });

  it.each([
    [[1, 2, 3, 4], [4, 3, 2, 1]],
    [[], [1, 2]],
    [[1, 2], []],
    [[1, [2, [3]]], [1, [2, [4]], 5]],
    [[{ a: 1 }, { b: 2 }, { c: 3 }], [{ c: 3 }]],
    [[1, 1, 1], [1, 1]],
    [[1, 2, 1], [1]],
  ])('round-trips %j to %j', (a, b) => {
    roundTrip({ x: a }, { x: b });
    roundTrip(a, b);
  });
});
