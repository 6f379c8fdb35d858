import { JsonObject } from '../common/resource/document-checks';
import { ResourceResponse } from '../common/resource/resource-response';

/**
 * A write's answer as stored for replay: the record as the caller saw it, before `$select`,
 * Time-Zone, Prefer and XML, which shapeAnswer applies again on replay
 * (the same request, so the same shape; status, ETag and Location follow from these fields).
 */
export interface StoredAnswer {
  document: JsonObject;
  version?: number;
  updatedAt?: string;
  location?: string;
}

export function toStoredAnswer(answer: ResourceResponse): StoredAnswer {
  const { version, updatedAt, created } = answer.options;
  return { document: answer.document, version, updatedAt: updatedAt?.toISOString(), location: created?.location };
}

export function fromStoredAnswer(stored: StoredAnswer): ResourceResponse {
  return new ResourceResponse(stored.document, {
    version: stored.version,
    updatedAt: stored.updatedAt === undefined ? undefined : new Date(stored.updatedAt),
    created: stored.location === undefined ? undefined : { location: stored.location },
    replayed: true,
  });
}
