import { findUnsafeMember } from './unsafe-keys';

describe('findUnsafeMember (bodies that are not patches)', () => {
  it('finds __proto__, constructor and prototype at any depth, inside arrays too, and gives its path', () => {
    expect(findUnsafeMember(JSON.parse('{"a":{"b":[1,{"__proto__":{}}]}}'))).toEqual(['a', 'b', '1', '__proto__']);
    expect(findUnsafeMember({ constructor: 1 })).toEqual(['constructor']);
    expect(findUnsafeMember([{ x: { prototype: null } }])).toEqual(['0', 'x', 'prototype']);
  });

  it('accepts ordinary bodies, scalars and such names as values', () => {
    expect(findUnsafeMember({ name: '__proto__', list: ['constructor'], nested: { ok: true } })).toBeUndefined();
    expect(findUnsafeMember('text')).toBeUndefined();
    expect(findUnsafeMember(null)).toBeUndefined();
  });

  it('walks a body nested 100,000 levels deep without overflowing the stack', () => {
    const deep: unknown = JSON.parse('['.repeat(100_000) + '{"__proto__":1}' + ']'.repeat(100_000));
    expect(findUnsafeMember(deep)).toHaveLength(100_001);
  });
});
