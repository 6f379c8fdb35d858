import { isJsonObject, type JsonObject } from '../patch/json-value';
import type { ResourceSchema } from './resource-registry';

const nestedFieldsOf = new WeakMap<ResourceSchema, ReadonlyArray<{ name: string; schema: ResourceSchema }>>();

function nestedFields(schema: ResourceSchema) {
  let nested = nestedFieldsOf.get(schema);
  if (!nested) {
    nested = schema.fields.flatMap((field) => (field.nestedSchema ? [{ name: field.name, schema: field.nestedSchema }] : []));
    nestedFieldsOf.set(schema, nested);
  }
  return nested;
}

/**
 * An instance of the resource class holding `subject`'s values, each object of a nested
 * resource field (or list item of one) an instance of its class: what class-transformer's
 * `plainToInstance` builds for these classes, whose only class-transformer metadata is the
 * `@Type` that @Field gives a nested field, and which declare no initializers or constructor
 * (so an instance made without `new` is the same; resource-instance.spec checks both).
 * class-transformer reads its metadata again for every key of every object: 13 µs of a
 * Contacts JSON Patch that changes one nested field (bench profile). Values are shared with
 * `subject`, not copied: validation only reads them.
 */
export function resourceInstance(schema: ResourceSchema, subject: JsonObject): object {
  const instance = Object.assign(Object.create(schema.type.prototype as object) as JsonObject, subject);
  for (const { name, schema: nested } of nestedFields(schema)) {
    const value = subject[name];
    if (Array.isArray(value)) instance[name] = value.map((item: unknown) => (isJsonObject(item) ? resourceInstance(nested, item) : item));
    else if (isJsonObject(value)) instance[name] = resourceInstance(nested, value);
  }
  return instance;
}
