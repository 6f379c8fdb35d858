import { applyDecorators, Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiHeader, ApiOperation, ApiParam, ApiQuery, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { HEADERS, problem } from '../http/api-common-responses.decorator';
import { HistoryPageDto } from './history-page.dto';
import { ListFilter } from './list-filters';
import { jsonPatchRef, mergePatchRef } from './openapi-schemas';

/**
 * OpenAPI for the routes every resource has; one place, so the documents agree. The statuses
 * every route shares (401, 403, 406, 429, 503) come from ApiCommonResponses on the controller.
 */

export const companyQuery = ApiQuery({
  name: 'companyId',
  required: false,
  schema: { type: 'string', format: 'uuid' },
  description: 'Superadmin: the company to act on. Admin/user: blank or their own (another is 404).',
});

/**
 * The `:id` of a door that reads it inside its one write parameter (RecordWriteOf), where no
 * `@Param('id')` declares it; the same entry as `@Param('id')` gives the other routes.
 */
export const ApiRecordId = () => ApiParam({ name: 'id', required: true, schema: { type: 'string' } });

const selectQuery = ApiQuery({
  name: '$select',
  required: false,
  schema: { type: 'string' },
  description:
    'Comma-separated fields, case-insensitive, `/` for nested (e.g. `name,contact/email`). Unselected fields are null. Also `select`.',
});

const dryRunQuery = ApiQuery({
  name: 'dryRun',
  required: false,
  schema: { type: 'boolean' },
  description: 'true: validate and return the would-be record, store nothing',
});

const pageQueries = [
  ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } }),
  ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' }, description: 'Opaque; the nextCursor of the previous page' }),
];

const recordHeaders = { ETag: HEADERS.etag, 'Last-Modified': HEADERS.lastModified };
const writeHeaders = { ...recordHeaders, 'Idempotent-Replayed': HEADERS.idempotentReplayed };

const notFound = problem(404, 'No such record, or one the caller may not see ("Not found."), or a foreign ?companyId=');

export const ApiGet = (type: Type, summary: string) =>
  applyDecorators(
    ApiOperation({ summary }),
    companyQuery,
    selectQuery,
    ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag (or `*`): 304 without a body while the record still has it' }),
    ApiResponse({ status: 200, type, description: 'The record', headers: recordHeaders }),
    ApiResponse({ status: 304, description: 'Not modified: the record still has the If-None-Match ETag', headers: { ETag: HEADERS.etag } }),
    problem(400, 'Unknown field in $select, unknown Time-Zone'),
    notFound,
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
    ApiExtraModels(type),
    ApiOperation({
      summary,
      description:
        'Tenant scoped; masked like single reads. `nextCursor` is null on the last page. Filters (API.md §6) combine with ' +
        'AND; text filters match case-insensitively, each is served by an index. A cursor is only valid with the filters of ' +
        'the page it came from (400 otherwise). Any other query parameter is 400 naming it.',
    }),
    companyQuery,
    selectQuery,
    ...pageQueries,
    ...filters.map((filter) => ApiQuery({ name: filter.name, required: false, description: filter.description, schema: FILTER_SCHEMAS[filter.kind] })),
    ApiResponse({
      status: 200,
      description: 'A page of records, newest first',
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(type) } },
          nextCursor: { type: 'string', nullable: true, description: 'Cursor of the next page; null on the last page' },
        },
      },
    }),
    problem(400, 'Bad limit, cursor, filter value, $select or Time-Zone; an unknown query parameter; a cursor of other filters'),
    notFound,
  );

export const ApiCreate = (type: Type, summary: string) =>
  applyDecorators(
    ApiOperation({
      summary,
      description: 'Field names are case-insensitive. Read-only fields may not be sent. A superadmin must pass ?companyId=.',
    }),
    companyQuery,
    dryRunQuery,
    ApiConsumes('application/json'),
    ApiBody({ type }),
    Idempotent(),
    ApiResponse({ status: 201, type, description: 'The new record', headers: { ...writeHeaders, Location: HEADERS.location } }),
    ApiResponse({ status: 200, type, description: 'dryRun=true: the would-be record; nothing stored, so no ETag and no Location' }),
    problem(400, 'Unknown or read-only field, malformed JSON, superadmin without ?companyId='),
    notFound,
    problem(413, 'Body too large'),
    problem(409, 'A request with the same Idempotency-Key is still in progress'),
    problem(415, 'Not JSON'),
    problem(422, 'Invalid values, one entry per problem; or the Idempotency-Key was used for a different request'),
  );

