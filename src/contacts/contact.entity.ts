import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

type Json = Record<string, unknown>;

/** A stored interest: the name is resolved from the reference list on read. */
export interface StoredInterest {
  id: number;
  selected: boolean;
}

/**
 * `contacts` (seed 002): the one declaration of its columns. The migration `create-contacts`
 * creates the same table; test/schema.e2e-spec.ts fails when they differ.
 */
@Entity({ name: 'contacts' })
@Index('contacts_contact_id_idx', ['contactId'])
@Index('contacts_newest_idx', ['companyId', 'createdAt', 'contactId'])
@Index('contacts_updated_idx', ['companyId', 'updatedAt'])
// Expression indexes (lower(column)) of the list filters, created by migration list-filter-indexes: TypeORM cannot state them.
@Index('contacts_name_lower_idx', { synchronize: false })
@Index('contacts_org_nr_lower_idx', { synchronize: false })
@Index('contacts_department_lower_idx', { synchronize: false })
export class ContactEntity {
  @PrimaryColumn({ type: 'uuid' }) companyId!: string;
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'ALWAYS' }) contactId!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) department!: string | null;
  @Column({ type: 'text', nullable: true }) orgNr!: string | null;
  @Column({ type: 'text', nullable: true }) number1!: string | null;
  @Column({ type: 'text', nullable: true }) number2!: string | null;
  @Column({ type: 'text', nullable: true }) kananame!: string | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'boolean', default: false }) noMailing!: boolean;
  @Column({ type: 'boolean', default: false }) xstop!: boolean;
  @Column({ type: 'integer', default: 0 }) deleted!: number;
  @Column({ type: 'integer', default: 0 }) source!: number;
  @Column({ type: 'jsonb', nullable: true }) emails!: Json[] | null;
  @Column({ type: 'jsonb', nullable: true }) phones!: Json[] | null;
  @Column({ type: 'jsonb', nullable: true }) faxes!: Json[] | null;
  @Column({ type: 'jsonb', nullable: true }) urls!: Json[] | null;
  @Column({ type: 'integer', nullable: true }) categoryId!: number | null;
  @Column({ type: 'integer', nullable: true }) businessId!: number | null;
  @Column({ type: 'integer', nullable: true }) countryId!: number | null;
  @Column({ type: 'jsonb', nullable: true }) interests!: StoredInterest[] | null;
  @Column({ type: 'jsonb', nullable: true }) address!: Json | null;
  @Column({ type: 'jsonb', nullable: true }) customFields!: Json | null;
  @Column({ type: 'text' }) createdBy!: string;
  @Column({ type: 'text' }) updatedBy!: string;
  @VersionColumn({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
