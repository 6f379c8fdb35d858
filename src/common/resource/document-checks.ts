import { getMetadataStorage, validateSync } from 'class-validator';
import { ProblemFieldError } from '../http/problem.exception';
import { validationErrorsToProblems } from '../http/validation-errors';
import { deepEqual, escapeToken } from '../patch';
import type { JsonObject } from '../patch/json-value';
import { FieldSchema, ResourceSchema } from './resource-registry';
import { resourceInstance } from './resource-instance';
import { rulesPass } from './rule-check';
import { unstorableTextPaths } from './storable-text';

/** The one JSON object type, declared with the patch engine's JSON values; re-exported for resource code. */
export type { JsonObject };

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** Date-times are instants: a value rendered in another Time-Zone is still the stored one. */
function sameValue(field: FieldSchema, a: unknown, b: unknown): boolean {
  if (deepEqual(a, b)) return true;
  const isDateTime = (field.api)?.format === 'date-time';
  return isDateTime && typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b) && !Number.isNaN(Date.parse(a));
}

/**
 * Paths of read-only fields whose value differs between the stored and the patched document.
 * Repeating the stored value is allowed, so GET-modify-PATCH round trips work (API.md §1).
 * With `onlyFields`, only those top-level fields are compared: an update's patched document
 * holds a copy of every other field as it was (touchedFields).
 */
export function changedReadOnlyPaths(schema: ResourceSchema, before: unknown, after: unknown, onlyFields?: ReadonlySet<string>): string[] {
  return readOnlyChanges(schema, before, after, '', onlyFields);
}

/**
 * `pointer` is the JSON Pointer of `before`/`after` inside the document; a field's own pointer
 * is built only when it is reported (this walk runs on every write, over every field).
 */
function readOnlyChanges(schema: ResourceSchema, before: unknown, after: unknown, pointer: string, onlyFields?: ReadonlySet<string>): string[] {
  const was = asObject(before) ?? {};
  const now = asObject(after) ?? {};
  const changed: string[] = [];
  for (const field of schema.fields) {
    if (field.derived) continue; // checked by the policy's normalize
    if (onlyFields && !onlyFields.has(field.name)) continue;
    const old = was[field.name] ?? null;
    const next = now[field.name] ?? null;
    if (field.readOnly) {
      if (!sameValue(field, old, next)) changed.push(`${pointer}/${escapeToken(field.name)}`);
    } else if (field.nestedSchema && field.kind === 'object') {
      changed.push(...readOnlyChanges(field.nestedSchema, old, next, `${pointer}/${escapeToken(field.name)}`));
    } else if (field.nestedSchema && field.kind === 'array' && Array.isArray(next)) {
      const items = `${pointer}/${escapeToken(field.name)}`;
      next.forEach((item, index) => {
        const previous: unknown = Array.isArray(old) ? old[index] : undefined;
        changed.push(...readOnlyChanges(field.nestedSchema!, previous, item, `${items}/${index}`));
      });
    }
  }
  return changed;
}

/**
 * The document in its full shape: every declared field present (null when unset), also inside
 * nested objects and arrays of nested objects, so responses look the same whatever was written.
 */
export function completeShape(schema: ResourceSchema, document: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const field of schema.fields) result[field.name] = completeValue(field, document[field.name]);
  return result;
}

/** One field's value in its full shape (completeShape of a field); `complete` completes its nested objects. */
export function completeValue(field: FieldSchema, value: unknown, complete = completeShape): unknown {
  if (value === undefined || value === null) return null;
  if (field.freeForm || !field.nestedSchema) return value;
  if (field.kind === 'array' && Array.isArray(value)) {
    return value.map((item: unknown) => (asObject(item) ? complete(field.nestedSchema!, item as JsonObject) : item));
  }
  return asObject(value) ? complete(field.nestedSchema, value as JsonObject) : value;
}

/**
 * completeShape of a document the caller alone holds (applyPatch's private copy): what already
 * has its full shape (the declared fields, in their order, none undefined) is kept as it is
 * instead of rebuilt, so the result may be `document` itself or share parts with it. Rebuilding
 * every nested object of the record was the largest allocation of a write after its patch.
 */
