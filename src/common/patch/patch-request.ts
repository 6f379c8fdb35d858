import { UnreadableBody } from '../http/body-parsers';
import { ProblemException } from '../http/problem.exception';
import { canonicalizeObject, canonicalizeOperations } from '../resource/canonical-input';
import { ResourceSchema } from '../resource/resource-registry';
import { PatchRequestError } from './patch.errors';
import { PatchLimits, PatchOperation } from './patch.types';
import { parseJsonPatch } from './parse-json-patch';
import { parseMergePatch } from './parse-merge-patch';

export const ACCEPT_PATCH = 'application/merge-patch+json, application/json-patch+json, application/json';

/** A PATCH body as it arrived: read lazily, after the record is known to be visible. */
export interface PatchBody {
  contentType: string | undefined;
  payload: unknown;
}

/** The body turned into canonical form: RFC 6902 operations, or an RFC 7396 merge patch. */
export type PatchRequest =
  | { kind: 'json-patch'; operations: PatchOperation[] }
  | { kind: 'merge-patch'; patch: Record<string, unknown> };

function unsupportedMediaType(contentType: string | undefined): ProblemException {
  return new ProblemException({
    status: 415,
    detail: `PATCH accepts ${ACCEPT_PATCH}; got "${contentType ?? 'no Content-Type'}".`,
    headers: { 'Accept-Patch': ACCEPT_PATCH },
  });
}

function asMergePatch(schema: ResourceSchema, payload: unknown, limits: PatchLimits): PatchRequest {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new PatchRequestError('', 'a merge patch must be a JSON object of fields; the whole record cannot be replaced');
  }
  const patch = parseMergePatch(payload, limits);
  return { kind: 'merge-patch', patch: canonicalizeObject(schema, patch, '') as Record<string, unknown> };
}

/**
 * At the record root a pointer may leave out its leading slash (seed 002: `Department`), so
 * such paths get one before RFC 6901 parsing; `""` stays `""` (and is refused later).
 */
function withRootSlash(payload: unknown): unknown {
  if (!Array.isArray(payload)) return payload;
  const slash = (pointer: unknown) =>
    typeof pointer === 'string' && pointer !== '' && !pointer.startsWith('/') ? `/${pointer}` : pointer;
  return payload.map((operation: unknown) => {
    if (typeof operation !== 'object' || operation === null) return operation;
    const { path, from } = operation as { path?: unknown; from?: unknown };
    return { ...operation, path: slash(path), ...(from !== undefined ? { from: slash(from) } : {}) };
  });
}

function asJsonPatch(schema: ResourceSchema, payload: unknown, limits: PatchLimits): PatchRequest {
  return { kind: 'json-patch', operations: canonicalizeOperations(schema, parseJsonPatch(withRootSlash(payload), limits)) };
}

/**
 * API.md §1.4: `application/merge-patch+json` is RFC 7396, `application/json-patch+json` is
 * RFC 6902, and `application/json` is either (object = merge patch, array = JSON Patch, as
 * seed 002 allows). Anything else is 415 with `Accept-Patch`.
 */
export function parsePatchRequest(schema: ResourceSchema, body: PatchBody, limits: PatchLimits): PatchRequest {
  const mediaType = body.contentType?.split(';')[0].trim().toLowerCase();
  if (body.payload instanceof UnreadableBody && body.payload.status === 415) throw unsupportedMediaType(body.contentType);
  if (body.payload instanceof UnreadableBody) throw new PatchRequestError('', body.payload.detail);
  if (body.payload === undefined) throw new PatchRequestError('', 'a patch body is required');

  switch (mediaType) {
    case 'application/merge-patch+json':
      return asMergePatch(schema, body.payload, limits);
    case 'application/json-patch+json':
      return asJsonPatch(schema, body.payload, limits);
    case 'application/json':
      return Array.isArray(body.payload)
        ? asJsonPatch(schema, body.payload, limits)
        : asMergePatch(schema, body.payload, limits);
    default:
      throw unsupportedMediaType(body.contentType);
  }
}
