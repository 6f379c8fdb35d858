import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ProblemDto } from '../http/problem.dto';
import { ListFilter } from './list-filters';
import { ACCEPT_PATCH } from '../patch/patch-request';

/** OpenAPI for the routes every resource has; one place, so the documents agree. */

export const problem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } });

const commonErrors = [
  problem(401, 'No or invalid bearer token ("Authentication credentials were not provided" / "Invalid token")'),
  problem(403, 'The token lacks the scope or role'),
  problem(404, 'No such record, or one the caller may not see ("Not found.")'),
  problem(429, 'Rate limited; see Retry-After'),
];

export const companyQuery = ApiQuery({
  name: 'companyId',
  required: false,
  description: 'Superadmin: the company to act on. Admin/user: blank or their own (another is 404).',
});

const selectQuery = ApiQuery({
  name: '$select',
  required: false,
  description: 'Comma-separated fields, case-insensitive, `/` for nested (e.g. `name,contact/email`). Unselected fields are null. Also `select`.',
});

const recordHeaders = {
  ETag: { description: 'Strong validator of this version of the record', schema: { type: 'string' } },
  'Last-Modified': { description: 'Time of the last change', schema: { type: 'string' } },
};

export const ApiGet = (type: Type, summary: string) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ApiOperation({ summary }),
    companyQuery,
    selectQuery,
    ApiResponse({ status: 200, type, headers: recordHeaders }),
    problem(400, 'Unknown field in $select'),
    ...commonErrors,
  );

const FILTER_SCHEMAS: Record<ListFilter['kind'], SchemaObject> = {
  text: { type: 'string', minLength: 1, maxLength: 1000 },
  'exact-text': { type: 'string', minLength: 1, maxLength: 1000 },
  integer: { type: 'integer', minimum: 0, maximum: 2147483647 },
  boolean: { type: 'boolean' },
  uuid: { type: 'string', format: 'uuid' },
  'date-time': { type: 'string', format: 'date-time' },
};

export const ApiList = (type: Type, summary: string, filters: readonly ListFilter[]) =>
  applyDecorators(
    ApiExtraModels(ProblemDto, type),
    ApiOperation({
      summary,
      description:
        'Tenant scoped; masked like single reads. `nextCursor` is null on the last page. Filters (API.md §6) combine with ' +
        'AND; text filters match case-insensitively, each is served by an index. A cursor is only valid with the filters of ' +
        'the page it came from (400 otherwise). Any other query parameter is 400 naming it.',
    }),
    companyQuery,
    selectQuery,
    ApiQuery({ name: 'limit', required: false, description: '1..200, default 50' }),
    ApiQuery({ name: 'cursor', required: false, description: 'Opaque; the nextCursor of the previous page, with the same filters' }),
    ...filters.map((filter) => ApiQuery({ name: filter.name, required: false, description: filter.description, schema: FILTER_SCHEMAS[filter.kind] })),
    ApiResponse({
      status: 200,
      schema: {
        type: 'object',
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(type) } },
          nextCursor: { type: 'string', nullable: true },
        },
      },
    }),
    problem(400, 'Bad limit, cursor, filter value or $select; an unknown query parameter; a cursor of other filters'),
    ...commonErrors,
  );

export const ApiCreate = (type: Type, summary: string) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ApiOperation({
      summary,
      description: 'Field names are case-insensitive. Read-only fields may not be sent. A superadmin must pass ?companyId=.',
    }),
    companyQuery,
    ApiQuery({ name: 'dryRun', required: false, description: 'true: validate and return the would-be record, store nothing' }),
    ApiBody({ type }),
    ApiResponse({ status: 201, type, headers: { ...recordHeaders, Location: { description: 'URL of the new record', schema: { type: 'string' } } } }),
    problem(400, 'Unknown or read-only field, malformed JSON'),
    problem(415, 'Not JSON'),
    problem(422, 'Invalid values, one entry per problem'),
    ...commonErrors,
  );

/** Query, headers and answers shared by every write door (PATCH, PUT, PATCH by identifier). */
export const ApiWrite = (type: Type) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    companyQuery,
    selectQuery,
    ApiQuery({ name: 'dryRun', required: false, description: 'true: validate and return the would-be record, store nothing' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'Apply only if the record still has this ETag (else 412)' }),
    ApiHeader({ name: 'If-Unmodified-Since', required: false, description: 'Apply only if not changed since (else 412)' }),
    ApiHeader({ name: 'Prefer', required: false, description: '`return=minimal`: answer 204 without a body' }),
    ApiResponse({ status: 200, type, headers: recordHeaders }),
    ApiResponse({ status: 204, description: 'Prefer: return=minimal honoured (Preference-Applied), with ETag' }),
    problem(400, 'Bad patch: unknown field or path, bad op, read-only field changed, malformed JSON'),
    problem(409, 'A JSON Patch test operation did not match, or a unique value is taken'),
    problem(412, 'If-Match or If-Unmodified-Since failed'),
    problem(413, 'Body or patched record too large'),
    problem(415, `Unsupported Content-Type (see Accept-Patch)`),
    problem(422, 'Invalid values, one entry per problem'),
    ...commonErrors,
  );

export const ApiPatch = (type: Type, summary: string, examples: { merge?: unknown; jsonPatch?: unknown } = {}) =>
  applyDecorators(
    ApiWrite(type),
    ApiOperation({
      summary,
      description:
        'Body by Content-Type: `application/merge-patch+json` (RFC 7396: null clears, arrays replaced), ' +
        '`application/json-patch+json` (RFC 6902, all six ops, atomic), or `application/json` (object = merge patch, ' +
        'array = JSON Patch). Paths and names are case-insensitive; a leading slash is optional at the root. ' +
        'Read-only fields may be repeated with their current value only. The whole patched record is validated.',
    }),
    ApiConsumes('application/merge-patch+json', 'application/json-patch+json', 'application/json'),
    ApiProduces('application/json'),
    ApiBody({
      schema: { oneOf: [{ $ref: getSchemaPath(type) }, { type: 'array', items: { type: 'object' } }] },
      examples: {
        mergePatch: { summary: 'Merge patch', value: examples.merge ?? { name: 'New name' } },
        jsonPatch: { summary: 'JSON Patch', value: examples.jsonPatch ?? [{ op: 'replace', path: '/name', value: 'New name' }] },
      },
    }),
    ApiHeader({ name: 'Accept-Patch', required: false, description: `Answered with 415: ${ACCEPT_PATCH}` }),
  );

export const ApiHistory = (summary: string) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ApiOperation({
      summary,
      description: 'Admin and superadmin. Each entry: `{at, actor: {sub, role}, requestId, kind, ops}`, `ops` the RFC 6902 diff, GDPR values "***".',
    }),
    companyQuery,
    ApiQuery({ name: 'limit', required: false }),
    ApiQuery({ name: 'cursor', required: false }),
    ApiResponse({ status: 200, description: '`{ items: [...], nextCursor }`' }),
    ...commonErrors,
  );
