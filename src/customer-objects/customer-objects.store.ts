import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { ProblemFieldError } from '../common/http/problem.exception';
import { invalidCursor } from '../common/pagination/page';
import { JsonObject } from '../common/resource/document-checks';
import { ListableResourceStore, StoredRecord, WriteContext } from '../common/resource/resource-store';
import { CustomersLookup } from '../customers/customers-lookup.service';
import { nextCompanyNumber } from '../database/company-sequence';
import { TenantScope } from '../tenancy/tenant-scope';
import { CustomerObjectResource } from './customer-object.resource';
import { CustomerObjectRow, toCustomerObjectRecord, writableColumnValues } from './customer-object.row';

/*
 * Constant SQL texts, parameterized: PostgreSQL plans them once per connection, and no query
 * is built from input. Every statement is scoped by company ($n::uuid IS NULL only for a
 * superadmin acting across companies, see TenantScope).
 */
const SELECT_VISIBLE = `SELECT * FROM customer_objects WHERE id = $1 AND ($2::uuid IS NULL OR company_id = $2)`;
const SELECT_VISIBLE_FOR_UPDATE = `${SELECT_VISIBLE} FOR UPDATE`;

const WRITABLE = `customer_id, name, status, contact, contract, object_manager_id, material, address, location,
  rating, description, security_code, key, order_description, contact_name, invoice_recipient_id,
  invoice_cc_recipient_ids, service_recipient, contact_ids, tags`;

const INSERT = `INSERT INTO customer_objects (company_id, id, number, chat_id, status_created_at, status_created_by,
    status_last_modified_at, status_last_modified_by, created_at, updated_at, ${WRITABLE})
  VALUES ($1, $2, $3, $4, $5, $6, $5, $6, $5, $5,
    $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
  RETURNING *`;

const UPDATE = `UPDATE customer_objects SET
    customer_id = $5, name = $6, status = $7, contact = $8, contract = $9, object_manager_id = $10,
    material = $11, address = $12, location = $13, rating = $14, description = $15, security_code = $16,
    key = $17, order_description = $18, contact_name = $19, invoice_recipient_id = $20,
    invoice_cc_recipient_ids = $21, service_recipient = $22, contact_ids = $23, tags = $24,
    status_last_modified_at = $3, status_last_modified_by = $4, updated_at = $3, version = version + 1
  WHERE company_id = $1 AND id = $2
  RETURNING *`;

const LIST = `SELECT * FROM customer_objects
  WHERE ($1::uuid IS NULL OR company_id = $1)
    AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
  ORDER BY created_at DESC, id DESC
  LIMIT $4`;

/** Storage of customer objects for the shared write pipeline (seed 000). */
@Injectable()
export class CustomerObjectsStore implements ListableResourceStore {
  readonly resourceName = 'customer-object';
  readonly resourceType = CustomerObjectResource;

  constructor(private readonly customers: CustomersLookup) {}

  async find(manager: EntityManager, scope: TenantScope, id: string, lock: boolean): Promise<StoredRecord | null> {
    if (!isUUID(id)) return null;
    const rows: CustomerObjectRow[] = await manager.query(lock ? SELECT_VISIBLE_FOR_UPDATE : SELECT_VISIBLE, [
      id,
      scope.companyId,
    ]);
    return rows.length ? toCustomerObjectRecord(rows[0]) : null;
  }

  async insert(manager: EntityManager, companyId: string, document: JsonObject, context: WriteContext): Promise<StoredRecord> {
    const number = await nextCompanyNumber(manager, companyId, this.resourceName);
    const rows: CustomerObjectRow[] = await manager.query(INSERT, [
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

  async update(manager: EntityManager, record: StoredRecord, document: JsonObject, context: WriteContext): Promise<StoredRecord> {
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [rows]: [CustomerObjectRow[], number] = await manager.query(UPDATE, [
      record.companyId,
      record.id,
      context.now,
      context.actor.sub,
      ...writableColumnValues(document),
    ]);
    return toCustomerObjectRecord(rows[0]);
  }

  async list(
    manager: EntityManager,
    scope: TenantScope,
    limit: number,
    after?: [string, string],
  ): Promise<Array<{ record: StoredRecord; position: [string, string] }>> {
    if (after && (Number.isNaN(Date.parse(after[0])) || !isUUID(after[1]))) throw invalidCursor();
    const rows: CustomerObjectRow[] = await manager.query(LIST, [scope.companyId, after?.[0] ?? null, after?.[1] ?? null, limit]);
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
