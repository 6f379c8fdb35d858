import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/app-config.provider';
import { ChangeAudit } from '../../audit/audited-statement';
import { TenantScope } from '../../tenancy/tenant-scope';
import { assertPreconditions, Preconditions } from '../concurrency/preconditions';
import { Caller } from '../http/caller';
import { badRequest, notFound, ProblemException, unprocessable } from '../http/problem.exception';
import { canonicalizeObject } from '../resource/canonical-input';
import { changedReadOnlyPaths, completeShape, JsonObject, validateDocument } from '../resource/document-checks';
import { misshapenFields } from '../resource/field-shapes';
import { redactOperations } from '../resource/redact';
import { ResourceSchema, resourceSchema } from '../resource/resource-registry';
import { ResourceStore, StoredRecord, WriteContext } from '../resource/resource-store';
import { applyPatch, diffDocuments, mergePatchToOps, parsePointer, PatchError, PatchLimits, PatchOperation } from '.';
import { patchErrorToProblem } from './patch-problem';
import { PatchBody, parsePatchRequest, PatchRequest } from './patch-request';
import { parseMergePatch } from './parse-merge-patch';

export interface UpdateCommand {
  caller: Caller;
  scope: TenantScope;
  id: string;
  preconditions: Preconditions;
  dryRun: boolean;
  /**
   * The raw body (PATCH), or a builder of a canonical request from the caller's view of the
   * record (the PUT of seed 003 and the PATCH-by-identifier of seed 004).
   */
  body: PatchBody | PatchRequestBuilder;
  /** Read-only paths this door itself maintains (seed 003's custom field values and access keys). */
  doorManagedPaths?: string[];
  onStored?: OnStored;
}

/**
 * Runs inside the write's transaction right after the record is written (only when it was:
 * not for a dry run or a no-op), so what it writes commits or rolls back with the change; it
 * may throw to roll the change back. Used by Idempotency-Key to store the answer (API.md §1.13).
 */
export type OnStored = (result: WriteResult, manager: EntityManager) => Promise<void>;

/**
 * Builds a canonical request from the caller's view of the record; it runs again on each
 * attempt. It must query through `manager`: on the locked attempt that is the transaction, and
 * another pool connection could wait forever on connections held by transactions like this one.
 */
export type PatchRequestBuilder = (view: JsonObject, manager: EntityManager) => PatchRequest | Promise<PatchRequest>;

export interface CreateCommand {
  caller: Caller;
  companyId: string;
  dryRun: boolean;
  body: unknown;
  onStored?: OnStored;
}

/** The outcome of a write: the record as stored (or as it would be, for a dry run). */
export interface WriteResult {
  record: StoredRecord;
  stored: boolean;
}

/** Lost races tolerated before an update takes the row lock (see PatchPipeline.update). */
const OPTIMISTIC_ATTEMPTS = 3;

/** One update command across its attempts: the body is parsed once, when first needed. */
class UpdateAttempt {
  private parsed?: PatchRequest;

  constructor(readonly command: UpdateCommand) {}

  parsedBody(schema: ResourceSchema, limits: PatchLimits): PatchRequest {
    this.parsed ??= parsePatchRequest(schema, this.command.body as PatchBody, limits);
    return this.parsed;
  }
}

/**
 * The top-level fields an update changes (validated; the rest was valid when stored), or
 * undefined (validate all) when a change replaces the document itself.
 */
function changedFields(changes: PatchOperation[]): Set<string> | undefined {
  const fields = new Set<string>();
  for (const op of changes) {
    const [field] = parsePointer(op.path);
    if (field === undefined) return undefined;
    fields.add(field);
  }
  return fields;
}

function rethrowPatchError(error: unknown): never {
  throw error instanceof PatchError ? patchErrorToProblem(error) : error;
}

