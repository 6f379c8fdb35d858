import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The answers of writes sent with an Idempotency-Key (API.md §1.13), kept in PostgreSQL so every
 * instance sees them. The key is the caller's (company + sub + key); `expires_at` is indexed so
 * the periodic cleanup deletes in batches without scanning the table.
 */
export class CreateIdempotencyKeys1732263100000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1732263100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        company_id   uuid        NOT NULL,
        caller_sub   text        NOT NULL,
        key          text        NOT NULL,
        fingerprint  text        NOT NULL,
        state        text        NOT NULL CHECK (state IN ('in_flight', 'completed')),
        owner        uuid        NOT NULL,
        locked_until timestamptz NOT NULL,
        response     jsonb,
        expires_at   timestamptz NOT NULL,
        PRIMARY KEY (company_id, caller_sub, key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
