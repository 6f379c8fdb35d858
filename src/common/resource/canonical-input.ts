import { formatPointer, parseArrayIndex, parsePointer, PatchOperation, PatchRequestError } from '../patch';
import { fieldByInputName, FieldSchema, ResourceSchema } from './resource-registry';

/**
 * Rewrites client input to canonical field names (API.md §1: case-insensitive, aliases),
 * refusing unknown fields. Inside free-form fields nothing is renamed: keys there are data.
 * Errors point into the request body (`bodyPointer`).
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Canonicalizes an object written where `schema` applies (a merge patch, a create body, an op value). */
export function canonicalizeObject(schema: ResourceSchema, value: unknown, bodyPointer: string): unknown {
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [inputName, member] of Object.entries(value)) {
    const memberPointer = `${bodyPointer}/${inputName.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const field = fieldByInputName(schema, inputName);
    if (!field) throw new PatchRequestError(memberPointer, `unknown field "${inputName}"`);
    if (Object.prototype.hasOwnProperty.call(result, field.name)) {
      throw new PatchRequestError(memberPointer, `"${inputName}" names the field "${field.name}" a second time`);
    }
    result[field.name] = canonicalizeFieldValue(field, member, memberPointer);
  }
  return result;
}

/** Canonicalizes the value of one field (nested objects and arrays of nested objects). */
export function canonicalizeFieldValue(field: FieldSchema, value: unknown, bodyPointer: string): unknown {
  if (field.freeForm || !field.nestedSchema) return value;
  if (field.kind === 'array') {
    return Array.isArray(value)
      ? value.map((item, index) => canonicalizeObject(field.nestedSchema!, item, `${bodyPointer}/${index}`))
      : value;
  }
  return canonicalizeObject(field.nestedSchema, value, bodyPointer);
}

/** Where a canonical path ends: the field it is in, and whether it addresses the field itself. */
export interface ResolvedPath {
  pointer: string;
  /** The top-level field the path is in. */
  field: FieldSchema;
  /** Canonical segments, for example ['contact', 'email']. */
  segments: string[];
  /** Applies a value written at this path: how to canonicalize it. */
  canonicalizeValue(value: unknown, bodyPointer: string): unknown;
}

/**
 * Resolves a JSON Patch path against the schema. A missing leading slash is accepted at the
 * record root (seed 002: `Department`); `""` (the whole record) is refused.
 */
export function resolvePath(schema: ResourceSchema, rawPath: string, bodyPointer: string): ResolvedPath {
  if (rawPath === '') throw new PatchRequestError(bodyPointer, 'the whole record cannot be replaced; name a field');
  const input = parsePointer(rawPath.startsWith('/') ? rawPath : `/${rawPath}`, bodyPointer);

  const segments: string[] = [];
  let current: ResourceSchema = schema;
  let topField: FieldSchema | undefined;
  let canonicalizeValue = (value: unknown, at: string) => canonicalizeObject(schema, value, at);

  for (let i = 0; i < input.length; i++) {
    const field = fieldByInputName(current, input[i]);
    if (!field) throw new PatchRequestError(bodyPointer, `unknown field "${input[i]}" in path "${rawPath}"`);
    topField ??= field;
    segments.push(field.name);
    canonicalizeValue = (value, at) => canonicalizeFieldValue(field, value, at);
    if (field.freeForm) {
      segments.push(...input.slice(i + 1)); // keys inside free-form values are data
      if (i + 1 < input.length) canonicalizeValue = (value) => value;
      break;
    }
    if (i + 1 === input.length) break;

    if (field.kind === 'array') {
      const token = input[++i];
      if (token !== '-' && parseArrayIndex(token) < 0) {
        throw new PatchRequestError(bodyPointer, `"${token}" is not an index of ${field.name}`);
      }
      segments.push(token);
      canonicalizeValue = field.nestedSchema
        ? (value, at) => canonicalizeObject(field.nestedSchema!, value, at)
        : (value) => value;
      if (i + 1 === input.length) break;
      if (!field.nestedSchema) throw new PatchRequestError(bodyPointer, `items of ${field.name} have no fields`);
      current = field.nestedSchema!;
    } else if (field.nestedSchema) {
      current = field.nestedSchema!;
    } else {
      throw new PatchRequestError(bodyPointer, `${field.name} has no fields`);
    }
  }
  return { pointer: formatPointer(segments), field: topField!, segments, canonicalizeValue };
}

/** Canonicalizes every path, `from` and value of a parsed JSON Patch. */
export function canonicalizeOperations(schema: ResourceSchema, operations: PatchOperation[]): PatchOperation[] {
  return operations.map((operation, index) => {
    const target = resolvePath(schema, operation.path, `/${index}/path`);
    const canonical: PatchOperation = { ...operation, path: target.pointer };
    if (operation.from !== undefined) canonical.from = resolvePath(schema, operation.from, `/${index}/from`).pointer;
    if ('value' in operation) canonical.value = target.canonicalizeValue(operation.value, `/${index}/value`);
    return canonical;
  });
}
