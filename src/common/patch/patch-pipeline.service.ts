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
import { changedReadOnlyPaths, completeOwnShape, completeShape, JsonObject, validateDocument } from '../resource/document-checks';
import { redactOperations } from '../resource/redact';
import { ResourceSchema, resourceSchema } from '../resource/resource-registry';
import { StoredRecord, WriteContext, writeContext } from '../resource/record-repository';
import { ResourceDefinition } from '../resource/resource-policy';
import { shapeProblems } from '../resource/shape-checks';
import { applyPatch, diffDocuments, mergePatchToOps, parsePointer, PatchError, PatchLimits, PatchOperation } from '.';
import { patchErrorToProblem } from './patch-problem';
import { PatchBody, parsePatchRequest, PatchRequest } from './patch-request';
import { readFieldsObject } from './write-body';

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

/**
 * The top-level fields operations can change: the fields of their paths (`written`, from
 * changedFields) and each move's source, which it removes; undefined when one replaces the
 * document itself. Every other field of the patched document is a copy of its value before,
 * so the read-only check skips it. `written` itself is returned when nothing moves.
 */
function touchedFields(operations: PatchOperation[], written: Set<string> | undefined): Set<string> | undefined {
  let touched = written;
  for (const op of operations) {
    if (op.op !== 'move' || typeof op.from !== 'string') continue;
    const [field] = parsePointer(op.from);
    if (field === undefined || touched === undefined) return undefined;
    if (touched === written) touched = new Set(written);
    touched.add(field);
  }
  return touched;
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
  async update(resource: ResourceDefinition, command: UpdateCommand): Promise<WriteResult> {
    const attempt = new UpdateAttempt(command);
    // A hook writes in the write's transaction: take the row lock at once, so there is no race to retry.
    if (command.onStored) return this.lockedUpdate(resource, attempt, command.onStored);
    // One pooled connection for the read and the write, taken once (not once per query).
    const runner = this.dataSource.createQueryRunner();
    try {
      for (let tries = 0; tries < OPTIMISTIC_ATTEMPTS; tries++) {
        const result = await this.attemptUpdate(runner.manager, resource, attempt, false);
        if (result) return result;
      }
    } finally {
      await runner.release();
    }
    return this.lockedUpdate(resource, attempt);
  }

  /**
   * The update in a transaction with the row locked (FOR UPDATE), then `onStored` in the same
   * transaction. The hook's rows come after the record's write, so the writer takes its
   * transaction id when it locks the record (the change feed's order relies on that).
   */
  private lockedUpdate(resource: ResourceDefinition, attempt: UpdateAttempt, onStored?: OnStored): Promise<WriteResult> {
    return this.dataSource.transaction(async (manager) => {
      const result = await this.attemptUpdate(manager, resource, attempt, true);
      // The row is locked, so its version cannot move on: no result here is a broken repository.
      if (!result) {
        throw new Error(`${resource.repository.resourceName} ${attempt.command.id}: the version-checked write missed a locked row`);
      }
      if (onStored && result.stored) await onStored(result, manager);
      return result;
    });
  }

  /** One read-apply-check-write pass; null when the record's version moved on before the write. */
  private async attemptUpdate(
    manager: EntityManager,
    { type, repository, policy }: ResourceDefinition,
    attempt: UpdateAttempt,
    lock: boolean,
  ): Promise<WriteResult | null> {
    const { command } = attempt;
    const { caller } = command;
    // Visibility first: a record the caller may not see is 404 whatever the body or headers.
    const record = await repository.find(manager, policy.visibility(caller, command.scope), command.id, lock);
    if (!record) throw notFound();

    const schema = resourceSchema(type);
    const context = writeContext(caller, new Date());
    const view = policy.view(record, caller);
    let operations: PatchOperation[];
    let after: JsonObject;
    try {
      const request = typeof command.body === 'function' ? await command.body(view, manager) : attempt.parsedBody(schema, this.limits);
      assertPreconditions(command.preconditions, record);
      operations = request.kind === 'merge-patch' ? mergePatchToOps(view, request.patch) : request.operations;
      policy.authorizeOperations(caller, view, operations, request.kind);
      after = completeOwnShape(schema, applyPatch(view, operations, this.limits));
    } catch (error) {
      rethrowPatchError(error);
    }

    const written = changedFields(operations);
    const readOnly = changedReadOnlyPaths(schema, view, after, touchedFields(operations, written)).filter(
      (path) => !command.doorManagedPaths?.some((managed) => path === managed || path.startsWith(`${managed}/`)),
    );
    if (readOnly.length) throw readOnlyProblem(readOnly);
    assertShapes(schema, after, written);
    policy.normalize(view, after, caller);

    const changes = diffDocuments(view, after);
    policy.authorizeChange({ actor: caller.actor, before: view, after, operations, changedPaths: changes.map((op) => op.path) });
    if (changes.length === 0) return { record, stored: false }; // nothing changed: no new version, no audit row

    // When the caller sees the stored document itself, the patched view already is the new one.
    const document = view === record.document ? after : this.applyToStored(schema, record.document, changes);
    await this.validate(manager, { type, repository, policy }, record.companyId, document, record.document, changedFields(changes));
    if (command.dryRun) return { record: { ...record, document }, stored: false };

    const audit = this.changeAudit(type, repository.resourceName, context, changes);
    const saved = await repository.update(manager, record, { document, context, audit });
    return saved && { record: saved, stored: true };
  }

  async create({ type, repository, policy }: ResourceDefinition, command: CreateCommand): Promise<WriteResult> {
    const schema = resourceSchema(type);
    const input = readFieldsObject(schema, command.body, this.limits);
    const empty = repository.emptyDocument();
    const document = completeShape(schema, { ...empty, ...input });
    // The server assigns read-only fields on create: a client may not send any.
    const readOnly = changedReadOnlyPaths(schema, empty, document);
    if (readOnly.length) throw readOnlyProblem(readOnly);
    assertShapes(schema, document);
    policy.normalize(empty, document, command.caller);

    const context = writeContext(command.caller, new Date());
    const changes = diffDocuments(empty, document);
    policy.authorizeChange({ actor: context.actor, before: empty, after: document, operations: [], changedPaths: changes.map((op) => op.path) });
    return this.dataSource.transaction(async (manager) => {
      await this.validate(manager, { type, repository, policy }, command.companyId, document);
      if (command.dryRun) {
        return { record: { id: '', companyId: command.companyId, version: 0, updatedAt: context.now, document }, stored: false };
      }
      const audit = this.changeAudit(type, repository.resourceName, context, changes);
      const result = { record: await repository.insert(manager, command.companyId, { document, context, audit }), stored: true };
      await command.onStored?.(result, manager);
      return result;
    });
  }

  /** The caller's changes, made on its view, replayed on the stored document. */
  private applyToStored(schema: ResourceSchema, stored: JsonObject, changes: PatchOperation[]): JsonObject {
    try {
      return completeOwnShape(schema, applyPatch(stored, changes, this.limits));
    } catch (error) {
      rethrowPatchError(error);
    }
  }

  private async validate(
    manager: EntityManager,
    { type, policy }: ResourceDefinition,
    companyId: string,
    document: JsonObject,
    before?: JsonObject,
    onlyFields?: ReadonlySet<string>,
  ): Promise<void> {
    const problems = validateDocument(resourceSchema(type), document, onlyFields);
    if (problems.length === 0) problems.push(...(await policy.checkReferences(manager, companyId, document, before)));
    if (problems.length) throw unprocessable(problems);
  }

  private changeAudit(type: ResourceDefinition['type'], resource: string, context: WriteContext, changes: PatchOperation[]): ChangeAudit {
    return {
      resource,
      at: context.now,
      actor: context.actor,
      requestId: context.requestId,
      ops: redactOperations(resourceSchema(type), changes),
    };
  }
}

/**
 * The fields about to be normalized must have their declared JSON kinds (422 otherwise), so
 * no normalize meets a value it cannot read. The validation rules' own messages are given
 * where they name the problem; the kind itself otherwise.
 */
function assertShapes(schema: ResourceSchema, document: JsonObject, onlyFields?: ReadonlySet<string>): void {
  const problems = shapeProblems(schema, document, onlyFields);
  if (problems.length === 0) return;
  const fields = new Set(problems.map((problem) => parsePointer(problem.pointer)[0]));
  const rules = validateDocument(schema, document, fields);
  throw unprocessable(rules.length ? rules : problems);
}

function readOnlyProblem(paths: string[]): ProblemException {
  return badRequest(
    `Read-only field${paths.length > 1 ? 's' : ''} ${paths.map((p) => p.slice(1)).join(', ')} cannot be changed.`,
    paths.map((pointer) => ({ pointer, detail: 'is read-only' })),
  );
}
