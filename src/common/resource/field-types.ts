import { ProblemFieldError } from '../http/problem.exception';
import { formatPointer } from '../patch';
import { FieldKind } from './field.decorator';
import { ResourceSchema } from './resource-registry';

const ARTICLE: Record<Exclude<FieldKind, 'any'>, string> = {
  string: 'a string',
  integer: 'a number',
  number: 'a number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
};

function hasKind(kind: Exclude<FieldKind, 'any'>, value: unknown): boolean {
  switch (kind) {
    case 'integer':
    case 'number':
      return typeof value === 'number';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    default:
      return typeof value === kind;
  }
}

/**
 * Values whose JSON type differs from their field's declared kind, one `{pointer, detail}`
 * each (422). Only the JSON type is checked (lengths, ranges and formats are the resource
 * class's rules, checked later); `null` passes here (the rules decide whether it is allowed).
 *
 * Read-only and derived fields are skipped: any value different from the stored or derived one
 * is refused as read-only (400) whatever its type, and no store code reads a client's value
 * of them as a typed value.
 *
 * @param fields top-level fields to check (those a write changes); all when absent
 */
export function mistypedFields(schema: ResourceSchema, document: Record<string, unknown>, fields?: ReadonlySet<string>): ProblemFieldError[] {
  const problems: ProblemFieldError[] = [];
  checkObject(schema, document, [], problems, fields);
  return problems;
}

function checkObject(
  schema: ResourceSchema,
  object: Record<string, unknown>,
  path: string[],
  problems: ProblemFieldError[],
  only?: ReadonlySet<string>,
): void {
  for (const field of schema.fields) {
    if (field.readOnly || (only && !only.has(field.name))) continue;
    const value = object[field.name];
    if (value === undefined || value === null || field.kind === 'any') continue;
    const pointer = [...path, field.name];
    if (!hasKind(field.kind, value)) {
      problems.push({ pointer: formatPointer(pointer), detail: `must be ${ARTICLE[field.kind]}` });
    } else if (field.kind === 'object' && field.nestedSchema && !field.freeForm) {
      checkObject(field.nestedSchema, value as Record<string, unknown>, pointer, problems);
    } else if (field.kind === 'array') {
      (value as unknown[]).forEach((item, index) => {
        const itemPointer = [...pointer, String(index)];
        const itemKind = field.nestedSchema ? 'object' : field.items;
        if (itemKind === undefined || itemKind === 'any') return;
        if (!hasKind(itemKind, item)) problems.push({ pointer: formatPointer(itemPointer), detail: `must be ${ARTICLE[itemKind]}` });
        else if (field.nestedSchema) checkObject(field.nestedSchema, item as Record<string, unknown>, itemPointer, problems);
      });
    }
  }
}
