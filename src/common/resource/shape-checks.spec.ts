import { resourceSchema } from './resource-registry';
import { shapeProblems } from './shape-checks';
import { FixtureResource } from './test-resource.fixture';

const schema = resourceSchema(FixtureResource);

describe('shapeProblems', () => {
  it('accepts declared kinds and null anywhere', () => {
    const document = { id: 'x', phone: null, address: { city: 'Oulu' }, emails: [{ value: 'a@b.c' }, null], tags: ['a'], securityCode: [1, { a: 2 }] };
    expect(shapeProblems(schema, document)).toEqual([]);
  });

  it('names a single value where an array is declared', () => {
    expect(shapeProblems(schema, { tags: true })).toEqual([{ pointer: '/tags', detail: 'must be an array' }]);
  });

  it('names an array where an object is declared, and objects where single values are declared', () => {
    expect(shapeProblems(schema, { address: [], department: { a: 1 }, tags: [['x']] })).toEqual([
      { pointer: '/department', detail: 'must be a single value' },
      { pointer: '/address', detail: 'must be an object' },
      { pointer: '/tags/0', detail: 'must be a single value' },
    ]);
  });

  it('looks inside nested resources and their lists', () => {
    expect(shapeProblems(schema, { address: { city: ['x'] }, emails: [{ value: 'a' }, 'b'] })).toEqual([
      { pointer: '/address/city', detail: 'must be a single value' },
      { pointer: '/emails/1', detail: 'must be an object' },
    ]);
  });

  it('leaves free-form fields alone and looks only at the fields asked for', () => {
    expect(shapeProblems(schema, { securityCode: 'anything', tags: 1 }, new Set(['securityCode']))).toEqual([]);
  });
});
