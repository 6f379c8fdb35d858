import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DeliveryAttemptDto } from './webhook-subscription.dto';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

/** PostgreSQL's own name for the migration's unnamed foreign key. */
const FOREIGN_KEY = 'webhook_deliveries_company_id_subscription_id_fkey';

/**
 * `webhook_deliveries`: the transactional outbox (written by the audit_log trigger in the
 * change's transaction) and the delivery worker's queue.
 */
@Entity({ name: 'webhook_deliveries' })
@Check('webhook_deliveries_state_check', `state IN ('pending', 'delivered', 'failed')`)
// What the worker claims next.
@Index('webhook_deliveries_due_idx', ['nextAttemptAt'], { where: `state = 'pending'` })
// An earlier delivery of the same record to the same subscription still pending holds a later one back.
@Index('webhook_deliveries_order_idx', ['subscriptionId', 'resource', 'resourceId', 'xactId', 'auditId'], { where: `state = 'pending'` })
// GET /webhooks/:id/deliveries, newest first (audit_id DESC in the migration).
@Index('webhook_deliveries_list_idx', ['companyId', 'subscriptionId', 'auditId'])
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' }) companyId!: string;
  /** The delivery id, sent as `webhook-id` (stable across retries); drawn by the trigger. */
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) subscriptionId!: string;
  @Column({ type: 'bigint' }) auditId!: string;
  @Column({ type: 'text' }) event!: string;
  @Column({ type: 'text' }) resource!: string;
  @Column({ type: 'text' }) resourceId!: string;
  /** The change's transaction: per record, (xact_id, audit_id) order is version order. */
  @Column({ type: 'bigint' }) xactId!: string;
  @Column({ type: 'text', default: 'pending' }) state!: 'pending' | 'delivered' | 'failed';
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) nextAttemptAt!: Date;
  /** The lease of the instance sending it now; expired leases are claimed again. */
  @Column({ type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
  @Column({ type: 'jsonb', default: () => `'[]'` }) attempts!: DeliveryAttemptDto[];

  @ManyToOne(() => WebhookSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: FOREIGN_KEY },
    { name: 'subscription_id', referencedColumnName: 'id', foreignKeyConstraintName: FOREIGN_KEY },
  ])
  subscription?: WebhookSubscriptionEntity;
}
