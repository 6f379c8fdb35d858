import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { ProblemFieldError } from '../http/problem.exception';
import { validationErrorsToProblems } from '../http/validation-errors';
import { deepEqual, formatPointer } from '../patch';
import type { JsonObject } from '../patch/json-value';
import { FieldSchema, ResourceSchema } from './resource-registry';
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
 */
export function changedReadOnlyPaths(schema: ResourceSchema, before: unknown, after: unknown, parent: string[] = []): string[] {
  const was = asObject(before) ?? {};
  const now = asObject(after) ?? {};
  const changed: string[] = [];
  for (const field of schema.fields) {
    const path = [...parent, field.name];
    const [old, next] = [was[field.name] ?? null, now[field.name] ?? null];
    if (field.derived) continue; // checked by the policy's normalize
    if (field.readOnly) {
      if (!sameValue(field, old, next)) changed.push(formatPointer(path));
    } else if (field.nestedSchema && field.kind === 'object') {
      changed.push(...changedReadOnlyPaths(field.nestedSchema, old, next, path));
    } else if (field.nestedSchema && field.kind === 'array' && Array.isArray(next)) {
      next.forEach((item, index) => {
        const previous: unknown = Array.isArray(old) ? old[index] : undefined;
        changed.push(...changedReadOnlyPaths(field.nestedSchema!, previous, item, [...path, String(index)]));
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

/** One field's value in its full shape (completeShape of a field). */
export function completeValue(field: FieldSchema, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (field.freeForm || !field.nestedSchema) return value;
  if (field.kind === 'array' && Array.isArray(value)) {
    return value.map((item: unknown) => (asObject(item) ? completeShape(field.nestedSchema!, item as JsonObject) : item));
  }
  return asObject(value) ? completeShape(field.nestedSchema, value as JsonObject) : value;
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
  const options = { forbidUnknownValues: false, stopAtFirstError: true };
  if (!onlyFields) return validationErrorsToProblems(validateSync(instanceOf(schema, subject), options));
  const holders = fieldRuleHolders(schema);
  const ruled: JsonObject = {};
  for (const field of Object.keys(subject)) if (holders.has(field)) ruled[field] = subject[field];
  const instance = instanceOf(schema, ruled) as Record<string, unknown>;
  const problems: ProblemFieldError[] = [];
  // In the order of the class's rules, as one validation of the whole instance reports them.
  for (const [field, Holder] of holders) {
    if (!(field in ruled)) continue;
    const holder = new Holder() as Record<string, unknown>;
    holder[field] = instance[field];
    problems.push(...validationErrorsToProblems(validateSync(holder, { ...options, skipUndefinedProperties: true })));
  }
  return problems;
}

function pickFields(document: JsonObject, fields: ReadonlySet<string>): JsonObject {
  const picked: JsonObject = {};
  for (const field of fields) if (field in document) picked[field] = document[field];
  return picked;
}

const holdersOf = new WeakMap<ResourceSchema, ReadonlyMap<string, new () => object>>();

/**
 * One class per top-level field of the resource class, holding a copy of that field's
 * class-validator rules only. class-validator walks every rule of an object's class on each
 * validation (and filters and groups them anew); an update that changes two fields of a
 * resource with forty paid for all forty. Fields without rules (server-managed lists such as a
 * customer's access keys) have no holder: nothing to check. Built at the first validation,
 * when every class's decorators have run.
 */
function fieldRuleHolders(schema: ResourceSchema): ReadonlyMap<string, new () => object> {
  const known = holdersOf.get(schema);
  if (known) return known;
  const storage = getMetadataStorage();
  const holders = new Map<string, new () => object>();
  for (const rule of storage.getTargetValidationMetadatas(schema.type, '', true, false)) {
    let Holder = holders.get(rule.propertyName);
    if (!Holder) {
      Holder = class {};
      Object.defineProperty(Holder, 'name', { value: `${schema.type.name}.${rule.propertyName}` });
      holders.set(rule.propertyName, Holder);
    }
    storage.addValidationMetadata(Object.assign(Object.create(Object.getPrototypeOf(rule) as object) as typeof rule, rule, { target: Holder }));
  }
  holdersOf.set(schema, holders);
  return holders;
}

/** `subject` as an instance of the resource class, nested fields as instances of theirs (the rules need them). */
function instanceOf(schema: ResourceSchema, subject: JsonObject): object {
  return hasNestedField(schema, subject) ? (plainToInstance(schema.type, subject) as object) : plainInstance(schema, subject);
}

/** Whether `subject` holds a field of a nested resource class, which the rules need as an instance of it. */
function hasNestedField(schema: ResourceSchema, subject: JsonObject): boolean {
  for (const field of schema.fields) if (field.nestedSchema && subject[field.name] !== undefined) return true;
  return false;
}

/**
 * An instance of the resource class holding `subject`'s values as they are: what
 * class-transformer would build when no field needs converting (its metadata walk was a
 * third of a small update's validation).
 */
function plainInstance(schema: ResourceSchema, subject: JsonObject): object {
  return Object.assign(Object.create(schema.type.prototype as object) as object, subject);
}
