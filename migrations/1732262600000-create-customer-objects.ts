import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCustomerObjects1732262600000 implements MigrationInterface {
  name = 'CreateCustomerObjects1732262600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Per-company counters for gapless numbers (objects' `number`, customers' `customerNumber`):
    // incremented inside the creating transaction, so a rollback gives the number back.
    await queryRunner.query(`
      CREATE TABLE company_sequences (
        company_id uuid    NOT NULL,
        name       text    NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (company_id, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE customer_objects (
        company_id               uuid             NOT NULL,
        id                       uuid             NOT NULL,
        number                   integer          NOT NULL,
        chat_id                  text             NOT NULL,
        customer_id              uuid,
        name                     text             NOT NULL,
        status                   integer          NOT NULL DEFAULT 0,
        status_created_at        timestamptz      NOT NULL,
        status_created_by        text             NOT NULL,
        status_last_modified_at  timestamptz      NOT NULL,
        status_last_modified_by  text             NOT NULL,
        contact                  jsonb,
        contract                 jsonb,
        object_manager_id        text,
        material                 jsonb,
        address                  jsonb,
        location                 jsonb,
        rating                   double precision,
        description              text,
        security_code            jsonb,
        key                      jsonb,
        order_description        text,
        contact_name             text,
        invoice_recipient_id     text,
        invoice_cc_recipient_ids jsonb,
        service_recipient        text,
        contact_ids              jsonb,
        tags                     jsonb,
        version                  integer          NOT NULL DEFAULT 1,
        created_at               timestamptz      NOT NULL,
        updated_at               timestamptz      NOT NULL,
        PRIMARY KEY (company_id, id),
        UNIQUE (company_id, number)
      )`);
    // Lookup by id alone serves superadmins, who may act across companies.
    await queryRunner.query(`CREATE INDEX customer_objects_id_idx ON customer_objects (id)`);
    await queryRunner.query(
      `CREATE INDEX customer_objects_newest_idx ON customer_objects (company_id, created_at DESC, id DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE customer_objects`);
    await queryRunner.query(`DROP TABLE company_sequences`);
  }
}
