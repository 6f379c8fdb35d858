import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { EntityManager, QueryFailedError } from 'typeorm';
import { AuditedStatement } from '../audit/audited-statement';
import { Caller } from '../common/http/caller';
import { conflict } from '../common/http/problem.exception';
import { invalidCursor } from '../common/pagination/page';
import { PatchOperation } from '../common/patch';
import { completeShape, JsonObject } from '../common/resource/document-checks';
import { resourceSchema } from '../common/resource/resource-registry';
import { ChangeContext, ListableResourceStore, RecordWrite, StoredRecord } from '../common/resource/resource-store';
import { nextCompanyNumber } from '../database/company-sequence';
import { PreparedStatement } from '../database/prepared-statement';
import { TenantScope } from '../tenancy/tenant-scope';
import { RECENT_COMMENTS } from './comments/customer-comment';
import { CustomerAccessPolicy } from './customer-access.policy';
import { CustomerResource } from './customer.resource';
import { CustomerRow, toCustomerRecord, writableCustomerValues } from './customer.row';

/** Client-writable columns, in the order of writableCustomerValues. */
const WRITABLE = [
  'user_id', 'first_name', 'last_name', 'name', 'name_extension', 'email', 'phone', 'phone2', 'sms_numbers',
  'sms_disabled', 'editable_by_customer', 'subscribed_to_newsletter', 'notification_consent', 'is_active',
  'identity_number', 'invoice_name', 'personal_id', 'personal_id_type_id', 'personal_id_type_ext_ref', 'ext_ref',
  'date_of_birth', 'sex', 'notes', 'language_id', 'status_id', 'type_id', 'address_id', 'apartment_id',
  'water_database_id', 'restricted_type_id', 'country', 'invoicing_country', 'cooperative_member',
  'cooperative_date', 'cooperative_reimbursement_date', 'cooperative_sum', 'image_url', 'invoice_address',
  'custom_field_values', 'custom_properties', 'access_keys',
] as const;

/*
 * The statements are assembled once, at load time, from the constant column list above; no
 * input ever becomes SQL text. `configs` adds the company's custom field names in the same
 * round trip. The user_id parameter (`$3` in the lookups, `$5` in LIST) narrows visibility to
 * the caller's own record for the `user` role.
 */
const CONFIGS = `(SELECT coalesce(jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name, 'dataType', f.data_type) ORDER BY f.id), '[]')
   FROM custom_field_configs f WHERE f.company_id = c.company_id) AS field_configs`;
const VISIBLE = `SELECT c.*, ${CONFIGS}, ${RECENT_COMMENTS} FROM customers c
  WHERE c.id = $1 AND ($2::uuid IS NULL OR c.company_id = $2) AND ($3::text IS NULL OR c.user_id = $3)`;
const SELECT_VISIBLE = new PreparedStatement('customers.select', VISIBLE);
const SELECT_VISIBLE_FOR_UPDATE = new PreparedStatement('customers.select-for-update', `${VISIBLE} FOR UPDATE OF c`);
const INSERT = new AuditedStatement(
  'customers.insert',
  `INSERT INTO customers (company_id, id, customer_number, created_at, updated_at, ${WRITABLE.join(', ')})
    VALUES ($7, $8, $9, $10, $10, ${WRITABLE.map((_, i) => `$${i + 11}`).join(', ')}) RETURNING *`,
  { result: `SELECT c.*, ${CONFIGS}, ${RECENT_COMMENTS} FROM written c` },
);
/** Writes only over the version the pipeline read (no row: another write came first). */
const UPDATE = new AuditedStatement(
  'customers.update',
  `UPDATE customers SET ${WRITABLE.map((column, i) => `${column} = $${i + 11}`).join(', ')},
      updated_at = $10, version = version + 1
    WHERE company_id = $7 AND id = $8 AND version = $9 RETURNING *`,
  { result: `SELECT c.*, ${CONFIGS}, ${RECENT_COMMENTS} FROM written c` },
);
const LIST = new PreparedStatement(
  'customers.list',
  `SELECT c.*, ${CONFIGS}, ${RECENT_COMMENTS} FROM customers c
  WHERE ($1::uuid IS NULL OR c.company_id = $1) AND ($5::text IS NULL OR c.user_id = $5)
    AND ($2::timestamptz IS NULL OR (c.created_at, c.id) < ($2::timestamptz, $3::uuid))
  ORDER BY c.created_at DESC, c.id DESC
  LIMIT $4`,
);

