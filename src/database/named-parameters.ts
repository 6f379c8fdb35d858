/**
 * SQL with parameters named `:name` (PostgreSQL's `::type` casts are left alone), compiled once
 * to the `$1, $2, …` PostgreSQL takes, and the order in which to bind a call's values. One name
 * used twice is one parameter. Written here because pg has no named parameters and TypeORM
 * only offers them through its query builder, which rebuilds the SQL text on every call.
 */
export interface CompiledSql {
  text: string;
  /** Parameter names in `$n` order. */
  names: readonly string[];
}

const NAMED = /(?<![:\w]):([A-Za-z_]\w*)/g;

export function compileNamedParameters(sql: string): CompiledSql {
  const names: string[] = [];
  const text = sql.replace(NAMED, (_match, name: string) => {
    let index = names.indexOf(name);
    if (index === -1) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text, names };
}

/** The values in `$n` order; a name the call does not give is a programming error. */
export function bindNamedParameters(compiled: CompiledSql, values: Readonly<Record<string, unknown>>): unknown[] {
  return compiled.names.map((name) => {
    if (!(name in values)) throw new Error(`No value for the SQL parameter :${name}`);
    return values[name];
  });
}
