import { PatchRequestError } from '../patch';
import { thrown } from '../patch/thrown.fixture';
import { canonicalizeObject, canonicalizeOperations, resolvePath } from './canonical-input';
import { changedReadOnlyPaths, completeShape } from './document-checks';
import { redactOperations } from './redact';
import { resourceSchema } from './resource-registry';
import { FixtureResource } from './test-resource.fixture';

const schema = resourceSchema(FixtureResource);

describe('resolvePath (API.md §1.4 paths)', () => {
  it.each([
    ['/Department', '/department'],
    ['department', '/department'],
    ['/DEPARTMENT', '/department'],
    ['/telNumber1', '/phone'],
    ['/Address/City', '/address/city'],
    ['/emails/0/Value', '/emails/0/value'],
    ['/Emails/-', '/emails/-'],
    ['/securityCode/Foo~1Bar/Baz', '/securityCode/Foo~1Bar/Baz'],
    ['/SECURITYCODE/a~0b', '/securityCode/a~0b'],
  ])('resolves %s to %s', (input, canonical) => {
    expect(resolvePath(schema, input, '/0/path').pointer).toBe(canonical);
  });

  it('keeps keys inside free-form values exactly (case-sensitive data)', () => {
    expect(resolvePath(schema, '/securityCode/Key', '').segments).toEqual(['securityCode', 'Key']);
  });

  it.each([
    ['', 'whole record'],
    ['/unknown', 'unknown field'],
    ['/address/street', 'unknown field'],
    ['/emails/01', 'not an index'],
    ['/emails/x/value', 'not an index'],
    ['/tags/0/more', 'no fields'],
    ['/department/x', 'no fields'],
    ['/__proto__/polluted', 'unknown field'],
  ])('refuses %j (%s) with a pointer into the request', (input, message) => {
    const error = thrown(PatchRequestError, () => resolvePath(schema, input, '/3/path'));
    expect(error.pointer).toBe('/3/path');
    expect(error.detail).toContain(message);
  });
});

describe('canonicalizeObject (merge patches and create bodies)', () => {
  it('renames case-insensitive names and aliases, also in nested objects and array items', () => {
    expect(
      canonicalizeObject(schema, { TelNumber1: '1', ADDRESS: { City: 'Oulu' }, Emails: [{ VALUE: 'a@b.fi' }], SecurityCode: { Mixed: 1 } }, ''),
    ).toEqual({ phone: '1', address: { city: 'Oulu' }, emails: [{ value: 'a@b.fi' }], securityCode: { Mixed: 1 } });
  });

  it('refuses an unknown field and a field named twice, pointing at it', () => {
    expect(thrown(PatchRequestError, () => canonicalizeObject(schema, { address: { street: 'x' } }, '')).pointer).toBe('/address/street');
    expect(thrown(PatchRequestError, () => canonicalizeObject(schema, { phone: '1', Phone: '2' }, '')).pointer).toBe('/Phone');
  });

  it('canonicalizes op values by the path they are written at', () => {
    const [operation] = canonicalizeOperations(schema, [{ op: 'add', path: '/Emails/-', value: { Value: 'x@y.fi' } }]);
    expect(operation).toEqual({ op: 'add', path: '/emails/-', value: { value: 'x@y.fi' } });
  });
});

describe('document checks', () => {
  const before = completeShape(schema, { id: 'r1', address: { city: 'Oulu', geoHash: 'u6' } });

  it('completes the shape with nulls in schema order', () => {
    expect(Object.keys(before)).toEqual(['id', 'phone', 'department', 'address', 'emails', 'tags', 'securityCode']);
    expect(before.address).toEqual({ city: 'Oulu', geoHash: 'u6' });
  });

  it('reports changed read-only fields, nested too, and accepts repeated values', () => {
    expect(changedReadOnlyPaths(schema, before, { ...before, id: 'other' })).toEqual(['/id']);
    expect(changedReadOnlyPaths(schema, before, { ...before, address: { city: 'Oulu', geoHash: 'zz' } })).toEqual(['/address/geoHash']);
    expect(changedReadOnlyPaths(schema, before, { ...before, department: 'x' })).toEqual([]);
  });

  it('redacts GDPR values in audit operations', () => {
    expect(redactOperations(schema, [{ op: 'replace', path: '/phone', value: '+358' }, { op: 'remove', path: '/phone' }])).toEqual([
      { op: 'replace', path: '/phone', value: '***' },
      { op: 'remove', path: '/phone' },
    ]);
  });
});
