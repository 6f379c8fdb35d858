import { Type as ClassType } from '@nestjs/common';
import { declaredFields, FieldDeclaration } from './field.decorator';

/** A field as the pipeline sees it, with its nested schema resolved. */
export interface FieldSchema extends FieldDeclaration {
  readOnly: boolean;
  derived: boolean;
  gdpr: boolean;
  freeForm: boolean;
  /** Schema of the object, or of each array item, when the field is a nested resource. */
  nestedSchema?: ResourceSchema;
}

export interface ResourceSchema {
  type: ClassType;
  fields: readonly FieldSchema[];
  /** Input name (lower case) or alias (lower case) -> field. */
  byInputName: ReadonlyMap<string, FieldSchema>;
}

const cache = new Map<ClassType, ResourceSchema>();

/**
 * The schema of a resource class, built once from its @Field declarations and cached: path
 * resolution, $select, read-only checks and masking all read it, so no module keeps its own
 * list of field names.
 */
export function resourceSchema(type: ClassType): ResourceSchema {
  const cached = cache.get(type);
  if (cached) return cached;

  const fields: FieldSchema[] = [];
  const byInputName = new Map<string, FieldSchema>();
  const schema: ResourceSchema = { type, fields, byInputName };
  cache.set(type, schema); // before recursing, so self-referencing resources terminate

  for (const declaration of declaredFields(type)) {
    const field: FieldSchema = {
      ...declaration,
      readOnly: (declaration.readOnly ?? false) || (declaration.derived ?? false),
      derived: declaration.derived ?? false,
      gdpr: declaration.gdpr ?? false,
      freeForm: declaration.freeForm ?? declaration.kind === 'any',
    };
    if (declaration.nested) field.nestedSchema = resourceSchema(declaration.nested());
    fields.push(field);
    for (const inputName of [declaration.name, ...(declaration.aliases ?? [])]) {
      const key = inputName.toLowerCase();
      const clash = byInputName.get(key);
      if (clash && clash !== field) {
        throw new Error(`${type.name}: input name "${inputName}" is used by both ${clash.name} and ${field.name}`);
      }
      byInputName.set(key, field);
    }
  }
  return schema;
}

/** Case-insensitive lookup by name or alias (API.md §1). */
export function fieldByInputName(schema: ResourceSchema, inputName: string): FieldSchema | undefined {
  return schema.byInputName.get(inputName.toLowerCase());
}
