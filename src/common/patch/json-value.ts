/**
 * Helpers for plain JSON data (what `JSON.parse` produces). Values are assumed to be JSON:
 * class instances such as `Date` are treated as plain objects of their own enumerable members.
 */

export type JsonObject = { [key: string]: unknown };

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-member test, so inherited names such as `toString` count as absent. */
export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * Size and nesting gathered while walking a value.
 * `bytes` is a LOWER BOUND of the UTF-8 length of `JSON.stringify(value)` (a string counts
 * its UTF-16 length, which never exceeds its UTF-8 length; a number counts 1 byte; commas
 * are ignored), cheap enough to compute while cloning. `depth` counts container levels:
 * a scalar is 0, `{}` is 1, `{"a":[]}` is 2.
 */
export interface JsonStats {
  bytes: number;
  depth: number;
}

/**
 * `JSON.stringify(value)` is at most this many times `bytes` long in UTF-8: a string's code
 * unit takes at most 6 bytes (`\u001f`) where the bound counts 1, a number at most 24
 * characters (`-2.2250738585072014e-308`) where it counts 1, and the commas it ignores add at
 * most one byte per member or item. So a document whose bound times this fits a limit fits it
 * without being serialized.
 */
export const JSON_TEXT_EXPANSION = 25;

function scalarBytes(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'boolean':
      return value ? 4 : 5;
    case 'number':
      return 1;
    default:
      return value === null ? 4 : 0;
  }
}

/** Member name plus quotes and colon. */
export function memberBytes(key: string): number {
  return key.length + 3;
}

/**
 * Stores a member without invoking setters: a document may legitimately hold an own
 * `__proto__` member (as `JSON.parse` creates it), and plain assignment of that name would
 * replace the copy's prototype instead.
 */
function setMember(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * Deep copy of a JSON value. Hand-written rather than `structuredClone`: it is faster for
 * plain data and measures the value (into `stats`) during the same walk.
 */
export function cloneJson(value: unknown, stats: JsonStats = { bytes: 0, depth: 0 }): unknown {
  return cloneAt(value, 0, stats);
}

function cloneAt(value: unknown, level: number, stats: JsonStats): unknown {
  if (typeof value !== 'object' || value === null) {
    stats.bytes += scalarBytes(value);
    return value;
  }
  const inner = level + 1;
  if (inner > stats.depth) stats.depth = inner;
  stats.bytes += 2;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (const item of value) copy.push(cloneAt(item, inner, stats));
    return copy;
  }
  const source = value as JsonObject;
  const copy: JsonObject = {};
  for (const key of Object.keys(source)) {
    stats.bytes += memberBytes(key);
    setMember(copy, key, cloneAt(source[key], inner, stats));
  }
  return copy;
}

/** The statistics `cloneJson` would gather, without copying. */
export function measureJson(value: unknown): JsonStats {
  const stats: JsonStats = { bytes: 0, depth: 0 };
  measureAt(value, 0, stats);
  return stats;
}

function measureAt(value: unknown, level: number, stats: JsonStats): void {
  if (typeof value !== 'object' || value === null) {
    stats.bytes += scalarBytes(value);
    return;
  }
  const inner = level + 1;
  if (inner > stats.depth) stats.depth = inner;
  stats.bytes += 2;
  if (Array.isArray(value)) {
    for (const item of value) measureAt(item, inner, stats);
    return;
  }
  const source = value as JsonObject;
  for (const key of Object.keys(source)) {
    stats.bytes += memberBytes(key);
    measureAt(source[key], inner, stats);
  }
}
