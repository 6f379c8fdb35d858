import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the change feed (API.md §5) needs of each change row: the record's version after the
 * change, whether it created, updated or erased the record, and the id of the transaction that
 * wrote it. `xact_id`'s default is evaluated inside the writing transaction, so the write path
 * does not pass it. It is the xid8 as a bigint (TypeORM has no xid8 type, and the entity is the
 * column map): a 64-bit transaction id stays below 2^63 for any real server's lifetime. See src/changes/change-feed.service.ts for why the feed pages by
 * (xact_id, id) and stops below the oldest transaction still running.
 */
export class AddChangeFeedColumnsToAuditLog1732262900000 implements MigrationInterface {
  name = 'AddChangeFeedColumnsToAuditLog1732262900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // VOLATILE like pg_current_xact_id(): it assigns the transaction id when it has none yet.
    await queryRunner.query(`
      CREATE FUNCTION current_xact_id_bigint() RETURNS bigint LANGUAGE sql VOLATILE AS 'SELECT pg_current_xact_id()::text::bigint'`);
    await queryRunner.query(`
      ALTER TABLE audit_log
        ADD COLUMN xact_id bigint  NOT NULL DEFAULT current_xact_id_bigint(),
        ADD COLUMN version integer,
        ADD COLUMN change  text    CHECK (change IN ('created', 'updated', 'erased'))`);
    // Rows written before this migration: every change bumped the version by one from 1.
    await queryRunner.query(`
      UPDATE audit_log a SET version = n.version, change = CASE WHEN n.version = 1 THEN 'created' ELSE 'updated' END
        FROM (SELECT company_id, id, row_number() OVER (PARTITION BY company_id, resource, resource_id ORDER BY id) AS version
                FROM audit_log WHERE kind = 'change') n
       WHERE a.company_id = n.company_id AND a.id = n.id`);
    // A change row without its change kind would silently be missing from the feed.
    await queryRunner.query(`
      ALTER TABLE audit_log ADD CONSTRAINT audit_log_change_kind CHECK ((kind = 'read') = (change IS NULL))`);
    // The feed of one company in (xact_id, id) order; read audits are not changes.
    await queryRunner.query(
      `CREATE INDEX audit_log_feed_idx ON audit_log (company_id, xact_id, id) WHERE change IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX audit_log_feed_idx`);
    await queryRunner.query(`
      ALTER TABLE audit_log DROP CONSTRAINT audit_log_change_kind,
        DROP COLUMN change, DROP COLUMN version, DROP COLUMN xact_id`);
    await queryRunner.query(`DROP FUNCTION current_xact_id_bigint()`);
  }
}
