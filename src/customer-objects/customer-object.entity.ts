import { Column, Entity, Index, PrimaryColumn, Unique, VersionColumn } from 'typeorm';

type Json = Record<string, unknown>;

/** A contract's period, stored as instants in UTC (customer-object.mapping.ts). */
export interface StoredContract {
  startDate: string | null;
  endDate: string | null;
}

/**
 * `customer_objects` (seed 000): the one declaration of its columns. The migration
 * `create-customer-objects` creates the same table; test/schema.e2e-spec.ts fails when they differ.
 */
@Entity({ name: 'customer_objects' })
@Unique('customer_objects_company_id_number_key', ['companyId', 'number'])
@Index('customer_objects_id_idx', ['id'])
@Index('customer_objects_newest_idx', ['companyId', 'createdAt', 'id'])
@Index('customer_objects_updated_idx', ['companyId', 'updatedAt'])
@Index('customer_objects_customer_idx', ['companyId', 'customerId'])
// Expression indexes (lower(column)) of the list filters, created by migration list-filter-indexes: TypeORM cannot state them.
@Index('customer_objects_name_lower_idx', { synchronize: false })
export class CustomerObjectEntity {
  @PrimaryColumn({ type: 'uuid' }) companyId!: string;
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'integer' }) number!: number;
  @Column({ type: 'text' }) chatId!: string;
  @Column({ type: 'uuid', nullable: true }) customerId!: string | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'integer', default: 0 }) status!: number;
  @Column({ type: 'timestamptz' }) statusCreatedAt!: Date;
  @Column({ type: 'text' }) statusCreatedBy!: string;
  @Column({ type: 'timestamptz' }) statusLastModifiedAt!: Date;
  @Column({ type: 'text' }) statusLastModifiedBy!: string;
  @Column({ type: 'jsonb', nullable: true }) contact!: Json | null;
  @Column({ type: 'jsonb', nullable: true }) contract!: StoredContract | null;
  @Column({ type: 'text', nullable: true }) objectManagerId!: string | null;
  @Column({ type: 'jsonb', nullable: true }) material!: Json[] | null;
  @Column({ type: 'jsonb', nullable: true }) address!: Json | null;
  @Column({ type: 'jsonb', nullable: true }) location!: Json | null;
  @Column({ type: 'double precision', nullable: true }) rating!: number | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'jsonb', nullable: true }) securityCode!: unknown;
  @Column({ type: 'jsonb', nullable: true }) key!: unknown;
  @Column({ type: 'text', nullable: true }) orderDescription!: string | null;
  @Column({ type: 'text', nullable: true }) contactName!: string | null;
  @Column({ type: 'text', nullable: true }) invoiceRecipientId!: string | null;
  @Column({ type: 'jsonb', nullable: true }) invoiceCCRecipientIds!: string[] | null;
  @Column({ type: 'text', nullable: true }) serviceRecipient!: string | null;
  @Column({ type: 'jsonb', nullable: true }) contactIds!: string[] | null;
  @Column({ type: 'jsonb', nullable: true }) tags!: string[] | null;
  @VersionColumn({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
