import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `reference_list_items`: global reference data (not tenant rows) that contacts point into. */
@Entity({ name: 'reference_list_items' })
export class ReferenceListItemEntity {
  @PrimaryColumn({ type: 'text' }) listName!: string;
  @PrimaryColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) code!: string | null;
  @Column({ type: 'integer' }) rank!: number;
}
