import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../http/problem.exception';

/** Conditional request headers of a write (RFC 9110 §13). */
export interface Preconditions {
  ifMatch?: string;
  ifUnmodifiedSince?: string;
}

/** Strong ETag of a record version: it changes on every stored update. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The request's conditional headers, as sent (checked against the record by assertPreconditions). */
export function preconditionsOf({ headers }: FastifyRequest): Preconditions {
  return { ifMatch: headers['if-match'], ifUnmodifiedSince: headers['if-unmodified-since'] };
}

function preconditionFailed(detail: string): ProblemException {
  return new ProblemException({ status: 412, detail });
}

/**
 * Checked against the row the write is based on; the write itself only lands while the row
 * still has that version, so the answer holds for what is stored. `If-Match` uses strong
 * comparison (`*` matches any record); `If-Unmodified-Since` is ignored when `If-Match` is
 * present or the date is invalid (RFC 9110 §13.1.4) and compares whole seconds.
 */
export function assertPreconditions(preconditions: Preconditions, current: { version: number; updatedAt: Date }): void {
  const { ifMatch, ifUnmodifiedSince } = preconditions;
  if (ifMatch !== undefined) {
    const etag = etagOf(current.version);
    const candidates = ifMatch.split(',').map((tag) => tag.trim());
    if (!candidates.includes('*') && !candidates.includes(etag)) {
      throw preconditionFailed(`If-Match does not match the current ETag ${etag}.`);
    }
    return;
  }
  if (ifUnmodifiedSince !== undefined) {
    const since = Date.parse(ifUnmodifiedSince);
    if (Number.isNaN(since)) return;
    if (Math.floor(current.updatedAt.getTime() / 1000) * 1000 > since) {
      throw preconditionFailed('The record was modified after If-Unmodified-Since.');
    }
  }
}
