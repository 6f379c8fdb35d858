import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { PatchOperation } from '../common/patch';
import { entityColumns } from '../database/entity-columns';
import { AuditLogEntity } from './audit-log.entity';

/** The audit row of one stored change; company and record id come from the written row. */
export interface ChangeAudit {
  resource: string;
  at: Date;
  actor: Actor;
  requestId: string;
  /** The RFC 6902 diff before → after, GDPR values already redacted. */
  ops: PatchOperation[];
  /** 'erased' for a GDPR erasure (API.md §6), with its reason; otherwise a change. */
  kind?: 'change' | 'erased';
  reason?: string;
}

/** The names of the parameters an audited write binds for its audit row. */
export const CHANGE_AUDIT_PARAMETERS = [
  'auditResource',
  'auditAt',
  'auditActorSub',
  'auditActorRole',
  'auditRequestId',
  'auditOps',
  'auditKind',
  'auditReason',
] as const;

export type ChangeAuditParameters = Record<(typeof CHANGE_AUDIT_PARAMETERS)[number], unknown>;

export function changeAuditParameters(audit: ChangeAudit): ChangeAuditParameters {
  return {
    auditResource: audit.resource,
    auditAt: audit.at,
    auditActorSub: audit.actor.sub,
    auditActorRole: audit.actor.role,
    auditRequestId: audit.requestId,
    auditOps: JSON.stringify(audit.ops),
    auditKind: audit.kind ?? 'change',
    auditReason: audit.reason ?? null,
  };
}

/**
 * SQL of one statement that writes a record (`INSERT`/`UPDATE … RETURNING`) and its audit row.
 * A single statement is atomic on its own, so the pipeline's version-checked write needs no
 * BEGIN/COMMIT round trips, and a write that matches no row (its version moved on) leaves no
 * audit row either. `written` names the written row's company and record id columns;
 * `result` reads the written row(s) from `written`. The audit_log columns come from its
 * entity; the value of each is given here by property, so none can be left out or swapped.
 */
export function auditedWriteSql(
  dataSource: DataSource,
  write: string,
  written: { companyId: string; id: string; version: string },
  result: string,
): string {
  const { table, column } = entityColumns(dataSource, AuditLogEntity);
  // xact_id is filled by its column default inside the writing transaction (the change feed's order).
  const values: Record<Exclude<keyof AuditLogEntity, 'id' | 'xactId'>, string> = {
    companyId: written.companyId,
    resource: ':auditResource',
    resourceId: `${written.id}::text`,
    at: ':auditAt',
    actorSub: ':auditActorSub',
    actorRole: ':auditActorRole',
    requestId: ':auditRequestId',
    kind: ':auditKind::text',
    ops: ':auditOps',
    // The change feed's version and kind come from the written row: every table starts a record
    // at version 1 (its column default) and each update adds one, so version 1 is the create.
    version: `${written.version}`,
    // An erasure is a change the feed announces as `erased` (customer.erased webhooks).
    change: `CASE WHEN :auditKind::text = 'erased' THEN 'erased' WHEN ${written.version} = 1 THEN 'created' ELSE 'updated' END`,
    reason: ':auditReason::text',
  };
  const columns = Object.keys(values).map((property) => column(property as keyof AuditLogEntity));
  return `WITH written AS (${write}),
    audited AS (INSERT INTO ${table} (${columns.join(', ')}) SELECT ${Object.values(values).join(', ')} FROM written)
    ${result}`;
}
