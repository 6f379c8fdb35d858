import { DataSource } from 'typeorm';
import { DocumentMapping, presented } from '../database/document-mapping';
import { UpdateValues } from '../database/record-table';
import { CommentRow, recentCommentsColumn, toComment } from './comments/customer-comment';
import { CustomFieldConfigEntity } from './custom-fields/custom-field-config.entity';
import { CustomerResource } from './customer.resource';
import { CustomerEntity } from './customer.entity';

/** The company's custom field configs and the newest comments, read with every customer row (same round trip). */
export interface CustomerExtras {
  fieldConfigs: Array<{ id: number; name: string; dataType: string }>;
  recentComments: CommentRow[];
}
export type CustomerRow = CustomerEntity & CustomerExtras;

/** Columns only an insert sets. */
export const CUSTOMER_INSERT_ONLY = ['customerNumber', 'createdAt'] as const;
type InsertOnly = (typeof CUSTOMER_INSERT_ONLY)[number];
/** What a customer document writes; the repository adds the stamps. */
export type CustomerColumns = Omit<UpdateValues<CustomerEntity, 'id', InsertOnly>, 'updatedAt'>;

/** SQL of the CustomerExtras result columns over the customer row `t`. */
export function customerExtraColumns(dataSource: DataSource): string {
  return `${fieldConfigsColumn(dataSource)}, ${recentCommentsColumn(dataSource)}`;
}

/** SQL of the `fieldConfigs` result column over the customer row `t`, from the config entity. */
function fieldConfigsColumn(dataSource: DataSource): string {
  const configs = dataSource.getMetadata(CustomFieldConfigEntity);
  const name = (property: keyof CustomFieldConfigEntity) => `f.${configs.findColumnWithPropertyName(property)!.databaseName}`;
  const companyId = dataSource.getMetadata(CustomerEntity).findColumnWithPropertyName('companyId')!.databaseName;
  return `(SELECT coalesce(jsonb_agg(jsonb_build_object('id', ${name('id')}, 'name', ${name('name')}, 'dataType', ${name('dataType')})
      ORDER BY ${name('id')}), '[]') FROM ${configs.tableName} f WHERE ${name('companyId')} = t.${companyId}) AS "fieldConfigs"`;
}

/** A validated decimal (number or numeric string) as the exact text numeric(14,2) receives. */
function decimalText(value: number | string | null): string | null {
  // String(number) is the shortest exact decimal form, so numeric(14,2) gets the digits the client sent.
  return value === null ? null : String(value);
}

/** Customer documents <-> `customers` rows: only the fields whose shape differs from their column. */
export function customerMapping(dataSource: DataSource): DocumentMapping<CustomerRow, CustomerColumns, CustomerResource> {
  return new DocumentMapping(dataSource, CustomerEntity, CustomerResource, {
    // Two decimals in JSON are exact: 1234.5 -> "1234.50" in PostgreSQL -> 1234.5 in JSON.
    cooperativeSum: {
      read: (row) => (row.cooperativeSum === null ? null : Number(row.cooperativeSum)),
      write: (value) => ({ cooperativeSum: decimalText(value) }),
    },
    // Stored as config id -> value (only values that are set); shown for every config of the company.
    customFieldValues: {
      read: (row) =>
        row.fieldConfigs.map((config) => ({
          id: config.id,
          name: config.name,
          dataType: config.dataType,
          value: row.customFieldValues[String(config.id)] ?? null,
        })),
      write: (value) => ({
        customFieldValues: Object.fromEntries(
          (value ?? []).flatMap((item): Array<[string, string]> => (item.value === null ? [] : [[String(item.id), item.value]])),
        ),
      }),
      empty: [],
    },
    // Read-only for patches, but the PUT door (seed 003) maintains it.
    accessKeys: {
      read: (row) => row.accessKeys,
      write: (value) => ({ accessKeys: value ?? [] }),
      empty: [],
    },
    // Written by POST /customers/:id/comments only (rows of their own); the newest few shown.
    comments: { read: (row) => row.recentComments.map(toComment), empty: [] },
    // Only seed 003's PUT answer fills it (CustomersService.put); null elsewhere.
    customFields: presented(null),
    maskedFields: presented([]),
    // Read-only for every door; only the erasure (gdpr/customer-gdpr.service.ts) sets it.
    erasedAt: {
      read: (row) => row.erasedAt?.toISOString() ?? null,
      write: (value) => ({ erasedAt: typeof value === 'string' ? new Date(value) : null }),
    },
  });
}
