import { createHash } from 'node:crypto';
import { isUUID } from 'class-validator';
import { badRequest, ProblemFieldError } from '../http/problem.exception';
import { decodeCursor, encodeCursor, invalidCursor } from '../pagination/page';

/** How a filter's query value is read and compared (API.md §6). */
export type FilterKind = 'text' | 'exact-text' | 'integer' | 'boolean' | 'uuid' | 'date-time';

/** One list filter: a query parameter compared with one column. */
export interface ListFilter {
  /** The query parameter, e.g. `email`. */
  readonly name: string;
  /** The entity property of the column it compares with. */
  readonly column: string;
  /** `text` matches case-insensitively (lower() on both sides, served by a lower(column) index). */
  readonly kind: FilterKind;
  /** `since`: the column is at or after the value; otherwise equality. */
  readonly since?: boolean;
  /** A GDPR-protected field (API.md §1.3): records that hide it from the caller never match. */
  readonly protected?: boolean;
  /** Another filter this one only narrows (its index starts with that column). */
  readonly requires?: string;
  readonly description: string;
}

/** Every resource's lists take it (API.md §6). */
export const UPDATED_SINCE: ListFilter = {
  name: 'updatedSince',
  column: 'updatedAt',
  kind: 'date-time',
  since: true,
  description: 'Only records changed at or after this date-time (ISO 8601 with offset, e.g. 2026-01-31T12:00:00Z)',
};

/** Parameters every list takes besides its filters (API.md §1.2, §1.5, §1.7). */
const LIST_PARAMETERS = new Set(['companyId', 'limit', 'cursor', '$select', 'select']);

/** Parsed filter values by filter name; text values as given (SQL lower()s both sides). */
export type FilterValues = Readonly<Record<string, string | number | boolean>>;

export interface ListQuery {
  companyId?: string;
  limit?: string;
  cursor?: string;
  filters: FilterValues;
}

const MAX_TEXT = 1000;
const MAX_INT32 = 2147483647;
// ISO 8601 date-time with a required offset: a bare local time would depend on the server's zone.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Reads a list's query string: unknown parameters, repeated parameters and bad values are one
 * 400 naming each (pointer `/<parameter>`), so a misspelt filter never silently lists everything.
 */
export function parseListQuery(query: Record<string, unknown>, filters: readonly ListFilter[]): ListQuery {
  const byName = new Map(filters.map((filter) => [filter.name, filter]));
  const errors: ProblemFieldError[] = [];
  const values: Record<string, string | number | boolean> = {};
  const plain: Record<string, string> = {};
  for (const [name, raw] of Object.entries(query)) {
    const filter = byName.get(name);
    if (!filter && !LIST_PARAMETERS.has(name)) {
      errors.push({ pointer: `/${name}`, detail: 'is not a parameter of this list' });
    } else if (typeof raw !== 'string') {
      errors.push({ pointer: `/${name}`, detail: 'must be given once' });
    } else if (!filter) {
      plain[name] = raw;
    } else {
      const value = parseValue(filter, raw);
      if (value === undefined) errors.push({ pointer: `/${name}`, detail: expectation(filter) });
      else values[name] = value;
    }
  }
  for (const filter of filters) {
    if (filter.requires && filter.name in values && !(filter.requires in values)) {
      errors.push({ pointer: `/${filter.name}`, detail: `needs ${filter.requires}` });
    }
  }
  if (errors.length) throw badRequest('The query parameters are invalid.', errors);
  return { companyId: plain.companyId, limit: plain.limit, cursor: plain.cursor, filters: values };
}

function parseValue(filter: ListFilter, raw: string): string | number | boolean | undefined {
  switch (filter.kind) {
    case 'text':
    case 'exact-text':
      return raw.length >= 1 && raw.length <= MAX_TEXT ? raw : undefined;
    case 'integer': {
      const value = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
      return value <= MAX_INT32 ? value : undefined;
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'uuid':
      return isUUID(raw) ? raw.toLowerCase() : undefined;
    case 'date-time': {
      const at = DATE_TIME.test(raw) ? new Date(raw) : undefined;
      return at && !Number.isNaN(at.getTime()) ? at.toISOString() : undefined;
    }
  }
}

function expectation(filter: ListFilter): string {
  switch (filter.kind) {
    case 'text':
    case 'exact-text':
      return `must be 1 to ${MAX_TEXT} characters`;
    case 'integer':
      return `must be an integer from 0 to ${MAX_INT32}`;
    case 'boolean':
      return 'must be true or false';
    case 'uuid':
      return 'must be a uuid';
    case 'date-time':
      return 'must be an ISO 8601 date-time with offset';
  }
}

/**
 * A digest of the filters a page was listed with. The cursor carries it, so a cursor is only
 * accepted with the same filters: with others its position would skip or repeat records.
 * Case-insensitive values are folded first, as they match the same records.
 */
function filterDigest(filters: readonly ListFilter[], values: FilterValues): string {
  const canonical = filters
    .filter((filter) => filter.name in values)
    .map((filter) => {
      const value = values[filter.name];
      return [filter.name, filter.kind === 'text' && typeof value === 'string' ? value.toLowerCase() : value];
    });
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 22);
}

/** The opaque cursor: the last item's position and the filters' digest. */
export function filteredCursor(position: readonly string[], filters: readonly ListFilter[], values: FilterValues): string {
  return encodeCursor([...position, filterDigest(filters, values)]);
}

/** The position a cursor names; 400 when it is not ours or was issued for other filters. */
export function positionOfCursor(
  raw: string | undefined,
  filters: readonly ListFilter[],
  values: FilterValues,
): [string, string] | undefined {
  const decoded = decodeCursor(raw, 3);
  if (!decoded) return undefined;
  const [createdAt, id, digest] = decoded;
  if (typeof createdAt !== 'string' || typeof id !== 'string') throw invalidCursor();
  if (digest !== filterDigest(filters, values)) {
    throw badRequest('cursor was issued for other filters; use the same filters as the page it came from.', [
      { pointer: '/cursor', detail: 'belongs to other filters' },
    ]);
  }
  return [createdAt, id];
}
