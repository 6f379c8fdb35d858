import { CustomerObjectResource } from '../../customer-objects/customer-object.resource';
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
});
