import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { formatInZone } from '../common/http/time-zone';
import { ZoneRenderable } from '../common/http/zone-renderable';
import { decodeCursor, toPage } from '../common/pagination/page';
import { PatchOperation } from '../common/patch';
import { entityColumns } from '../database/entity-columns';
import { PreparedStatement } from '../database/prepared-statement';
import { AuditLogEntity } from './audit-log.entity';

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

type AuditRow = Pick<AuditLogEntity, 'id' | 'at' | 'actorSub' | 'actorRole' | 'requestId' | 'kind' | 'ops'>;

/**
 * Writes audit rows that are not part of a change (reads of level-2 records), and reads a
 * record's history. A change's own audit row is written by the same statement as the change (auditedWriteSql).
 */
@Injectable()
export class AuditService {
  private readonly insertRead: PreparedStatement;
  private readonly historyPage: PreparedStatement;

  /** Both statements are generated once from the audit_log entity. */
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    const { table, column } = entityColumns(dataSource, AuditLogEntity);
    const read: Record<Exclude<keyof AuditLogEntity, 'id' | 'xactId'>, string> = {
      companyId: ':companyId',
      resource: ':resource',
      resourceId: ':resourceId',
      at: ':at',
      actorSub: ':actorSub',
      actorRole: ':actorRole',
      requestId: ':requestId',
      kind: `'read'`,
      ops: `'[]'`,
      version: 'NULL',
      change: 'NULL',
      reason: 'NULL',
    };
    this.insertRead = new PreparedStatement(
      'audit.insert-read',
      `INSERT INTO ${table} (${Object.keys(read).map((property) => column(property as keyof AuditLogEntity)).join(', ')})
        VALUES (${Object.values(read).join(', ')})`,
    );
    const shown: Array<keyof AuditRow> = ['id', 'at', 'actorSub', 'actorRole', 'requestId', 'kind', 'ops'];
    this.historyPage = new PreparedStatement(
      'audit.history',
      `SELECT ${shown.map((property) => `${column(property)} AS ${dataSource.driver.escape(property)}`).join(', ')}
        FROM ${table}
        WHERE ${column('companyId')} = :companyId AND ${column('resource')} = :resource AND ${column('resourceId')} = :resourceId
          AND (:beforeId::bigint IS NULL OR ${column('id')} < :beforeId::bigint)
        ORDER BY ${column('id')} DESC LIMIT :limit`,
    );
  }

  async recordRead(read: AuditedRead): Promise<void> {
    await this.insertRead.run(this.dataSource.manager, {
      companyId: read.companyId,
      resource: read.resource,
      resourceId: read.resourceId,
      at: read.at,
      actorSub: read.actor.sub,
      actorRole: read.actor.role,
      requestId: read.requestId,
    });
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
    const rows = await this.historyPage.run<AuditRow[]>(this.dataSource.manager, {
      companyId,
      resource,
      resourceId,
      beforeId: beforeId ?? null,
      limit: size + 1,
    });
    const page = toPage(
      rows,
      size,
      (row) => [row.id],
      (row) => ({
        at: row.at.toISOString(),
        actor: { sub: row.actorSub, role: row.actorRole },
        requestId: row.requestId,
        kind: row.kind,
        ops: row.ops,
      }),
    );
    return new HistoryPage(page.items, page.nextCursor);
  }
}
