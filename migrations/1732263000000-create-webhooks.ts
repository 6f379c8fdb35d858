import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook subscriptions and the transactional outbox of their deliveries (API.md §5).
 *
 * The outbox rows are written by a trigger on audit_log: every stored change already writes
 * exactly one audit row in the statement (and so the transaction) of the change, whatever
 * door or store it came through, so a trigger there covers every write path without touching
 * the stores, and a rolled-back write leaves neither the change nor its deliveries. It costs
 * one lookup of the company's enabled subscriptions (a partial index) per change.
 */
export class CreateWebhooks1732263000000 implements MigrationInterface {
  name = 'CreateWebhooks1732263000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_subscriptions (
        company_id       uuid        NOT NULL,
        id               uuid        NOT NULL,
        url              text        NOT NULL,
        events           text[]      NOT NULL,
        description      text,
        enabled          boolean     NOT NULL DEFAULT true,
        -- AES-256-GCM under WEBHOOK_SECRET_KEY: the worker must be able to sign with it.
        secret_encrypted text        NOT NULL,
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        PRIMARY KEY (company_id, id)
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_subscriptions_enabled_idx ON webhook_subscriptions (company_id) WHERE enabled`,
    );
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        company_id      uuid        NOT NULL,
        id              uuid        NOT NULL,
        subscription_id uuid        NOT NULL,
        audit_id        bigint      NOT NULL,
        event           text        NOT NULL,
        resource        text        NOT NULL,
        resource_id     text        NOT NULL,
        -- The change's transaction: per record, (xact_id, audit_id) order is version order.
        xact_id         bigint      NOT NULL,
        state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
        created_at      timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        -- The lease of the instance sending it now; expired leases are claimed again.
        locked_until    timestamptz,
        attempts        jsonb       NOT NULL DEFAULT '[]',
        PRIMARY KEY (company_id, id),
        FOREIGN KEY (company_id, subscription_id) REFERENCES webhook_subscriptions ON DELETE CASCADE
      )`);
    // What the worker claims next.
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'pending'`,
    );
    // An earlier delivery of the same record to the same subscription still pending holds a later one back.
    await queryRunner.query(`
      CREATE INDEX webhook_deliveries_order_idx ON webhook_deliveries (subscription_id, resource, resource_id, xact_id, audit_id)
        WHERE state = 'pending'`);
    // GET /webhooks/:id/deliveries, newest first.
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_list_idx ON webhook_deliveries (company_id, subscription_id, audit_id DESC)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION enqueue_webhook_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO webhook_deliveries (company_id, id, subscription_id, audit_id, event, resource, resource_id, xact_id)
        SELECT s.company_id, gen_random_uuid(), s.id, NEW.id, NEW.resource || '.' || NEW.change, NEW.resource, NEW.resource_id, NEW.xact_id
          FROM webhook_subscriptions s
         WHERE s.company_id = NEW.company_id AND s.enabled
           AND s.events && ARRAY['*', NEW.resource || '.' || NEW.change];
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_webhook_outbox AFTER INSERT ON audit_log
        FOR EACH ROW WHEN (NEW.change IS NOT NULL) EXECUTE FUNCTION enqueue_webhook_deliveries()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_log_webhook_outbox ON audit_log`);
    await queryRunner.query(`DROP FUNCTION enqueue_webhook_deliveries()`);
    await queryRunner.query(`DROP TABLE webhook_deliveries`);
    await queryRunner.query(`DROP TABLE webhook_subscriptions`);
  }
}
