import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../auth/actor';
import { AuditService, HistoryPage } from '../../audit/audit.service';
import { companyForCreate, resolveTenantScope } from '../../tenancy/tenant-scope';
import { Preconditions } from '../concurrency/preconditions';
import { notFound } from '../http/problem.exception';
import { decodeCursor, pageSize, toPage } from '../pagination/page';
import { PatchPipeline } from '../patch/patch-pipeline.service';
import { PatchBody, PatchRequest } from '../patch/patch-request';
import { ResourcePage, ResourceResponse } from './resource-response';
import { ListableResourceStore, StoredRecord } from './resource-store';

export interface ReadRequest {
  actor: Actor;
  companyId?: string;
  id: string;
}

export interface WriteRequest extends ReadRequest {
  requestId: string;
  dryRun: boolean;
  preconditions: Preconditions;
  body: PatchBody | (() => PatchRequest);
}

export interface PageRequest {
  actor: Actor;
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

  async get(store: ListableResourceStore, request: ReadRequest): Promise<ResourceResponse> {
    return this.respond(store, await this.visible(store, request), request.actor);
  }

  async list(store: ListableResourceStore, request: PageRequest): Promise<ResourcePage> {
    const scope = resolveTenantScope(request.actor, request.companyId);
    const size = pageSize(request.limit);
    const after = decodeCursor(request.cursor, 2) as [string, string] | undefined;
    const rows = await store.list(this.dataSource.manager, scope, size + 1, after);
    const page = toPage(rows, size, (row) => row.position, (row) => this.present(store, row.record, request.actor));
    return new ResourcePage(page.items, page.nextCursor);
  }

  async create(
    store: ListableResourceStore,
    request: { actor: Actor; companyId?: string; requestId: string; dryRun: boolean; body: unknown },
    location: (record: StoredRecord) => string,
  ): Promise<ResourceResponse> {
    const record = await this.pipeline.create(store, { ...request, companyId: companyForCreate(request.actor, request.companyId) });
    if (request.dryRun) return new ResourceResponse(this.present(store, record, request.actor));
    return new ResourceResponse(this.present(store, record, request.actor), {
      version: record.version,
      updatedAt: record.updatedAt,
      created: { location: location(record) },
    });
  }

  async update(store: ListableResourceStore, request: WriteRequest): Promise<ResourceResponse> {
    const scope = resolveTenantScope(request.actor, request.companyId);
    const record = await this.pipeline.update(store, { ...request, scope });
    if (request.dryRun) return new ResourceResponse(this.present(store, record, request.actor));
    return this.respond(store, record, request.actor);
  }

  async history(store: ListableResourceStore, request: ReadRequest & { limit?: string; cursor?: string }): Promise<HistoryPage> {
    const record = await this.visible(store, request);
    return this.audit.history(record.companyId, store.resourceName, record.id, pageSize(request.limit), request.cursor);
  }

  private async visible(store: ListableResourceStore, request: ReadRequest): Promise<StoredRecord> {
    const scope = resolveTenantScope(request.actor, request.companyId);
    const record = await store.find(this.dataSource.manager, scope, request.id, false);
    if (!record) throw notFound();
    return record;
  }

  private respond(store: ListableResourceStore, record: StoredRecord, actor: Actor): ResourceResponse {
    return new ResourceResponse(this.present(store, record, actor), { version: record.version, updatedAt: record.updatedAt });
  }

  private present(store: ListableResourceStore, record: StoredRecord, actor: Actor) {
    return store.present ? store.present(record, actor) : record.document;
  }
}
