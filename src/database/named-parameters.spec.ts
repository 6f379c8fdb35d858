import { bindNamedParameters, compileNamedParameters } from './named-parameters';

describe('compileNamedParameters', () => {
  it('numbers names in order of first use and reuses the number of a repeated name', () => {
    const compiled = compileNamedParameters('SELECT 1 WHERE a = :first AND (:second::uuid IS NULL OR b = :second) AND c = :first');
    expect(compiled.text).toBe('SELECT 1 WHERE a = $1 AND ($2::uuid IS NULL OR b = $2) AND c = $1');
    expect(compiled.names).toEqual(['first', 'second']);
  });

  it('leaves casts and text without parameters as they are', () => {
    expect(compileNamedParameters(`SELECT now()::text, 'change', x::jsonb`)).toEqual({
      text: `SELECT now()::text, 'change', x::jsonb`,
      names: [],
    });
  });
});

describe('bindNamedParameters', () => {
  it('orders values by their numbers whatever order the call names them in', () => {
    const compiled = compileNamedParameters('UPDATE t SET a = :a, b = :b WHERE id = :id');
    expect(bindNamedParameters(compiled, { id: 7, b: 'B', a: null })).toEqual([null, 'B', 7]);
  });

  it('refuses a call that leaves a parameter out', () => {
    const compiled = compileNamedParameters('SELECT :a, :b');
    expect(() => bindNamedParameters(compiled, { a: 1 })).toThrow('No value for the SQL parameter :b');
  });
});
