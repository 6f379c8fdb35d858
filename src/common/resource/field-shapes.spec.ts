import fc from 'fast-check';
import { ContactResource } from '../../contacts/contact.resource';
import { misshapenFields } from './field-shapes';
import { resourceSchema } from './resource-registry';
import { FixtureResource } from './test-resource.fixture';

/** misshapenFields: the shape check that runs before derived fields are computed. */
describe('misshapenFields', () => {
  const schema = resourceSchema(FixtureResource);
  const pointers = (document: Record<string, unknown>, fields?: string[]) =>
    misshapenFields(schema, document, fields && new Set(fields)).map((problem) => problem.pointer);

  it('accepts objects and arrays where declared, nulls and absent fields', () => {
    const document = { department: 'Sales', address: { city: null }, emails: [{ value: 'a@b.c' }], tags: ['x'], phone: null };
    expect(pointers(document)).toEqual([]);
  });

  it('names each container of the wrong shape, and array items that are not objects', () => {
    expect(pointers({ address: [], emails: {}, tags: 'x' })).toEqual(['/address', '/emails', '/tags']);
    expect(pointers({ address: 'Main St', emails: [{ value: 'a@b.c' }, 'x', null, []] })).toEqual(['/address', '/emails/1', '/emails/2', '/emails/3']);
  });

  it('leaves scalar types to the resource rules, and read-only and free-form values to their own checks', () => {
    expect(pointers({ department: 1, address: { city: true }, tags: [1, {}], emails: [{ value: [] }] })).toEqual([]);
    expect(pointers({ id: { x: 1 }, securityCode: 'anything' })).toEqual([]);
  });

  it('checks only the given top-level fields', () => {
    expect(pointers({ address: 1, tags: 'x' }, ['tags'])).toEqual(['/tags']);
  });

  it('never throws on any JSON, and only ever names written fields (contacts schema)', () => {
    const contacts = resourceSchema(ContactResource);
    const names = contacts.fields.map((field) => field.name);
    const document = fc.dictionary(fc.constantFrom(...names), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(document, (doc) => {
        for (const { pointer } of misshapenFields(contacts, doc)) expect(Object.keys(doc)).toContain(pointer.split('/')[1]);
      }),
      { seed: 10, numRuns: 300 },
    );
  });
});
