import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { conflict } from '../common/http/problem.exception';
import { invalidCursor } from '../common/pagination/page';
import { JsonObject } from '../common/resource/document-checks';
import { FilterValues } from '../common/resource/list-filters';
import { ListedRecord, RecordRepository, RecordWrite, StoredRecord } from '../common/resource/record-repository';
import { CompanySequence } from '../database/company-sequence';
import { DocumentMapping } from '../database/document-mapping';
import { RecordTable, Visibility } from '../database/record-table';
import { CustomerEntity } from './customer.entity';
import { CUSTOMER_INSERT_ONLY, CustomerColumns, CustomerExtras, customerMapping, CustomerRow, customerExtraColumns } from './customer.mapping';
import { CUSTOMER_FILTERS } from './customer.filters';

/** Storage of customers (seeds 001, 003, 004): `customers` rows in, documents out; rules in CustomersPolicy. */
@Injectable()
export class CustomersRepository implements RecordRepository {
  readonly filters = CUSTOMER_FILTERS;
  readonly resourceName = 'customer';
  private readonly sequence: CompanySequence;
  private readonly table: RecordTable<CustomerEntity, 'id', (typeof CUSTOMER_INSERT_ONLY)[number], CustomerExtras>;
  private readonly mapping: DocumentMapping<CustomerRow, CustomerColumns>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.sequence = new CompanySequence(dataSource);
    this.table = new RecordTable(dataSource, CustomerEntity, {
      name: 'customers',
      id: 'id',
      insertOnly: CUSTOMER_INSERT_ONLY,
      owner: 'userId',
      filters: CUSTOMER_FILTERS,
      restrictionLevel: 'restrictedTypeId',
      extraColumns: customerExtraColumns(dataSource),
    });
    this.mapping = customerMapping(dataSource);
  }

  async find(manager: EntityManager, visibility: Visibility, id: string, lock: boolean): Promise<StoredRecord | null> {
    if (!isUUID(id)) return null;
    const row = await this.table.find(manager, visibility, id, lock);
    return row ? this.toRecord(row) : null;
  }

  async insert(manager: EntityManager, companyId: string, { document, context, audit }: RecordWrite): Promise<StoredRecord> {
    const customerNumber = await this.sequence.nextNumber(manager, companyId, this.resourceName);
    const values = { ...this.mapping.toColumns(document), companyId, id: randomUUID(), customerNumber, createdAt: context.now, updatedAt: context.now };
    return this.toRecord(await uniquePersonalId(this.table.insert(manager, values, audit)));
  }

  async update(manager: EntityManager, record: StoredRecord, { document, context, audit }: RecordWrite): Promise<StoredRecord | null> {
    const key = { companyId: record.companyId, id: record.id, version: record.version };
    const row = await uniquePersonalId(this.table.update(manager, key, { ...this.mapping.toColumns(document), updatedAt: context.now }, audit));
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

  private toRecord(row: CustomerRow): StoredRecord {
    return { id: row.id, companyId: row.companyId, version: row.version, updatedAt: row.updatedAt, document: this.mapping.toDocument(row) };
  }
}

/** A personalId already used in the company for the same type is a conflict (unique index). */
async function uniquePersonalId<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    const cause = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
    if (cause?.code === '23505' && cause.constraint === 'customers_personal_id_key') {
      throw conflict('Another customer of the company has this personalId and personalIdTypeId.', [
        { pointer: '/personalId', detail: 'is already used' },
      ]);
    }
    throw error;
  }
}
