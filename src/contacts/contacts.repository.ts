import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WriteContext } from '../common/resource/record-repository';
import { RecordTable } from '../database/record-table';
import { TableRepository } from '../database/table-repository';
import { ReferenceListsService } from '../reference-lists/reference-lists.service';
import { ContactEntity } from './contact.entity';
import { ContactResource } from './contact.resource';
import { CONTACT_INSERT_ONLY, ContactColumns, contactMapping } from './contact.mapping';
import { CONTACT_FILTERS } from './contact.filters';

type InsertOnly = (typeof CONTACT_INSERT_ONLY)[number];

const MAX_INT32 = 2147483647;

/** Storage of contacts (seed 002): `contacts` rows in, documents out; reference names come from memory. */
@Injectable()
export class ContactsRepository extends TableRepository<ContactEntity, 'contactId', InsertOnly, unknown, ContactColumns, ContactResource> {
  readonly resourceName = 'contact';

  constructor(
    @InjectDataSource() dataSource: DataSource,
    lists: ReferenceListsService,
  ) {
    const table = new RecordTable(dataSource, ContactEntity, { name: 'contacts', id: 'contactId', insertOnly: CONTACT_INSERT_ONLY, filters: CONTACT_FILTERS });
    super(table, contactMapping(dataSource, lists));
  }

  /** Ids are int32 serials: anything else names no contact. */
  protected parseId(raw: string): number | undefined {
    if (!/^\d{1,10}$/.test(raw)) return undefined;
    const id = Number(raw);
    return id >= 1 && id <= MAX_INT32 ? id : undefined;
  }

  /** The database assigns the id; who created it is the server's. */
  protected async insertValues(_manager: EntityManager, companyId: string, columns: ContactColumns, { now, actor }: WriteContext) {
    return { ...columns, companyId, createdBy: actor.sub, updatedBy: actor.sub, createdAt: now, updatedAt: now };
  }

  protected updateValues(columns: ContactColumns, { now, actor }: WriteContext) {
    return Object.assign(columns, { updatedBy: actor.sub, updatedAt: now });
  }
}
