import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { WriteContext } from '../common/resource/record-repository';
import { CompanySequence } from '../database/company-sequence';
import { RecordTable } from '../database/record-table';
import { TableRepository } from '../database/table-repository';
import { CustomerObjectEntity } from './customer-object.entity';
import { CustomerObjectResource } from './customer-object.resource';
import { CUSTOMER_OBJECT_INSERT_ONLY, CustomerObjectColumns, customerObjectMapping } from './customer-object.mapping';
import { CUSTOMER_OBJECT_FILTERS } from './customer-object.filters';

type InsertOnly = (typeof CUSTOMER_OBJECT_INSERT_ONLY)[number];

/** Storage of customer objects (seed 000): `customer_objects` rows in, documents out. */
@Injectable()
export class CustomerObjectsRepository extends TableRepository<
  CustomerObjectEntity,
  'id',
  InsertOnly,
  unknown,
  CustomerObjectColumns,
  CustomerObjectResource
> {
  readonly resourceName = 'customer-object';
  private readonly sequence: CompanySequence;

  constructor(@InjectDataSource() dataSource: DataSource) {
    const table = new RecordTable(dataSource, CustomerObjectEntity, {
      name: 'customer-objects',
      id: 'id',
      insertOnly: CUSTOMER_OBJECT_INSERT_ONLY,
      filters: CUSTOMER_OBJECT_FILTERS,
    });
    super(table, customerObjectMapping(dataSource));
    this.sequence = new CompanySequence(dataSource);
  }

  protected parseId(raw: string): string | undefined {
    return isUUID(raw) ? raw : undefined;
  }

  /** The number, the chat and the status stamps are the server's. */
  protected async insertValues(manager: EntityManager, companyId: string, columns: CustomerObjectColumns, { now, actor }: WriteContext) {
    const number = await this.sequence.nextNumber(manager, companyId, this.resourceName);
    return {
      ...columns,
      companyId,
      id: randomUUID(),
      number,
      chatId: randomUUID(),
      ...{ statusCreatedAt: now, statusCreatedBy: actor.sub, statusLastModifiedAt: now, statusLastModifiedBy: actor.sub },
      ...{ createdAt: now, updatedAt: now },
    };
  }

  protected updateValues(columns: CustomerObjectColumns, { now, actor }: WriteContext) {
    return Object.assign(columns, { statusLastModifiedAt: now, statusLastModifiedBy: actor.sub, updatedAt: now });
  }
}
