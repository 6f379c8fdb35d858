import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditedStatement } from '../../audit/audited-statement';
import { AuditService } from '../../audit/audit.service';
import { Caller } from '../../common/http/caller';
import { forbidden, notFound } from '../../common/http/problem.exception';
import { decodeCursor, invalidCursor, pageSize, toPage } from '../../common/pagination/page';
import { redactOperations } from '../../common/resource/redact';
import { resourceSchema } from '../../common/resource/resource-registry';
import { StoredRecord } from '../../common/resource/resource-store';
import { PreparedStatement } from '../../database/prepared-statement';
import { resolveTenantScope } from '../../tenancy/tenant-scope';
import { CustomerAccessPolicy } from '../customer-access.policy';
import { CustomerResource } from '../customer.resource';
import { CustomersStore } from '../customers.store';
import { parseNewComment } from './comment-request';
import { CommentRow, toComment } from './customer-comment';
import { CommentAnswer, CommentPage } from './comment-answers';

const SCHEMA = resourceSchema(CustomerResource);

/**
 * One statement: the comment, the customer's new version (its document now shows the comment,
 * so its ETag must change) and the customer's audit row, all or nothing. `$7` company, `$8`
 * customer, `$9` now, `$10` text, `$11` image URL.
 */
const ADD = new AuditedStatement(
  'customer-comments.add',
  `UPDATE customers SET version = version + 1, updated_at = $9 WHERE company_id = $7 AND id = $8 RETURNING *`,
  {
    result: `INSERT INTO customer_comments (company_id, customer_id, comments, image_url, created_at, updated_at)
      SELECT company_id, id, $10, $11, $9, $9 FROM written RETURNING *`,
  },
);

const PAGE = new PreparedStatement(
  'customer-comments.page',
  `SELECT * FROM customer_comments
    WHERE company_id = $1 AND customer_id = $2 AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::int))
    ORDER BY created_at DESC, id DESC LIMIT $5`,
);

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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly customers: CustomersStore,
    private readonly policy: CustomerAccessPolicy,
    private readonly audit: AuditService,
  ) {}

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
    const rows = await ADD.run<CommentRow[]>(
      this.dataSource.manager,
      { resource: this.customers.resourceName, at: now, actor: caller.actor, requestId: caller.requestId, ops },
      [customer.companyId, customer.id, now, comment.comments, comment.imageUrl],
    );
    if (!rows.length) throw notFound(); // the customer was removed meanwhile
    return new CommentAnswer(toComment(rows[0]));
  }

  async list(request: CommentsRequest & { limit?: string; cursor?: string }): Promise<CommentPage> {
    const customer = await this.visible(request);
    this.refuseMasked(customer, request.caller, 'Reading protected personal data needs the scope "gdpr".');
    const size = pageSize(request.limit);
    const after = decodeCursor(request.cursor, 2);
    if (after && (typeof after[0] !== 'string' || Number.isNaN(Date.parse(after[0])) || !Number.isInteger(after[1]))) throw invalidCursor();
    const rows = await PAGE.run<Array<CommentRow & { created_at: Date }>>(this.dataSource.manager, [
      customer.companyId,
      customer.id,
      after?.[0] ?? null,
      after?.[1] ?? null,
      size + 1,
    ]);
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
    const page = toPage(rows, size, (row) => [row.created_at.toISOString(), row.id], toComment);
    return new CommentPage(page.items, page.nextCursor);
  }

  /** The customer as its own GET finds it: the same tenant and self scoping, 404 otherwise. */
  private async visible({ caller, customerId, companyId }: CommentsRequest): Promise<StoredRecord> {
    const scope = resolveTenantScope(caller.actor, companyId);
    const customer = await this.customers.find(this.dataSource.manager, scope, customerId, false, caller);
    if (!customer) throw notFound();
    return customer;
  }

  /** Comments are personal data (API.md §4): hidden at levels 1 and 2 from all but the customer and `gdpr` holders. */
  private refuseMasked(customer: StoredRecord, caller: Caller, detail: string): void {
    if (this.policy.masksFor(customer.document, customer.companyId, caller.actor)) {
      throw forbidden(detail, [{ pointer: '/comments', detail: 'is protected personal data' }]);
    }
  }
}
