import Negotiator from 'negotiator';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from './problem.exception';

/** Media types the service can answer with, JSON first (the default); seed 002 asks for XML too. */
const PRODUCIBLE = ['application/json', 'text/json', 'application/xml', 'text/xml'];
const XML_TYPES = new Set(['application/xml', 'text/xml']);

export type ResponseFormat = { kind: 'json' } | { kind: 'xml'; mediaType: string };

/**
 * Picks the response format from `Accept` (RFC 9110 §12.5.1 with q-values, via `negotiator`).
 * No Accept means JSON; an Accept naming only types the service cannot produce is 406.
 */
export function negotiateFormat(request: Pick<FastifyRequest, 'headers'>): ResponseFormat {
  const accept = request.headers.accept;
  if (!accept) return { kind: 'json' };
  const chosen = new Negotiator({ headers: { accept } }).mediaType(PRODUCIBLE);
  if (!chosen) {
    throw new ProblemException({
      status: 406,
      detail: `Cannot produce "${accept}"; available: ${PRODUCIBLE.join(', ')}.`,
    });
  }
  return XML_TYPES.has(chosen) ? { kind: 'xml', mediaType: chosen } : { kind: 'json' };
}

/** Same as negotiateFormat, but never throws: used when answering an error. */
export function formatForError(request: Pick<FastifyRequest, 'headers'>): ResponseFormat {
  try {
    return negotiateFormat(request);
  } catch {
    return { kind: 'json' };
  }
}
