/**
 * Member names that can reach an object's prototype when code later copies data with plain
 * assignment (`target[key] = value`, `Object.assign`, naive deep merges). The engine refuses
 * them everywhere a client can name a member, so stored documents never carry them.
 */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key);
}

/** Index of the first unsafe token, or -1. */
export function findUnsafeToken(tokens: readonly string[]): number {
  for (let i = 0; i < tokens.length; i++) {
    if (UNSAFE_KEYS.has(tokens[i])) return i;
  }
  return -1;
}

/** A container met during the walk, linked to its parent so no path is copied per level. */
interface Visit {
  value: object;
  key: string;
  parent: Visit | undefined;
}

function pathOf(visit: Visit | undefined, last: string): string[] {
  const path = [last];
  for (let at = visit; at?.parent; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * Where the first unsafe member name sits in a parsed JSON body (its path tokens), or
 * undefined. For bodies that are not patches (creates, configs, the token form), whose depth
 * no patch limit has checked yet: the walk keeps its own stack, so no nesting overflows it,
 * and builds a path only for what it finds.
 */
export function findUnsafeMember(body: unknown): string[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const pending: Visit[] = [{ value: body, key: '', parent: undefined }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const isArray = Array.isArray(visit.value);
    for (const [key, child] of Object.entries(visit.value)) {
      if (!isArray && UNSAFE_KEYS.has(key)) return pathOf(visit, key);
      if (typeof child === 'object' && child !== null) pending.push({ value: child as object, key, parent: visit });
    }
  }
  return undefined;
}
