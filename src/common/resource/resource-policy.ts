import type { PatchRequest } from '../patch/patch-request';
import { Type as ClassType } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../../auth/actor';
import { Visibility } from '../../database/record-table';
import { TenantScope } from '../../tenancy/tenant-scope';
import { Caller } from '../http/caller';
import { ProblemFieldError } from '../http/problem.exception';
import { PatchOperation } from '../patch';
import { JsonObject } from './document-checks';
import { RecordRepository, StoredRecord } from './record-repository';

/** Given to a policy after the patch is applied and the document normalized (`after`, not yet validated). */
export interface ChangeContext<D extends JsonObject = JsonObject> {
  actor: Actor;
  before: D;
  after: JsonObject;
  operations: PatchOperation[];
  /** Canonical JSON Pointers of what the write changes (from the diff). */
  changedPaths: string[];
}

/**
 * A resource's rules, each called by the pipeline at its one step (see PatchPipeline). The
 * defaults are those of a resource without rules of its own: the tenant scope decides
 * visibility, the caller sees the stored document, nothing more is refused or audited.
 *
 * `D` is the resource's document type (its ResourceDocument). The pipeline holds every policy
 * as one of JsonObjects and hands it only documents of that shape: stored ones, the views this
 * policy made, a create's empty document, and documents it validated; a patched document not
 * yet validated is a JsonObject.
 */
export abstract class ResourcePolicy<D extends JsonObject = JsonObject> {
  /** Which records the caller may see within the tenant scope (Customers: a `user` sees itself). */
  visibility(_caller: Caller, scope: TenantScope): Visibility {
    return { companyId: scope.companyId };
  }

  /**
   * The document as this caller sees it (GDPR masking, absolute links). Patches apply to this
   * view, so GET-modify-PATCH round trips work. Returning `record.document` itself tells the
   * pipeline the view is the stored document.
   */
  view(record: StoredRecord<D>, _caller: Caller): D {
    return record.document;
  }

  /**
   * Rules on the operations before they run, e.g. reads by `test`/`copy`/`move` (403).
   * `kind` says who wrote them: `json-patch` when the client did (each op is an explicit
   * write), `merge-patch` when they were derived from a merge patch or a door's body (round
   * trips of a masked view send its nulls back, which must stay no-ops).
   */
  authorizeOperations(_caller: Caller, _view: D, _operations: PatchOperation[], _kind: PatchRequest['kind']): void {}

  /**
   * Fills fields derived from others (a reference's `name` from its `id`, a date from a
   * date-time) in the patched document, and refuses (400) a client value that differs from
   * the derived one. Runs after the shapes of the changed fields are checked, so it may rely
   * on every value having its declared JSON kind (object, array or single value) or being null.
   */
  normalize(_before: D, _after: JsonObject, _caller: Caller): void {}

  /** Rules on what changes (403). */
  authorizeChange(_change: ChangeContext<D>): void {}

  /**
   * Checks that need the database or reference data, e.g. references to other records (422
   * entries). `before` is the stored document on update (absent on create), so unchanged
   * references need no query.
   */
  async checkReferences(_manager: EntityManager, _companyId: string, _document: D, _before?: D): Promise<ProblemFieldError[]> {
    return [];
  }

  /** Whether a filter on a protected field may match records that hide it from others (API.md §6). */
  mayMatchProtected(_caller: Caller): boolean {
    return true;
  }

  /** Whether showing this record to this caller must be written to the audit log (API.md §1.3). */
  auditsRead(_record: StoredRecord<D>, _caller: Caller): boolean {
    return false;
  }
}

/** A resource as the pipeline and the shared endpoints take it: its class, storage and rules. */
export interface ResourceDefinition {
  /** The resource class: its @Field declarations and class-validator rules. */
  readonly type: ClassType;
  readonly repository: RecordRepository;
  readonly policy: ResourcePolicy;
}
