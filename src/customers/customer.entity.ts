import { Check, Column, Entity, Index, PrimaryColumn, Unique, VersionColumn } from 'typeorm';

/** A customer's stored access key; ids (UUIDs) are assigned by the server (seed 003). */
export interface StoredAccessKey {
  id: string;
  accessKeyTypeId: number;
  value: string;
  description: string | null;
}

/**
 * `customers` (seeds 001, 003, 004): the one declaration of its columns. The migration
 * `create-customers` creates the same table; test/schema.e2e-spec.ts fails when they differ.
 */
@Entity({ name: 'customers' })
@Unique('customers_company_id_customer_number_key', ['companyId', 'customerNumber'])
@Index('customers_id_idx', ['id'])
@Index('customers_newest_idx', ['companyId', 'createdAt', 'id'])
@Index('customers_user_idx', ['companyId', 'userId'], { where: 'user_id IS NOT NULL' })
@Index('customers_updated_idx', ['companyId', 'updatedAt'])
@Index('customers_active_idx', ['companyId', 'isActive', 'createdAt', 'id'])
// Expression indexes (lower(column)) of the list filters, created by migration list-filter-indexes: TypeORM cannot state them.
@Index('customers_email_lower_idx', { synchronize: false })
@Index('customers_last_name_lower_idx', { synchronize: false })
@Index('customers_personal_id_lower_idx', { synchronize: false })
// NULLS NOT DISTINCT (a null type counts as one type) is in the migration: TypeORM cannot state it.
@Index('customers_personal_id_key', ['companyId', 'personalIdTypeId', 'personalId'], { unique: true, where: 'personal_id IS NOT NULL' })
@Check('customers_restricted_type_id_check', 'restricted_type_id IN (0, 1, 2)')
@Check('customers_cooperative_sum_check', 'cooperative_sum >= 0')
export class CustomerEntity {
  @PrimaryColumn({ type: 'uuid' }) companyId!: string;
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'integer' }) customerNumber!: number;
  @Column({ type: 'text', nullable: true }) userId!: string | null;
  @Column({ type: 'text', nullable: true }) firstName!: string | null;
  @Column({ type: 'text', nullable: true }) lastName!: string | null;
  @Column({ type: 'text', nullable: true }) name!: string | null;
  @Column({ type: 'text', nullable: true }) nameExtension!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ type: 'text', nullable: true }) phone2!: string | null;
  @Column({ type: 'jsonb', nullable: true }) smsNumbers!: string[] | null;
  @Column({ type: 'boolean', default: false }) smsDisabled!: boolean;
  @Column({ type: 'boolean', default: true }) editableByCustomer!: boolean;
  @Column({ type: 'boolean', default: false }) subscribedToNewsletter!: boolean;
  @Column({ type: 'boolean', default: false }) notificationConsent!: boolean;
  @Column({ type: 'boolean', default: true }) isActive!: boolean;
  @Column({ type: 'text', nullable: true }) identityNumber!: string | null;
  @Column({ type: 'text', nullable: true }) invoiceName!: string | null;
  @Column({ type: 'text', nullable: true }) personalId!: string | null;
  @Column({ type: 'integer', nullable: true }) personalIdTypeId!: number | null;
  @Column({ type: 'text', nullable: true }) personalIdTypeExtRef!: string | null;
  @Column({ type: 'text', nullable: true }) extRef!: string | null;
  /** 'YYYY-MM-DD' (pg's date parser is switched off in typeorm-options.ts). */
  @Column({ type: 'date', nullable: true }) dateOfBirth!: string | null;
  @Column({ type: 'integer', default: 0 }) sex!: number;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  @Column({ type: 'integer', nullable: true }) languageId!: number | null;
  @Column({ type: 'integer', nullable: true }) statusId!: number | null;
  @Column({ type: 'integer', nullable: true }) typeId!: number | null;
  @Column({ type: 'integer', nullable: true }) addressId!: number | null;
  @Column({ type: 'integer', nullable: true }) apartmentId!: number | null;
  @Column({ type: 'integer', nullable: true }) waterDatabaseId!: number | null;
  @Column({ type: 'integer', default: 0 }) restrictedTypeId!: number;
  @Column({ type: 'text', nullable: true }) country!: string | null;
  @Column({ type: 'text', nullable: true }) invoicingCountry!: string | null;
  @Column({ type: 'boolean', default: false }) cooperativeMember!: boolean;
  @Column({ type: 'date', nullable: true }) cooperativeDate!: string | null;
  @Column({ type: 'date', nullable: true }) cooperativeReimbursementDate!: string | null;
  /** numeric travels as text both ways: exact. */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true }) cooperativeSum!: string | null;
  @Column({ type: 'text', nullable: true }) imageUrl!: string | null;
  @Column({ type: 'jsonb', nullable: true }) invoiceAddress!: Record<string, unknown> | null;
  /** Config id (as text) -> value; only values that are set. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) customFieldValues!: Record<string, string>;
  @Column({ type: 'jsonb', nullable: true }) customProperties!: Record<string, string> | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) accessKeys!: StoredAccessKey[];
  /** Set when the customer was anonymised (API.md §6); later writes are 409. */
  @Column({ type: 'timestamptz', nullable: true }) erasedAt!: Date | null;
  @VersionColumn({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
