import { Check, Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** `custom_field_configs` (seed 003): a company's custom field definitions. */
@Entity({ name: 'custom_field_configs' })
@Check('custom_field_configs_data_type_check', `data_type IN ('TextBox', 'DropDown', 'Number', 'Date', 'CheckBox')`)
export class CustomFieldConfigEntity {
  @PrimaryColumn({ type: 'uuid' }) companyId!: string;
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'ALWAYS' }) id!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'text' }) dataType!: 'TextBox' | 'DropDown' | 'Number' | 'Date' | 'CheckBox';
  @Column({ type: 'boolean', default: false }) isMandatory!: boolean;
  @Column({ type: 'text', nullable: true }) mandatoryErrorMessage!: string | null;
  @Column({ type: 'integer', nullable: true }) maxLength!: number | null;
  @Column({ type: 'text', nullable: true }) regEx!: string | null;
  @Column({ type: 'text', nullable: true }) regExErrorMessage!: string | null;
  @Column({ type: 'text', nullable: true }) defaultValue!: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) values!: Array<{ value: string }>;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
