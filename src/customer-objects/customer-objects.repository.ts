import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { invalidCursor } from '../common/pagination/page';
import { JsonObject } from '../common/resource/document-checks';
import { FilterValues } from '../common/resource/list-filters';
import { ListedRecord, RecordRepository, RecordWrite, StoredRecord } from '../common/resource/record-repository';
import { CompanySequence } from '../database/company-sequence';
import { DocumentMapping } from '../database/document-mapping';
import { RecordTable, Visibility } from '../database/record-table';
import { CustomerObjectEntity } from './customer-object.entity';
import { CUSTOMER_OBJECT_INSERT_ONLY, CustomerObjectColumns, customerObjectMapping } from './customer-object.mapping';
import { CUSTOMER_OBJECT_FILTERS } from './customer-object.filters';

/** Storage of customer objects (seed 000): `customer_objects` rows in, documents out. */
@Injectable()
export class CustomerObjectsRepository implements RecordRepository {
  readonly filters = CUSTOMER_OBJECT_FILTERS;
  readonly resourceName = 'customer-object';
  private readonly sequence: CompanySequence;
  private readonly table: RecordTable<CustomerObjectEntity, 'id', (typeof CUSTOMER_OBJECT_INSERT_ONLY)[number]>;
  private readonly mapping: DocumentMapping<CustomerObjectEntity, CustomerObjectColumns>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.sequence = new CompanySequence(dataSource);
    this.table = new RecordTable(dataSource, CustomerObjectEntity, {
      name: 'customer-objects',
      id: 'id',
      insertOnly: CUSTOMER_OBJECT_INSERT_ONLY,
      filters: CUSTOMER_OBJECT_FILTERS,
    });
    this.mapping = customerObjectMapping(dataSource);
  }

  async find(manager: EntityManager, visibility: Visibility, id: string, lock: boolean): Promise<StoredRecord | null> {
    if (!isUUID(id)) return null;
    const row = await this.table.find(manager, visibility, id, lock);
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
    visibility: Visibility,
    limit: number,
    after: [string, string] | undefined,
    filters: FilterValues,
    mayMatchProtected: boolean,
  ): Promise<ListedRecord[]> {
    if (after && (Number.isNaN(Date.parse(after[0])) || !isUUID(after[1]))) throw invalidCursor();
    const rows = await this.table.list(manager, visibility, limit, after && { createdAt: after[0], id: after[1] }, filters, mayMatchProtected);
    return rows.map((row) => ({ record: this.toRecord(row), position: [row.createdAt.toISOString(), row.id] }));
  }

  emptyDocument(): JsonObject {
    return this.mapping.emptyDocument();
  }

  private toRecord(row: CustomerObjectEntity): StoredRecord {
    return { id: row.id, companyId: row.companyId, version: row.version, updatedAt: row.updatedAt, document: this.mapping.toDocument(row) };
  }
}
