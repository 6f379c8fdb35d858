import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/app-config.provider';
import { Actor } from '../../auth/actor';
import { AuditService } from '../../audit/audit.service';
import { TenantScope } from '../../tenancy/tenant-scope';
import { assertPreconditions, Preconditions } from '../concurrency/preconditions';
import { badRequest, notFound, ProblemException, unprocessable } from '../http/problem.exception';
import { canonicalizeObject } from '../resource/canonical-input';
import { changedReadOnlyPaths, completeShape, JsonObject, validateDocument } from '../resource/document-checks';
import { ResourceStore, StoredRecord, WriteContext } from '../resource/resource-store';
import { resourceSchema } from '../resource/resource-registry';
import { redactOperations } from '../resource/redact';
import { applyPatch, diffDocuments, mergePatchToOps, PatchError, PatchLimits, PatchOperation } from '.';
import { patchErrorToProblem } from './patch-problem';
import { PatchBody, parsePatchRequest, PatchRequest } from './patch-request';
import { parseMergePatch } from './parse-merge-patch';

export interface UpdateCommand {
  actor: Actor;
  scope: TenantScope;
  id: string;
  requestId: string;
  preconditions: Preconditions;
  dryRun: boolean;
  /** The raw body (PATCH), or a request already in canonical form (PUT of seed 003, seed 004). */
  body: PatchBody | (() => PatchRequest);
}

export interface CreateCommand {
  actor: Actor;
  companyId: string;
  requestId: string;
  dryRun: boolean;
  body: unknown;
}

function rethrowPatchError(error: unknown): never {
  throw error instanceof PatchError ? patchErrorToProblem(error) : error;
}

/**
 * The one write path of the service (DESIGN.md "One pipeline, three front doors"): every
 * PATCH, PUT and create of every resource goes through here, so visibility, preconditions,
 * atomic apply, read-only checks, access policy, validation, storage and audit are the same
 * for all of them, in one transaction with the row locked.
 */
@Injectable()
export class PatchPipeline {
  private readonly limits: PatchLimits;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = {
      maxOps: config.limits.patchOps,
      maxDepth: config.limits.patchDepth,
      maxDocumentBytes: config.limits.recordBytes,
    };
  }

  async update(store: ResourceStore, command: UpdateCommand): Promise<StoredRecord> {
    return this.dataSource.transaction(async (manager) => {
      // Visibility first: a record the caller may not see is 404 whatever the body or headers.
      const record = await store.find(manager, command.scope, command.id, !command.dryRun);
      if (!record) throw notFound();

      const schema = resourceSchema(store.resourceType);
      const context: WriteContext = { actor: command.actor, requestId: command.requestId, now: new Date() };
      let operations: PatchOperation[];
      let after: JsonObject;
      try {
        const request = typeof command.body === 'function' ? command.body() : parsePatchRequest(schema, command.body, this.limits);
        assertPreconditions(command.preconditions, record);
        operations = request.kind === 'merge-patch' ? mergePatchToOps(record.document, request.patch) : request.operations;
        after = completeShape(schema, applyPatch(record.document, operations, this.limits));
      } catch (error) {
        rethrowPatchError(error);
      }

      const readOnly = changedReadOnlyPaths(schema, record.document, after);
      if (readOnly.length) throw readOnlyProblem(readOnly);

      const changes = diffDocuments(record.document, after);
      store.authorizeChange?.({ ...context, before: record.document, after, operations, changedPaths: changes.map((op) => op.path) });
      await this.validate(manager, store, record.companyId, after);

      if (command.dryRun) return { ...record, document: after };
      if (changes.length === 0) return record; // nothing changed: no new version, no audit row
      const saved = await store.update(manager, record, after, context);
      await this.recordAudit(manager, store, saved, context, changes);
      return saved;
    });
  }

  async create(store: ResourceStore, command: CreateCommand): Promise<StoredRecord> {
    const schema = resourceSchema(store.resourceType);
    let input: JsonObject;
    try {
      if (typeof command.body !== 'object' || command.body === null || Array.isArray(command.body)) {
        throw badRequest('The body must be a JSON object of fields.');
      }
      input = canonicalizeObject(schema, parseMergePatch(command.body, this.limits), '') as JsonObject;
    } catch (error) {
      rethrowPatchError(error);
    }
    const readOnly = schema.fields.filter((field) => field.readOnly && input[field.name] != null).map((f) => `/${f.name}`);
    if (readOnly.length) throw readOnlyProblem(readOnly);

    const document = completeShape(schema, { ...store.emptyDocument(), ...input });
    const context: WriteContext = { actor: command.actor, requestId: command.requestId, now: new Date() };
    return this.dataSource.transaction(async (manager) => {
      store.authorizeChange?.({
        ...context,
        before: store.emptyDocument(),
        after: document,
        operations: [],
        changedPaths: Object.keys(input).map((name) => `/${name}`),
      });
      await this.validate(manager, store, command.companyId, document);
      if (command.dryRun) return { id: '', companyId: command.companyId, version: 0, updatedAt: context.now, document };
      const saved = await store.insert(manager, command.companyId, document, context);
      await this.recordAudit(manager, store, saved, context, diffDocuments(store.emptyDocument(), document));
      return saved;
    });
  }

  private async validate(manager: EntityManager, store: ResourceStore, companyId: string, document: JsonObject): Promise<void> {
    const schema = resourceSchema(store.resourceType);
    const problems = validateDocument(schema, document);
    if (problems.length === 0 && store.checkReferences) problems.push(...(await store.checkReferences(manager, companyId, document)));
    if (problems.length) throw unprocessable(problems);
  }

  private recordAudit(
    manager: EntityManager,
    store: ResourceStore,
    record: StoredRecord,
    context: WriteContext,
    changes: PatchOperation[],
  ): Promise<void> {
    return this.audit.record(manager, {
      companyId: record.companyId,
      resource: store.resourceName,
      resourceId: record.id,
      at: context.now,
      actor: context.actor,
      requestId: context.requestId,
      ops: redactOperations(resourceSchema(store.resourceType), changes),
    });
  }
}

function readOnlyProblem(paths: string[]): ProblemException {
  return badRequest(
    `Read-only field${paths.length > 1 ? 's' : ''} ${paths.map((p) => p.slice(1)).join(', ')} cannot be changed.`,
    paths.map((pointer) => ({ pointer, detail: 'is read-only' })),
  );
}
