import { Type as ClassType } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import fc from 'fast-check';
import { ContactResource } from '../../contacts/contact.resource';
import { CustomerObjectResource } from '../../customer-objects/customer-object.resource';
import { CustomerResource } from '../../customers/customer.resource';
import { resourceSchema, ResourceSchema } from './resource-registry';
import { resourceInstance } from './resource-instance';

/** Every resource schema and the nested ones reachable from them. */
function schemasOf(roots: ResourceSchema[]): ResourceSchema[] {
  const seen = new Map<ClassType, ResourceSchema>();
  const visit = (schema: ResourceSchema) => {
    if (seen.has(schema.type)) return;
    seen.set(schema.type, schema);
    for (const field of schema.fields) if (field.nestedSchema) visit(field.nestedSchema);
  };
  roots.forEach(visit);
  return [...seen.values()];
}

const schemas = schemasOf([CustomerObjectResource, ContactResource, CustomerResource].map((type) => resourceSchema(type)));

const scalar = fc.oneof(fc.constant(null), fc.constant(undefined), fc.string({ maxLength: 4 }), fc.integer(), fc.boolean());
const loose = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 3, noNullPrototype: true }) }, // as JSON.parse makes them
);

/** A plain document of `schema`: some declared fields (nested ones as objects, lists or anything), sometimes an undeclared one. */
function plainOf(schema: ResourceSchema, depth = 2): fc.Arbitrary<Record<string, unknown>> {
  const valueOf = (field: ResourceSchema['fields'][number]): fc.Arbitrary<unknown> => {
    if (!field.nestedSchema || depth === 0) return loose;
    const nested = plainOf(field.nestedSchema, depth - 1);
    return fc.oneof(loose, nested, fc.array(fc.oneof({ weight: 3, arbitrary: nested }, { weight: 1, arbitrary: scalar }), { maxLength: 3 }));
  };
  const declared = fc
    .subarray([...schema.fields], { maxLength: Math.min(4, schema.fields.length) })
    .chain((fields) => fc.tuple(...fields.map((field) => valueOf(field).map((value) => [field.name, value] as const))));
  return fc.tuple(declared, fc.option(fc.tuple(fc.constantFrom('extra', 'other'), loose), { nil: undefined })).map(([entries, extra]) => {
    const plain: Record<string, unknown> = {};
    for (const [name, value] of entries) plain[name] = value;
    if (extra) plain[extra[0]] = extra[1];
    return plain;
  });
}

/** Same prototypes, keys and values all the way down (class-transformer copies what this shares, which validation cannot tell). */
function sameStructure(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameStructure(item, b[index]));
  }
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  const other = b as Record<string, unknown>;
  return keys.length === Object.keys(b).length && keys.every((key) => key in other && sameStructure((a as Record<string, unknown>)[key], other[key]));
}

describe('resourceInstance', () => {
  it.each(schemas.map((schema) => [schema.type.name, schema] as const))('builds what plainToInstance builds for %s', (_name, schema) => {
    fc.assert(
      fc.property(plainOf(schema), (plain) => {
        expect(sameStructure(resourceInstance(schema, plain), plainToInstance(schema.type, plain))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each(schemas.map((schema) => [schema.type.name, schema] as const))('%s declares no initializers (an instance without `new` is the same)', (_name, schema) => {
    expect(Object.keys(new schema.type() as object)).toEqual([]);
  });

  it('makes nested objects and list items instances of their classes, leaving other values as they are', () => {
    const schema = resourceSchema(ContactResource);
    const nested = schema.fields.find((field) => field.nestedSchema && field.kind !== 'array')!;
    const list = schema.fields.find((field) => field.nestedSchema && field.kind === 'array')!;
    const instance = resourceInstance(schema, { [nested.name]: { id: 1 }, [list.name]: [{ id: 2 }, 'text', null], other: { a: 1 } }) as Record<string, unknown>;
    expect(instance).toBeInstanceOf(ContactResource);
    expect(instance[nested.name]).toBeInstanceOf(nested.nestedSchema!.type);
    const items = instance[list.name] as unknown[];
    expect(items[0]).toBeInstanceOf(list.nestedSchema!.type);
    expect(items.slice(1)).toEqual(['text', null]);
    expect(Object.getPrototypeOf(instance.other)).toBe(Object.prototype);
  });
});
