/**
 * Boundary check for JSON values taken from a request body (op values, merge patches):
 * bounded nesting (the engine's walks are recursive, so depth is a stack-safety limit) and
 * no prototype-reaching member names at any depth.
 */
import { formatPointer } from './json-pointer';
import { isJsonObject } from './json-value';
import { PatchRequestError } from './patch.errors';
import { isUnsafeKey } from './unsafe-keys';

/**
 * @param bodyPointer where `value` sits in the request body; errors point below it
 * @throws PatchRequestError at the offending member, or at the first container nested too deeply
 */
export function assertSafeJsonValue(value: unknown, maxDepth: number, bodyPointer: string): void {
  // `trail` holds the tokens from `value` down to the current container; a pointer string is
  // only built for an error, so valid input allocates next to nothing.
  check(value, maxDepth, [], bodyPointer);
}

function check(value: unknown, maxDepth: number, trail: string[], bodyPointer: string): void {
  if (typeof value !== 'object' || value === null) return;
  if (trail.length >= maxDepth) {
    throw new PatchRequestError(
      bodyPointer + formatPointer(trail),
      `value nests deeper than the limit of ${maxDepth} levels`,
    );
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) descend(value[i], String(i), maxDepth, trail, bodyPointer);
    return;
  }
  if (!isJsonObject(value)) return;
  for (const key of Object.keys(value)) {
    if (isUnsafeKey(key)) {
      throw new PatchRequestError(
        bodyPointer + formatPointer([...trail, key]),
        `member name '${key}' is not allowed`,
      );
    }
    descend(value[key], key, maxDepth, trail, bodyPointer);
  }
}

function descend(child: unknown, token: string, maxDepth: number, trail: string[], bodyPointer: string): void {
  if (typeof child !== 'object' || child === null) return; // scalars need no visit
  trail.push(token);
  check(child, maxDepth, trail, bodyPointer);
  trail.pop();
}
