import type { PatchRequest } from '../common/patch/patch-request';
import { Injectable } from '@nestjs/common';
import { Caller } from '../common/http/caller';
import { PatchOperation } from '../common/patch';
import { JsonObject } from '../common/resource/document-checks';
import { StoredRecord } from '../common/resource/record-repository';
import { ChangeContext, ResourcePolicy } from '../common/resource/resource-policy';
import { Visibility } from '../database/record-table';
import { TenantScope } from '../tenancy/tenant-scope';
import { cutDateTimesToDates } from './calendar-dates';
import { CustomerAccessPolicy } from './customer-access.policy';
import { CustomerDocument } from './customer.resource';
import { assertNotErased } from './gdpr/erased';

/**
 * Customers' rules at each step of the pipeline: who sees and changes what is decided by
 * CustomerAccessPolicy (API.md §1.2, §1.3), for every door alike; dates are normalized here.
 */
@Injectable()
export class CustomersPolicy extends ResourcePolicy<CustomerDocument> {
  constructor(private readonly access: CustomerAccessPolicy) {
    super();
  }

  override visibility(caller: Caller, scope: TenantScope): Visibility {
    return { companyId: scope.companyId, onlyUser: this.access.onlyUser(caller.actor) };
  }

  override view(record: StoredRecord<CustomerDocument>, caller: Caller): CustomerDocument {
    return this.access.mask(record, caller.actor);
  }

  override authorizeOperations(caller: Caller, view: CustomerDocument, operations: PatchOperation[], kind: PatchRequest['kind']): void {
    assertNotErased(view);
    this.access.authorizeReads(view, operations);
    if (kind === 'json-patch') this.access.authorizeExplicitWrites(view, operations);
    this.access.authorizeSelfOperations(caller.actor, view, operations);
  }

  override normalize(_before: CustomerDocument, after: JsonObject): void {
    cutDateTimesToDates(after);
  }

  override authorizeChange(change: ChangeContext<CustomerDocument>): void {
    this.access.authorizeChange(change);
  }

  override mayMatchProtected(caller: Caller): boolean {
    return this.access.mayMatchProtected(caller.actor);
  }

  override auditsRead(record: StoredRecord<CustomerDocument>, caller: Caller): boolean {
    return this.access.readIsAudited(record, caller.actor);
  }
}
