import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { formatInZone } from '../common/http/time-zone';
import { ZoneRenderable } from '../common/http/zone-renderable';
import { decodeCursor, toPage } from '../common/pagination/page';
import { PatchOperation } from '../common/patch';
import { PreparedStatement } from '../database/prepared-statement';
import { AUDIT_LOG_COLUMNS } from './audited-statement';

/** That a caller was shown a record whose reads are audited (API.md §1.3, level 2). */
export interface AuditedRead {
  companyId: string;
  resource: string;
  resourceId: string;
  at: Date;
  actor: Actor;
  requestId: string;
}

export interface HistoryEntry {
  at: string;
  actor: { sub: string; role: string };
  requestId: string;
  kind: string;
  ops: PatchOperation[];
}

/** A page of history; its `at` stamps follow the Time-Zone header like every date-time. */
export class HistoryPage implements ZoneRenderable {
  constructor(
    readonly items: HistoryEntry[],
    readonly nextCursor: string | null,
  ) {}

  inZone(zone: string): HistoryPage {
    return new HistoryPage(
      this.items.map((entry) => ({ ...entry, at: formatInZone(entry.at, zone) })),
      this.nextCursor,
    );
  }
}

interface AuditRow {
  id: string;
  at: Date;
  actor_sub: string;
  actor_role: string;
  request_id: string;
  kind: string;
  ops: PatchOperation[];
}

const INSERT_READ = new PreparedStatement(
  'audit.insert-read',
  `INSERT INTO audit_log (${AUDIT_LOG_COLUMNS})
   VALUES ($1, $2, $3, $4, $5, $6, $7, 'read', '[]')`,
);
const HISTORY = new PreparedStatement(
  'audit.history',
  `SELECT id, at, actor_sub, actor_role, request_id, kind, ops FROM audit_log
    WHERE company_id = $1 AND resource = $2 AND resource_id = $3 AND ($4::bigint IS NULL OR id < $4::bigint)
    ORDER BY id DESC LIMIT $5`,
);

/**
 * Writes audit rows that are not part of a change (reads of level-2 records), and reads a
 * record's history. A change's own audit row is written by the store's AuditedStatement.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordRead(read: AuditedRead): Promise<void> {
    await INSERT_READ.run(this.dataSource.manager, [
      read.companyId,
      read.resource,
      read.resourceId,
      read.at,
      read.actor.sub,
      read.actor.role,
      read.requestId,
    ]);
  }

  /** Newest first. The caller has already established that the record is visible. */
  async history(
    companyId: string,
    resource: string,
    resourceId: string,
    size: number,
    cursor?: string,
  ): Promise<HistoryPage> {
    const [beforeId] = decodeCursor(cursor, 1) ?? [];
    const rows = await HISTORY.run<AuditRow[]>(this.dataSource.manager, [companyId, resource, resourceId, beforeId ?? null, size + 1]);
    const page = toPage(
      rows,
      size,
      (row) => [row.id],
      (row) => ({
        at: row.at.toISOString(),
        actor: { sub: row.actor_sub, role: row.actor_role },
        requestId: row.request_id,
        kind: row.kind,
        ops: row.ops,
      }),
    );
    return new HistoryPage(page.items, page.nextCursor);
  }
}
