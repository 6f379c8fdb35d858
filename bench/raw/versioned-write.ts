import { randomUUID } from 'node:crypto';
import { PoolClient } from 'pg';
import { AppStatement, bind } from './app-statements';

export type Row = Record<string, unknown>;

/** A 4xx answer of a raw route. */
export class RawHttpError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail);
  }
}

/** One of the app's tenant tables as its repository reads and writes it (bench/raw/app-statements.ts). */
export interface RawTable {
  select: AppStatement;
  update: AppStatement;
  /** audit_log.resource, the repository's resourceName. */
  resource: string;
  /** jsonb properties, sent as JSON text as the app sends them (pg would make a JS array a PostgreSQL array). */
  jsonb: readonly string[];
}

/** What a request changes in the row read: new column values (by property) and the audit row's operations. */
export interface RowChange {
  values: Row;
  ops: unknown[];
}

export interface Actor {
  sub: string;
  role: string;
}

function withJsonText(table: RawTable, values: Row): Row {
  const result: Row = { ...values };
  for (const property of table.jsonb) {
    if (property in result) result[property] = result[property] === null ? null : JSON.stringify(result[property]);
  }
  return result;
}

/**
 * The app's optimistic write (src/common/patch/patch-pipeline.service.ts): read the visible row,
 * then write every writable column over the version read, with the audit row, in one
 * statement; a lost race reads again. `lookup` binds the select (id, companyId, onlyUser…);
 * `change` may read more through `client` first (seed 003's configs). Undefined: not found.
 */
export async function versionedWrite(
  client: PoolClient,
  table: RawTable,
  lookup: Row,
  actor: Actor,
  change: (row: Row) => Promise<RowChange> | RowChange,
): Promise<Row | undefined> {
  for (;;) {
    const found = await client.query<Row>({ name: table.select.name, text: table.select.text, values: bind(table.select, lookup) });
    const row = found.rows[0];
    if (!row) return undefined;
    const { values, ops } = await change(row);
    const parameters: Row = {
      ...withJsonText(table, { ...row, ...values }),
      updatedAt: new Date(),
      id: lookup.id,
      companyId: row.companyId,
      version: row.version,
      auditResource: table.resource,
      auditAt: new Date(),
      auditActorSub: actor.sub,
      auditActorRole: actor.role,
      auditRequestId: randomUUID(),
      auditKind: 'change',
      auditOps: JSON.stringify(ops),
      auditReason: null,
    };
    const written = await client.query<Row>({ name: table.update.name, text: table.update.text, values: bind(table.update, parameters) });
    // As the app: the statement reads back only what the database may have changed.
    if (written.rows[0]) return { ...row, ...values, ...written.rows[0] };
  }
}
