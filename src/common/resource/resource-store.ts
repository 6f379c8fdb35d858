import { Type as ClassType } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangeAudit } from '../../audit/audited-statement';
import { Caller } from '../http/caller';
import { TenantScope } from '../../tenancy/tenant-scope';
import { ProblemFieldError } from '../http/problem.exception';
import { PatchOperation } from '../patch';
import { JsonObject } from './document-checks';

/** A stored record as the pipeline needs it: identity, concurrency stamps and its API document. */
export interface StoredRecord {
  id: string;
  companyId: string;
  version: number;
  updatedAt: Date;
  document: JsonObject;
}

/** What a write is about, passed to policies and to the store. */
export interface WriteContext extends Caller {
  now: Date;
}

/** A validated document to store, who stores it, and the audit row that goes with it. */
export interface RecordWrite {
  document: JsonObject;
  context: WriteContext;
  audit: ChangeAudit;
}

/** Given to a resource's access policy after the patch is applied and before validation. */
export interface ChangeContext extends WriteContext {
  before: JsonObject;
  after: JsonObject;
  operations: PatchOperation[];
  /** Canonical JSON Pointers of what the write changes (from the diff). */
  changedPaths: string[];
}

/**
 * What a resource module declares to use the shared write pipeline: its resource class and
 * how its rows are read (locked only on the pipeline's fallback) and written. Every method
 * takes the tenant scope.
 */
export interface ResourceStore {
  /** Name in the audit log, e.g. `customer-object`. */
  readonly resourceName: string;
  /** The resource class: its @Field declarations and class-validator rules. */
  readonly resourceType: ClassType;

  /**
   * Reads a record the caller may see (null otherwise: 404), locking its row for the
   * transaction when `lock` is set. Beyond the tenant scope a store may narrow visibility by
   * caller (Customers: a `user` sees only itself).
   */
  find(manager: EntityManager, scope: TenantScope, id: string, lock: boolean, caller: Caller): Promise<StoredRecord | null>;
  /** Inserts a new record for `companyId` with its audit row. */
  insert(manager: EntityManager, companyId: string, write: RecordWrite): Promise<StoredRecord>;
  /**
   * Writes over `record`, bumping its version and stamps, with its audit row, in one statement
   * (RecordTable's audited update) that only matches the row while its version is still
   * `record.version`: null when another write came first (nothing was written).
   */
  update(manager: EntityManager, record: StoredRecord, write: RecordWrite): Promise<StoredRecord | null>;
  /** The document a create starts from: every field null, server defaults filled in. */
  emptyDocument(): JsonObject;

  /**
   * Fills fields derived from others in the patched document (e.g. a reference's `name` from
   * its `id`) and refuses (400) a client value that differs from the derived one.
   */
  resolveDerived?(before: JsonObject, after: JsonObject, caller: Caller): void;
  /** Access rules on the operations before they run, e.g. reads by `test`/`copy`/`move` (403). */
  authorizeOperations?(caller: Caller, before: JsonObject, operations: PatchOperation[]): void;
  /** Access rules on what changes (403); Customers uses it, others may not need it. */
  authorizeChange?(change: ChangeContext): void;
  /** Whether showing this record to this caller must be written to the audit log (API.md §1.3). */
  auditsRead?(record: StoredRecord, caller: Caller): boolean;
  /**
   * Checks that need the database, e.g. references to other records (422 entries). `before`
   * is the stored document on update (absent on create), so unchanged references need no query.
   */
  checkReferences?(manager: EntityManager, companyId: string, document: JsonObject, before?: JsonObject): Promise<ProblemFieldError[]>;
  /**
   * The document as this caller sees it (GDPR masking, absolute links); the stored document
   * when absent. Patches apply to this view, so GET-modify-PATCH round trips work.
   */
  present?(record: StoredRecord, caller: Caller): JsonObject;
}

/** A store whose records can also be listed, newest first, by an opaque position. */
export interface ListableResourceStore extends ResourceStore {
  /** Up to `limit` visible records after `after` (the position of the previous page's last). */
  list(
    manager: EntityManager,
    scope: TenantScope,
    limit: number,
    after: [string, string] | undefined,
    caller: Caller,
  ): Promise<Array<{ record: StoredRecord; position: [string, string] }>>;
}
