/**
 * Structural diff into RFC 6902 operations (add/remove/replace), used for audit logs:
 * `applyPatch(a, diffDocuments(a, b))` equals `b`. Objects recurse per member; arrays keep
 * their common prefix and suffix and patch the middle position by position, which is
 * compact for the usual edits (append, insert, delete or change a few elements).
 * Operation values are taken from `b` without copying: treat the result as read-only.
 */
import { deepEqual } from './deep-equal';
import { escapeToken } from './json-pointer';
import { hasOwn, isJsonObject } from './json-value';
import type { PatchOperation } from './patch.types';

/**
 * @param a the old value (`undefined` = absent), b the new value (`undefined` = absent)
 * @param basePath pointer of both values in the document, prefixed to every path
 */
export function diffDocuments(a: unknown, b: unknown, basePath = ''): PatchOperation[] {
  const ops: PatchOperation[] = [];
  if (a === undefined) {
    if (b !== undefined) ops.push({ op: 'add', path: basePath, value: b });
  } else if (b === undefined) {
    ops.push({ op: 'remove', path: basePath });
  } else {
    diffValues(a, b, basePath, ops);
  }
  return ops;
}

function diffValues(a: unknown, b: unknown, path: string, ops: PatchOperation[]): void {
  if (a === b) return;
  if (isJsonObject(a) && isJsonObject(b)) {
    diffObjects(a, b, path, ops);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    diffArrays(a, b, path, ops);
  } else if (!deepEqual(a, b)) {
    ops.push({ op: 'replace', path, value: b });
  }
}

function diffObjects(a: Record<string, unknown>, b: Record<string, unknown>, path: string, ops: PatchOperation[]): void {
  for (const key of Object.keys(a)) {
    if (!hasOwn(b, key)) ops.push({ op: 'remove', path: `${path}/${escapeToken(key)}` });
  }
  for (const key of Object.keys(b)) {
    const childPath = `${path}/${escapeToken(key)}`;
    if (hasOwn(a, key)) diffValues(a[key], b[key], childPath, ops);
    else ops.push({ op: 'add', path: childPath, value: b[key] });
  }
}

function diffArrays(a: unknown[], b: unknown[], path: string, ops: PatchOperation[]): void {
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shorter && deepEqual(a[prefix], b[prefix])) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && deepEqual(a[a.length - 1 - suffix], b[b.length - 1 - suffix])) suffix++;

  // The differing middles: a[prefix, aEnd) becomes b[prefix, bEnd).
  const aEnd = a.length - suffix;
  const bEnd = b.length - suffix;
  const paired = prefix + Math.min(aEnd - prefix, bEnd - prefix);
  for (let i = prefix; i < paired; i++) diffValues(a[i], b[i], `${path}/${i}`, ops);
  // Surplus old elements: highest index first, so every index is still the original one.
  for (let i = aEnd - 1; i >= paired; i--) ops.push({ op: 'remove', path: `${path}/${i}` });
  // Missing new elements: ascending inserts in front of the common suffix.
  for (let i = paired; i < bEnd; i++) ops.push({ op: 'add', path: `${path}/${i}`, value: b[i] });
}
