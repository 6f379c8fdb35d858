import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CustomerEntity } from '../customer.entity';

/** PostgreSQL's own name for the migration's unnamed foreign key. */
const FOREIGN_KEY = 'customer_comments_company_id_customer_id_fkey';

/**
 * `customer_comments` (seed 003): the one declaration of its columns. The migration
 * `create-customer-comments` creates the same table; test/schema.e2e-spec.ts fails when they differ.
 */
@Entity({ name: 'customer_comments' })
// A customer's comments, newest first (created_at DESC, id DESC in the migration).
@Index('customer_comments_newest_idx', ['companyId', 'customerId', 'createdAt', 'id'])
export class CustomerCommentEntity {
  @PrimaryColumn({ type: 'uuid' }) companyId!: string;
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'ALWAYS' }) id!: number;
  @Column({ type: 'uuid' }) customerId!: string;
  @Column({ type: 'text' }) comments!: string;
  @Column({ type: 'text', nullable: true }) imageUrl!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: FOREIGN_KEY },
    { name: 'customer_id', referencedColumnName: 'id', foreignKeyConstraintName: FOREIGN_KEY },
  ])
  customer?: CustomerEntity;
}
