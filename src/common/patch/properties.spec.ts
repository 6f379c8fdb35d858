/** Property-based checks (fast-check) of the engine's algebraic guarantees. */
import fc from 'fast-check';
import { applyPatch } from './apply-patch';
import { deepEqual } from './deep-equal';
import { diffDocuments } from './diff';
import { formatPointer, parsePointer } from './json-pointer';
import { mergePatchToOps } from './merge-patch';
import { referenceMergePatch } from './merge-patch.fixture';
import { PatchError } from './patch.errors';
import type { PatchLimits, PatchOperation } from './patch.types';
import { isUnsafeKey } from './unsafe-keys';

const limits: PatchLimits = { maxOps: 10_000, maxDepth: 1_000, maxDocumentBytes: 100_000_000 };

/**
 * fast-check may generate `__proto__`/`constructor`/`prototype` members, which the engine
 * refuses by design; drop them. The copy also gives every object the ordinary prototype.
 */
function withoutUnsafeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUnsafeKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!isUnsafeKey(key)) out[key] = withoutUnsafeKeys((value as Record<string, unknown>)[key]);
  }
  return out;
}

/** Arbitrary JSON (keys are arbitrary strings, so two values rarely share members). */
const anyJson = fc.jsonValue({ maxDepth: 4 }).map(withoutUnsafeKeys);
const anyJsonObject = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { noNullPrototype: true }).map(withoutUnsafeKeys);

/**
 * JSON over a handful of member names (including ones that need escaping), so generated
 * documents and patches overlap and exercise nested merges, diffs and array edits.
 */
const key = fc.constantFrom('a', 'b', 'c', '', '~', 'a/b', '0', '-');
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -2, max: 2 }),
  fc.constantFrom(-0, 1.5),
  fc.constantFrom('x', 'y'),
);
const { json: overlappingJson } = fc.letrec<{ json: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
  json: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('json'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('json'), { maxKeys: 4, noNullPrototype: true }),
}));
const overlappingObject = fc.dictionary(key, overlappingJson, { maxKeys: 5, noNullPrototype: true });

const jsonPairs = fc.oneof(
  fc.tuple(anyJsonObject, anyJsonObject),
  fc.tuple(overlappingObject, overlappingObject),
  fc.tuple(overlappingJson, overlappingJson),
);

describe('properties', () => {
  it('applyPatch(a, diffDocuments(a, b)) equals b', () => {
    fc.assert(
      fc.property(jsonPairs, ([a, b]) => {
        const snapshot = structuredClone(a);
        expect(deepEqual(applyPatch(a, diffDocuments(a, b), limits), b)).toBe(true);
        expect(deepEqual(a, snapshot)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('diffDocuments(a, a) is empty', () => {
    fc.assert(fc.property(fc.oneof(anyJson, overlappingJson), (a) => diffDocuments(a, structuredClone(a)).length === 0));
  });

  it('merge patches are idempotent', () => {
    fc.assert(
      fc.property(jsonPairs, ([target, patch]) => {
        const once = applyPatch(target, mergePatchToOps(target, patch), limits);
        expect(deepEqual(applyPatch(once, mergePatchToOps(once, patch), limits), once)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('applyPatch(target, mergePatchToOps(target, p)) equals the RFC 7396 merge of p into target', () => {
    fc.assert(
      fc.property(jsonPairs, ([target, patch]) => {
        const viaOps = applyPatch(target, mergePatchToOps(target, patch), limits);
        expect(deepEqual(viaOps, referenceMergePatch(target, patch))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('random operations either succeed or throw a PatchError, and never mutate the input', () => {
    const pointer = fc.array(fc.constantFrom('a', 'b', '0', '1', '-', '', '00', 'x~1y'), { maxLength: 3 }).map(formatPointer);
    const operation = fc.record(
      {
        op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test'),
        path: pointer,
        from: pointer,
        value: overlappingJson,
      },
      { requiredKeys: ['op', 'path'] },
    ) as fc.Arbitrary<PatchOperation>;
    fc.assert(
      fc.property(overlappingJson, fc.array(operation, { maxLength: 6 }), (doc, ops) => {
        const snapshot = structuredClone(doc);
        try {
          applyPatch(doc, ops, limits);
        } catch (error) {
          expect(error).toBeInstanceOf(PatchError);
        }
        expect(deepEqual(doc, snapshot)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('deepEqual agrees with a JSON round trip', () => {
    fc.assert(fc.property(anyJson, (value) => deepEqual(value, JSON.parse(JSON.stringify(value)))));
  });

  it('parsePointer inverts formatPointer', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '~', '/', '0', '1', '') }), { maxLength: 5 }), (tokens) => {
        expect(parsePointer(formatPointer(tokens))).toEqual(tokens);
      }),
    );
  });
});
