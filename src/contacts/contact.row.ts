import { completeShape, JsonObject } from '../common/resource/document-checks';
import { resourceSchema } from '../common/resource/resource-registry';
import { StoredRecord } from '../common/resource/resource-store';
import { ListName, ReferenceListsService } from '../reference-lists/reference-lists.service';
import { jsonbParameter } from '../database/jsonb-parameter';
import { ContactResource } from './contact.resource';

const SCHEMA = resourceSchema(ContactResource);

/** A row of `contacts` as PostgreSQL returns it. */
export interface ContactRow {
  company_id: string;
  contact_id: number;
  name: string;
  department: string | null;
  org_nr: string | null;
  number1: string | null;
  number2: string | null;
  kananame: string | null;
  description: string | null;
  no_mailing: boolean;
  xstop: boolean;
  deleted: number;
  source: number;
  emails: JsonObject[] | null;
  phones: JsonObject[] | null;
  faxes: JsonObject[] | null;
  urls: JsonObject[] | null;
  category_id: number | null;
  business_id: number | null;
  country_id: number | null;
  interests: Array<{ id: number; selected: boolean | null }> | null;
  address: JsonObject | null;
  custom_fields: JsonObject | null;
  created_by: string;
  updated_by: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function reference(lists: ReferenceListsService, list: ListName, id: number | null): JsonObject | null {
  return id === null ? null : { id, name: lists.find(list, id)?.name ?? null };
}

/** The row as the API document of seed 002 (reference names resolved, links added on presentation). */
export function toContactRecord(row: ContactRow, lists: ReferenceListsService): StoredRecord {
  return {
    id: String(row.contact_id),
    companyId: row.company_id,
    version: row.version,
    updatedAt: row.updated_at,
    document: completeShape(SCHEMA, {
      contactId: row.contact_id,
      name: row.name,
      department: row.department,
      orgNr: row.org_nr,
      number1: row.number1,
      number2: row.number2,
      kananame: row.kananame,
      description: row.description,
      noMailing: row.no_mailing,
      xstop: row.xstop,
      deleted: row.deleted,
      source: row.source,
      emails: row.emails,
      phones: row.phones,
      faxes: row.faxes,
      urls: row.urls,
      category: reference(lists, 'category', row.category_id),
      business: reference(lists, 'business', row.business_id),
      country: reference(lists, 'country', row.country_id),
      interests: row.interests?.map((item) => ({ ...item, name: lists.find('interest', item.id)?.name ?? null })) ?? null,
      address: row.address,
      customFields: row.custom_fields,
      createdDate: row.created_at.toISOString(),
      updatedDate: row.updated_at.toISOString(),
      createdBy: { id: row.created_by },
      updatedBy: { id: row.updated_by },
      _links: null,
    }),
  };
}

const idOf = (value: unknown) => ((value as { id?: number } | null)?.id ?? null);

/** Client-writable columns in the order of the repository's placeholders (after the fixed ones). */
export function writableContactValues(document: JsonObject): unknown[] {
  const interests = document.interests as Array<{ id: number; selected?: boolean | null }> | null;
  return [
    document.name,
    document.department ?? null,
    document.orgNr ?? null,
    document.number1 ?? null,
    document.number2 ?? null,
    document.kananame ?? null,
    document.description ?? null,
    document.noMailing ?? false,
    document.xstop ?? false,
    document.deleted ?? 0,
    document.source ?? 0,
    jsonbParameter(document.emails),
    jsonbParameter(document.phones),
    jsonbParameter(document.faxes),
    jsonbParameter(document.urls),
    idOf(document.category),
    idOf(document.business),
    idOf(document.country),
    jsonbParameter(interests?.map(({ id, selected }) => ({ id, selected: selected ?? false }))),
    jsonbParameter(document.address),
    jsonbParameter(document.customFields),
  ];
}
