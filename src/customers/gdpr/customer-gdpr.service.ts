import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../audit/audit-log.entity';
import { AuditService } from '../../audit/audit.service';
import { hasScope } from '../../auth/actor';
import { Caller } from '../../common/http/caller';
import { conflict, forbidden, notFound } from '../../common/http/problem.exception';
import { diffDocuments } from '../../common/patch/diff';
import { JsonObject } from '../../common/resource/document-checks';
import { StoredRecord } from '../../common/resource/record-repository';
import { IdempotencyService } from '../../idempotency/idempotency.service';
import { CustomerComment, toComment } from '../comments/customer-comment';
import { CustomerCommentEntity } from '../comments/customer-comment.entity';
import { resolveTenantScope } from '../../tenancy/tenant-scope';
import { CustomerAccessPolicy } from '../customer-access.policy';
import { CustomerDocument } from '../customer.resource';
import { CustomersDefinition } from '../customers.definition';
import { erasedDocument, erasureReason, withoutErasedValues } from './erasure';

/** One audit row as the export shows it. */
interface ExportedAuditEntry {
  at: string;
  actor: { sub: string; role: string };
  requestId: string;
  kind: string;
  reason: string | null;
  ops: unknown[];
}

/** Art. 15/20 export: the stored customer unmasked and its whole history. */
export interface CustomerExport {
  exportedAt: string;
  customer: JsonObject;
  /** Every comment, newest first (the document carries only the newest COMMENTS_IN_DOCUMENT). */
  comments: CustomerComment[];
  history: ExportedAuditEntry[];
}

/**
 * The GDPR requests on a customer (API.md §6): export (Art. 15/20) and erasure (Art. 17).
 * Visibility comes first, as everywhere: a customer the caller may not see is 404, before any 403.
 */
@Injectable()
export class CustomerGdprService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly definition: CustomersDefinition,
    private readonly access: CustomerAccessPolicy,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** The customer itself, or an admin/superadmin with `gdpr`; the export is audited as a read. */
  async export(caller: Caller, id: string, companyId?: string): Promise<CustomerExport> {
    const record = await this.visible(this.dataSource.manager, caller, id, companyId, false);
    const { actor } = caller;
    if (!this.access.isSelf(record.document, record.companyId, actor) && !(actor.role !== 'user' && hasScope(actor, 'gdpr'))) {
      throw forbidden('Exporting a customer needs the scope "gdpr" (or being the customer).');
    }
    const rows = await this.dataSource.manager.find(AuditLogEntity, {
      where: { companyId: record.companyId, resource: this.definition.repository.resourceName, resourceId: record.id },
      order: { id: 'ASC' },
    });
    const comments = await this.dataSource.manager.find(CustomerCommentEntity, {
      where: { companyId: record.companyId, customerId: record.id },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    const now = new Date();
    await this.audit.recordRead({
      companyId: record.companyId,
      resource: this.definition.repository.resourceName,
      resourceId: record.id,
      at: now,
      actor,
      requestId: caller.requestId,
    });
    return {
      exportedAt: now.toISOString(),
      customer: record.document,
      comments: comments.map(toComment),
      history: rows.map((row) => ({
        at: row.at.toISOString(),
        actor: { sub: row.actorSub, role: row.actorRole },
        requestId: row.requestId,
        kind: row.kind,
        reason: row.reason,
        ops: row.ops,
      })),
    };
  }

  /**
   * Anonymises the customer in one transaction, its row locked: the same version-checked write
   * with its audit row as every change (kind 'erased', who and why, no values), and the values
   * its earlier audit rows hold redacted. A second erasure is 409: nothing is left to erase,
   * and a 409 tells the caller that the record was already erased (by whom: its history).
   */
  async erase(caller: Caller, id: string, body: unknown, companyId?: string): Promise<JsonObject> {
    const { repository, policy } = this.definition;
    const saved = await this.dataSource.transaction(async (manager) => {
      const record = await this.visible(manager, caller, id, companyId, true);
      // After visibility: a customer the caller may not see is 404 whatever the body.
      const reason = erasureReason(body);
      if (record.document.erasedAt != null) {
        throw conflict('The customer is already erased.', [{ pointer: '/erasedAt', detail: 'is already set' }]);
      }
      const now = new Date();
      const document = erasedDocument(record.document, now);
      const audit = {
        resource: repository.resourceName,
        at: now,
        actor: caller.actor,
        requestId: caller.requestId,
        ops: withoutErasedValues(diffDocuments(record.document, document)),
        kind: 'erased' as const,
        reason,
      };
      await this.redactHistory(manager, record);
      await this.idempotency.forgetAnswersAbout(manager, record.companyId, record.id);
      // Comments are personal data (API.md §4); deleted before the write, so its answer shows none.
      await manager.delete(CustomerCommentEntity, { companyId: record.companyId, customerId: record.id });
      const written = await repository.update(manager, record, { document, context: { ...caller, now }, audit });
      // The row is locked, so its version cannot have moved on.
      if (!written) throw new Error(`customer ${record.id}: the erasure missed a locked row`);
      return written;
    });
    return policy.view(saved, caller);
  }

  private async visible(manager: EntityManager, caller: Caller, id: string, companyId: string | undefined, lock: boolean): Promise<StoredRecord<CustomerDocument>> {
    const { repository, policy } = this.definition;
    const scope = resolveTenantScope(caller.actor, companyId);
    const record = await repository.find(manager, policy.visibility(caller, scope), id, lock);
    if (!record) throw notFound();
    return record;
  }

  /** Earlier change rows keep which paths changed, not the values of erased fields. */
  private async redactHistory(manager: EntityManager, record: StoredRecord): Promise<void> {
    const rows = await manager.find(AuditLogEntity, {
      where: { companyId: record.companyId, resource: this.definition.repository.resourceName, resourceId: record.id, kind: 'change' },
    });
    for (const row of rows) {
      const ops = withoutErasedValues(row.ops);
      if (JSON.stringify(ops) !== JSON.stringify(row.ops)) await manager.save(AuditLogEntity, { ...row, ops });
    }
  }
}
