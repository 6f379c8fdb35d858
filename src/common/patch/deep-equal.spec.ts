import { deepEqual } from './deep-equal';

describe('deepEqual (JSON semantics)', () => {
  it('compares objects regardless of member order, arrays by position', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual([1, 2], [1, 2, 3])).toBe(false);
  });

  it('compares numbers by value', () => {
    expect(deepEqual(1, JSON.parse('1.0'))).toBe(true);
    expect(deepEqual(-0, 0)).toBe(true);
    expect(deepEqual(1, 2)).toBe(false);
  });

  it('never coerces types', () => {
    expect(deepEqual('1', 1)).toBe(false);
    expect(deepEqual(0, false)).toBe(false);
    expect(deepEqual(null, false)).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual({}, [])).toBe(false);
    expect(deepEqual({ 0: 'a' }, ['a'])).toBe(false);
  });

  it('distinguishes null from a missing member, and own from inherited members', () => {
    expect(deepEqual({ a: null }, {})).toBe(false);
    expect(deepEqual({}, { a: null })).toBe(false);
    expect(deepEqual({ a: null, b: 1 }, { b: 1, c: null })).toBe(false);
    expect(deepEqual({ toString: 1 }, { other: 1 })).toBe(false);
  });
});
