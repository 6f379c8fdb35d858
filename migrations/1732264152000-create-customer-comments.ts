import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seed 003's customer comments (API.md §4): rows of their own rather than a jsonb array on the
 * customer, so adding one never rewrites the customer's other data, the full list pages by an
 * index, and the customer document carries only the newest few. Keyed with the company like
 * every tenant table; removed with their customer.
 */
export class CreateCustomerComments1732264152000 implements MigrationInterface {
  name = 'CreateCustomerComments1732264152000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customer_comments (
        company_id  uuid        NOT NULL,
        id          integer     GENERATED ALWAYS AS IDENTITY,
        customer_id uuid        NOT NULL,
        comments    text        NOT NULL,
        image_url   text,
        created_at  timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL,
        PRIMARY KEY (company_id, id),
        FOREIGN KEY (company_id, customer_id) REFERENCES customers (company_id, id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX customer_comments_newest_idx ON customer_comments (company_id, customer_id, created_at DESC, id DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE customer_comments`);
  }
}
