import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { PatchOperation } from '../common/patch';

/** `audit_log` (API.md §1.8): one row per stored change and per audited read. */
@Entity({ name: 'audit_log' })
// History of one record, newest first (id DESC in the migration).
@Index('audit_log_record_idx', ['companyId', 'resource', 'resourceId', 'id'])
@Check('audit_log_kind_check', `kind IN ('change', 'read', 'erased')`)
@Check('audit_log_change_check', `change IN ('created', 'updated', 'erased')`)
// A change row without its change kind would silently be missing from the change feed.
@Check('audit_log_change_kind', `(kind = 'read') = (change IS NULL)`)
// The change feed of one company in (xact_id, id) order (src/changes/change-feed.service.ts).
@Index('audit_log_feed_idx', ['companyId', 'xactId', 'id'], { where: 'change IS NOT NULL' })
export class AuditLogEntity {
  @PrimaryColumn({ type: 'uuid' }) companyId!: string;
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column({ type: 'text' }) resource!: string;
  @Column({ type: 'text' }) resourceId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) actorSub!: string;
  @Column({ type: 'text' }) actorRole!: string;
  @Column({ type: 'text' }) requestId!: string;
  /** 'erased': a GDPR erasure (API.md §6), a change whose ops carry no values. */
  @Column({ type: 'text', default: 'change' }) kind!: 'change' | 'read' | 'erased';
  /** Why (erasures only). */
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'jsonb' }) ops!: PatchOperation[];
  /** The writing transaction (its xid8 as a bigint); the default is evaluated inside that transaction. */
  @Column({ type: 'bigint', default: () => 'current_xact_id_bigint()' }) xactId!: string;
  /** The record's version after a change; null on read rows. */
  @Column({ type: 'integer', nullable: true }) version!: number | null;
  @Column({ type: 'text', nullable: true }) change!: 'created' | 'updated' | 'erased' | null;
}
