import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Caller } from '../common/http/caller';
import { conflict } from '../common/http/problem.exception';
import { invalidCursor } from '../common/pagination/page';
import { PatchOperation } from '../common/patch';
import { JsonObject } from '../common/resource/document-checks';
import { ChangeContext, ListableResourceStore, RecordWrite, StoredRecord } from '../common/resource/resource-store';
import { CompanySequence } from '../database/company-sequence';
import { DocumentMapping } from '../database/document-mapping';
import { RecordTable } from '../database/record-table';
import { TenantScope } from '../tenancy/tenant-scope';
import { CustomerAccessPolicy } from './customer-access.policy';
import { CustomerResource } from './customer.resource';
import { CustomerEntity } from './customer.entity';
import { CUSTOMER_INSERT_ONLY, CustomerColumns, CustomerExtras, customerMapping, CustomerRow, fieldConfigsColumn } from './customer.mapping';

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
  private readonly sequence: CompanySequence;
  private readonly table: RecordTable<CustomerEntity, 'id', (typeof CUSTOMER_INSERT_ONLY)[number], CustomerExtras>;
  private readonly mapping: DocumentMapping<CustomerRow, CustomerColumns>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly policy: CustomerAccessPolicy,
  ) {
    this.sequence = new CompanySequence(dataSource);
    this.table = new RecordTable(dataSource, CustomerEntity, {
      name: 'customers',
      id: 'id',
      insertOnly: CUSTOMER_INSERT_ONLY,
      owner: 'userId',
      extraColumns: fieldConfigsColumn(dataSource),
    });
    this.mapping = customerMapping(dataSource);
  }

  async find(manager: EntityManager, scope: TenantScope, id: string, lock: boolean, caller: Caller): Promise<StoredRecord | null> {
    if (!isUUID(id)) return null;
    const row = await this.table.find(manager, { companyId: scope.companyId, onlyUser: this.policy.onlyUser(caller.actor) }, id, lock);
    return row ? this.toRecord(row) : null;
  }

  async insert(manager: EntityManager, companyId: string, { document, context, audit }: RecordWrite): Promise<StoredRecord> {
    const customerNumber = await this.sequence.nextNumber(manager, companyId, this.resourceName);
    const values = { ...this.mapping.toColumns(document), companyId, id: randomUUID(), customerNumber, createdAt: context.now, updatedAt: context.now };
    return this.toRecord(await uniquePersonalId(this.table.insert(manager, values, audit)));
  }

  async update(manager: EntityManager, record: StoredRecord, { document, context, audit }: RecordWrite): Promise<StoredRecord | null> {
    const key = { companyId: record.companyId, id: record.id, version: record.version };
    const row = await uniquePersonalId(this.table.update(manager, key, { ...this.mapping.toColumns(document), updatedAt: context.now }, audit));
    return row ? this.toRecord(row) : null;
  }

  async list(
    manager: EntityManager,
    scope: TenantScope,
    limit: number,
    after: [string, string] | undefined,
    caller: Caller,
  ): Promise<Array<{ record: StoredRecord; position: [string, string] }>> {
    if (after && (Number.isNaN(Date.parse(after[0])) || !isUUID(after[1]))) throw invalidCursor();
    const visibility = { companyId: scope.companyId, onlyUser: this.policy.onlyUser(caller.actor) };
    const rows = await this.table.list(manager, visibility, limit, after && { createdAt: after[0], id: after[1] });
    return rows.map((row) => ({ record: this.toRecord(row), position: [row.createdAt.toISOString(), row.id] }));
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
    return this.mapping.emptyDocument();
  }

  private toRecord(row: CustomerRow): StoredRecord {
    return { id: row.id, companyId: row.companyId, version: row.version, updatedAt: row.updatedAt, document: this.mapping.toDocument(row) };
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
