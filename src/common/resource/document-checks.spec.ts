import { getMetadataStorage } from 'class-validator';
import { ContactResource } from '../../contacts/contact.resource';
import { CustomerObjectResource } from '../../customer-objects/customer-object.resource';
import { CustomerResource } from '../../customers/customer.resource';
import { validateDocument } from './document-checks';
import { resourceSchema } from './resource-registry';

/** validateDocument, whole and limited to the fields an update changes. */
describe('validateDocument', () => {
  const schema = resourceSchema(CustomerObjectResource);
  const invalid = {
    name: 42,
    contract: { startDate: '2024-02-01T00:00:00Z', endDate: '2024-01-01T00:00:00Z' },
    description: 'fine',
  };
  const pointers = (fields?: string[]) =>
    validateDocument(schema, invalid, fields && new Set(fields)).map((problem) => problem.pointer);

  it('reports every invalid field of the whole document', () => {
    expect(pointers()).toEqual(expect.arrayContaining(['/name', '/contract/endDate']));
  });

  it('with onlyFields, validates those fields as a whole, nested rules included', () => {
    expect(pointers(['contract'])).toEqual(['/contract/endDate']);
  });

  it('with onlyFields, leaves the other fields alone (they were validated when stored)', () => {
    expect(pointers(['description'])).toEqual([]);
  });

  it('with onlyFields, still refuses text PostgreSQL cannot store in those fields', () => {
    const document = { description: 'nul \u0000 here', name: 'bad \u0000 too' };
    expect(validateDocument(schema, document, new Set(['description'])).map((problem) => problem.pointer)).toEqual(['/description']);
  });

  it('with onlyFields, checks the ruled fields among them and the storable text of the unruled ones', () => {
    // A customer's access keys have no rules (the PUT door builds them); its first name has.
    const customers = resourceSchema(CustomerResource);
    const keys = [{ id: 'not checked', accessKeyTypeId: 1, value: 'fine', description: null }];
    const changed = new Set(['firstName', 'accessKeys']);
    const problems = (document: object) => validateDocument(customers, document as never, changed).map((problem) => problem.pointer);
    expect(problems({ firstName: 'x'.repeat(51), accessKeys: keys })).toEqual(['/firstName']);
    expect(problems({ firstName: 'Ada', accessKeys: [{ ...keys[0], value: 'nul \u0000' }] })).toEqual(['/accessKeys/0/value']);
  });
});

/**
 * Updates validate only the top-level fields they change (validateDocument's onlyFields). That
 * is sound only while no rule of a resource class compares two of its top-level fields.
 */
describe.each([CustomerObjectResource, ContactResource, CustomerResource])('%p rules', (type) => {
  it('never name another top-level field (cross-field rules belong inside one nested field)', () => {
    const fields = new Set(resourceSchema(type).fields.map((field) => field.name));
    const crossField = getMetadataStorage()
      .getTargetValidationMetadatas(type, '', true, false)
      .filter((rule) => (rule.constraints ?? []).some((constraint: unknown) => typeof constraint === 'string' && fields.has(constraint)))
      .map((rule) => `${rule.propertyName} -> ${String(rule.constraints)}`);
    expect(crossField).toEqual([]);
  });
});
