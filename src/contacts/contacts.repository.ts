import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { invalidCursor } from '../common/pagination/page';
import { JsonObject } from '../common/resource/document-checks';
import { FilterValues } from '../common/resource/list-filters';
import { ListedRecord, RecordRepository, RecordWrite, StoredRecord } from '../common/resource/record-repository';
import { DocumentMapping } from '../database/document-mapping';
import { RecordTable, Visibility } from '../database/record-table';
import { ReferenceListsService } from '../reference-lists/reference-lists.service';
import { ContactEntity } from './contact.entity';
import { CONTACT_INSERT_ONLY, ContactColumns, contactMapping } from './contact.mapping';
import { CONTACT_FILTERS } from './contact.filters';

const MAX_INT32 = 2147483647;

function contactIdOf(raw: string): number | undefined {
  if (!/^\d{1,10}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id >= 1 && id <= MAX_INT32 ? id : undefined;
}

/** Storage of contacts (seed 002): `contacts` rows in, documents out; reference names come from memory. */
@Injectable()
export class ContactsRepository implements RecordRepository {
  readonly filters = CONTACT_FILTERS;
  readonly resourceName = 'contact';
  private readonly table: RecordTable<ContactEntity, 'contactId', (typeof CONTACT_INSERT_ONLY)[number]>;
  private readonly mapping: DocumentMapping<ContactEntity, ContactColumns>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    lists: ReferenceListsService,
  ) {
    this.table = new RecordTable(dataSource, ContactEntity, { name: 'contacts', id: 'contactId', insertOnly: CONTACT_INSERT_ONLY, filters: CONTACT_FILTERS });
    this.mapping = contactMapping(dataSource, lists);
  }

  async find(manager: EntityManager, visibility: Visibility, id: string, lock: boolean): Promise<StoredRecord | null> {
    const contactId = contactIdOf(id);
    if (contactId === undefined) return null;
    const row = await this.table.find(manager, visibility, contactId, lock);
    return row ? this.toRecord(row) : null;
  }

  async insert(manager: EntityManager, companyId: string, { document, context, audit }: RecordWrite): Promise<StoredRecord> {
    const { sub } = context.actor;
    const stamps = { createdBy: sub, updatedBy: sub, createdAt: context.now, updatedAt: context.now };
    return this.toRecord(await this.table.insert(manager, { ...this.mapping.toColumns(document), companyId, ...stamps }, audit));
  }

  async update(manager: EntityManager, record: StoredRecord, { document, context, audit }: RecordWrite): Promise<StoredRecord | null> {
    const key = { companyId: record.companyId, id: Number(record.id), version: record.version };
    const values = { ...this.mapping.toColumns(document), updatedBy: context.actor.sub, updatedAt: context.now };
    const row = await this.table.update(manager, key, values, audit);
    return row ? this.toRecord(row) : null;
  }

  async list(
    manager: EntityManager,
    visibility: Visibility,
    limit: number,
    after: [string, string] | undefined,
    filters: FilterValues,
    mayMatchProtected: boolean,
  ): Promise<ListedRecord[]> {
    const afterId = after && contactIdOf(after[1]);
    if (after && (Number.isNaN(Date.parse(after[0])) || afterId === undefined)) throw invalidCursor();
    const rows = await this.table.list(manager, visibility, limit, after && { createdAt: after[0], id: afterId! }, filters, mayMatchProtected);
    return rows.map((row) => ({ record: this.toRecord(row), position: [row.createdAt.toISOString(), String(row.contactId)] }));
  }

  emptyDocument(): JsonObject {
    return this.mapping.emptyDocument();
  }

  private toRecord(row: ContactEntity): StoredRecord {
    return {
      id: String(row.contactId),
      companyId: row.companyId,
      version: row.version,
      updatedAt: row.updatedAt,
      document: this.mapping.toDocument(row),
    };
  }
}
