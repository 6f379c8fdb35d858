import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StoredAnswer } from './stored-answer';

/** `idempotency_keys` (API.md §1.13): a caller's key, its claim, and the answer it got. */
@Entity({ name: 'idempotency_keys' })
@Check('idempotency_keys_state_check', `state IN ('in_flight', 'completed')`)
// The periodic cleanup deletes expired rows along this index, never by scanning the table.
@Index('idempotency_keys_expires_at', ['expiresAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'uuid' }) companyId!: string;
  @PrimaryColumn({ type: 'text' }) callerSub!: string;
  @PrimaryColumn({ type: 'text' }) key!: string;
  /** SHA-256 of method, path and query, media type and body (request-fingerprint.ts). */
  @Column({ type: 'text' }) fingerprint!: string;
  @Column({ type: 'text' }) state!: 'in_flight' | 'completed';
  /** The claim's owner token: only its own request may complete or release it. */
  @Column({ type: 'uuid' }) owner!: string;
  @Column({ type: 'timestamptz' }) lockedUntil!: Date;
  @Column({ type: 'jsonb', nullable: true }) response!: StoredAnswer | null;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
}
