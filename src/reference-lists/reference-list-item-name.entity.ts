import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ReferenceListItemEntity } from './reference-list-item.entity';

/** PostgreSQL's own name for the migration's unnamed foreign key. */
const FOREIGN_KEY = 'reference_list_item_names_list_name_id_fkey';

/**
 * `reference_list_item_names`: an item's name in a language other than English (API.md §3).
 * The migration `add-reference-list-names` creates the same table.
 */
@Entity({ name: 'reference_list_item_names' })
@Check('reference_list_item_names_language_check', `language ~ '^[a-z]{2}$'`)
export class ReferenceListItemNameEntity {
  @PrimaryColumn({ type: 'text' }) listName!: string;
  @PrimaryColumn({ type: 'integer' }) id!: number;
  @PrimaryColumn({ type: 'text' }) language!: string;
  @Column({ type: 'text' }) name!: string;

  @ManyToOne(() => ReferenceListItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'list_name', referencedColumnName: 'listName', foreignKeyConstraintName: FOREIGN_KEY },
    { name: 'id', referencedColumnName: 'id', foreignKeyConstraintName: FOREIGN_KEY },
  ])
  item?: ReferenceListItemEntity;
}
