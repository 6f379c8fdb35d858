import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditedStatement } from '../audit/audited-statement';
import { Caller } from '../common/http/caller';
import { badRequest, ProblemFieldError } from '../common/http/problem.exception';
import { invalidCursor } from '../common/pagination/page';
import { completeShape, JsonObject } from '../common/resource/document-checks';
import { resourceSchema } from '../common/resource/resource-registry';
import { ListableResourceStore, RecordWrite, StoredRecord } from '../common/resource/resource-store';
import { PreparedStatement } from '../database/prepared-statement';
import { ListName, ReferenceListsService } from '../reference-lists/reference-lists.service';
import { TenantScope } from '../tenancy/tenant-scope';
import { CONTACT_REFERENCES as REFERENCES } from './contact-references';
import { ContactResource } from './contact.resource';
import { ContactRow, toContactRecord, writableContactValues } from './contact.row';

const MAX_INT32 = 2147483647;

const VISIBLE = `SELECT * FROM contacts WHERE contact_id = $1 AND ($2::uuid IS NULL OR company_id = $2)`;
const SELECT_VISIBLE = new PreparedStatement('contacts.select', VISIBLE);
const SELECT_VISIBLE_FOR_UPDATE = new PreparedStatement('contacts.select-for-update', `${VISIBLE} FOR UPDATE`);

const WRITABLE = `name, department, org_nr, number1, number2, kananame, description, no_mailing, xstop, deleted,
  source, emails, phones, faxes, urls, category_id, business_id, country_id, interests, address, custom_fields`;

const INSERT = new AuditedStatement(
  'contacts.insert',
  `INSERT INTO contacts (company_id, created_by, updated_by, created_at, updated_at, ${WRITABLE})
  VALUES ($7, $8, $8, $9, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30)
  RETURNING *`,
  { idColumn: 'contact_id' },
);

/** Writes only over the version the pipeline read (no row: another write came first). */
const UPDATE = new AuditedStatement(
  'contacts.update',
  `UPDATE contacts SET
    name = $12, department = $13, org_nr = $14, number1 = $15, number2 = $16, kananame = $17, description = $18,
    no_mailing = $19, xstop = $20, deleted = $21, source = $22, emails = $23, phones = $24, faxes = $25,
    urls = $26, category_id = $27, business_id = $28, country_id = $29, interests = $30, address = $31,
    custom_fields = $32, updated_by = $11, updated_at = $10, version = version + 1
  WHERE company_id = $7 AND contact_id = $8 AND version = $9
  RETURNING *`,
  { idColumn: 'contact_id' },
);

const LIST = new PreparedStatement(
  'contacts.list',
  `SELECT * FROM contacts
  WHERE ($1::uuid IS NULL OR company_id = $1)
    AND ($2::timestamptz IS NULL OR (created_at, contact_id) < ($2::timestamptz, $3::int))
  ORDER BY created_at DESC, contact_id DESC
  LIMIT $4`,
);

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
  private readonly schema = resourceSchema(ContactResource);

  constructor(private readonly lists: ReferenceListsService) {}

  async find(manager: EntityManager, scope: TenantScope, id: string, lock: boolean): Promise<StoredRecord | null> {
    const contactId = contactIdOf(id);
    if (contactId === undefined) return null;
    const rows = await (lock ? SELECT_VISIBLE_FOR_UPDATE : SELECT_VISIBLE).run<ContactRow[]>(manager, [contactId, scope.companyId]);
    return rows.length ? toContactRecord(rows[0], this.lists) : null;
  }

  async insert(manager: EntityManager, companyId: string, { document, context, audit }: RecordWrite): Promise<StoredRecord> {
    const rows = await INSERT.run<ContactRow[]>(manager, audit, [companyId, context.actor.sub, context.now, ...writableContactValues(document)]);
    return toContactRecord(rows[0], this.lists);
  }

  async update(manager: EntityManager, record: StoredRecord, { document, context, audit }: RecordWrite): Promise<StoredRecord | null> {
    const rows = await UPDATE.run<ContactRow[]>(manager, audit, [
      record.companyId,
      Number(record.id),
      record.version,
      context.now,
      context.actor.sub,
      ...writableContactValues(document),
    ]);
    return rows.length ? toContactRecord(rows[0], this.lists) : null;
  }

  async list(
    manager: EntityManager,
    scope: TenantScope,
    limit: number,
    after?: [string, string],
  ): Promise<Array<{ record: StoredRecord; position: [string, string] }>> {
    if (after && (Number.isNaN(Date.parse(after[0])) || contactIdOf(after[1]) === undefined)) throw invalidCursor();
    const rows = await LIST.run<ContactRow[]>(manager, [scope.companyId, after?.[0] ?? null, after?.[1] ?? null, limit]);
    return rows.map((row) => ({
      record: toContactRecord(row, this.lists),
      position: [row.created_at.toISOString(), String(row.contact_id)],
    }));
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
   * one its id resolves to, in any supported language (a record read in Swedish and sent back
   * is no change): anything else is a write to a read-only field (400).
   */
  resolveDerived(before: JsonObject, after: JsonObject): void {
    const mismatched: string[] = [];
    const resolve = (list: ListName, target: JsonObject, previous: JsonObject | undefined, pointer: string) => {
      const resolved = this.lists.find(list, target.id)?.name ?? null;
      const sent = target.name ?? null;
      // The current name may be in the caller's language too, as the GET showed it.
      const known = sent === (previous?.name ?? null) || this.lists.isNameOf(list, target.id, sent) || this.lists.isNameOf(list, previous?.id, sent);
      if (sent !== null && !known) mismatched.push(`${pointer}/name`);
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
    return completeShape(this.schema, { noMailing: false, xstop: false, deleted: 0, source: 0 });
  }
}
