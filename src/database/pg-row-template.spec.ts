import { types } from 'pg';
import Result from 'pg/lib/result';
import { buildRowTemplatesByAssignment } from './pg-row-template';

const pgOwnAddFields = Result.prototype.addFields;

const field = (name: string, dataTypeID: number, format?: 'text' | 'binary'): Result.FieldDescription => ({ name, dataTypeID, format });
const COLUMNS = [
  field('id', types.builtins.UUID),
  field('number', types.builtins.INT4),
  field('updatedAt', types.builtins.TIMESTAMPTZ),
  field('contact', types.builtins.JSONB),
  field('tags', 1009), // text[]
  field('note', types.builtins.TEXT, 'binary'),
  field('note', types.builtins.TEXT), // a repeated name: one key, the last value
];

/** A Result after addFields, as the own properties a later parseRow reads. */
function described(addFields: Result['addFields'], fields: Result.FieldDescription[], parsers?: Result.TypeParsers) {
  const result = new Result(undefined, parsers);
  addFields.call(result, fields);
  return result;
}

describe('buildRowTemplatesByAssignment', () => {
  beforeAll(() => buildRowTemplatesByAssignment());

  it('is installed on pg Result', () => {
    expect(Result.prototype.addFields).not.toBe(pgOwnAddFields);
  });

  it.each([
    ['the default type parsers', undefined],
    ['a client’s own type parsers', { getTypeParser: (oid: number) => (oid === Number(types.builtins.INT4) ? Number : String) }],
  ])('leaves a Result as pg’s own addFields does, with %s', (_label, parsers) => {
    const ours = described(Result.prototype.addFields, COLUMNS, parsers);
    const pgs = described(pgOwnAddFields, COLUMNS, parsers);
    expect(ours).toEqual(pgs);
    expect(ours._parsers).toEqual(pgs._parsers); // the same parser functions, in column order
    expect(Object.keys(ours._prebuiltEmptyResultObject!)).toEqual(Object.keys(pgs._prebuiltEmptyResultObject!));
    expect(Object.getPrototypeOf(ours._prebuiltEmptyResultObject)).toBe(Object.prototype);
  });

  it('parses rows as pg does', () => {
    const raw = ['0b7a3c1e-8f7d-4d4e-9a3c-5e2f1a6b7c8d', '42', '2024-01-02 03:04:05.678+00', '{"email":"a@b.c"}', '{a,b}', Buffer.from('x'), 'last'];
    const ours = described(Result.prototype.addFields, COLUMNS).parseRow(raw);
    expect(ours).toEqual(described(pgOwnAddFields, COLUMNS).parseRow(raw));
    expect(ours).toEqual({ id: raw[0], number: 42, updatedAt: new Date('2024-01-02T03:04:05.678Z'), contact: { email: 'a@b.c' }, tags: ['a', 'b'], note: 'last' });
  });

  it('keeps a column named __proto__ a plain value, never the prototype', () => {
    const row = described(Result.prototype.addFields, [field('__proto__', types.builtins.TEXT), field('x', types.builtins.INT4)]).parseRow(['polluted', '1']);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row)).toEqual(['__proto__', 'x']);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe('polluted');
  });
});
