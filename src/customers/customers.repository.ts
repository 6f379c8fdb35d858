import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { conflict } from '../common/http/problem.exception';
import { RecordWrite, StoredRecord, WriteContext } from '../common/resource/record-repository';
import { CompanySequence } from '../database/company-sequence';
import { RecordTable } from '../database/record-table';
import { TableRepository } from '../database/table-repository';
import { CustomerEntity } from './customer.entity';
import { CustomerDocument, CustomerResource } from './customer.resource';
import { CUSTOMER_INSERT_ONLY, CustomerColumns, CustomerExtras, customerMapping, customerExtraColumns } from './customer.mapping';
import { CUSTOMER_FILTERS } from './customer.filters';

type InsertOnly = (typeof CUSTOMER_INSERT_ONLY)[number];

/** Storage of customers (seeds 001, 003, 004): `customers` rows in, documents out; rules in CustomersPolicy. */
@Injectable()
export class CustomersRepository extends TableRepository<CustomerEntity, 'id', InsertOnly, CustomerExtras, CustomerColumns, CustomerResource> {
  readonly resourceName = 'customer';
  private readonly sequence: CompanySequence;

  constructor(@InjectDataSource() dataSource: DataSource) {
    const table = new RecordTable<CustomerEntity, 'id', InsertOnly, CustomerExtras>(dataSource, CustomerEntity, {
      name: 'customers',
      id: 'id',
      insertOnly: CUSTOMER_INSERT_ONLY,
      owner: 'userId',
      filters: CUSTOMER_FILTERS,
      restrictionLevel: 'restrictedTypeId',
      extraColumns: customerExtraColumns(dataSource),
    });
    super(table, customerMapping(dataSource));
    this.sequence = new CompanySequence(dataSource);
  }

  override insert(manager: EntityManager, companyId: string, write: RecordWrite<CustomerDocument>): Promise<StoredRecord<CustomerDocument>> {
    return uniquePersonalId(super.insert(manager, companyId, write));
  }

  override update(
    manager: EntityManager,
    record: StoredRecord<CustomerDocument>,
    write: RecordWrite<CustomerDocument>,
  ): Promise<StoredRecord<CustomerDocument> | null> {
    return uniquePersonalId(super.update(manager, record, write));
  }

  protected parseId(raw: string): string | undefined {
    return isUUID(raw) ? raw : undefined;
  }

  protected async insertValues(manager: EntityManager, companyId: string, columns: CustomerColumns, { now }: WriteContext) {
    const customerNumber = await this.sequence.nextNumber(manager, companyId, this.resourceName);
    return { ...columns, companyId, id: randomUUID(), customerNumber, createdAt: now, updatedAt: now };
  }

  protected updateValues(columns: CustomerColumns, { now }: WriteContext) {
    return Object.assign(columns, { updatedAt: now });
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
