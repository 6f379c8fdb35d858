import fc from 'fast-check';
import { ContactResource } from '../../contacts/contact.resource';
import { mistypedFields } from './field-types';
import { resourceSchema } from './resource-registry';
import { FixtureResource } from './test-resource.fixture';

/** mistypedFields: the JSON-type check that runs before derived fields are computed. */
describe('mistypedFields', () => {
  const schema = resourceSchema(FixtureResource);
  const pointers = (document: Record<string, unknown>, fields?: string[]) =>
    mistypedFields(schema, document, fields && new Set(fields)).map((problem) => problem.pointer);

  it('accepts values of the declared kinds, nulls and absent fields', () => {
    const document = { department: 'Sales', address: { city: null }, emails: [{ value: 'a@b.c' }], tags: ['x'], phone: null };
    expect(pointers(document)).toEqual([]);
  });

  it('names each value of the wrong type, nested objects and array items included', () => {
    const document = { department: 1, address: { city: true }, emails: [{ value: 'a@b.c' }, 'x', { value: [] }], tags: ['x', 2] };
    expect(pointers(document)).toEqual(['/department', '/address/city', '/emails/1', '/emails/2/value', '/tags/1']);
    expect(pointers({ address: [], emails: {}, tags: 'x' })).toEqual(['/address', '/emails', '/tags']);
  });

  it('leaves read-only and free-form values to their own checks', () => {
    expect(pointers({ id: 7, address: { geoHash: 1 }, securityCode: { any: [1, 'x'] } })).toEqual([]);
  });

  it('checks only the given top-level fields', () => {
    expect(pointers({ department: 1, tags: 'x' }, ['tags'])).toEqual(['/tags']);
  });

  it('never throws on any JSON, and only ever names written fields (contacts schema)', () => {
    const contacts = resourceSchema(ContactResource);
    const names = contacts.fields.map((field) => field.name);
    const document = fc.dictionary(fc.constantFrom(...names), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(document, (doc) => {
        for (const { pointer } of mistypedFields(contacts, doc)) expect(Object.keys(doc)).toContain(pointer.split('/')[1]);
      }),
      { seed: 10, numRuns: 300 },
    );
  });
});
