import { UnreadableBody } from '../http/body-parsers';
import { badRequest, ProblemException } from '../http/problem.exception';
import { canonicalizeObject } from '../resource/canonical-input';
import { JsonObject } from '../resource/document-checks';
import { ResourceSchema } from '../resource/resource-registry';
import { PatchRequestError } from './patch.errors';
import { PatchLimits } from './patch.types';
import { parseMergePatch } from './parse-merge-patch';

/**
 * How every door reads a write's body (PATCH, PUT, PATCH by identifier, create), with one set
 * of refusals: a media type the door does not take is 415 with `Accept-Patch`; a body that is
 * unreadable, absent, of the wrong kind, too deep, reaching the prototype, or naming unknown
 * fields is 400 "The body is invalid." with the cause at its pointer.
 */

/** A write body as it arrived: read lazily, after the record is known to be visible. */
export interface WriteBody {
  contentType: string | undefined;
  payload: unknown;
}

/** 400 for a body that cannot be read as asked, the cause at its pointer into the body. */
export function invalidBody(error: PatchRequestError): ProblemException {
  return badRequest('The body is invalid.', [{ pointer: error.pointer, detail: error.detail }]);
}

/** The body's media type, lower case without parameters, when the door takes it; 415 otherwise. */
export function acceptedMediaType(body: WriteBody, accepted: readonly string[]): string {
  const mediaType = body.contentType?.split(';')[0].trim().toLowerCase();
  const unsupported = body.payload instanceof UnreadableBody && body.payload.status === 415;
  if (mediaType && accepted.includes(mediaType) && !unsupported) return mediaType;
  throw new ProblemException({
    status: 415,
    detail: `This request takes ${accepted.join(', ')}; got "${body.contentType ?? 'no Content-Type'}".`,
    headers: { 'Accept-Patch': accepted.join(', ') },
  });
}

/** The parsed JSON of a body that was read; 415 for a media type no parser takes, PatchRequestError when unreadable or absent. */
export function bodyPayload(payload: unknown): unknown {
  if (payload instanceof UnreadableBody && payload.status === 415) throw new ProblemException({ status: 415, detail: payload.detail });
  if (payload instanceof UnreadableBody) throw new PatchRequestError('', payload.detail);
  if (payload === undefined) throw new PatchRequestError('', 'a body is required');
  return payload;
}

/**
 * A body that is a JSON object of the resource's fields, as canonical names (bounded nesting and
 * no `__proto__` checked first: the walks after this are recursive).
 * @throws PatchRequestError with a pointer into the body
 */
export function fieldsObject(schema: ResourceSchema, payload: unknown, limits: Pick<PatchLimits, 'maxDepth'>): JsonObject {
  const value = bodyPayload(payload);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PatchRequestError('', 'must be a JSON object of fields; the whole record cannot be replaced');
  }
  return canonicalizeObject(schema, parseMergePatch(value, limits), '') as JsonObject;
}

/** fieldsObject, refusing with invalidBody: for the doors that read a whole body at once. */
export function readFieldsObject(schema: ResourceSchema, payload: unknown, limits: Pick<PatchLimits, 'maxDepth'>): JsonObject {
  try {
    return fieldsObject(schema, payload, limits);
  } catch (error) {
    throw error instanceof PatchRequestError ? invalidBody(error) : error;
  }
}
