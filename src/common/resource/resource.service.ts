import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, HistoryPage } from '../../audit/audit.service';
import { IdempotencyClaim } from '../../idempotency/idempotency-claim';
import { IdempotencyService } from '../../idempotency/idempotency.service';
import { companyForCreate, resolveTenantScope, TenantScope } from '../../tenancy/tenant-scope';
import { Preconditions } from '../concurrency/preconditions';
import { Caller } from '../http/caller';
import { notFound } from '../http/problem.exception';
import { pageSize } from '../pagination/page';
import { OnStored, PatchPipeline, PatchRequestBuilder, UpdateCommand, WriteResult } from '../patch/patch-pipeline.service';
import { PatchBody } from '../patch/patch-request';
import { filteredCursor, parseListQuery, positionOfCursor } from './list-filters';
import { ResourcePage, ResourceResponse } from './resource-response';
import { StoredRecord } from './record-repository';
import { ResourceDefinition } from './resource-policy';

export interface ReadRequest {
  caller: Caller;
  companyId?: string;
  id: string;
}

/** What every write door reads from its request (WriteInputOf). */
export interface WriteInput {
  caller: Caller;
  companyId?: string;
  dryRun: boolean;
  preconditions: Preconditions;
  body: PatchBody;
}

/** The input of a door on `:id` (RecordWriteOf). */
export interface RecordWriteInput extends WriteInput {
  id: string;
}

/** A write as a door hands it to `update`: its input, its body or a builder of one, and its own parts. */
export interface WriteRequest extends Omit<RecordWriteInput, 'body'> {
  body: PatchBody | PatchRequestBuilder;
  doorManagedPaths?: string[];
  /** A door's own answer, made from the record's (seed 003's PUT adds its configs); also what a replay gives. */
  answer?: (response: ResourceResponse) => ResourceResponse;
}

export interface CreateRequest {
  caller: Caller;
  companyId?: string;
  dryRun: boolean;
  body: unknown;
}

export interface PageRequest {
  caller: Caller;
  /** The whole query string: list parameters and the resource's filters (API.md §6). */
  query: Record<string, unknown>;
}

/**
 * The endpoints every resource has (API.md §1.7, §1.8), written once over a ResourceDefinition:
 * modules declare a repository, a policy and a controller, and call these.
 */
@Injectable()
export class ResourceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: PatchPipeline,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async get(resource: ResourceDefinition, request: ReadRequest): Promise<ResourceResponse> {
    const record = await this.visible(resource, request);
    await this.auditReads(resource, [record], request.caller);
    return new ResourceResponse(resource.policy.view(record, request.caller), { version: record.version, updatedAt: record.updatedAt });
  }

  async list(resource: ResourceDefinition, request: PageRequest): Promise<ResourcePage> {
    const { repository, policy } = resource;
    const { caller } = request;
    const query = parseListQuery(request.query, repository.filters);
    const scope = resolveTenantScope(caller.actor, query.companyId);
    const size = pageSize(query.limit);
    const after = positionOfCursor(query.cursor, repository.filters, query.filters);
    const visibility = policy.visibility(caller, scope);
    const { records, next } = await repository.list(this.dataSource.manager, visibility, size, after, query.filters, policy.mayMatchProtected(caller));
    const nextCursor = next ? filteredCursor(next, repository.filters, query.filters) : null;
    await this.auditReads(resource, records, caller);
    return new ResourcePage(records.map((record) => policy.view(record, caller)), nextCursor);
  }

  /** @Idempotent (API.md §1.13), like update. */
  create(resource: ResourceDefinition, request: CreateRequest, location: (record: StoredRecord) => string): Promise<ResourceResponse> {
    const companyId = companyForCreate(request.caller.actor, request.companyId);
    return this.idempotency.write(request.caller, async (claim) => {
      const onStored = storeAnswer(claim, (result) => respond(resource, result, request.caller, location));
      const result = await this.pipeline.create(resource, { ...request, companyId, onStored });
      return respond(resource, result, request.caller, location);
    });
  }

  /** @Idempotent: every door of a resource's PATCH and PUT honours Idempotency-Key through here. */
  update(resource: ResourceDefinition, request: WriteRequest): Promise<ResourceResponse> {
    const scope = resolveTenantScope(request.caller.actor, request.companyId);
    const answer = request.answer ?? ((response: ResourceResponse) => response);
    return this.idempotency.write(request.caller, async (claim) => {
      const onStored = storeAnswer(claim, (result) => answer(respond(resource, result, request.caller)));
      const result = await this.pipeline.update(resource, updateCommand(request, scope, onStored));
      // The answer shows the record (a dry run's too), so a level-2 read is audited.
      await this.auditReads(resource, [result.record], request.caller);
      // A no-op still answers with the record's ETag; a dry run has none (nothing was stored).
      return answer(respond(resource, { record: result.record, stored: !request.dryRun }, request.caller));
    });
  }

  async history(resource: ResourceDefinition, request: ReadRequest & { limit?: string; cursor?: string }): Promise<HistoryPage> {
    const record = await this.visible(resource, request);
    const { resourceName } = resource.repository;
    return this.audit.history(record.companyId, resourceName, record.id, pageSize(request.limit), request.cursor);
  }

  private async visible({ repository, policy }: ResourceDefinition, request: ReadRequest): Promise<StoredRecord> {
    const scope = resolveTenantScope(request.caller.actor, request.companyId);
    const record = await repository.find(this.dataSource.manager, policy.visibility(request.caller, scope), request.id, false);
    if (!record) throw notFound();
    return record;
  }

  /** Level-2 (secret) records: every read of their unmasked personal data leaves an audit row. */
  private async auditReads({ repository, policy }: ResourceDefinition, records: StoredRecord[], caller: Caller): Promise<void> {
    const now = new Date();
    for (const record of records.filter((candidate) => policy.auditsRead(candidate, caller))) {
      await this.audit.recordRead({
        companyId: record.companyId,
        resource: repository.resourceName,
        resourceId: record.id,
        at: now,
        actor: caller.actor,
        requestId: caller.requestId,
      });
    }
  }
}

/** With an Idempotency-Key, the answer is stored in the write's transaction (API.md §1.13). */
/**
 * The pipeline's command for a write request, field by field: spreading the request into a new
 * literal with two more properties took V8's slow path, 1–3 µs of every PATCH (bench profile).
 */
function updateCommand(request: WriteRequest, scope: TenantScope, onStored: OnStored | undefined): UpdateCommand {
  const { caller, id, preconditions, dryRun, body, doorManagedPaths } = request;
  return { caller, scope, id, preconditions, dryRun, body, doorManagedPaths, onStored };
}

function storeAnswer(claim: IdempotencyClaim | undefined, answer: (result: WriteResult) => ResourceResponse): OnStored | undefined {
  return claim && ((result, manager) => claim.complete(manager, answer(result)));
}

/** Stored records carry ETag/Last-Modified; dry runs do not (nothing was stored). */
function respond(
  { policy }: ResourceDefinition,
  result: WriteResult,
  caller: Caller,
  location?: (record: StoredRecord) => string,
): ResourceResponse {
  const document = policy.view(result.record, caller);
  if (!result.stored) return new ResourceResponse(document);
  return new ResourceResponse(document, {
    version: result.record.version,
    updatedAt: result.record.updatedAt,
    created: location ? { location: location(result.record) } : undefined,
  });
}
