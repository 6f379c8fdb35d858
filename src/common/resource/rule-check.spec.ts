import { Type as ClassType } from '@nestjs/common';
import { getMetadataStorage, validateSync } from 'class-validator';
import fc from 'fast-check';
import { ContactResource } from '../../contacts/contact.resource';
import { CustomerObjectResource, ObjectContract } from '../../customer-objects/customer-object.resource';
import { CustomerResource } from '../../customers/customer.resource';
import { resourceSchema, ResourceSchema } from './resource-registry';
import { rulesPass } from './rule-check';

/** The resource classes and every nested class reachable from them. */
function classesOf(schemas: ResourceSchema[]): ClassType[] {
  const seen = new Set<ClassType>();
  const visit = (schema: ResourceSchema) => {
    if (seen.has(schema.type)) return;
    seen.add(schema.type);
    for (const field of schema.fields) if (field.nestedSchema) visit(field.nestedSchema);
  };
  schemas.forEach(visit);
  return [...seen];
}

const classes = classesOf([CustomerObjectResource, ContactResource, CustomerResource].map((type) => resourceSchema(type)));

/** Values near the rules' edges: right and wrong kinds, lengths around the limits, formats. */
const scalar = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ maxLength: 4 }),
  fc.string({ minLength: 45, maxLength: 60 }),
  fc.string({ minLength: 190, maxLength: 260 }),
  fc.integer({ min: -3, max: 120 }),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(
    'ada@example.com',
    'not an email',
    '2026-01-02',
    '2026-02-30',
    '2999-01-01',
    '2026-01-02T03:04:05+02:00',
    '2026-01-02T03:04:05Z',
    '2026-01-02T03:04:05',
    '7d444840-9dc0-11d1-b245-5ffdce74fad2',
    '0b5f3c0e-5c3b-4d7e-9d1a-2b1f7b0e9a11',
    'FI',
    'https://example.com/a',
    '12.345',
    '12.3',
    'en',
  ),
);
const value = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 3 }), { minLength: 20, maxLength: 60 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 4 }) },
);

/**
 * An instance of `type`: up to three declared properties hold generated values, the others
 * are all null or all unset, so that instances both pass and fail. A property of a nested
 * class may also hold an instance of it, or a list of them (`depth` levels down).
 */
function instanceOf(type: ClassType, depth = 2): fc.Arbitrary<Record<string, unknown>> {
  const fields = resourceSchema(type).fields;
  const valueOf = (field: (typeof fields)[number]): fc.Arbitrary<unknown> => {
    if (!field.nestedSchema || depth === 0) return value;
    const nested = instanceOf(field.nestedSchema.type, depth - 1);
    return fc.oneof(value, nested, fc.array(fc.oneof({ weight: 4, arbitrary: nested }, { weight: 1, arbitrary: scalar }), { maxLength: 3 }));
  };
  return fc
    .tuple(
      fc.subarray([...fields], { maxLength: Math.min(3, fields.length) }).chain((set) => fc.tuple(...set.map((field) => valueOf(field).map((v) => [field.name, v] as const)))),
      fc.boolean(),
    )
    .map(([set, othersNull]) => {
      const instance = Object.create(type.prototype as object) as Record<string, unknown>;
      if (othersNull) for (const field of fields) instance[field.name] = null;
      for (const [name, v] of set) instance[name] = v;
      return instance;
    });
}

/**
 * rulesPass must give class-validator's own verdict whenever it gives one: a wrong `true`
 * would store what the rules refuse, a wrong `false` only costs class-validator's run.
 */
describe.each(classes)('rulesPass(%p)', (type) => {
  const hasRules = getMetadataStorage().getTargetValidationMetadatas(type, '', false, false).length > 0;

  it('agrees with validateSync, with and without skipUndefinedProperties', () => {
    const verdicts = { pass: 0, fail: 0 };
    for (const skipUndefined of [true, false]) {
      fc.assert(
        fc.property(instanceOf(type), (instance) => {
          const verdict = rulesPass(type, instance, skipUndefined);
          if (verdict === undefined) return;
          const errors = validateSync(instance, { forbidUnknownValues: false, stopAtFirstError: true, skipUndefinedProperties: skipUndefined });
          verdicts[verdict ? 'pass' : 'fail']++;
          expect(verdict).toBe(errors.length === 0);
        }),
        { numRuns: 300 },
      );
    }
    // Both answers were given and checked (a class without rules only passes), so a rule
    // misread either way would have shown.
    expect({ passed: verdicts.pass > 0, failed: verdicts.fail > 0 }).toEqual({ passed: true, failed: hasRules });
  });
});

describe('rulesPass', () => {
  const schema = resourceSchema(CustomerObjectResource);
  const instance = (values: object) => Object.assign(Object.create(CustomerObjectResource.prototype as object) as object, values);

  it('passes valid values and skips unset ones when told to', () => {
    expect(rulesPass(schema.type, instance({ description: 'fine', rating: 2.5 }), true)).toBe(true);
  });

  it('fails a value a rule refuses, each item of a list included', () => {
    expect(rulesPass(schema.type, instance({ rating: 6 }), true)).toBe(false);
    expect(rulesPass(schema.type, instance({ tags: ['ok', 42] }), true)).toBe(false);
  });

  it('judges a nested instance by the rules of its class', () => {
    const contract = (values: object) => Object.assign(Object.create(ObjectContract.prototype as object) as object, values);
    expect(rulesPass(schema.type, instance({ contract: contract({ startDate: '2026-01-02T03:04:05Z' }) }), true)).toBe(true);
    expect(rulesPass(schema.type, instance({ contract: contract({ startDate: 'soon' }) }), true)).toBe(false);
    expect(rulesPass(schema.type, instance({ contract: null }), true)).toBe(true);
  });
});
