import { UnreadableBody } from '../http/body-parsers';
import { canonicalizeOperations } from '../resource/canonical-input';
import { ResourceSchema } from '../resource/resource-registry';
import { PatchRequestError } from './patch.errors';
import { PatchLimits, PatchOperation } from './patch.types';
import { parseJsonPatch } from './parse-json-patch';
import { acceptedMediaType, bodyPayload, fieldsObject, invalidBody, WriteBody } from './write-body';

/** The media types of a PATCH, in the order Accept-Patch lists them. */
const PATCH_MEDIA_TYPES = ['application/merge-patch+json', 'application/json-patch+json', 'application/json'];
export const ACCEPT_PATCH = PATCH_MEDIA_TYPES.join(', ');

/** A PATCH body as it arrived: read lazily, after the record is known to be visible. */
export type PatchBody = WriteBody;

/** The body turned into canonical form: RFC 6902 operations, or an RFC 7396 merge patch. */
export type PatchRequest =
  | { kind: 'json-patch'; operations: PatchOperation[] }
  | { kind: 'merge-patch'; patch: Record<string, unknown> };

function asMergePatch(schema: ResourceSchema, payload: unknown, limits: PatchLimits): PatchRequest {
  return { kind: 'merge-patch', patch: fieldsObject(schema, payload, limits) };
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
  try {
    // An unreadable or absent body is 400 whatever its media type; an unparsed one is the media type's 415.
    const unparsed = body.payload instanceof UnreadableBody && body.payload.status === 415;
    const payload = unparsed ? undefined : bodyPayload(body.payload);
    const mediaType = acceptedMediaType(body, PATCH_MEDIA_TYPES);
    if (mediaType === 'application/merge-patch+json') return asMergePatch(schema, payload, limits);
    if (mediaType === 'application/json-patch+json') return asJsonPatch(schema, payload, limits);
    return Array.isArray(payload) ? asJsonPatch(schema, payload, limits) : asMergePatch(schema, payload, limits);
  } catch (error) {
    throw error instanceof PatchRequestError ? invalidBody(error) : error;
  }
}
