import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { PatchOperation } from '../common/patch';

/** `audit_log` (API.md §1.8): one row per stored change and per audited read. */
@Entity({ name: 'audit_log' })
// History of one record, newest first (id DESC in the migration).
@Index('audit_log_record_idx', ['companyId', 'resource', 'resourceId', 'id'])
@Check('audit_log_kind_check', `kind IN ('change', 'read', 'erased')`)
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
}
