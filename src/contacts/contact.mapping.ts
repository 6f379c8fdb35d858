import { DataSource } from 'typeorm';
import { DocumentMapping, FieldMapping, presented, serverColumn } from '../database/document-mapping';
import { UpdateValues } from '../database/record-table';
import { ListName, ReferenceListsService } from '../reference-lists/reference-lists.service';
import { ContactDocument, ContactResource } from './contact.resource';
import { ContactReferenceField } from './contact-references';
import { ContactEntity, StoredInterest } from './contact.entity';

/** Columns only an insert sets. */
export const CONTACT_INSERT_ONLY = ['createdBy', 'createdAt'] as const;
type InsertOnly = (typeof CONTACT_INSERT_ONLY)[number];
/** What a contact document writes; the repository adds who and when. */
export type ContactColumns = Omit<UpdateValues<ContactEntity, 'contactId', InsertOnly>, 'updatedAt' | 'updatedBy'>;

type ReferenceColumn = 'categoryId' | 'businessId' | 'countryId';

/** A reference `{id, name}` stored as its id; the name is resolved from the list when read. */
function reference(
  lists: ReferenceListsService,
  list: ListName,
  property: ReferenceColumn,
): FieldMapping<ContactEntity, ContactColumns, ContactDocument[ContactReferenceField]> {
  return {
    read: (row) => {
      const id = row[property];
      return id === null ? null : { id, name: lists.find(list, id)?.name ?? null };
    },
    write: (value) => ({ [property]: value?.id ?? null }),
  };
}

/** Contact documents (seed 002) <-> `contacts` rows: only the fields whose shape differs from their column. */
export function contactMapping(dataSource: DataSource, lists: ReferenceListsService): DocumentMapping<ContactEntity, ContactColumns, ContactResource> {
  return new DocumentMapping(dataSource, ContactEntity, ContactResource, {
    category: reference(lists, 'category', 'categoryId'),
    business: reference(lists, 'business', 'businessId'),
    country: reference(lists, 'country', 'countryId'),
    interests: {
      read: (row) => row.interests?.map((item) => ({ ...item, name: lists.find('interest', item.id)?.name ?? null })) ?? null,
      write: (value) => ({ interests: value?.map(({ id, selected }): StoredInterest => ({ id, selected: selected ?? false })) ?? null }),
    },
    createdDate: serverColumn('createdAt'),
    updatedDate: serverColumn('updatedAt'),
    createdBy: { read: (row) => ({ id: row.createdBy }) },
    updatedBy: { read: (row) => ({ id: row.updatedBy }) },
    _links: presented(null),
  });
}
