/**
 * Equality with JSON semantics, as RFC 6902 `test` requires (§4.6): objects compare by
 * members regardless of order, arrays by position, numbers by value (so `1` equals `1.0`
 * and `-0` equals `0`), and no coercion (`"1"` is not `1`, `null` is not a missing member).
 */
import { hasOwn, isJsonObject } from './json-value';

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!deepEqual(a[i], b[i])) return false;
    }
    return true;
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!hasOwn(b, key) || !deepEqual(a[key], b[key])) return false;
  }
  return true;
}
