import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiOperationOptions,
  ApiProduces,
  ApiResponse,
  getSchemaPath,
  HeaderObject,
} from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

/**
 * OpenAPI for what every route answers alike (API.md §1.1, §1.6, §1.9–§1.12), declared once so
 * the document cannot forget a status on one route. A route's own decorators add what it alone
 * sends; a method-level response with the same status overrides the class-level one.
 */

/** Media types of every answer with a body (API.md §1.9: JSON by default, XML when asked). */
export const RESPONSE_MEDIA_TYPES = ['application/json', 'application/xml', 'text/xml'];

const seconds = (description: string): HeaderObject => ({ description, schema: { type: 'integer', minimum: 0 } });

export const HEADERS = {
  retryAfter: seconds('Seconds to wait before retrying'),
  wwwAuthenticate: { description: 'Bearer challenge (RFC 6750)', schema: { type: 'string', example: 'Bearer' } },
  acceptPatch: {
    description: 'The patch media types this route accepts (RFC 5789 §3.1)',
    schema: { type: 'string', example: 'application/merge-patch+json, application/json-patch+json, application/json' },
  },
  etag: { description: 'Strong validator of this version of the record; send it back in If-Match or If-None-Match', schema: { type: 'string' } },
  lastModified: { description: 'Time of the last change (HTTP-date)', schema: { type: 'string' } },
  location: { description: 'URL of the new record', schema: { type: 'string' } },
  idempotentReplayed: {
    description: '`true` when this is the stored answer of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
  preferenceApplied: { description: '`return=minimal` when the Prefer header was honoured', schema: { type: 'string', enum: ['return=minimal'] } },
} satisfies Record<string, HeaderObject>;

/** An RFC 9457 answer; XML callers get the same document as application/problem+xml. */
export const problem = (status: number, description: string, headers?: Record<string, HeaderObject>) =>
  ApiResponse({
    status,
    description,
    headers,
    content: {
      'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } },
      'application/problem+xml': { schema: { $ref: getSchemaPath(ProblemDto) } },
    },
  });

export interface CommonResponseOptions {
  /**
   * `public`: no token (`security: []` is set by ApiPublicOperation); `token`: any valid bearer
   * token (401); `scope`: a token with a scope or role (401, 403). Default `scope`.
   */
  access?: 'public' | 'token' | 'scope';
  /** The route reads or writes PostgreSQL, so an outage is 503 (API.md §1.10). Default true. */
  database?: boolean;
  /** The route counts against the per-IP and per-token budgets (429). Default true. */
  rateLimited?: boolean;
}

/** The statuses every route of a controller shares; put it on the controller class. */
export function ApiCommonResponses({ access = 'scope', database = true, rateLimited = true }: CommonResponseOptions = {}) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ApiProduces(...RESPONSE_MEDIA_TYPES),
    ApiHeader({
      name: 'Time-Zone',
      required: false,
      description: 'IANA zone (e.g. Europe/Helsinki) for date-times in the answer; also `SO-Timezone` (seed 002). Unknown: 400.',
    }),
    ApiHeader({ name: 'X-Request-Id', required: false, description: 'Echoed in the answer; generated when absent' }),
    problem(406, 'The Accept header names no media type this service produces (JSON, XML)'),
    ...(access === 'public'
      ? []
      : [
          problem(401, 'No or invalid bearer token ("Authentication credentials were not provided" / "Invalid token")', {
            'WWW-Authenticate': HEADERS.wwwAuthenticate,
          }),
        ]),
    ...(access === 'scope' ? [problem(403, 'The token lacks the scope or role this call needs')] : []),
    ...(rateLimited ? [problem(429, 'Rate limited (per token and per IP)', { 'Retry-After': HEADERS.retryAfter })] : []),
    ...(database
      ? [problem(503, 'The database is down or too slow; nothing was stored unless said otherwise (API.md §1.10)', { 'Retry-After': HEADERS.retryAfter })]
      : []),
  );
}

/** An operation that needs no token: `security: []` overrides the document's global bearer requirement. */
export const ApiPublicOperation = (options: ApiOperationOptions) => ApiOperation({ ...options, security: [] });
