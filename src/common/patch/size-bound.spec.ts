import fc from 'fast-check';
import { applyPatch } from './apply-patch';
import { JSON_TEXT_EXPANSION, measureJson } from './json-value';
import { PatchError } from './patch.errors';
import type { PatchOperation } from './patch.types';
import { isUnsafeKey } from './unsafe-keys';

/** UTF-8 length of a value's JSON text: what the record limit is about. */
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** The values that stretch JSON text most against the lower bound: escapes, lone surrogates, long numbers. */
const worstScalar = fc.constantFrom('\u0000', '\u001f', '\ud800', '"', '\\', 'é', '😀', -2.2250738585072014e-308, -1.7976931348623157e308, 5e-324, true, false, null);
const json = fc.oneof(
  fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }),
  fc.array(worstScalar, { maxLength: 50 }),
  fc.dictionary(fc.string({ unit: 'binary', maxLength: 5 }), worstScalar),
);
const safeKey = fc.string({ unit: 'binary', maxLength: 300, size: 'max' }).filter((key) => !isUnsafeKey(key));
const pointerOf = (key: string) => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

describe('the size bound that lets applyPatch skip serializing small results', () => {
  it('JSON text is never longer than JSON_TEXT_EXPANSION times the lower bound', () => {
    fc.assert(
      fc.property(json, (value) => jsonBytes(value) <= JSON_TEXT_EXPANSION * measureJson(value).bytes),
      { numRuns: 5000 },
    );
  });

  it('a patched document larger than the limit is refused, never returned, however its size came about', () => {
    const operation: fc.Arbitrary<PatchOperation> = fc.oneof(
      fc.record({ op: fc.constant('add' as const), path: safeKey.map(pointerOf), value: json }),
      fc.record({ op: fc.constant('copy' as const), from: fc.constant(''), path: safeKey.map(pointerOf) }),
      fc.record({ op: fc.constant('move' as const), from: fc.constant('/a'), path: safeKey.map(pointerOf) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 4 }), fc.integer({ min: 10, max: 2000 }), (operations, maxDocumentBytes) => {
        try {
          const result = applyPatch({ a: 1 }, operations, { maxOps: 100, maxDepth: 32, maxDocumentBytes });
          return jsonBytes(result) <= maxDocumentBytes;
        } catch (error) {
          if (error instanceof PatchError) return true;
          throw error;
        }
      }),
      { numRuns: 3000 },
    );
  });
});
