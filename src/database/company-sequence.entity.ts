import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * `company_sequences`: per-company counters for gapless numbers (objects' `number`, customers'
 * `customerNumber`), incremented inside the creating transaction.
 */
@Entity({ name: 'company_sequences' })
export class CompanySequenceEntity {
  @PrimaryColumn({ type: 'uuid' }) companyId!: string;
  @PrimaryColumn({ type: 'text' }) name!: string;
  @Column({ type: 'integer' }) lastValue!: number;
}
