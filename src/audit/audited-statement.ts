import { EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { PatchOperation } from '../common/patch';
import { PreparedStatement } from '../database/prepared-statement';

/** The columns of an audit_log row a write fills, in the order both INSERTs give them. */
export const AUDIT_LOG_COLUMNS = 'company_id, resource, resource_id, at, actor_sub, actor_role, request_id, kind, ops';

/** The audit row of one stored change; company and record id come from the written row. */
export interface ChangeAudit {
  resource: string;
  at: Date;
  actor: Actor;
  requestId: string;
  /** The RFC 6902 diff before → after, GDPR values already redacted. */
  ops: PatchOperation[];
}

/**
 * One statement that writes a record (`INSERT`/`UPDATE … RETURNING *`) and its audit row.
 * A single statement is atomic on its own, so the pipeline's version-checked write needs no
 * BEGIN/COMMIT round trips, and a write that matches no row (its version moved on) leaves no
 * audit row either. `result` reads the written row(s) from `written`; `idColumn` is the
 * written table's record id. `$1`–`$6` belong to the audit row: the write's own parameters
 * start at `$7`.
 *
 * The SQL is assembled once, when a store module loads, from that store's constant texts:
 * no input ever becomes SQL.
 */
export class AuditedStatement {
  private readonly statement: PreparedStatement;

  constructor(name: string, write: string, { idColumn = 'id', result = 'SELECT * FROM written' } = {}) {
    // The change feed's version and kind come from the written row: every table starts a record
    // at version 1 (its column default) and each update adds one, so version 1 is the create.
    const text = `WITH written AS (${write}),
      audited AS (
        INSERT INTO audit_log (${AUDIT_LOG_COLUMNS}, version, change)
        SELECT company_id, $1, ${idColumn}::text, $2, $3, $4, $5, 'change', $6,
               version, CASE WHEN version = 1 THEN 'created' ELSE 'updated' END FROM written)
      ${result}`;
    this.statement = new PreparedStatement(name, text);
  }

  /** The rows `result` reads; `write` are the write's own parameters (`$7`, `$8`, …). */
  run<T>(manager: EntityManager, audit: ChangeAudit, write: unknown[]): Promise<T> {
    const auditParameters = [audit.resource, audit.at, audit.actor.sub, audit.actor.role, audit.requestId, JSON.stringify(audit.ops)];
    return this.statement.run<T>(manager, [...auditParameters, ...write]);
  }
}