export function completeOwnShape(schema: ResourceSchema, document: JsonObject): JsonObject {
  if (hasFullShape(schema, document)) return document;
  const result: JsonObject = {};
  for (const field of schema.fields) result[field.name] = completeValue(field, document[field.name], completeOwnShape);
  return result;
}

/** Whether completeShape would give an equal object with the same keys in the same order. */
function hasFullShape(schema: ResourceSchema, object: JsonObject): boolean {
  const fields = schema.fields;
  let index = 0;
  // for-in, not Object.keys: no array per object. JSON objects have no enumerable inherited keys.
  for (const key in object) {
    const field = fields[index];
    if (field === undefined || key !== field.name || !valueHasFullShape(field, object[key])) return false;
    index++;
  }
  return index === fields.length;
}

function valueHasFullShape(field: FieldSchema, value: unknown): boolean {
  if (value === undefined) return false;
  if (value === null || field.freeForm || !field.nestedSchema) return true;
  if (field.kind === 'array' && Array.isArray(value)) {
    return value.every((item: unknown) => !asObject(item) || hasFullShape(field.nestedSchema!, item as JsonObject));
  }
  const object = asObject(value);
  return !object || hasFullShape(field.nestedSchema, object);
}

/**
 * Validates a resource document with the class-validator rules of its resource class: one
 * `{pointer, detail}` per problem (422 when any).
 *
 * With `onlyFields`, only those top-level fields are validated, each as a whole (nested rules
 * included): an update validates what it changes, because everything else was validated when
 * it was stored. Rules only compare siblings inside one top-level field (IsNotBefore), so a
 * field's validity never depends on another top-level field.
 */
export function validateDocument(schema: ResourceSchema, document: JsonObject, onlyFields?: ReadonlySet<string>): ProblemFieldError[] {
  const subject = onlyFields ? pickFields(document, onlyFields) : document;
  // JSON allows NUL and lone surrogates, PostgreSQL text and jsonb do not: 422, not a 500 at
  // INSERT. Checked before the rules, because some rules throw on such text (validator.js
  // isEmail: "URI malformed" on a lone surrogate), which would be a 500 too.
  const unstorable = unstorableTextPaths(subject);
  if (unstorable.length) {
    return unstorable.map((pointer) => ({ pointer, detail: 'must not contain NUL characters or unpaired surrogates' }));
  }
  const ruled = onlyFields ? withRules(schema, subject) : subject;
  const instance = resourceInstance(schema, ruled);
  const skipUndefined = onlyFields !== undefined;
  // Valid values pass without class-validator's executor; a failure is its to report, in its words.
  if (rulesPass(schema.type, instance, skipUndefined)) return [];
  return validationErrorsToProblems(
    validateSync(instance, { forbidUnknownValues: false, stopAtFirstError: true, skipUndefinedProperties: skipUndefined }),
  );
}

function pickFields(document: JsonObject, fields: ReadonlySet<string>): JsonObject {
  const picked: JsonObject = {};
  for (const field of fields) if (field in document) picked[field] = document[field];
  return picked;
}

const ruledFieldsOf = new WeakMap<ResourceSchema, ReadonlySet<string>>();

/**
 * `subject` without the fields its class gives no class-validator rule (server-managed lists
 * such as a customer's access keys and custom field values), which have nothing to check:
 * building nested instances of them was half of seed 003's PUT validation. Only for a pick of
 * changed fields, whose rules already cannot read another top-level field.
 */
function withRules(schema: ResourceSchema, subject: JsonObject): JsonObject {
  let ruled = ruledFieldsOf.get(schema);
  if (!ruled) {
    // Read at the first validation, when every class's decorators have run.
    ruled = new Set(getMetadataStorage().getTargetValidationMetadatas(schema.type, '', true, false).map((rule) => rule.propertyName));
    ruledFieldsOf.set(schema, ruled);
  }
  const kept: JsonObject = {};
  for (const field of Object.keys(subject)) if (ruled.has(field)) kept[field] = subject[field];
  return kept;
}

