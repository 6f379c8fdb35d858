import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { conflict } from '../common/http/problem.exception';
import { PatchBody } from '../common/patch/patch-request';
import { acceptedMediaType, readFieldsObject } from '../common/patch/write-body';
import { JsonObject } from '../common/resource/document-checks';
import { ResourceResponse } from '../common/resource/resource-response';
import { resourceSchema } from '../common/resource/resource-registry';
import { RecordWriteInput, ResourceService, WriteInput } from '../common/resource/resource.service';
import { resolveTenantScope } from '../tenancy/tenant-scope';
import { CustomFieldConfig } from './custom-fields/custom-field-config';
import { CustomFieldsService } from './custom-fields/custom-fields.service';
import { CustomerAccessPolicy } from './customer-access.policy';
import { CustomerResource } from './customer.resource';
import { CustomersDefinition } from './customers.definition';
import { CustomerLocator } from './patch-by-identifier/customer-locator';
import { PUT_MANAGED_PATHS, putToPatch } from './put-customer/put-to-patch';

const MERGE_TYPES = ['application/json', 'application/merge-patch+json'];

/**
 * Seeds 003 and 004 as front doors onto the shared pipeline: each turns its request into a
 * merge patch of the customer, so preconditions, policy, audit, $select, Prefer and dryRun
 * behave exactly as for PATCH.
 */
@Injectable()
export class CustomersService {
  /** The merge-patch nesting limit (API.md §1.4): the doors' bodies are walked recursively too. */
  private readonly maxDepth: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ResourceService,
    private readonly customers: CustomersDefinition,
    private readonly customFields: CustomFieldsService,
    private readonly policy: CustomerAccessPolicy,
    private readonly locator: CustomerLocator,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.maxDepth = config.limits.patchDepth;
  }

  /** Seed 003: `PUT /customers/:id`; fields left out stay as they are. */
  async put(request: RecordWriteInput): Promise<ResourceResponse> {
    // The configs the values were checked against (read in the write's transaction) are the
    // ones the answer shows: seed 003's response carries them as `customFields`.
    let configs: CustomFieldConfig[] = [];
    return this.resources.update(this.customers, {
      ...request,
      body: async (view, manager) => {
        configs = await this.customFields.list(view.companyId as string, manager);
        return putToPatch(request.body.payload, view, configs, this.maxDepth);
      },
      doorManagedPaths: PUT_MANAGED_PATHS,
      answer: (response) => new ResourceResponse({ ...response.document, customFields: configs }, response.options),
    });
  }

  /** Seed 004: `PATCH /customers`, the record named in the body, the rest a merge patch. */
  async patchByIdentifier(request: WriteInput): Promise<ResourceResponse> {
    // The company first: naming one the caller may not see is 404 whatever the body.
    const scope = resolveTenantScope(request.caller.actor, request.companyId);
    const body = this.readMergeBody(request.body);
    const located = await this.locator.locate(this.dataSource.manager, scope, this.policy.onlyUser(request.caller.actor), body);
    return this.resources.update(this.customers, {
      ...request,
      id: located.id,
      body: (view) => {
        if (!located.stillMatches(view)) {
          throw conflict('The customer changed while it was being updated; send the request again.', [
            { pointer: '/personalId', detail: 'no longer names this customer' },
          ]);
        }
        return { kind: 'merge-patch', patch: located.patch };
      },
    });
  }

  /** The body names the record, so it is read before the pipeline: a merge patch, as one reader reads every body. */
  private readMergeBody(body: PatchBody): JsonObject {
    acceptedMediaType(body, MERGE_TYPES);
    return readFieldsObject(resourceSchema(CustomerResource), body.payload, { maxDepth: this.maxDepth });
  }
}
