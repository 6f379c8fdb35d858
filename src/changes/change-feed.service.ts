import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { formatInZone } from '../common/http/time-zone';
import { ZoneRenderable } from '../common/http/zone-renderable';
import { badRequest } from '../common/http/problem.exception';
import { decodeCursor, encodeCursor } from '../common/pagination/page';
import { PreparedStatement } from '../database/prepared-statement';
import { TenantScope } from '../tenancy/tenant-scope';
import { ChangeEvent, ChangeResource, ChangeRow, toChangeEvent } from './change-resources';

export interface FeedItem extends ChangeEvent {
  id: string;
}

/** A page of the feed. `nextCursor` is always set: a reader polls it until new changes appear. */
export class ChangePage implements ZoneRenderable {
  constructor(
    readonly items: FeedItem[],
    readonly nextCursor: string,
  ) {}

  inZone(zone: string): ChangePage {
    return new ChangePage(
      this.items.map((item) => ({ ...item, at: formatInZone(item.at, zone) })),
      this.nextCursor,
    );
  }
}

interface FeedRow extends ChangeRow {
  id: string;
  xact_id: string;
}

/*
 * Why a reader following nextCursor never misses a change and never sees one twice.
 *
 * Each change row carries the id of the transaction that wrote it (xact_id, set by the column
 * default inside that transaction). The feed orders by (xact_id, id) and only shows rows whose
 * xact_id is below pg_snapshot_xmin(pg_current_snapshot()): the oldest transaction still running
 * when this statement took its snapshot. Every transaction below that xmin has finished (committed
 * or rolled back) and every later one gets a larger xid, so the set of rows below xmin is final:
 * no row can appear there after this read. A cursor (xact_id, id) therefore marks a point below
 * which the reader has seen everything there ever will be, and the next page starts strictly after
 * it. Ordering by id alone would skip: a transaction can draw its id (a sequence value) after
 * another that commits later, and a reader past the larger id never sees the smaller one.
 * The snapshot is the statement's own, so "committed below xmin" and "visible to this query" agree.
 * The price: the feed shows a change only once every transaction older than it has ended, so a
 * long-running transaction that has written anything (taken an xid) anywhere on the server holds
 * the feed back: it lags, it does not skip. Read-only transactions take no xid and do not.
 *
 * Per record, (xact_id, id) order is version order, because a writer of a record draws its xid
 * only at or after taking the record's row lock, and the row lock admits one writer at a time:
 * - create: the record does not exist for anyone else until its transaction commits;
 * - optimistic update (one autocommit statement `UPDATE … WHERE version = <read>`): an UPDATE that
 *   had to wait for another writer's lock finds the version moved on when it re-checks the row
 *   and writes nothing; one that writes read the previous version committed, so its transaction
 *   (and its xid) began after the previous writer's commit;
 * - locked fallback (`SELECT … FOR UPDATE` first in its transaction): PostgreSQL assigns the xid
 *   when the lock is granted, not while waiting for it (checked on PostgreSQL 18).
 * A write path that made its transaction take an xid before locking the record (for example by
 * inserting another row first) would break this: put such rows after the record's write.
 */
const FEED = new PreparedStatement(
  'changes.feed',
  `SELECT id::text AS id, xact_id::text AS xact_id, resource, resource_id, change, version, at, actor_sub, actor_role, ops
     FROM audit_log
    WHERE (:companyId::uuid IS NULL OR company_id = :companyId)
      AND change IS NOT NULL
      AND resource = ANY(:resources::text[])
      AND (xact_id, id) > (:afterXactId::bigint, :afterId::bigint)
      AND xact_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
    ORDER BY xact_id, id
    LIMIT :limit`,
);

const START: [string, string] = ['0', '0'];
/** The transaction id and the audit id are bigints: a larger number in a cursor was never issued. */
const MAX_BIGINT = 2n ** 63n - 1n;

const invalidSince = () => badRequest('since is not a cursor this service issued.', [{ pointer: '/since', detail: 'is invalid' }]);

function isUnsignedUpTo(value: unknown, max: bigint): value is string {
  return typeof value === 'string' && /^\d{1,20}$/.test(value) && BigInt(value) <= max;
}

function parseCursor(since: string | undefined): [string, string] {
  let position: (string | number)[] | undefined;
  try {
    position = decodeCursor(since, 2);
  } catch {
    throw invalidSince();
  }
  if (!position) return START;
  const [xactId, id] = position;
  if (!isUnsignedUpTo(xactId, MAX_BIGINT) || !isUnsignedUpTo(id, MAX_BIGINT)) throw invalidSince();
  return [xactId, id];
}

/** Reads the change feed of API.md §5 from the audit log. */
@Injectable()
export class ChangeFeedService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(scope: TenantScope, resources: readonly ChangeResource[], size: number, since?: string): Promise<ChangePage> {
    const after = parseCursor(since);
    const rows = await FEED.run<FeedRow[]>(this.dataSource.manager, {
      companyId: scope.companyId,
      resources: resources.map((resource) => resource.audit),
      afterXactId: after[0],
      afterId: after[1],
      limit: size,
    });
    const last = rows[rows.length - 1];
    return new ChangePage(
      rows.map((row) => ({ id: row.id, ...toChangeEvent(row) })),
      encodeCursor(last ? [last.xact_id, last.id] : after),
    );
  }
}
