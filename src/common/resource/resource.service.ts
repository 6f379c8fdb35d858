import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, HistoryPage } from '../../audit/audit.service';
import { companyForCreate, resolveTenantScope } from '../../tenancy/tenant-scope';
import { Preconditions } from '../concurrency/preconditions';
import { Caller } from '../http/caller';
import { notFound } from '../http/problem.exception';
import { decodeCursor, pageSize, toPage } from '../pagination/page';
import { OnStored, PatchPipeline, PatchRequestBuilder, WriteResult } from '../patch/patch-pipeline.service';
import { PatchBody } from '../patch/patch-request';
import { JsonObject } from './document-checks';
import { ResourcePage, ResourceResponse } from './resource-response';
import { ListableResourceStore, ResourceStore, StoredRecord } from './resource-store';

export interface ReadRequest {
  caller: Caller;
  companyId?: string;
  id: string;
}

export interface WriteRequest extends ReadRequest {
  dryRun: boolean;
  preconditions: Preconditions;
  body: PatchBody | PatchRequestBuilder;
  doorManagedPaths?: string[];
}

export interface CreateRequest {
  caller: Caller;
  companyId?: string;
  dryRun: boolean;
  body: unknown;
}

export interface PageRequest {
  caller: Caller;
  companyId?: string;
  limit?: string;
  cursor?: string;
}

/**
 * The endpoints every resource has (API.md §1.7, §1.8), written once over a ResourceStore:
 * modules declare a store and a controller, and call these.
 */
@Injectable()
export class ResourceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: PatchPipeline,
    private readonly audit: AuditService,
  ) {}

  async get(store: ResourceStore, request: ReadRequest): Promise<ResourceResponse> {
    const record = await this.visible(store, request);
    await this.auditReads(store, [record], request.caller);
    return new ResourceResponse(present(store, record, request.caller), { version: record.version, updatedAt: record.updatedAt });
  }

  async list(store: ListableResourceStore, request: PageRequest): Promise<ResourcePage> {
    const scope = resolveTenantScope(request.caller.actor, request.companyId);
    const size = pageSize(request.limit);
    const after = decodeCursor(request.cursor, 2) as [string, string] | undefined;
    const rows = await store.list(this.dataSource.manager, scope, size + 1, after, request.caller);
    const page = toPage(rows, size, (row) => row.position, (row) => present(store, row.record, request.caller));
    await this.auditReads(store, rows.slice(0, size).map((row) => row.record), request.caller);
    return new ResourcePage(page.items, page.nextCursor);
  }

  async create(store: ResourceStore, request: CreateRequest, location: (record: StoredRecord) => string): Promise<ResourceResponse> {
    const companyId = companyForCreate(request.caller.actor, request.companyId);
    const onStored = storeAnswer(request.caller, (result) => respond(store, result, request.caller, location));
    const result = await this.pipeline.create(store, { ...request, companyId, onStored });
    return respond(store, result, request.caller, location);
  }

  async update(store: ResourceStore, request: WriteRequest): Promise<ResourceResponse> {
    const scope = resolveTenantScope(request.caller.actor, request.companyId);
    const onStored = storeAnswer(request.caller, (result) => respond(store, result, request.caller));
    const result = await this.pipeline.update(store, { ...request, scope, onStored });
    // The answer shows the record (a dry run's too), so a level-2 read is audited.
    await this.auditReads(store, [result.record], request.caller);
    // A no-op still answers with the record's ETag; a dry run has none (nothing was stored).
    return respond(store, { ...result, stored: !request.dryRun }, request.caller);
  }

  async history(store: ResourceStore, request: ReadRequest & { limit?: string; cursor?: string }): Promise<HistoryPage> {
    const record = await this.visible(store, request);
    return this.audit.history(record.companyId, store.resourceName, record.id, pageSize(request.limit), request.cursor);
  }

  private async visible(store: ResourceStore, request: ReadRequest): Promise<StoredRecord> {
    const scope = resolveTenantScope(request.caller.actor, request.companyId);
    const record = await store.find(this.dataSource.manager, scope, request.id, false, request.caller);
    if (!record) throw notFound();
    return record;
  }

  /** Level-2 (secret) records: every read of their unmasked personal data leaves an audit row. */
  private async auditReads(store: ResourceStore, records: StoredRecord[], caller: Caller): Promise<void> {
    if (!store.auditsRead) return;
    const now = new Date();
    for (const record of records.filter((candidate) => store.auditsRead!(candidate, caller))) {
      await this.audit.recordRead({
        companyId: record.companyId,
        resource: store.resourceName,
        resourceId: record.id,
        at: now,
        actor: caller.actor,
        requestId: caller.requestId,
      });
    }
  }
}

function present(store: ResourceStore, record: StoredRecord, caller: Caller): JsonObject {
  return store.present ? store.present(record, caller) : record.document;
}

/** With an Idempotency-Key, the answer is stored in the write's transaction (API.md §1.13). */
function storeAnswer(caller: Caller, answer: (result: WriteResult) => ResourceResponse): OnStored | undefined {
  const claim = caller.idempotency;
  return claim && ((result, manager) => claim.complete(manager, answer(result)));
}

/** Stored records carry ETag/Last-Modified; dry runs do not (nothing was stored). */
function respond(
  store: ResourceStore,
  result: WriteResult,
  caller: Caller,
  location?: (record: StoredRecord) => string,
): ResourceResponse {
  const document = present(store, result.record, caller);
  if (!result.stored) return new ResourceResponse(document);
  return new ResourceResponse(document, {
    version: result.record.version,
    updatedAt: result.record.updatedAt,
    created: location ? { location: location(result.record) } : undefined,
  });
}
