/**
 * RFC 7396 JSON Merge Patch, translated into RFC 6902 operations so both body formats share
 * one application path (atomicity, limits, audit).
 */
import { escapeToken } from './json-pointer';
import { cloneJson, hasOwn, isJsonObject, type JsonObject } from './json-value';
import type { PatchOperation } from './patch.types';
import { assertSafeJsonValue } from './validate-value';

/**
 * RFC 6902 operations that turn `target` into the RFC 7396 merge of `patch` into it. Nested
 * objects recurse so untouched members produce no operation; a `null` for a missing member
 * produces nothing; anything else is one `add` (location absent) or `replace` (present).
 * Operation paths are disjoint, so their order does not matter.
 * @param target the current value at `basePath` (`undefined` when absent)
 * @param basePath pointer of `target` in the document, prefixed to every operation path
 * @param bodyPointer where `patch` sits in the request body, for error pointers
 * @throws PatchRequestError when the patch names `__proto__`, `constructor` or `prototype`
 */
export function mergePatchToOps(target: unknown, patch: unknown, basePath = '', bodyPointer = ''): PatchOperation[] {
  assertSafeJsonValue(patch, Infinity, bodyPointer);
  const ops: PatchOperation[] = [];
  collectOps(target, patch, basePath, ops);
  return ops;
}

/**
 * RFC 7396 §2 on a target this module owns (a fresh copy, or `undefined`), merging in place.
 * A non-object target starts over from `{}`, which also drops nulls nested in new objects.
 */
function mergeOwned(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result: JsonObject = isJsonObject(target) ? target : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) {
      delete result[key]; // absent already: nothing to do
    } else {
      // Plain assignment is safe: the patch was checked for prototype-reaching names.
      result[key] = mergeOwned(hasOwn(result, key) ? result[key] : undefined, value);
    }
  }
  return result;
}

function collectOps(target: unknown, patch: unknown, path: string, ops: PatchOperation[]): void {
  if (!isJsonObject(patch) || !isJsonObject(target)) {
    // Values are private copies (nulls dropped from new objects), never request objects.
    ops.push({ op: target === undefined ? 'add' : 'replace', path, value: mergeOwned(undefined, patch) });
    return;
  }
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    const childPath = `${path}/${escapeToken(key)}`;
    const present = hasOwn(target, key);
    if (value === null) {
      if (present) ops.push({ op: 'remove', path: childPath });
    } else {
      collectOps(present ? target[key] : undefined, value, childPath, ops);
    }
  }
}