/**
 * The one write path of the service (DESIGN.md "One pipeline, three front doors"): every
 * PATCH, PUT and create of every resource goes through here, so visibility, preconditions,
 * atomic apply, read-only checks, access policy, validation, storage and audit are the same
 * for all of them. A record and its audit row are written by one version-checked statement, so
 * no update is lost and no change goes unaudited.
 *
 * Patches apply to the document as the caller sees it (masked, with links); what changed in
 * that view is then applied to the stored document, so values hidden from the caller stay.
 */
@Injectable()
export class PatchPipeline {
  private readonly limits: PatchLimits;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = {
      maxOps: config.limits.patchOps,
      maxDepth: config.limits.patchDepth,
      maxDocumentBytes: config.limits.recordBytes,
    };
  }

  /**
   * Optimistic first: the record is read without a lock and written by one version-checked
   * statement that also writes the audit row (2 round trips, no BEGIN/COMMIT). When another
   * write gets in between, the whole update runs again on the new version; after
   * OPTIMISTIC_ATTEMPTS lost races it runs with the row locked, so it cannot lose again.
   */
  async update(store: ResourceStore, command: UpdateCommand): Promise<WriteResult> {
    const attempt = new UpdateAttempt(command);
    const { onStored } = command;
    if (onStored) {
      // A hook needs a transaction: take the row lock at once, so there is no race to retry.
      return this.dataSource.transaction(async (manager) => {
        const result = await this.attemptUpdate(manager, store, attempt, true);
        if (!result) throw new Error(`${store.resourceName} ${command.id}: the version-checked write missed a locked row`);
        if (result.stored) await onStored(result, manager);
        return result;
      });
    }
    // One pooled connection for the read and the write, taken once (not once per query).
    const runner = this.dataSource.createQueryRunner();
    try {
      for (let tries = 0; tries < OPTIMISTIC_ATTEMPTS; tries++) {
        const result = await this.attemptUpdate(runner.manager, store, attempt, false);
        if (result) return result;
      }
    } finally {
      await runner.release();
    }
    return this.dataSource.transaction(async (manager) => {
      const result = await this.attemptUpdate(manager, store, attempt, true);
      // The row is locked, so its version cannot move on: no result here is a broken store.
      if (!result) throw new Error(`${store.resourceName} ${command.id}: the version-checked write missed a locked row`);
      return result;
    });
  }

  /** One read-apply-check-write pass; null when the record's version moved on before the write. */
  private async attemptUpdate(
    manager: EntityManager,
    store: ResourceStore,
    attempt: UpdateAttempt,
    lock: boolean,
  ): Promise<WriteResult | null> {
    const { command } = attempt;
    // Visibility first: a record the caller may not see is 404 whatever the body or headers.
    const record = await store.find(manager, command.scope, command.id, lock, command.caller);
    if (!record) throw notFound();

    const schema = resourceSchema(store.resourceType);
    const context: WriteContext = { ...command.caller, now: new Date() };
    const view = store.present ? store.present(record, command.caller) : record.document;
    let operations: PatchOperation[];
    let after: JsonObject;
    try {
      const request =
        typeof command.body === 'function' ? await command.body(view, manager) : attempt.parsedBody(schema, this.limits);
      assertPreconditions(command.preconditions, record);
      operations = request.kind === 'merge-patch' ? mergePatchToOps(view, request.patch) : request.operations;
      store.authorizeOperations?.(command.caller, view, operations, request.kind);
      after = completeShape(schema, applyPatch(view, operations, this.limits));
    } catch (error) {
      rethrowPatchError(error);
    }

    assertFieldShapes(schema, after, changedFields(operations));
    store.resolveDerived?.(view, after, command.caller);
    const readOnly = changedReadOnlyPaths(schema, view, after).filter(
      (path) => !command.doorManagedPaths?.some((managed) => path === managed || path.startsWith(`${managed}/`)),
    );
    if (readOnly.length) throw readOnlyProblem(readOnly);

    const changes = diffDocuments(view, after);
    store.authorizeChange?.({ ...context, before: view, after, operations, changedPaths: changes.map((op) => op.path) });
    if (changes.length === 0) return { record, stored: false }; // nothing changed: no new version, no audit row

    // Without a separate view the patched view already is the new stored document.
    const document = store.present ? this.applyToStored(schema, record.document, changes) : after;
    await this.validate(manager, store, record.companyId, document, record.document, changedFields(changes));
    if (command.dryRun) return { record: { ...record, document }, stored: false };

    const saved = await store.update(manager, record, { document, context, audit: this.changeAudit(store, context, changes) });
    return saved && { record: saved, stored: true };
  }

  async create(store: ResourceStore, command: CreateCommand): Promise<WriteResult> {
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
    const empty = store.emptyDocument();
    const document = completeShape(schema, { ...empty, ...input });
    assertFieldShapes(schema, document);
    store.resolveDerived?.(empty, document, command.caller);
    // The server assigns read-only fields on create: a client may not send any.
    const readOnly = changedReadOnlyPaths(schema, empty, document);
    if (readOnly.length) throw readOnlyProblem(readOnly);
    const context: WriteContext = { ...command.caller, now: new Date() };
    const changes = diffDocuments(empty, document);
    return this.dataSource.transaction(async (manager) => {
      store.authorizeChange?.({
        ...context,
        before: empty,
        after: document,
        operations: [],
        changedPaths: changes.map((op) => op.path),
      });
      await this.validate(manager, store, command.companyId, document);
      if (command.dryRun) {
        return { record: { id: '', companyId: command.companyId, version: 0, updatedAt: context.now, document }, stored: false };
      }
      const audit = this.changeAudit(store, context, changes);
      const result = { record: await store.insert(manager, command.companyId, { document, context, audit }), stored: true };
      await command.onStored?.(result, manager);
      return result;
    });
  }

  /** The caller's changes, made on its view, replayed on the stored document. */
  private applyToStored(schema: ResourceSchema, stored: JsonObject, changes: PatchOperation[]): JsonObject {
    try {
      return completeShape(schema, applyPatch(stored, changes, this.limits));
    } catch (error) {
      rethrowPatchError(error);
    }
  }

  private async validate(
    manager: EntityManager,
    store: ResourceStore,
    companyId: string,
    document: JsonObject,
    before?: JsonObject,
    onlyFields?: ReadonlySet<string>,
  ): Promise<void> {
    const problems = validateDocument(resourceSchema(store.resourceType), document, onlyFields);
    if (problems.length === 0 && store.checkReferences) {
      problems.push(...(await store.checkReferences(manager, companyId, document, before)));
    }
    if (problems.length) throw unprocessable(problems);
  }

  private changeAudit(store: ResourceStore, context: WriteContext, changes: PatchOperation[]): ChangeAudit {
    return {
      resource: store.resourceName,
      at: context.now,
      actor: context.actor,
      requestId: context.requestId,
      ops: redactOperations(resourceSchema(store.resourceType), changes),
    };
  }
}

/**
 * Validate before derive: the shapes of the written fields (objects, arrays, array items) are
 * checked before any store computes derived fields from them (resolveDerived), because derive
 * hooks walk client values as the declared shapes (`interests` as an array of objects); an
 * unchecked `{"interests": true}` crashed there with a 500. Only shapes are checked this early:
 * the full rules run on the derived document (a date-time sent for a date is valid once derived).
 */
function assertFieldShapes(schema: ResourceSchema, document: JsonObject, fields?: ReadonlySet<string>): void {
  const problems = misshapenFields(schema, document, fields);
  if (problems.length) throw unprocessable(problems);
}

function readOnlyProblem(paths: string[]): ProblemException {
  return badRequest(
    `Read-only field${paths.length > 1 ? 's' : ''} ${paths.map((p) => p.slice(1)).join(', ')} cannot be changed.`,
    paths.map((pointer) => ({ pointer, detail: 'is read-only' })),
  );
}
