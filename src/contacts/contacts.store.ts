import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller } from '../common/http/caller';
import { badRequest, ProblemFieldError } from '../common/http/problem.exception';
import { invalidCursor } from '../common/pagination/page';
import { JsonObject } from '../common/resource/document-checks';
import { ListableResourceStore, RecordWrite, StoredRecord } from '../common/resource/resource-store';
import { DocumentMapping } from '../database/document-mapping';
import { RecordTable } from '../database/record-table';
import { ListName, ReferenceListsService } from '../reference-lists/reference-lists.service';
import { TenantScope } from '../tenancy/tenant-scope';
import { ContactResource } from './contact.resource';
import { ContactEntity } from './contact.entity';
import { CONTACT_INSERT_ONLY, ContactColumns, contactMapping } from './contact.mapping';

const MAX_INT32 = 2147483647;
const REFERENCES: Array<[field: string, list: ListName]> = [
  ['category', 'category'],
  ['business', 'business'],
  ['country', 'country'],
];

function contactIdOf(raw: string): number | undefined {
  if (!/^\d{1,10}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id >= 1 && id <= MAX_INT32 ? id : undefined;
}

/** Storage of contacts (seed 002) for the shared pipeline; reference names come from memory. */
@Injectable()
export class ContactsStore implements ListableResourceStore {
  readonly resourceName = 'contact';
  readonly resourceType = ContactResource;
  private readonly table: RecordTable<ContactEntity, 'contactId', (typeof CONTACT_INSERT_ONLY)[number]>;
  private readonly mapping: DocumentMapping<ContactEntity, ContactColumns>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly lists: ReferenceListsService,
  ) {
    this.table = new RecordTable(dataSource, ContactEntity, { name: 'contacts', id: 'contactId', insertOnly: CONTACT_INSERT_ONLY });
    this.mapping = contactMapping(dataSource, lists);
  }

  async find(manager: EntityManager, scope: TenantScope, id: string, lock: boolean): Promise<StoredRecord | null> {
    const contactId = contactIdOf(id);
    if (contactId === undefined) return null;
    const row = await this.table.find(manager, scope, contactId, lock);
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
    scope: TenantScope,
    limit: number,
    after?: [string, string],
  ): Promise<Array<{ record: StoredRecord; position: [string, string] }>> {
    const afterId = after && contactIdOf(after[1]);
    if (after && (Number.isNaN(Date.parse(after[0])) || afterId === undefined)) throw invalidCursor();
    const rows = await this.table.list(manager, scope, limit, after && { createdAt: after[0], id: afterId! });
    return rows.map((row) => ({ record: this.toRecord(row), position: [row.createdAt.toISOString(), String(row.contactId)] }));
  }

  /** `_links` are absolute URLs built from the request (seed 002), so they are added per caller. */
  present(record: StoredRecord, caller: Caller): JsonObject {
    if (!record.id) return record.document; // dry-run create: no id yet
    return {
      ...record.document,
      _links: { self: `${caller.baseUrl}/api/v1/Contact/${record.id}`, archive: `${caller.baseUrl}/api/v1/Contact` },
    };
  }

  /**
   * Reference names follow their ids. A name the client sends must be the current one or the
   * one its id resolves to: anything else is a write to a read-only field (400).
   */
  resolveDerived(before: JsonObject, after: JsonObject): void {
    const mismatched: string[] = [];
    const resolve = (list: ListName, target: JsonObject, previous: JsonObject | undefined, pointer: string) => {
      const resolved = this.lists.find(list, target.id)?.name ?? null;
      const sent = target.name ?? null;
      if (sent !== null && sent !== (previous?.name ?? null) && sent !== resolved) mismatched.push(`${pointer}/name`);
      target.name = resolved;
    };
    for (const [field, list] of REFERENCES) {
      const target = after[field] as JsonObject | null;
      if (target && typeof target === 'object') resolve(list, target, before[field] as JsonObject | undefined, `/${field}`);
    }
    const previousInterests = (before.interests as JsonObject[] | null) ?? [];
    ((after.interests as JsonObject[] | null) ?? []).forEach((interest, index) => {
      if (interest && typeof interest === 'object') {
        const previous = previousInterests.find((item) => item.id === interest.id);
        resolve('interest', interest, previous, `/interests/${index}`);
      }
    });
    if (mismatched.length) {
      throw badRequest(
        'Reference names are read-only: they are resolved from the id.',
        mismatched.map((pointer) => ({ pointer, detail: 'is read-only' })),
      );
    }
  }

  /** Every reference id must name an item of its list (422). */
  async checkReferences(_manager: EntityManager, _companyId: string, document: JsonObject): Promise<ProblemFieldError[]> {
    const problems: ProblemFieldError[] = [];
    for (const [field, list] of REFERENCES) {
      const id = (document[field] as { id?: unknown } | null)?.id;
      if (id !== undefined && id !== null && !this.lists.find(list, id)) {
        problems.push({ pointer: `/${field}/id`, detail: `is not an item of the "${list}" list` });
      }
    }
    ((document.interests as Array<{ id?: unknown }> | null) ?? []).forEach((interest, index) => {
      if (!this.lists.find('interest', interest?.id)) {
        problems.push({ pointer: `/interests/${index}/id`, detail: 'is not an item of the "interest" list' });
      }
    });
    return problems;
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