/**
 * A whole ISO 8601 date-time (offset optional, as .NET clients send it). Only such a value is
 * cut to its date: a prefix match would turn `2001-09-13T25:61 junk` into a valid date.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;
const DATE_FIELDS = ['dateOfBirth', 'cooperativeDate', 'cooperativeReimbursementDate'];

/** Storage of customers (seeds 001, 003, 004) for the shared pipeline; access rules in the policy. */
@Injectable()
export class CustomersStore implements ListableResourceStore {
  readonly resourceName = 'customer';
  readonly resourceType = CustomerResource;
  private readonly schema = resourceSchema(CustomerResource);

  constructor(private readonly policy: CustomerAccessPolicy) {}

  async find(manager: EntityManager, scope: TenantScope, id: string, lock: boolean, caller: Caller): Promise<StoredRecord | null> {
    if (!isUUID(id)) return null;
    const rows = await (lock ? SELECT_VISIBLE_FOR_UPDATE : SELECT_VISIBLE).run<CustomerRow[]>(manager, [
      id,
      scope.companyId,
      this.policy.onlyUser(caller.actor),
    ]);
    return rows.length ? toCustomerRecord(rows[0]) : null;
  }

  async insert(manager: EntityManager, companyId: string, { document, context, audit }: RecordWrite): Promise<StoredRecord> {
    const number = await nextCompanyNumber(manager, companyId, this.resourceName);
    const rows = await uniquePersonalId(
      INSERT.run<CustomerRow[]>(manager, audit, [companyId, randomUUID(), number, context.now, ...writableCustomerValues(document)]),
    );
    return toCustomerRecord(rows[0]);
  }

  async update(manager: EntityManager, record: StoredRecord, { document, context, audit }: RecordWrite): Promise<StoredRecord | null> {
    const rows = await uniquePersonalId(
      UPDATE.run<CustomerRow[]>(manager, audit, [record.companyId, record.id, record.version, context.now, ...writableCustomerValues(document)]),
    );
    return rows.length ? toCustomerRecord(rows[0]) : null;
  }

  async list(
    manager: EntityManager,
    scope: TenantScope,
    limit: number,
    after: [string, string] | undefined,
    caller: Caller,
  ): Promise<Array<{ record: StoredRecord; position: [string, string] }>> {
    if (after && (Number.isNaN(Date.parse(after[0])) || !isUUID(after[1]))) throw invalidCursor();
    const rows = await LIST.run<CustomerRow[]>(manager, [
      scope.companyId,
      after?.[0] ?? null,
      after?.[1] ?? null,
      limit,
      this.policy.onlyUser(caller.actor),
    ]);
    return rows.map((row) => ({ record: toCustomerRecord(row), position: [row.created_at.toISOString(), row.id] }));
  }

  present(record: StoredRecord, caller: Caller): JsonObject {
    return this.policy.mask(record, caller.actor);
  }

  auditsRead(record: StoredRecord, caller: Caller): boolean {
    return this.policy.readIsAudited(record, caller.actor);
  }

  authorizeOperations(caller: Caller, before: JsonObject, operations: PatchOperation[]): void {
    this.policy.authorizeReads(before, operations);
    this.policy.authorizeSelfOperations(caller.actor, before, operations);
  }

  authorizeChange(change: ChangeContext): void {
    this.policy.authorizeChange(change);
  }

  /** Dates may arrive as date-times (seed 004's DOB); the calendar date written there is kept. */
  resolveDerived(_before: JsonObject, after: JsonObject): void {
    for (const field of DATE_FIELDS) {
      const value = after[field];
      if (typeof value === 'string' && DATE_TIME.test(value)) after[field] = value.slice(0, 10);
    }
  }

  emptyDocument(): JsonObject {
    return completeShape(this.schema, {
      smsDisabled: false,
      editableByCustomer: true,
      subscribedToNewsletter: false,
      notificationConsent: false,
      isActive: true,
      sex: 0,
      restrictedTypeId: 0,
      cooperativeMember: false,
      customFieldValues: [],
      accessKeys: [],
      comments: [],
      maskedFields: [],
    });
  }
}

/** A personalId already used in the company for the same type is a conflict (unique index). */
async function uniquePersonalId<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    const cause = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
    if (cause?.code === '23505' && cause.constraint === 'customers_personal_id_key') {
      throw conflict('Another customer of the company has this personalId and personalIdTypeId.', [
        { pointer: '/personalId', detail: 'is already used' },
      ]);
    }
    throw error;
  }
}
