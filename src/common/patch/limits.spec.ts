import { applyPatch } from './apply-patch';
import { PatchRequestError, PatchTooLargeError } from './patch.errors';
import type { PatchLimits, PatchOperation } from './patch.types';
import { thrown } from './thrown.fixture';

describe('applyPatch limits', () => {
  describe('maxDocumentBytes', () => {
    const limits: PatchLimits = { maxOps: 100, maxDepth: 32, maxDocumentBytes: 100_000 };

    it('stops repeated whole-document copies early instead of building a huge document', () => {
      // Each copy doubles the document: 40 of them would need about 1 KB * 2^40 of memory.
      const ops: PatchOperation[] = Array.from({ length: 40 }, (_, i) => ({ op: 'copy', from: '', path: `/c${i}` }));
      const started = Date.now();
      const error = thrown(PatchTooLargeError, () => applyPatch({ a: 'x'.repeat(1000) }, ops, limits));
      expect(Date.now() - started).toBeLessThan(1000);
      expect(error.pointer).toMatch(/^\/\d$/); // stopped within the first ten operations
      expect(error.maxBytes).toBe(100_000);
      expect(error.sizeBytes).toBeGreaterThan(100_000);
    });

    it('stops copies of a member into itself (nested amplification) as well', () => {
      // Copy (unlike move) may target its own source's children; each copy doubles /a.
      const ops: PatchOperation[] = Array.from({ length: 40 }, (_, i) => ({ op: 'copy', from: '/a', path: `/a/n${i}` }));
      expect(() => applyPatch({ a: { s: 'x'.repeat(1000) } }, ops, limits)).toThrow(PatchTooLargeError);
    });

    it('accepts a patch whose intermediate growth is removed again', () => {
      const doc = { a: 'x'.repeat(40_000) };
      const ops: PatchOperation[] = [];
      for (let i = 0; i < 20; i++) ops.push({ op: 'copy', from: '/a', path: '/b' }, { op: 'remove', path: '/b' });
      expect(applyPatch(doc, ops, limits)).toEqual(doc);
    });

    it('checks the exact UTF-8 size of the result at the end', () => {
      const small: PatchLimits = { ...limits, maxDocumentBytes: 1000 };
      // 600 two-byte characters: 1200+ bytes of UTF-8 although only 600 UTF-16 units.
      const ops: PatchOperation[] = [{ op: 'add', path: '/s', value: 'é'.repeat(600) }];
      const error = thrown(PatchTooLargeError, () => applyPatch({}, ops, small));
      expect(error.pointer).toBe('');
      expect(error.sizeBytes).toBe(Buffer.byteLength(JSON.stringify({ s: 'é'.repeat(600) })));
      expect(applyPatch({}, [{ op: 'add', path: '/s', value: 'e'.repeat(600) }], small)).toEqual({ s: 'e'.repeat(600) });
    });

    it('accepts a document of exactly the limit', () => {
      const doc = { s: '' };
      const exact: PatchLimits = { ...limits, maxDocumentBytes: JSON.stringify({ s: 'abc' }).length };
      expect(applyPatch(doc, [{ op: 'replace', path: '/s', value: 'abc' }], exact)).toEqual({ s: 'abc' });
      expect(() => applyPatch(doc, [{ op: 'replace', path: '/s', value: 'abcd' }], exact)).toThrow(PatchTooLargeError);
    });
  });

  describe('maxDepth (nesting of the patched document)', () => {
    const limits: PatchLimits = { maxOps: 100, maxDepth: 3, maxDocumentBytes: 1_000_000 };
    const doc = { a: { x: {} }, m: {} }; // 3 levels

    it('accepts values that keep the document within the limit', () => {
      expect(applyPatch(doc, [{ op: 'add', path: '/b', value: { y: {} } }], limits)).toEqual({ ...doc, b: { y: {} } });
      expect(applyPatch(doc, [{ op: 'add', path: '/a/x/s', value: 1 }], limits)).toBeDefined();
    });

    it('rejects an added or replacing value that would nest too deep', () => {
      expect(thrown(PatchRequestError, () => applyPatch(doc, [{ op: 'add', path: '/a/x/y', value: {} }], limits)).pointer).toBe(
        '/0/value',
      );
      const replace: PatchOperation[] = [{ op: 'replace', path: '/m', value: { y: { z: {} } } }];
      expect(thrown(PatchRequestError, () => applyPatch(doc, replace, limits)).pointer).toBe('/0/value');
    });

    it('rejects a copy or a move that would nest too deep', () => {
      const copy: PatchOperation[] = [{ op: 'copy', from: '/a', path: '/m/a' }];
      expect(thrown(PatchRequestError, () => applyPatch(doc, copy, limits)).pointer).toBe('/0/path');
      const move: PatchOperation[] = [{ op: 'move', from: '/a', path: '/m/a' }];
      expect(thrown(PatchRequestError, () => applyPatch(doc, move, limits)).pointer).toBe('/0/path');
      expect(applyPatch(doc, [{ op: 'move', from: '/a/x', path: '/m/x' }], limits)).toEqual({ a: {}, m: { x: {} } });
    });
  });
});
