import { EntityManager } from 'typeorm';
import { ChangeAudit } from '../../audit/audited-statement';
import { Actor } from '../../auth/actor';
import { Visibility } from '../../database/record-table';
import { Caller } from '../http/caller';
import { JsonObject } from './document-checks';
import { FilterValues, ListFilter } from './list-filters';

/**
 * A stored record as the pipeline needs it: identity, concurrency stamps and its API document
 * (`D`: the resource's ResourceDocument where a module knows it; a JsonObject in shared code).
 */
export interface StoredRecord<D extends JsonObject = JsonObject> {
  id: string;
  companyId: string;
  version: number;
  updatedAt: Date;
  document: D;
}

/**
 * What a write is about, passed to policies and to the repository: who writes, in which
 * request, at what instant. Built field by field (writeContext), not by spreading the Caller:
 * a spread into a new literal was 2–3 µs of every write (CPU profile of the bench).
 */
export interface WriteContext {
  actor: Actor;
  requestId: string;
  now: Date;
}

export function writeContext(caller: Caller, now: Date): WriteContext {
  return { actor: caller.actor, requestId: caller.requestId, now };
}

/** A validated document to store, who stores it, and the audit row that goes with it. */
export interface RecordWrite<D extends JsonObject = JsonObject> {
  document: D;
  context: WriteContext;
  audit: ChangeAudit;
}

/** A page of records and, when more follow, the last one's position for the next page's cursor. */
export interface RecordPage<D extends JsonObject = JsonObject> {
  records: StoredRecord<D>[];
  next: [string, string] | undefined;
}

/**
 * How a resource's records are stored: typed rows in, API documents out (through its
 * DocumentMapping). No rules here: who may see what comes in as a Visibility from the policy.
 * Every method takes the company (or the visibility that contains it). The pipeline holds it
 * as a RecordRepository of JsonObjects and hands `insert` and `update` only documents it
 * validated against the resource class, so they are the repository's `D`.
 */
export interface RecordRepository<D extends JsonObject = JsonObject> {
  /** Name in the audit log and of the company's number sequence, e.g. `customer-object`. */
  readonly resourceName: string;
  /** The record if visible (null: 404), its row locked for the transaction when `lock` is set. */
  find(manager: EntityManager, visibility: Visibility, id: string, lock: boolean): Promise<StoredRecord<D> | null>;
  /** Inserts a new record for `companyId` with its audit row. */
  insert(manager: EntityManager, companyId: string, write: RecordWrite<D>): Promise<StoredRecord<D>>;
  /**
   * Writes over `record`, bumping its version and stamps, with its audit row, in one statement
   * that only matches the row while its version is still `record.version`: null when another
   * write came first (nothing was written).
   */
  update(manager: EntityManager, record: StoredRecord<D>, write: RecordWrite<D>): Promise<StoredRecord<D> | null>;
  /** The filters its list takes (API.md §6). */
  readonly filters: readonly ListFilter[];
  /**
   * Up to `size` visible records, newest first, after `after` (the previous page's last
   * position), matching `filters`; without `mayMatchProtected`, records that hide protected
   * fields never match a filter on one.
   */
  list(
    manager: EntityManager,
    visibility: Visibility,
    size: number,
    after: [string, string] | undefined,
    filters: FilterValues,
    mayMatchProtected: boolean,
  ): Promise<RecordPage<D>>;
  /** The document a create starts from: column defaults, null elsewhere. */
  emptyDocument(): D;
}
