import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the list filters (API.md §6), so no filter scans a company's table: text filters
 * compare lower(column) (case-insensitive, see src/database/list-filter-sql.ts), so their
 * indexes are on that expression. Expression indexes cannot be declared on a TypeORM entity,
 * hence only here. Already served: customerNumber and number (the unique (company_id, number)
 * keys), userId (customers_user_idx).
 */
const INDEXES: Array<[name: string, definition: string]> = [
  ['customers_updated_idx', 'customers (company_id, updated_at)'],
  ['customers_email_lower_idx', 'customers (company_id, lower(email))'],
  ['customers_last_name_lower_idx', 'customers (company_id, lower(last_name))'],
  ['customers_personal_id_lower_idx', 'customers (company_id, lower(personal_id), personal_id_type_id)'],
  ['customers_active_idx', 'customers (company_id, is_active, created_at DESC, id DESC)'],
  ['customer_objects_updated_idx', 'customer_objects (company_id, updated_at)'],
  ['customer_objects_name_lower_idx', 'customer_objects (company_id, lower(name))'],
  ['customer_objects_customer_idx', 'customer_objects (company_id, customer_id)'],
  ['contacts_updated_idx', 'contacts (company_id, updated_at)'],
  ['contacts_name_lower_idx', 'contacts (company_id, lower(name))'],
  ['contacts_org_nr_lower_idx', 'contacts (company_id, lower(org_nr))'],
  ['contacts_department_lower_idx', 'contacts (company_id, lower(department))'],
];

export class ListFilterIndexes1732263400000 implements MigrationInterface {
  name = 'ListFilterIndexes1732263400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) await queryRunner.query(`CREATE INDEX ${name} ON ${definition}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await queryRunner.query(`DROP INDEX ${name}`);
  }
}
