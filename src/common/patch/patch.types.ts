/**
 * Shapes shared by the patch engine. Kept free of any framework import so the
 * engine can be unit-tested (and reused by scripts) without booting NestJS.
 */

/** One RFC 6902 operation. `value` is used by add/replace/test, `from` by move/copy. */
export type PatchOperation = {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  /** Canonical RFC 6901 JSON Pointer of the target location. */
  path: string;
  value?: unknown;
  from?: string;
};

/** Bounds that keep one request from costing unbounded CPU, memory or stack. */
export interface PatchLimits {
  /** Most operations accepted in one JSON Patch body. */
  maxOps: number;
  /**
   * Most container levels (objects/arrays) a value may nest. `parseJsonPatch` applies it to
   * each op value on its own; `applyPatch` applies it to the whole patched document, so a
   * value written at a path of k tokens may nest at most `maxDepth - k` levels.
   */
  maxDepth: number;
  /** Most UTF-8 bytes of `JSON.stringify` of the patched document. */
  maxDocumentBytes: number;
}