/** Query, headers and answers shared by every write door (PATCH, PUT, PATCH by identifier). */
export const ApiWrite = (type: Type) =>
  applyDecorators(
    companyQuery,
    selectQuery,
    dryRunQuery,
    ApiHeader({ name: 'If-Match', required: false, description: 'Apply only if the record still has this ETag (else 412)' }),
    ApiHeader({ name: 'If-Unmodified-Since', required: false, description: 'Apply only if not changed since this HTTP-date (else 412)' }),
    ApiHeader({ name: 'Prefer', required: false, description: '`return=minimal`: answer 204 without a body' }),
    Idempotent(),
    ApiResponse({ status: 200, type, description: 'The record after the change (or the would-be record of a dry run)', headers: writeHeaders }),
    ApiResponse({
      status: 204,
      description: 'Prefer: return=minimal honoured; no body',
      headers: { ...writeHeaders, 'Preference-Applied': HEADERS.preferenceApplied },
    }),
    problem(400, 'Bad patch: unknown field or path, bad op, read-only field changed, malformed JSON, bad $select or Time-Zone'),
    notFound,
    problem(409, 'A JSON Patch test operation did not match, a unique value is taken, or a request with the same Idempotency-Key is still in progress'),
    problem(412, 'If-Match or If-Unmodified-Since failed; nothing was stored'),
    problem(413, 'Body or patched record too large'),
    problem(415, 'Unsupported Content-Type', { 'Accept-Patch': HEADERS.acceptPatch }),
    problem(422, 'Invalid values, one entry per problem; or the Idempotency-Key was used for a different request'),
  );

export interface PatchExamples {
  /** An RFC 7396 merge patch in the schema's camelCase names. */
  merge: Record<string, unknown>;
  /** An RFC 6902 patch. */
  jsonPatch: { op: string; path: string; value?: unknown; from?: string }[];
}

/**
 * PATCH with the three bodies of API.md §1.4. The body is declared as the `application/json`
 * union; narrowPatchBodies gives each patch media type its own branch and example.
 */
export const ApiPatch = (type: Type, summary: string, examples: PatchExamples) =>
  applyDecorators(
    ApiRecordId(),
    ApiWrite(type),
    ApiOperation({
      summary,
      description:
        'Body by Content-Type: `application/merge-patch+json` (RFC 7396: null clears, arrays replaced), ' +
        '`application/json-patch+json` (RFC 6902, all six ops, atomic), or `application/json` (object = merge patch, ' +
        'array = JSON Patch). Paths and names are case-insensitive (the seeds spell them in PascalCase, e.g. ' +
        '`Department`); a leading slash is optional at the root. Read-only fields may be repeated with their current ' +
        'value only. The whole patched record is validated.',
    }),
    ApiConsumes('application/merge-patch+json', 'application/json-patch+json', 'application/json'),
    ApiBody({
      schema: { oneOf: [mergePatchRef(type.name), jsonPatchRef()] },
      examples: {
        mergePatch: { summary: 'Merge patch', value: examples.merge },
        jsonPatch: { summary: 'JSON Patch', value: examples.jsonPatch },
      },
    }),
  );

export const ApiHistory = (summary: string) =>
  applyDecorators(
    ApiOperation({
      summary,
      description: 'Admin and superadmin. Each entry: `{at, actor: {sub, role}, requestId, kind, ops}`, `ops` the RFC 6902 diff, GDPR values "***".',
    }),
    companyQuery,
    ...pageQueries,
    ApiResponse({ status: 200, type: HistoryPageDto, description: 'A page of changes, newest first' }),
    problem(400, 'Bad limit or cursor, unknown Time-Zone'),
    notFound,
  );
