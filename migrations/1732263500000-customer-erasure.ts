import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GDPR erasure (API.md §6): `customers.erased_at` marks an anonymised customer (later writes
 * are 409), and its audit row has kind 'erased' with the admin's reason in `audit_log.reason`.
 */
export class CustomerErasure1732263500000 implements MigrationInterface {
  name = 'CustomerErasure1732263500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE customers ADD COLUMN erased_at timestamptz`);
    await queryRunner.query(`ALTER TABLE audit_log ADD COLUMN reason text`);
    await queryRunner.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_kind_check`);
    await queryRunner.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_kind_check CHECK (kind IN ('change', 'read', 'erased'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_kind_check`);
    await queryRunner.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_kind_check CHECK (kind IN ('change', 'read'))`);
    await queryRunner.query(`ALTER TABLE audit_log DROP COLUMN reason`);
    await queryRunner.query(`ALTER TABLE customers DROP COLUMN erased_at`);
  }
}
