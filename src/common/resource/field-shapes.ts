import { ProblemFieldError } from '../http/problem.exception';
import { formatPointer } from '../patch';
import { ResourceSchema } from './resource-registry';

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Values that do not have their field's container shape, one `{pointer, detail}` each (422):
 * an object field that is not an object, an array field that is not an array, an item of an
 * array of objects that is not an object, at any depth. `null` passes (the rules decide).
 *
 * Only shapes are checked: they are what code walks (derive hooks iterate arrays and read
 * members). Scalar types, lengths, ranges and formats are the resource class's rules, checked
 * later on the derived document (some scalars take more than one JSON type, e.g. an exact
 * decimal given as a string). Read-only and derived fields are skipped: any value different
 * from the stored or derived one is refused as read-only (400), whatever its shape.
 *
 * @param fields top-level fields to check (those a write touches); all when absent
 */
export function misshapenFields(schema: ResourceSchema, document: Record<string, unknown>, fields?: ReadonlySet<string>): ProblemFieldError[] {
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
    if (value === undefined || value === null) continue;
    const pointer = [...path, field.name];
    if (field.kind === 'object') {
      if (!isObject(value)) problems.push({ pointer: formatPointer(pointer), detail: 'must be an object' });
      else if (field.nestedSchema && !field.freeForm) checkObject(field.nestedSchema, value as Record<string, unknown>, pointer, problems);
    } else if (field.kind === 'array') {
      if (!Array.isArray(value)) problems.push({ pointer: formatPointer(pointer), detail: 'must be an array' });
      else if (field.nestedSchema) {
        value.forEach((item: unknown, index) => {
          const itemPointer = [...pointer, String(index)];
          if (!isObject(item)) problems.push({ pointer: formatPointer(itemPointer), detail: 'must be an object' });
          else checkObject(field.nestedSchema!, item as Record<string, unknown>, itemPointer, problems);
        });
      }
    }
  }
}
