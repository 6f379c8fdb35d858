import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, WebhooksConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { deliveryMessage } from './delivery-message';
import { recordedOutcome } from './delivery-outcome';
import { DELIVERY_PACING, DeliveryPacing } from './delivery-pacing';
import { ClaimedDelivery, CLAIM, RECORD_BATCH, RecordedOutcome } from './delivery-statements';
import { WebhookSender } from './webhook-sender';
import { SecretBox } from './webhook-secret';

/** Extra lease time beyond the send timeout, for signing and recording the outcome. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Sends the outbox (API.md §5): polls, claims a batch, signs each delivery with the Standard
 * Webhooks scheme, sends them at once and records the batch's attempts in one statement. It runs
 * in the app process (WEBHOOK_DELIVERY=in-process) or in `npm run worker`; any number of them
 * may share a database. At-least-once: a receiver that answers after the timeout, or a worker
 * that dies after the receiver's 2xx and before recording it, gets the delivery again, with the
 * same `webhook-id`. In the API process it yields to the requests (delivery-pacing.ts).
 *
 * Why polling and not LISTEN/NOTIFY from the outbox trigger: a NOTIFY takes a database-wide lock
 * when its transaction commits, so every write would queue behind every other one; and an idle
 * poll is one prepared statement on a partial index that finds nothing.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly config: WebhooksConfig;
  private readonly secrets: SecretBox;
  private readonly sender: WebhookSender;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DELIVERY_PACING) private readonly pacing: DeliveryPacing,
  ) {
    this.config = config.webhooks;
    this.secrets = new SecretBox(config.webhooks.secretKey);
    this.sender = new WebhookSender(config.webhooks, config.webhooks.timeoutMs);
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
    this.sender.close();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.pacing.waiting();
    this.timer = setTimeout(() => {
      this.running = this.poll().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.config.pollIntervalMs);
  }

  private async poll(): Promise<void> {
    try {
      const budgetMs = this.pacing.tickBudgetMs();
      const started = Date.now();
      // A full batch means more may be due: claim again at once instead of waiting a tick,
      // while the tick's budget lasts (the first batch always goes).
      for (let claimed = this.config.batchSize; claimed === this.config.batchSize && !this.stopped; ) {
        const batch = await CLAIM.run<ClaimedDelivery[]>(this.dataSource.manager, {
          batchSize: this.config.batchSize,
          leaseMs: this.config.timeoutMs + LEASE_MARGIN_MS,
        });
        claimed = batch.length;
        if (claimed === 0) return;
        const outcomes = await Promise.all(batch.map((delivery) => this.deliver(delivery)));
        await RECORD_BATCH.run(this.dataSource.manager, { outcomes: JSON.stringify(outcomes) });
        if (Date.now() - started >= budgetMs) return;
      }
    } catch (error) {
      // The database may be away (its outage is answered elsewhere); the next tick tries again,
      // and a batch whose outcome was not recorded is sent again when its lease runs out.
      this.logger.warn(`webhook delivery poll failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<RecordedOutcome> {
    const now = new Date();
    let secret: string;
    try {
      secret = this.secrets.open(delivery.secret_encrypted, delivery.subscription_id);
    } catch {
      // Sealed under another WEBHOOK_SECRET_KEY: a failed attempt like any other; rotating the secret fixes it.
      const error = 'the signing secret cannot be read (WEBHOOK_SECRET_KEY changed?): rotate it';
      return recordedOutcome(delivery, now, { ok: false, status: null, durationMs: 0, error }, this.config);
    }
    const { body, headers } = deliveryMessage(delivery, secret, now);
    return recordedOutcome(delivery, now, await this.sender.send(delivery.url, body, headers), this.config);
  }
}
