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
