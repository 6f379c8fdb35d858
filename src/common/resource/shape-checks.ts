import { ProblemFieldError } from '../http/problem.exception';
import { formatPointer } from '../patch';
import { isJsonObject, JsonObject } from '../patch/json-value';
import { FieldSchema, ResourceSchema } from './resource-registry';

/**
 * Where a field's value does not have its declared JSON kind: an object where an object is
 * declared (also inside nested resources), an array for an array, a single value for a scalar;
 * null is always a kind of its own and left to the validation rules. Code that derives
 * values (a policy's normalize) runs only on documents without such paths, so it never meets
 * `true` where it expects a list.
 *
 * With `onlyFields`, only those top-level fields are looked at (what an update changes).
 */
export function shapeProblems(schema: ResourceSchema, document: JsonObject, onlyFields?: ReadonlySet<string>): ProblemFieldError[] {
  const problems: ProblemFieldError[] = [];
  for (const field of schema.fields) {
    if (!onlyFields || onlyFields.has(field.name)) checkField(field, document[field.name], [field.name], problems);
  }
  return problems;
}

function checkField(field: FieldSchema, value: unknown, path: string[], problems: ProblemFieldError[]): void {
  if (value === null || value === undefined || field.freeForm) return;
  const problem = (detail: string) => problems.push({ pointer: formatPointer(path), detail });
  if (field.kind === 'object') {
    if (!isJsonObject(value)) return void problem('must be an object');
    if (field.nestedSchema) checkObject(field.nestedSchema, value, path, problems);
  } else if (field.kind === 'array') {
    if (!Array.isArray(value)) return void problem('must be an array');
    value.forEach((item: unknown, index) => {
      if (item === null) return;
      const itemPath = [...path, String(index)];
      if (field.nestedSchema) {
        if (isJsonObject(item)) checkObject(field.nestedSchema, item, itemPath, problems);
        else problems.push({ pointer: formatPointer(itemPath), detail: 'must be an object' });
      } else if (typeof item === 'object') problems.push({ pointer: formatPointer(itemPath), detail: 'must be a single value' });
    });
  } else if (typeof value === 'object') problem('must be a single value');
}

function checkObject(schema: ResourceSchema, value: JsonObject, path: string[], problems: ProblemFieldError[]): void {
  for (const field of schema.fields) checkField(field, value[field.name], [...path, field.name], problems);
}
