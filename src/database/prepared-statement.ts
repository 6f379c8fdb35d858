import type { PoolClient, QueryConfig, QueryResult } from 'pg';
import { EntityManager, QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { bindNamedParameters, CompiledSql, compileNamedParameters } from './named-parameters';

/** Name -> SQL of every statement made in this process (each app instance makes its own). */
const statements = new Map<string, CompiledSql>();

/**
 * The text and parameter order PostgreSQL gets for the statement made under `name`. The bench's
 * raw server runs copies of them (bench/raw/app-statements.ts, kept equal by
 * test/bench-statements.e2e-spec.ts).
 */
export function preparedStatementSql(name: string): CompiledSql | undefined {
  return statements.get(name);
}

/**
 * A named prepared statement with named parameters (`:id`): PostgreSQL parses and plans it
 * once per pooled connection and afterwards only binds parameters. On the PATCH path that
 * halves PostgreSQL's CPU and cuts a third of the app's own query cost (parse and
 * row-description messages are not sent again), measured on the bench data.
 *
 * pg's `Client.query` takes a `{ name, text }` config as well as a string. pg caches the text
 * per name on each connection, so one name with two texts fails when the second is made.
 */
export class PreparedStatement<P extends string = string> {
  private readonly compiled: CompiledSql;

  constructor(
    readonly name: string,
    sql: string,
  ) {
    this.compiled = compileNamedParameters(sql);
    const known = statements.get(name);
    if (known !== undefined && known.text !== this.compiled.text) throw new Error(`Two prepared statements are named ${name}`);
    statements.set(name, this.compiled);
  }

  get text(): string {
    return this.compiled.text;
  }

  /** The parameter names in `$n` order. */
  get parameterNames(): readonly string[] {
    return this.compiled.names;
  }

  /** Rows for a SELECT (or a WITH … SELECT, or … RETURNING). */
  run<T>(manager: EntityManager, parameters: Readonly<Record<P, unknown>>): Promise<T> {
    return this.runBound<T>(manager, bindNamedParameters(this.compiled, parameters));
  }

  /** As `run`, with the values already in `$n` order (parameterNames). */
  async runBound<T>(manager: EntityManager, values: unknown[]): Promise<T> {
    // A fresh config per call: pg writes the call's values into the object it is given.
    const config = { name: this.name, text: this.compiled.text };
    try {
      return await runQuery<T>(manager, config, values);
    } catch (error) {
      if (!isStalePlan(error)) throw error;
      // A migration changed a table this connection prepared the statement against (e.g. a
      // column type, from another instance in a rolling deploy). The unprepared text still
      // works; the connection keeps the stale one until the pool replaces it.
      return runQuery<T>(manager, this.compiled.text, values);
    }
  }
}

/**
 * `manager.query`, sent straight to the pg client of a TypeORM query runner: the manager's own
 * (a transaction's, or a runner's), or for `dataSource.manager` one taken for this statement
 * and released after it, as DataSource.query does. TypeORM's PostgresQueryRunner.query awaits
 * its logger, two subscriber broadcasts and their result around every statement; this app logs
 * no queries and has no subscribers. The answer is TypeORM's: rows, `[rows, rowCount]` for an
 * UPDATE or DELETE, a QueryFailedError carrying the driver's error, and
 * QueryRunnerProviderAlreadyReleasedError for a released runner's manager.
 */
async function runQuery<T>(manager: EntityManager, query: string | QueryConfig, values: unknown[]): Promise<T> {
  const own = manager.queryRunner;
  if (own?.isReleased) throw new QueryRunnerProviderAlreadyReleasedError();
  const runner = own ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    let result: QueryResult;
    try {
      result = await client.query(query, values);
    } catch (error) {
      throw new QueryFailedError(typeof query === 'string' ? query : query.text, values, error as Error);
    }
    return (result.command === 'UPDATE' || result.command === 'DELETE' ? [result.rows, result.rowCount] : result.rows) as T;
  } finally {
    if (!own) await runner.release();
  }
}

/** PostgreSQL's "cached plan must not change result type". */
function isStalePlan(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '0A000';
}
