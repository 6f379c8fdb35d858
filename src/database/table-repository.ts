import { EntityManager } from 'typeorm';
import { invalidCursor } from '../common/pagination/page';
import { FilterValues, ListFilter } from '../common/resource/list-filters';
import { RecordPage, RecordRepository, RecordWrite, StoredRecord, WriteContext } from '../common/resource/record-repository';
import { ResourceDocument } from '../common/resource/resource-document';
import { DocumentMapping } from './document-mapping';
import { ColumnOf, InsertValues, RecordTable, TenantRecordEntity, UpdateValues, Visibility } from './record-table';
import { isoInstant } from './timestamps';

/** A table's entity as a repository reads it back: a record also has its last change time. */
export interface StampedRecordEntity extends TenantRecordEntity {
  updatedAt: Date;
}

/**
 * A RecordRepository over one RecordTable and the DocumentMapping of its documents: finding,
 * writing, listing and the empty document are the same for every resource. A resource's
 * repository says only what differs: how its ids read (`parseId`), and the columns the server
 * sets on insert (numbers, ids, creation stamps) and on update (who and when).
 *
 * `E` is the entity, `I` its id property, `S` the insert-only columns, `X` any extra result
 * columns, `W` the columns a document writes, `T` the resource class.
 */
export abstract class TableRepository<E extends StampedRecordEntity, I extends ColumnOf<E>, S extends ColumnOf<E>, X, W extends object, T>
  implements RecordRepository<ResourceDocument<T>>
{
  abstract readonly resourceName: string;
  readonly filters: readonly ListFilter[];

  protected constructor(
    protected readonly table: RecordTable<E, I, S, X>,
    protected readonly mapping: DocumentMapping<E & X, W, T>,
  ) {
    this.filters = table.filters;
  }

  /** The id of a URL or cursor, or undefined when no record can have it (a 404, or a 400 cursor). */
  protected abstract parseId(raw: string): E[I] | undefined;

  /** The row a new record is inserted as: the document's columns and what the server sets. */
  protected abstract insertValues(manager: EntityManager, companyId: string, columns: W, context: WriteContext): Promise<InsertValues<E, I>>;

  /**
   * The columns an update writes: the document's and the server's stamps. `columns` is the
   * update's own fresh object (toColumns), so the stamps are added to it: spreading its forty
   * properties into a new literal left V8 a dictionary-mode object, slow to build (8 µs of a
   * merge PATCH) and slower to read for every parameter and for the record read back.
   */
  protected abstract updateValues(columns: W, context: WriteContext): UpdateValues<E, I, S>;

  async find(manager: EntityManager, visibility: Visibility, id: string, lock: boolean): Promise<StoredRecord<ResourceDocument<T>> | null> {
    const key = this.parseId(id);
    if (key === undefined) return null;
    const row = await this.table.find(manager, visibility, key, lock);
    return row ? this.toRecord(row) : null;
  }

  async insert(manager: EntityManager, companyId: string, { document, context, audit }: RecordWrite<ResourceDocument<T>>): Promise<StoredRecord<ResourceDocument<T>>> {
    const values = await this.insertValues(manager, companyId, this.mapping.toColumns(document), context);
    return this.toRecord(await this.table.insert(manager, values, audit));
  }

  async update(
    manager: EntityManager,
    record: StoredRecord<ResourceDocument<T>>,
    { document, context, audit }: RecordWrite<ResourceDocument<T>>,
  ): Promise<StoredRecord<ResourceDocument<T>> | null> {
    // record.id came from toRecord, so it parses.
    const key = { companyId: record.companyId, id: this.parseId(record.id)!, version: record.version };
    const row = await this.table.update(manager, key, this.updateValues(this.mapping.toColumns(document), context), audit);
    return row ? this.toRecord(row) : null;
  }

  async list(
    manager: EntityManager,
    visibility: Visibility,
    size: number,
    after: [string, string] | undefined,
    filters: FilterValues,
    mayMatchProtected: boolean,
  ): Promise<RecordPage<ResourceDocument<T>>> {
    // One row more tells whether another page follows; only the shown rows become documents
    // (mapping the extra one was a twenty-first of a page's CPU).
    const rows = await this.table.list(manager, visibility, size + 1, after && this.position(after), filters, mayMatchProtected);
    const more = rows.length > size;
    const records = (more ? rows.slice(0, size) : rows).map((row) => this.toRecord(row));
    // With more rows than `size`, the page is full (size >= 1): its last row is rows[size - 1].
    const next: [string, string] | undefined = more ? [isoInstant(rows[size - 1].createdAt), records[size - 1].id] : undefined;
    return { records, next };
  }

  emptyDocument(): ResourceDocument<T> {
    return this.mapping.emptyDocument();
  }

  /** A cursor's position (createdAt, id); 400 when it cannot be one. */
  private position([createdAt, raw]: [string, string]): { createdAt: string; id: E[I] } {
    const id = this.parseId(raw);
    if (Number.isNaN(Date.parse(createdAt)) || id === undefined) throw invalidCursor();
    return { createdAt, id };
  }

  private toRecord(row: E & X): StoredRecord<ResourceDocument<T>> {
    return {
      id: String(row[this.table.idProperty]),
      companyId: row.companyId,
      version: row.version,
      updatedAt: row.updatedAt,
      document: this.mapping.toDocument(row),
    };
  }
}
