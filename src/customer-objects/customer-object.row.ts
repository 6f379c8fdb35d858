import { completeShape, JsonObject } from '../common/resource/document-checks';
import { resourceSchema } from '../common/resource/resource-registry';
import { StoredRecord } from '../common/resource/resource-store';
import { jsonbParameter } from '../database/jsonb-parameter';
import { CustomerObjectResource } from './customer-object.resource';

const SCHEMA = resourceSchema(CustomerObjectResource);

/** A row of `customer_objects` as PostgreSQL returns it. */
export interface CustomerObjectRow {
  company_id: string;
  id: string;
  number: number;
  chat_id: string;
  customer_id: string | null;
  name: string;
  status: number;
  status_created_at: Date;
  status_created_by: string;
  status_last_modified_at: Date;
  status_last_modified_by: string;
  contact: JsonObject | null;
  contract: JsonObject | null;
  object_manager_id: string | null;
  material: JsonObject[] | null;
  address: JsonObject | null;
  location: JsonObject | null;
  rating: number | null;
  description: string | null;
  security_code: unknown;
  key: unknown;
  order_description: string | null;
  contact_name: string | null;
  invoice_recipient_id: string | null;
  invoice_cc_recipient_ids: string[] | null;
  service_recipient: string | null;
  contact_ids: string[] | null;
  tags: string[] | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** Date-times are stored as instants and always rendered in UTC. */
function normalizeContract(contract: unknown): JsonObject | null {
  if (!contract || typeof contract !== 'object') return null;
  const { startDate, endDate } = contract as { startDate?: string | null; endDate?: string | null };
  const iso = (value?: string | null) => (value ? new Date(value).toISOString() : null);
  return { startDate: iso(startDate), endDate: iso(endDate) };
}

/** The row as the API document of seed 000. */
export function toCustomerObjectRecord(row: CustomerObjectRow): StoredRecord {
  return {
    id: row.id,
    companyId: row.company_id,
    version: row.version,
    updatedAt: row.updated_at,
    // In schema order and full shape, whatever order jsonb keeps nested keys in.
    document: completeShape(SCHEMA, {
      _id: row.id,
      number: row.number,
      companyId: row.company_id,
      status: {
        status: row.status,
        createdAt: row.status_created_at.toISOString(),
        createdBy: row.status_created_by,
        lastModifiedAt: row.status_last_modified_at.toISOString(),
        lastModifiedBy: row.status_last_modified_by,
      },
      chatId: row.chat_id,
      customerId: row.customer_id,
      name: row.name,
      contact: row.contact,
      contract: row.contract,
      objectManagerId: row.object_manager_id,
      material: row.material,
      address: row.address,
      location: row.location,
      rating: row.rating,
      description: row.description,
      securityCode: row.security_code ?? null,
      key: row.key ?? null,
      orderDescription: row.order_description,
      contactName: row.contact_name,
      invoiceRecipientId: row.invoice_recipient_id,
      invoiceCCRecipientIds: row.invoice_cc_recipient_ids,
      serviceRecipient: row.service_recipient,
      contactIds: row.contact_ids,
      tags: row.tags,
    }),
  };
}

/**
 * The client-writable columns, in the order of the $n placeholders in the repository's
 * INSERT and UPDATE (after the fixed leading parameters).
 */
export function writableColumnValues(document: JsonObject): unknown[] {
  const status = document.status as { status?: number } | null;
  return [
    document.customerId ?? null,
    document.name,
    status?.status ?? 0,
    jsonbParameter(document.contact),
    jsonbParameter(normalizeContract(document.contract)),
    document.objectManagerId ?? null,
    jsonbParameter(document.material),
    jsonbParameter(document.address),
    jsonbParameter(document.location),
    document.rating ?? null,
    document.description ?? null,
    jsonbParameter(document.securityCode),
    jsonbParameter(document.key),
    document.orderDescription ?? null,
    document.contactName ?? null,
    document.invoiceRecipientId ?? null,
    jsonbParameter(document.invoiceCCRecipientIds),
    document.serviceRecipient ?? null,
    jsonbParameter(document.contactIds),
    jsonbParameter(document.tags),
  ];
}
