import { DataSource } from 'typeorm';
import { utcInstant } from '../common/resource/date-times';
import { DocumentMapping, serverColumn } from '../database/document-mapping';
import { UpdateValues } from '../database/record-table';
import { isoInstant } from '../database/timestamps';
import { CustomerObjectDocument, CustomerObjectResource } from './customer-object.resource';
import { CustomerObjectEntity } from './customer-object.entity';

/** Columns only an insert sets. */
export const CUSTOMER_OBJECT_INSERT_ONLY = ['number', 'chatId', 'statusCreatedAt', 'statusCreatedBy', 'createdAt'] as const;
type InsertOnly = (typeof CUSTOMER_OBJECT_INSERT_ONLY)[number];
/** What a customer object document writes; the repository adds who and when. */
export type CustomerObjectColumns = Omit<
  UpdateValues<CustomerObjectEntity, 'id', InsertOnly>,
  'updatedAt' | 'statusLastModifiedAt' | 'statusLastModifiedBy'
>;

/** Date-times are stored as instants and always rendered in UTC. */
function normalizeContract(contract: CustomerObjectDocument['contract']): CustomerObjectEntity['contract'] {
  if (!contract) return null;
  const utc = (value: string | null) => (value ? utcInstant(value) : null);
  return { startDate: utc(contract.startDate), endDate: utc(contract.endDate) };
}

/** Customer object documents (seed 000) <-> `customer_objects` rows: only the fields whose shape differs from their column. */
export function customerObjectMapping(dataSource: DataSource): DocumentMapping<CustomerObjectEntity, CustomerObjectColumns, CustomerObjectResource> {
  return new DocumentMapping(dataSource, CustomerObjectEntity, CustomerObjectResource, {
    _id: serverColumn('id'),
    // The status code is the client's; its stamps are the server's (flat columns).
    status: {
      read: (row) => ({
        status: row.status,
        createdAt: isoInstant(row.statusCreatedAt),
        createdBy: row.statusCreatedBy,
        lastModifiedAt: isoInstant(row.statusLastModifiedAt),
        lastModifiedBy: row.statusLastModifiedBy,
      }),
      write: (value) => ({ status: value?.status ?? 0 }),
      empty: { status: 0 },
    },
    contract: { read: (row) => row.contract, write: (value) => ({ contract: normalizeContract(value) }) },
  });
}
