import { completeShape, JsonObject } from '../common/resource/document-checks';
import { resourceSchema } from '../common/resource/resource-registry';
import { StoredRecord } from '../common/resource/resource-store';
import { jsonbParameter } from '../database/jsonb-parameter';
import { CommentRow, toComment } from './comments/customer-comment';
import { CustomerResource } from './customer.resource';

const SCHEMA = resourceSchema(CustomerResource);

/** A row of `customers` plus the company's custom field configs (id, name, dataType). */
export interface CustomerRow {
  company_id: string;
  id: string;
  customer_number: number;
  user_id: string | null;
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  name_extension: string | null;
  email: string | null;
  phone: string | null;
  phone2: string | null;
  sms_numbers: string[] | null;
  sms_disabled: boolean;
  editable_by_customer: boolean;
  subscribed_to_newsletter: boolean;
  notification_consent: boolean;
  is_active: boolean;
  identity_number: string | null;
  invoice_name: string | null;
  personal_id: string | null;
  personal_id_type_id: number | null;
  personal_id_type_ext_ref: string | null;
  ext_ref: string | null;
  date_of_birth: string | null;
  sex: number;
  notes: string | null;
  language_id: number | null;
  status_id: number | null;
  type_id: number | null;
  address_id: number | null;
  apartment_id: number | null;
  water_database_id: number | null;
  restricted_type_id: number;
  country: string | null;
  invoicing_country: string | null;
  cooperative_member: boolean;
  cooperative_date: string | null;
  cooperative_reimbursement_date: string | null;
  /** numeric comes back as a string: exact. */
  cooperative_sum: string | null;
  image_url: string | null;
  invoice_address: JsonObject | null;
  custom_field_values: Record<string, string>;
  custom_properties: Record<string, string> | null;
  access_keys: JsonObject[];
  version: number;
  created_at: Date;
  updated_at: Date;
  field_configs: Array<{ id: number; name: string; dataType: string }>;
  /** The newest comments (RECENT_COMMENTS), newest first. */
  recent_comments: CommentRow[];
}

export function toCustomerRecord(row: CustomerRow): StoredRecord {
  return {
    id: row.id,
    companyId: row.company_id,
    version: row.version,
    updatedAt: row.updated_at,
    document: completeShape(SCHEMA, {
      id: row.id,
      customerNumber: row.customer_number,
      companyId: row.company_id,
      userId: row.user_id,
      firstName: row.first_name,
      lastName: row.last_name,
      name: row.name,
      nameExtension: row.name_extension,
      email: row.email,
      phone: row.phone,
      phone2: row.phone2,
      smsNumbers: row.sms_numbers,
      smsDisabled: row.sms_disabled,
      editableByCustomer: row.editable_by_customer,
      subscribedToNewsletter: row.subscribed_to_newsletter,
      notificationConsent: row.notification_consent,
      isActive: row.is_active,
      identityNumber: row.identity_number,
      invoiceName: row.invoice_name,
      personalId: row.personal_id,
      personalIdTypeId: row.personal_id_type_id,
      personalIdTypeExtRef: row.personal_id_type_ext_ref,
      extRef: row.ext_ref,
      dateOfBirth: row.date_of_birth,
      sex: row.sex,
      notes: row.notes,
      languageId: row.language_id,
      statusId: row.status_id,
      typeId: row.type_id,
      addressId: row.address_id,
      apartmentId: row.apartment_id,
      waterDatabaseId: row.water_database_id,
      restrictedTypeId: row.restricted_type_id,
      country: row.country,
      invoicingCountry: row.invoicing_country,
      cooperativeMember: row.cooperative_member,
      cooperativeDate: row.cooperative_date,
      cooperativeReimbursementDate: row.cooperative_reimbursement_date,
      // Two decimals in JSON are exact: 1234.5 -> "1234.50" in PostgreSQL -> 1234.5 in JSON.
      cooperativeSum: row.cooperative_sum === null ? null : Number(row.cooperative_sum),
      imageUrl: row.image_url,
      invoiceAddress: row.invoice_address,
      customFieldValues: row.field_configs.map((config) => ({
        id: config.id,
        name: config.name,
        dataType: config.dataType,
        value: row.custom_field_values[String(config.id)] ?? null,
      })),
      customProperties: row.custom_properties,
      accessKeys: row.access_keys,
      comments: row.recent_comments.map(toComment),
      maskedFields: [],
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    }),
  };
}

/** seed 004's DOB arrives as a date-time with an offset; its calendar date is the one written there. */
export function calendarDate(value: unknown): string | null {
  return typeof value === 'string' ? value.slice(0, 10) : null;
}

/** A validated decimal (number or numeric string) as the exact text numeric(14,2) receives. */
function decimalText(value: unknown): string | null {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : null;
}

/** Client-writable columns in the order of the store's placeholders (after the fixed ones). */
export function writableCustomerValues(document: JsonObject): unknown[] {
  const values = (document.customFieldValues as Array<{ id: number; value: string | null }> | null) ?? [];
  return [
    document.userId ?? null,
    document.firstName ?? null,
    document.lastName ?? null,
    document.name ?? null,
    document.nameExtension ?? null,
    document.email ?? null,
    document.phone ?? null,
    document.phone2 ?? null,
    jsonbParameter(document.smsNumbers),
    document.smsDisabled ?? false,
    document.editableByCustomer ?? true,
    document.subscribedToNewsletter ?? false,
    document.notificationConsent ?? false,
    document.isActive ?? true,
    document.identityNumber ?? null,
    document.invoiceName ?? null,
    document.personalId ?? null,
    document.personalIdTypeId ?? null,
    document.personalIdTypeExtRef ?? null,
    document.extRef ?? null,
    calendarDate(document.dateOfBirth),
    document.sex ?? 0,
    document.notes ?? null,
    document.languageId ?? null,
    document.statusId ?? null,
    document.typeId ?? null,
    document.addressId ?? null,
    document.apartmentId ?? null,
    document.waterDatabaseId ?? null,
    document.restrictedTypeId ?? 0,
    document.country ?? null,
    document.invoicingCountry ?? null,
    document.cooperativeMember ?? false,
    document.cooperativeDate ?? null,
    document.cooperativeReimbursementDate ?? null,
    // String(number) is the shortest exact decimal form, so numeric(14,2) gets the digits the client sent.
    decimalText(document.cooperativeSum),
    document.imageUrl ?? null,
    jsonbParameter(document.invoiceAddress),
    JSON.stringify(Object.fromEntries(values.filter((v) => v.value !== null).map((v) => [String(v.id), v.value]))),
    jsonbParameter(document.customProperties),
    JSON.stringify(document.accessKeys ?? []),
  ];
}
