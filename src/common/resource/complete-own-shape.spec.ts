import fc from 'fast-check';
import { ContactResource } from '../../contacts/contact.resource';
import { CustomerObjectResource } from '../../customer-objects/customer-object.resource';
import { CustomerResource } from '../../customers/customer.resource';
import { completeOwnShape, completeShape, JsonObject } from './document-checks';
import { resourceSchema, ResourceSchema } from './resource-registry';

const leaf = fc.oneof(fc.constant(null), fc.constant(undefined), fc.string({ maxLength: 3 }), fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 }));

/**
 * A document of `schema` as a patch may leave it: fields missing, undefined or null, nested
 * objects and arrays of them (themselves full or partial), keys the schema does not declare,
 * fields out of order, values of the wrong kind.
 */
function documentOf(schema: ResourceSchema, depth: number): fc.Arbitrary<JsonObject> {
  const fieldValue = (field: ResourceSchema['fields'][number]): fc.Arbitrary<unknown> => {
    const nested = field.nestedSchema;
    if (!nested || depth === 0) return leaf;
    const item = documentOf(nested, depth - 1);
    return fc.oneof(leaf, item, fc.array(fc.oneof(item, leaf), { maxLength: 3 }));
  };
  const entries = schema.fields.map((field) => fc.option(fieldValue(field).map((value) => [field.name, value] as const), { freq: 4 }));
  return fc
    .tuple(fc.tuple(...entries), fc.boolean(), fc.boolean(), fc.dictionary(fc.constantFrom('extra', 'id', 'zz'), leaf, { maxKeys: 1 }))
    .map(([fields, full, reversed, extra]) => {
      const present = fields.filter((entry): entry is readonly [string, unknown] => entry !== null);
      const document: JsonObject = Object.fromEntries(reversed ? present.reverse() : present);
      // Often already complete (a stored document after a small patch), sometimes with an extra key.
      return full ? { ...completeShape(schema, document), ...extra } : { ...document, ...extra };
    });
}

const schemas = [CustomerObjectResource, ContactResource, CustomerResource].map((type) => resourceSchema(type));

describe.each(schemas.map((schema) => [schema.type.name, schema] as const))('completeOwnShape(%s)', (_name, schema) => {
  it('gives what completeShape gives, keys in the same order', () => {
    fc.assert(
      fc.property(documentOf(schema, 2), (document) => {
        const expected = JSON.stringify(completeShape(schema, structuredClone(document)));
        expect(JSON.stringify(completeOwnShape(schema, document))).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('returns a complete document itself, and rebuilds one that is not', () => {
    const complete = completeShape(schema, {});
    expect(completeOwnShape(schema, complete)).toBe(complete);
    const [first] = schema.fields;
    const missing: JsonObject = { ...complete };
    delete missing[first.name];
    expect(completeOwnShape(schema, missing)).not.toBe(missing);
    expect(completeOwnShape(schema, { ...complete, [first.name]: undefined })[first.name]).toBeNull();
  });
});
