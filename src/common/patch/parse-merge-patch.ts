/**
 * Request-boundary check for an RFC 7396 body, the counterpart of `parseJsonPatch`: bounded
 * nesting (the merge walks are recursive) and no prototype-reaching member names.
 */
import type { PatchLimits } from './patch.types';
import { assertSafeJsonValue } from './validate-value';

/**
 * @returns the body itself (any JSON value is a valid merge patch; whether the resource
 *   accepts a non-object body is the caller's decision)
 * @throws PatchRequestError with a pointer into the body
 */
export function parseMergePatch(body: unknown, limits: Pick<PatchLimits, 'maxDepth'>): unknown {
  assertSafeJsonValue(body, limits.maxDepth, '');
  return body;
}
