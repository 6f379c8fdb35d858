import { LRUCache } from 'lru-cache';
import { badRequest, ProblemException } from '../http/problem.exception';
import { JsonObject } from '../resource/document-checks';
import { fieldByInputName, FieldSchema, ResourceSchema } from '../resource/resource-registry';

/** A parsed `$select`: canonical field name -> what of it is selected (true = all of it). */
export type Selection = Map<string, true | Selection>;

/**
 * Parses `?$select=name,department,category/id` (seed 002) against the schema: names are
 * case-insensitive (aliases too), `/` selects inside nested fields; unknown names are 400,
 * listed together.
 */
export function parseSelect(schema: ResourceSchema, raw: string): Selection {
  if (raw.length > REMEMBERED_TEXT_LENGTH) return parseSelectText(schema, raw);
  let cache = parsedSelections.get(schema);
  if (!cache) parsedSelections.set(schema, (cache = new LRUCache({ max: PARSED_SELECTIONS })));
  const known = cache.get(raw);
  if (known) return known;
  const selection = parseSelectText(schema, raw);
  cache.set(raw, selection);
  return selection;
}

/**
 * Parsed `$select`s by resource and query text, shared by the requests that repeat one
 * (clients send the same few; parsing was 1.5 % of a GET's CPU), so never changed after
 * parsing. A bounded number of texts of a bounded length per resource (at most 256 KB), so
 * distinct or long texts cannot grow memory; refusals are not kept.
 */
const PARSED_SELECTIONS = 256;
const REMEMBERED_TEXT_LENGTH = 1024;
const parsedSelections = new WeakMap<ResourceSchema, LRUCache<string, Selection>>();

function parseSelectText(schema: ResourceSchema, raw: string): Selection {
  const selection: Selection = new Map();
  const unknown: string[] = [];
  for (const entry of raw.split(',').map((part) => part.trim()).filter(Boolean)) {
    if (!addPath(schema, selection, entry.replace(/^\//, '').split('/'))) unknown.push(entry);
  }
  if (unknown.length) throw unknownFields(unknown);
  return selection;
}

/** Unknown names a 400 lists, each cut to a readable length: the answer stays small whatever the query. */
const LISTED_UNKNOWN = 5;
const LISTED_NAME_LENGTH = 64;

function unknownFields(unknown: string[]): ProblemException {
  const listed = unknown.slice(0, LISTED_UNKNOWN).map((name) => (name.length > LISTED_NAME_LENGTH ? `${name.slice(0, LISTED_NAME_LENGTH)}…` : name));
  const more = unknown.length - listed.length;
  return badRequest(
    `Unknown field${unknown.length > 1 ? 's' : ''} in $select: ${listed.join(', ')}${more ? ` and ${more} more` : ''}.`,
    listed.map((name) => ({ pointer: '/$select', detail: `unknown field "${name}"` })),
  );
}

function addPath(schema: ResourceSchema, selection: Selection, segments: string[]): boolean {
  const [head, ...rest] = segments;
  const field = head ? fieldByInputName(schema, head) : undefined;
  if (!field) return false;
  const existing = selection.get(field.name);
  if (rest.length === 0 || existing === true) {
    selection.set(field.name, true);
    return true;
  }
  if (field.freeForm) {
    // Free-form keys are data: select them exactly as written.
    const inner: Selection = existing instanceof Map ? existing : new Map<string, Selection | true>();
    inner.set(rest.join('/'), true);
    selection.set(field.name, inner);
    return true;
  }
  if (!field.nestedSchema) return false;
  const inner: Selection = existing instanceof Map ? existing : new Map<string, Selection | true>();
  if (!addPath(field.nestedSchema, inner, rest)) return false;
  selection.set(field.name, inner);
  return true;
}

/** The document in full shape with unselected fields null (seed 002). */
export function project(schema: ResourceSchema, document: JsonObject, selection: Selection): JsonObject {
  const result: JsonObject = {};
  for (const field of schema.fields) {
    const chosen = selection.get(field.name);
    const value = document[field.name];
    result[field.name] = chosen === undefined ? null : chosen === true ? value : projectValue(field, value, chosen);
  }
  return result;
}

function projectValue(field: FieldSchema, value: unknown, selection: Selection): unknown {
  if (value === null || typeof value !== 'object') return value ?? null;
  if (field.freeForm) {
    const source = value as JsonObject;
    return Object.fromEntries([...selection.keys()].map((key) => [key, source[key] ?? null]));
  }
  if (Array.isArray(value)) return value.map((item) => project(field.nestedSchema!, item as JsonObject, selection));
  return project(field.nestedSchema!, value as JsonObject, selection);
}
