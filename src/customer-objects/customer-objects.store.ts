import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { AuditedStatement } from '../audit/audited-statement';
import { ProblemFieldError } from '../common/http/problem.exception';
import { invalidCursor } from '../common/pagination/page';
import { JsonObject } from '../common/resource/document-checks';
import { ListableResourceStore, RecordWrite, StoredRecord } from '../common/resource/resource-store';
import { CustomersLookup } from '../customers/customers-lookup.service';
import { nextCompanyNumber } from '../database/company-sequence';
import { PreparedStatement } from '../database/prepared-statement';
import { TenantScope } from '../tenancy/tenant-scope';
import { CustomerObjectResource } from './customer-object.resource';
import { CustomerObjectRow, toCustomerObjectRecord, writableColumnValues } from './customer-object.row';

/*
 * Constant SQL texts, parameterized and prepared (PostgreSQL plans each once per connection);
 * no query is built from input. Every statement is scoped by company ($n::uuid IS NULL only for a
 * superadmin acting across companies, see TenantScope).
 */
const VISIBLE = `SELECT * FROM customer_objects WHERE id = $1 AND ($2::uuid IS NULL OR company_id = $2)`;
const SELECT_VISIBLE = new PreparedStatement('customer-objects.select', VISIBLE);
const SELECT_VISIBLE_FOR_UPDATE = new PreparedStatement('customer-objects.select-for-update', `${VISIBLE} FOR UPDATE`);

const WRITABLE = `customer_id, name, status, contact, contract, object_manager_id, material, address, location,
  rating, description, security_code, key, order_description, contact_name, invoice_recipient_id,
  invoice_cc_recipient_ids, service_recipient, contact_ids, tags`;

const INSERT = new AuditedStatement(
  'customer-objects.insert',
  `INSERT INTO customer_objects (company_id, id, number, chat_id, status_created_at,
    status_created_by, status_last_modified_at, status_last_modified_by, created_at, updated_at, ${WRITABLE})
  VALUES ($7, $8, $9, $10, $11, $12, $11, $12, $11, $11,
    $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32)
  RETURNING *`,
);

/** Writes only over the version the pipeline read (no row: another write came first). */
const UPDATE = new AuditedStatement(
  'customer-objects.update',
  `UPDATE customer_objects SET
    customer_id = $12, name = $13, status = $14, contact = $15, contract = $16, object_manager_id = $17,
    material = $18, address = $19, location = $20, rating = $21, description = $22, security_code = $23,
    key = $24, order_description = $25, contact_name = $26, invoice_recipient_id = $27,
    invoice_cc_recipient_ids = $28, service_recipient = $29, contact_ids = $30, tags = $31,
    status_last_modified_at = $10, status_last_modified_by = $11, updated_at = $10, version = version + 1
  WHERE company_id = $7 AND id = $8 AND version = $9
  RETURNING *`,
);

const LIST = new PreparedStatement(
  'customer-objects.list',
  `SELECT * FROM customer_objects
  WHERE ($1::uuid IS NULL OR company_id = $1)
    AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
  ORDER BY created_at DESC, id DESC
  LIMIT $4`,
);

/** Storage of customer objects for the shared write pipeline (seed 000). */
@Injectable()
export class CustomerObjectsStore implements ListableResourceStore {
  readonly resourceName = 'customer-object';
  readonly resourceType = CustomerObjectResource;

  constructor(private readonly customers: CustomersLookup) {}

  async find(manager: EntityManager, scope: TenantScope, id: string, lock: boolean): Promise<StoredRecord | null> {
    if (!isUUID(id)) return null;
    const rows = await (lock ? SELECT_VISIBLE_FOR_UPDATE : SELECT_VISIBLE).run<CustomerObjectRow[]>(manager, [id, scope.companyId]);
    return rows.length ? toCustomerObjectRecord(rows[0]) : null;
  }

  async insert(manager: EntityManager, companyId: string, { document, context, audit }: RecordWrite): Promise<StoredRecord> {
    const number = await nextCompanyNumber(manager, companyId, this.resourceName);
    const rows = await INSERT.run<CustomerObjectRow[]>(manager, audit, [
      companyId,
      randomUUID(),
      number,
      randomUUID(),
      context.now,
      context.actor.sub,
      ...writableColumnValues(document),
    ]);
    return toCustomerObjectRecord(rows[0]);
  }

  async update(manager: EntityManager, record: StoredRecord, { document, context, audit }: RecordWrite): Promise<StoredRecord | null> {
    const rows = await UPDATE.run<CustomerObjectRow[]>(manager, audit, [
      record.companyId,
      record.id,
      record.version,
      context.now,
      context.actor.sub,
      ...writableColumnValues(document),
    ]);
    return rows.length ? toCustomerObjectRecord(rows[0]) : null;
  }

  async list(
    manager: EntityManager,
    scope: TenantScope,
    limit: number,
    after?: [string, string],
  ): Promise<Array<{ record: StoredRecord; position: [string, string] }>> {
    if (after && (Number.isNaN(Date.parse(after[0])) || !isUUID(after[1]))) throw invalidCursor();
    const rows = await LIST.run<CustomerObjectRow[]>(manager, [scope.companyId, after?.[0] ?? null, after?.[1] ?? null, limit]);
    return rows.map((row) => ({ record: toCustomerObjectRecord(row), position: [row.created_at.toISOString(), row.id] }));
  }

  /** `customerId` must name a Customer of the same company (API.md §2), asked of the Customers module. */
  async checkReferences(
    manager: EntityManager,
    companyId: string,
    document: JsonObject,
    before?: JsonObject,
  ): Promise<ProblemFieldError[]> {
    const customerId = document.customerId;
    if (typeof customerId !== 'string' || customerId === before?.customerId) return []; // checked when it was set
    if (await this.customers.existsInCompany(manager, companyId, customerId)) return [];
    return [{ pointer: '/customerId', detail: 'is not a customer of this company' }];
  }

  emptyDocument(): JsonObject {
    return {
      _id: null,
      number: null,
      companyId: null,
      status: { status: 0, createdAt: null, createdBy: null, lastModifiedAt: null, lastModifiedBy: null },
      chatId: null,
      customerId: null,
      name: null,
      contact: null,
      contract: null,
      objectManagerId: null,
      material: null,
      address: null,
      location: null,
      rating: null,
      description: null,
      securityCode: null,
      key: null,
      orderDescription: null,
      contactName: null,
      invoiceRecipientId: null,
      invoiceCCRecipientIds: null,
      serviceRecipient: null,
      contactIds: null,
      tags: null,
    };
  }
}
