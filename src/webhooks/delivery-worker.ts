import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { AppConfig, WebhooksConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { ChangeRow, toChangeEvent } from '../changes/change-resources';
import { PreparedStatement } from '../database/prepared-statement';
import { retryDelayMs } from './retry-schedule';
import { AttemptOutcome, sendWebhook } from './webhook-sender';
import { SecretBox } from './webhook-secret';

interface ClaimedDelivery extends ChangeRow {
  id: string;
  company_id: string;
  subscription_id: string;
  event: string;
  created_at: Date;
  attempt_count: number;
  url: string;
  secret_encrypted: string;
}

/*
 * The claim: due deliveries of enabled subscriptions, oldest due first, skipping any whose
 * subscription still has an earlier change of the same record pending (per subscription and
 * record, deliveries go out in version order: (xact_id, audit_id) order is version order, see
 * change-feed.service.ts). FOR UPDATE SKIP LOCKED keeps two instances from claiming the same
 * row in the same moment; the lease (locked_until) keeps them apart while it is being sent,
 * and lets another instance take it over when the sender died. The lease outlasts the send
 * timeout, so a live sender always finishes first.
 *
 * Why not pg-boss: the outbox rows must be written in the transaction of the change, by the
 * audit_log trigger, in SQL; pg-boss jobs are created through its API on its own connections,
 * and it has no notion of "hold this job while an earlier one for the same key is pending".
 * Its queue would be a second copy of the outbox to keep in step, so the outbox is the queue.
 */
const CLAIM = new PreparedStatement(
  'webhooks.claim',
  `WITH due AS (
     SELECT d.company_id, d.id FROM webhook_deliveries d
       JOIN webhook_subscriptions s ON s.company_id = d.company_id AND s.id = d.subscription_id AND s.enabled
      WHERE d.state = 'pending' AND d.next_attempt_at <= now() AND (d.locked_until IS NULL OR d.locked_until <= now())
        AND NOT EXISTS (
          SELECT 1 FROM webhook_deliveries p
           WHERE p.subscription_id = d.subscription_id AND p.resource = d.resource AND p.resource_id = d.resource_id
             AND p.state = 'pending' AND (p.xact_id, p.audit_id) < (d.xact_id, d.audit_id))
      ORDER BY d.next_attempt_at
      LIMIT :batchSize
      FOR UPDATE OF d SKIP LOCKED),
   claimed AS (
     UPDATE webhook_deliveries w SET locked_until = now() + make_interval(secs => :leaseMs::double precision / 1000)
       FROM due WHERE w.company_id = due.company_id AND w.id = due.id
     RETURNING w.*)
   SELECT c.id, c.company_id, c.subscription_id, c.event, c.created_at, jsonb_array_length(c.attempts) AS attempt_count,
          s.url, s.secret_encrypted,
          a.resource, a.resource_id, a.change, a.version, a.at, a.actor_sub, a.actor_role, a.ops
     FROM claimed c
     JOIN webhook_subscriptions s ON s.company_id = c.company_id AND s.id = c.subscription_id
     JOIN audit_log a ON a.company_id = c.company_id AND a.id = c.audit_id`,
);

/**
 * Records one attempt: delivered, failed for good, or due again at :nextAttemptAt. A retry also moves the
 * record's later deliveries to that time: they wait for this one anyway, and the claim then does
 * not look at them on every poll while a receiver stays down.
 */
const RECORD = new PreparedStatement(
  'webhooks.record-attempt',
  `WITH recorded AS (
     UPDATE webhook_deliveries SET state = :state, next_attempt_at = coalesce(:nextAttemptAt, next_attempt_at), locked_until = NULL,
            attempts = attempts || jsonb_build_array(:attempt::jsonb)
      WHERE company_id = :companyId AND id = :id
     RETURNING subscription_id, resource, resource_id, xact_id, audit_id)
   UPDATE webhook_deliveries w SET next_attempt_at = :nextAttemptAt
     FROM recorded r
    WHERE :nextAttemptAt::timestamptz IS NOT NULL AND w.company_id = :companyId AND w.subscription_id = r.subscription_id
      AND w.resource = r.resource AND w.resource_id = r.resource_id AND w.state = 'pending'
      AND (w.xact_id, w.audit_id) > (r.xact_id, r.audit_id) AND w.next_attempt_at < :nextAttemptAt`,
);

/** Extra lease time beyond the send timeout, for signing and recording the outcome. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Sends the outbox (API.md §5) from inside the app process: every instance polls, claims a
 * batch, signs with the Standard Webhooks scheme and records each attempt. At-least-once: a
 * receiver that answers after the timeout, or an instance that dies after the receiver's 2xx
 * and before recording it, gets the delivery again, with the same `webhook-id`.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly config: WebhooksConfig;
  private readonly secrets: SecretBox;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.config = config.webhooks;
    this.secrets = new SecretBox(config.webhooks.secretKey);
  }

  onApplicationBootstrap(): void {
    if (this.config.usingDevelopmentKey) {
      this.logger.warn('WEBHOOK_SECRET_KEY is not set: using the development default. Never do this in production.');
    }
    this.schedule();
  }

  /** Stops polling and waits for the batch in flight, before the database pool closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.poll().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.config.pollIntervalMs);
  }

  private async poll(): Promise<void> {
    try {
      // A full batch means more may be due: claim again at once instead of waiting a tick.
      for (let claimed = this.config.batchSize; claimed === this.config.batchSize && !this.stopped; ) {
        const batch = await CLAIM.run<ClaimedDelivery[]>(this.dataSource.manager, {
          batchSize: this.config.batchSize,
          leaseMs: this.config.timeoutMs + LEASE_MARGIN_MS,
        });
        claimed = batch.length;
        await Promise.all(batch.map((delivery) => this.deliver(delivery)));
      }
    } catch (error) {
      // The database may be away (its outage is answered elsewhere); the next tick tries again.
      this.logger.warn(`webhook delivery poll failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const event = toChangeEvent(delivery);
    const body = JSON.stringify({
      type: delivery.event,
      timestamp: event.at,
      data: {
        resource: event.resource,
        id: event.resourceId,
        companyId: delivery.company_id,
        version: event.version,
        kind: event.kind,
        actor: event.actor,
        ops: event.ops,
      },
    });
    const now = new Date();
    let secret: string;
    try {
      secret = this.secrets.open(delivery.secret_encrypted, delivery.subscription_id);
    } catch {
      // Sealed under another WEBHOOK_SECRET_KEY: a failed attempt like any other; rotating the secret fixes it.
      const error = 'the signing secret cannot be read (WEBHOOK_SECRET_KEY changed?): rotate it';
      return this.record(delivery, now, { ok: false, status: null, durationMs: 0, error });
    }
    const headers = {
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(delivery.id, now, body),
    };
    const outcome = await sendWebhook(delivery.url, body, headers, this.config.timeoutMs, this.config);
    await this.record(delivery, now, outcome);
  }

  private async record(delivery: ClaimedDelivery, at: Date, outcome: AttemptOutcome): Promise<void> {
    const attempt = { at: at.toISOString(), status: outcome.status, durationMs: outcome.durationMs, error: outcome.error };
    let state = 'delivered';
    let next: Date | null = null;
    if (!outcome.ok) {
      const deadline = delivery.created_at.getTime() + this.config.maxAgeMs;
      const retryAt = Date.now() + retryDelayMs(this.config.retryScheduleMs, delivery.attempt_count + 1);
      // The last try lands on the deadline; a failure at or after it is final.
      state = Date.now() >= deadline ? 'failed' : 'pending';
      next = state === 'pending' ? new Date(Math.min(retryAt, deadline)) : null;
    }
    await RECORD.run(this.dataSource.manager, {
      companyId: delivery.company_id,
      id: delivery.id,
      state,
      attempt: JSON.stringify(attempt),
      nextAttemptAt: next,
    });
  }
}
