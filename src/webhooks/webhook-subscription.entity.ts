import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `webhook_subscriptions` (API.md §5): where a company's changes are announced. */
@Entity({ name: 'webhook_subscriptions' })
// The audit_log trigger looks up a company's enabled subscriptions on every change.
@Index('webhook_subscriptions_enabled_idx', ['companyId'], { where: 'enabled' })
export class WebhookSubscriptionEntity {
  @PrimaryColumn({ type: 'uuid' }) companyId!: string;
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text', array: true }) events!: string[];
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  /** AES-256-GCM under WEBHOOK_SECRET_KEY: the worker must be able to sign with it. */
  @Column({ type: 'text' }) secretEncrypted!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
