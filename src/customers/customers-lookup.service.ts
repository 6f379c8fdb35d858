import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { entityColumns } from '../database/entity-columns';
import { PreparedStatement } from '../database/prepared-statement';
import { CustomerEntity } from './customer.entity';

/** What other modules may ask about customers (CustomerObjects' `customerId` check). */
@Injectable()
export class CustomersLookup {
  private readonly exists: PreparedStatement<'companyId' | 'id'>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    const { table, column } = entityColumns(dataSource, CustomerEntity);
    this.exists = new PreparedStatement(
      'customers.exists',
      `SELECT 1 FROM ${table} WHERE ${column('companyId')} = :companyId AND ${column('id')} = :id`,
    );
  }

  async existsInCompany(manager: EntityManager, companyId: string, customerId: string): Promise<boolean> {
    if (!isUUID(customerId)) return false;
    const rows = await this.exists.run<unknown[]>(manager, { companyId, id: customerId });
    return rows.length > 0;
  }
}
