import fc from 'fast-check';
import { ProblemException } from '../http/problem.exception';
import { completeShape } from '../resource/document-checks';
import { resourceSchema } from '../resource/resource-registry';
import { FixtureResource } from '../resource/test-resource.fixture';
import { parseSelect, project } from './select';

const schema = resourceSchema(FixtureResource);
const document = completeShape(schema, {
  id: 'r1',
  phone: '1',
  department: 'Sales',
  address: { city: 'Oulu', geoHash: 'u6' },
  emails: [{ value: 'a@b.fi', description: 'main' }],
  tags: ['x'],
  securityCode: { Door: 1, Gate: 2 },
});

describe('$select (seed 002)', () => {
  it('keeps the full shape with unselected fields null', () => {
    expect(project(schema, document, parseSelect(schema, 'Department'))).toEqual({
      id: null,
      phone: null,
      department: 'Sales',
      address: null,
      emails: null,
      tags: null,
      securityCode: null,
    });
  });

  it('selects nested children, inside arrays, by alias, and free-form keys exactly', () => {
    const projected = project(schema, document, parseSelect(schema, 'address/CITY, emails/value,telNumber1,securityCode/Door'));
    expect(projected.address).toEqual({ city: 'Oulu', geoHash: null });
    expect(projected.emails).toEqual([{ value: 'a@b.fi', description: null }]);
    expect(projected.phone).toBe('1');
    expect(projected.securityCode).toEqual({ Door: 1 });
  });

  it('lets a whole field win over a child selection', () => {
    expect(project(schema, document, parseSelect(schema, 'address/city,address')).address).toEqual(document.address);
  });

  it('refuses unknown names with 400 listing all of them', () => {
    try {
      parseSelect(schema, 'nope,department,address/street');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      expect((error as ProblemException).problem.detail).toContain('nope, address/street');
    }
  });

  it('lists at most five unknown names, each cut to 64 characters, and says how many more', () => {
    const names = ['x'.repeat(500), ...Array.from({ length: 999 }, (_, i) => `nope${i}`)];
    let problem: ProblemException['problem'] | undefined;
    try {
      parseSelect(schema, `department,${names.join(',')}`);
    } catch (error) {
      problem = (error as ProblemException).problem;
    }
    expect(problem?.detail).toBe(`Unknown fields in $select: ${'x'.repeat(64)}…, nope0, nope1, nope2, nope3 and 995 more.`);
    expect(problem?.errors).toHaveLength(5);
    expect(JSON.stringify(problem).length).toBeLessThan(1000);
  });

  it('parses a repeated text once per resource, and refuses an unknown name every time', () => {
    expect(parseSelect(schema, 'department,address/city')).toBe(parseSelect(schema, 'department,address/city'));
    expect(parseSelect(schema, 'department')).not.toBe(parseSelect(schema, 'phone'));
    const long = Array.from({ length: 200 }, () => 'department').join(',');
    expect(parseSelect(schema, long)).not.toBe(parseSelect(schema, long)); // longer than 1 KB: parsed each time
    expect(parseSelect(schema, long)).toEqual(parseSelect(schema, 'department'));
    expect(() => parseSelect(schema, 'nope')).toThrow(ProblemException);
    expect(() => parseSelect(schema, 'nope')).toThrow(ProblemException);
  });

  it('selecting every field is the identity (property)', () => {
    const names = schema.fields.map((field) => field.name);
    fc.assert(
      fc.property(fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }), (order) => {
        expect(project(schema, document, parseSelect(schema, order.join(',')))).toEqual(document);
      }),
    );
  });
});
