import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditLog1732262500000 implements MigrationInterface {
  name = 'CreateAuditLog1732262500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_log (
        company_id  uuid        NOT NULL,
        id          bigint      GENERATED ALWAYS AS IDENTITY,
        resource    text        NOT NULL,
        resource_id text        NOT NULL,
        at          timestamptz NOT NULL,
        actor_sub   text        NOT NULL,
        actor_role  text        NOT NULL,
        request_id  text        NOT NULL,
        kind        text        NOT NULL DEFAULT 'change' CHECK (kind IN ('change', 'read')),
        ops         jsonb       NOT NULL,
        PRIMARY KEY (company_id, id)
      )`);
    // History of one record, newest first.
    await queryRunner.query(
      `CREATE INDEX audit_log_record_idx ON audit_log (company_id, resource, resource_id, id DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
  }
}
