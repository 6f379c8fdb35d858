import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiClients1732262400000 implements MigrationInterface {
  name = 'CreateApiClients1732262400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_clients (
        client_id   uuid PRIMARY KEY,
        company_id  uuid NOT NULL,
        name        text NOT NULL,
        secret_hash text NOT NULL,
        role        text NOT NULL CHECK (role IN ('user', 'admin', 'superadmin')),
        scope       text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX api_clients_company_id_idx ON api_clients (company_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_clients`);
  }
}
