import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';

/** What other modules may ask about customers (CustomerObjects' `customerId` check). */
@Injectable()
export class CustomersLookup {
  async existsInCompany(manager: EntityManager, companyId: string, customerId: string): Promise<boolean> {
    if (!isUUID(customerId)) return false;
    const rows: unknown[] = await manager.query('SELECT 1 FROM customers WHERE company_id = $1 AND id = $2', [companyId, customerId]);
    return rows.length > 0;
  }
}
