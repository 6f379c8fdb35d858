import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { auditedWriteSql, changeAuditParameters } from '../../audit/audited-statement';
import { AuditService } from '../../audit/audit.service';
import { Caller } from '../../common/http/caller';
import { forbidden, notFound } from '../../common/http/problem.exception';
import { decodeCursor, invalidCursor, pageSize, toPage } from '../../common/pagination/page';
import { redactOperations } from '../../common/resource/redact';
import { resourceSchema } from '../../common/resource/resource-registry';
import { StoredRecord } from '../../common/resource/record-repository';
import { entityColumns } from '../../database/entity-columns';
import { PreparedStatement } from '../../database/prepared-statement';
import { resolveTenantScope } from '../../tenancy/tenant-scope';
import { CustomerAccessPolicy } from '../customer-access.policy';
import { CustomerDocument, CustomerResource } from '../customer.resource';
import { CustomerEntity } from '../customer.entity';
import { CustomersPolicy } from '../customers.policy';
import { CustomersRepository } from '../customers.repository';
import { CustomerCommentEntity } from './customer-comment.entity';
import { parseNewComment } from './comment-request';
import { CommentRow, toComment } from './customer-comment';
import { CommentAnswer, CommentPage } from './comment-answers';

const SCHEMA = resourceSchema(CustomerResource);

/**
 * One statement: the customer's new version (its document now shows the comment, so its ETag
 * must change), its change audit row (`updated`, the new version: the change feed and webhooks
 * see a customer.updated) and the comment, all or nothing. Names from the entities.
 */
function addCommentSql(dataSource: DataSource): string {
  const customer = entityColumns(dataSource, CustomerEntity);
  const comment = entityColumns(dataSource, CustomerCommentEntity);
  const [companyId, id, version] = [customer.column('companyId'), customer.column('id'), customer.column('version')];
  const inserted = (['companyId', 'customerId', 'comments', 'imageUrl', 'createdAt', 'updatedAt'] as const).map(comment.column);
  const returned = (['id', 'comments', 'imageUrl', 'createdAt', 'updatedAt'] as const).map((property) => `${comment.column(property)} AS "${property}"`);
  return auditedWriteSql(
    dataSource,
    `UPDATE ${customer.table} SET ${version} = ${version} + 1, ${customer.column('updatedAt')} = :now
      WHERE ${companyId} = :companyId AND ${id} = :customerId RETURNING ${companyId}, ${id}, ${version}`,
    { companyId, id, version },
    `INSERT INTO ${comment.table} (${inserted.join(', ')})
      SELECT ${companyId}, ${id}, :comments, :imageUrl, :now, :now FROM written RETURNING ${returned.join(', ')}`,
  );
}

/** A page of a customer's comments, newest first, after the position (createdAt, id) of the previous page's last. */
function pageSql(dataSource: DataSource): string {
  const { table, column } = entityColumns(dataSource, CustomerCommentEntity);
  const returned = (['id', 'comments', 'imageUrl', 'createdAt', 'updatedAt'] as const).map((property) => `${column(property)} AS "${property}"`);
  return `SELECT ${returned.join(', ')} FROM ${table}
    WHERE ${column('companyId')} = :companyId AND ${column('customerId')} = :customerId
      AND (:afterCreatedAt::timestamptz IS NULL OR (${column('createdAt')}, ${column('id')}) < (:afterCreatedAt::timestamptz, :afterId::int))
    ORDER BY ${column('createdAt')} DESC, ${column('id')} DESC LIMIT :limit`;
}

interface CommentsRequest {
  caller: Caller;
  customerId: string;
  companyId?: string;
}

/**
 * Seed 003's customer comments (API.md §4). A comment is part of the customer: visible to whom
 * the customer is (a `user` only on itself, another company's customer is 404), personal data
 * masked like the GDPR fields, and adding one is a change of the customer with its audit row.
 */
@Injectable()
export class CustomerCommentsService {
  private readonly addComment: PreparedStatement;
  private readonly page: PreparedStatement;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly customers: CustomersRepository,
    private readonly customersPolicy: CustomersPolicy,
    private readonly policy: CustomerAccessPolicy,
    private readonly audit: AuditService,
  ) {
    this.addComment = new PreparedStatement('customer-comments.add', addCommentSql(dataSource));
    this.page = new PreparedStatement('customer-comments.page', pageSql(dataSource));
  }

  async add(request: CommentsRequest & { payload: unknown }): Promise<CommentAnswer> {
    const { caller } = request;
    const customer = await this.visible(request);
    if (caller.actor.role === 'user' && customer.document.editableByCustomer === false) {
      throw forbidden('This customer record is not editable by the customer.');
    }
    this.refuseMasked(customer, caller, 'Writing protected personal data needs the scope "gdpr".');
    const comment = parseNewComment(request.payload);
    const now = new Date();
    const ops = redactOperations(SCHEMA, [{ op: 'add', path: '/comments/0', value: { ...comment } }]);
    const rows = await this.addComment.run<CommentRow[]>(this.dataSource.manager, {
      ...changeAuditParameters({ resource: this.customers.resourceName, at: now, actor: caller.actor, requestId: caller.requestId, ops }),
      companyId: customer.companyId,
      customerId: customer.id,
      now,
      comments: comment.comments,
      imageUrl: comment.imageUrl,
    });
    if (!rows.length) throw notFound(); // the customer was removed meanwhile
    return new CommentAnswer(toComment(rows[0]));
  }

  async list(request: CommentsRequest & { limit?: string; cursor?: string }): Promise<CommentPage> {
    const customer = await this.visible(request);
    this.refuseMasked(customer, request.caller, 'Reading protected personal data needs the scope "gdpr".');
    const size = pageSize(request.limit);
    const after = decodeCursor(request.cursor, 2);
    if (after && (typeof after[0] !== 'string' || Number.isNaN(Date.parse(after[0])) || !Number.isInteger(after[1]))) throw invalidCursor();
    const rows = await this.page.run<Array<CommentRow & { createdAt: Date }>>(this.dataSource.manager, {
      companyId: customer.companyId,
      customerId: customer.id,
      afterCreatedAt: after?.[0] ?? null,
      afterId: after?.[1] ?? null,
      limit: size + 1,
    });
    if (this.policy.readIsAudited(customer, request.caller.actor)) {
      await this.audit.recordRead({
        companyId: customer.companyId,
        resource: this.customers.resourceName,
        resourceId: customer.id,
        at: new Date(),
        actor: request.caller.actor,
        requestId: request.caller.requestId,
      });
    }
    const page = toPage(rows, size, (row) => [row.createdAt.toISOString(), row.id], toComment);
    return new CommentPage(page.items, page.nextCursor);
  }

  /** The customer as its own GET finds it: the same tenant and self scoping, 404 otherwise. */
  private async visible({ caller, customerId, companyId }: CommentsRequest): Promise<StoredRecord<CustomerDocument>> {
    const scope = resolveTenantScope(caller.actor, companyId);
    const customer = await this.customers.find(this.dataSource.manager, this.customersPolicy.visibility(caller, scope), customerId, false);
    if (!customer) throw notFound();
    return customer;
  }

  /** Comments are personal data (API.md §4): hidden at levels 1 and 2 from all but the customer and `gdpr` holders. */
  private refuseMasked(customer: StoredRecord<CustomerDocument>, caller: Caller, detail: string): void {
    if (this.policy.masksFor(customer.document, customer.companyId, caller.actor)) {
      throw forbidden(detail, [{ pointer: '/comments', detail: 'is protected personal data' }]);
    }
  }
}
