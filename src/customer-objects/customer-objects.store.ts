import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { ProblemFieldError } from '../common/http/problem.exception';
import { invalidCursor } from '../common/pagination/page';
import { JsonObject } from '../common/resource/document-checks';
import { ListableResourceStore, RecordWrite, StoredRecord } from '../common/resource/resource-store';
import { CustomersLookup } from '../customers/customers-lookup.service';
import { CompanySequence } from '../database/company-sequence';
import { DocumentMapping } from '../database/document-mapping';
import { RecordTable } from '../database/record-table';
import { TenantScope } from '../tenancy/tenant-scope';
import { CustomerObjectResource } from './customer-object.resource';
import { CustomerObjectEntity } from './customer-object.entity';
import { CUSTOMER_OBJECT_INSERT_ONLY, CustomerObjectColumns, customerObjectMapping } from './customer-object.mapping';

/** Storage of customer objects for the shared write pipeline (seed 000). */
@Injectable()
export class CustomerObjectsStore implements ListableResourceStore {
  readonly resourceName = 'customer-object';
  readonly resourceType = CustomerObjectResource;
  private readonly sequence: CompanySequence;
  private readonly table: RecordTable<CustomerObjectEntity, 'id', (typeof CUSTOMER_OBJECT_INSERT_ONLY)[number]>;
  private readonly mapping: DocumentMapping<CustomerObjectEntity, CustomerObjectColumns>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly customers: CustomersLookup,
  ) {
    this.sequence = new CompanySequence(dataSource);
    this.table = new RecordTable(dataSource, CustomerObjectEntity, {
      name: 'customer-objects',
      id: 'id',
      insertOnly: CUSTOMER_OBJECT_INSERT_ONLY,
    });
    this.mapping = customerObjectMapping(dataSource);
  }

  async find(manager: EntityManager, scope: TenantScope, id: string, lock: boolean): Promise<StoredRecord | null> {
    if (!isUUID(id)) return null;
    const row = await this.table.find(manager, scope, id, lock);
    return row ? this.toRecord(row) : null;
  }

  async insert(manager: EntityManager, companyId: string, { document, context, audit }: RecordWrite): Promise<StoredRecord> {
    const number = await this.sequence.nextNumber(manager, companyId, this.resourceName);
    const [now, sub] = [context.now, context.actor.sub];
    const row = await this.table.insert(
      manager,
      {
        ...this.mapping.toColumns(document),
        companyId,
        id: randomUUID(),
        number,
        chatId: randomUUID(),
        ...{ statusCreatedAt: now, statusCreatedBy: sub, statusLastModifiedAt: now, statusLastModifiedBy: sub },
        ...{ createdAt: now, updatedAt: now },
      },
      audit,
    );
    return this.toRecord(row);
  }

  async update(manager: EntityManager, record: StoredRecord, { document, context, audit }: RecordWrite): Promise<StoredRecord | null> {
    const key = { companyId: record.companyId, id: record.id, version: record.version };
    const stamps = { statusLastModifiedAt: context.now, statusLastModifiedBy: context.actor.sub, updatedAt: context.now };
    const row = await this.table.update(manager, key, { ...this.mapping.toColumns(document), ...stamps }, audit);
    return row ? this.toRecord(row) : null;
  }

  async list(
    manager: EntityManager,
    scope: TenantScope,
    limit: number,
    after?: [string, string],
  ): Promise<Array<{ record: StoredRecord; position: [string, string] }>> {
    if (after && (Number.isNaN(Date.parse(after[0])) || !isUUID(after[1]))) throw invalidCursor();
    const rows = await this.table.list(manager, scope, limit, after && { createdAt: after[0], id: after[1] });
    return rows.map((row) => ({ record: this.toRecord(row), position: [row.createdAt.toISOString(), row.id] }));
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
    return this.mapping.emptyDocument();
  }

  private toRecord(row: CustomerObjectEntity): StoredRecord {
    return { id: row.id, companyId: row.companyId, version: row.version, updatedAt: row.updatedAt, document: this.mapping.toDocument(row) };
  }
}
