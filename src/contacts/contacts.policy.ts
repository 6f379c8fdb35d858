import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller } from '../common/http/caller';
import { badRequest, ProblemFieldError } from '../common/http/problem.exception';
import { JsonObject } from '../common/resource/document-checks';
import { StoredRecord } from '../common/resource/record-repository';
import { ResourcePolicy } from '../common/resource/resource-policy';
import { ListName, ReferenceListsService } from '../reference-lists/reference-lists.service';
import { CONTACT_REFERENCES as REFERENCES } from './contact-references';
import { ContactDocument } from './contact.resource';

/** Contacts (seed 002): links per caller, reference names derived from their ids, references checked against the lists. */
@Injectable()
export class ContactsPolicy extends ResourcePolicy<ContactDocument> {
  constructor(private readonly lists: ReferenceListsService) {
    super();
  }

  /** `_links` are absolute URLs built from the request (seed 002), so they are added per caller. */
  override view(record: StoredRecord<ContactDocument>, caller: Caller): ContactDocument {
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
  override normalize(before: ContactDocument, after: JsonObject): void {
    const mismatched: string[] = [];
    const resolve = (list: ListName, target: JsonObject, previous: { id: number; name: string | null } | null | undefined, pointer: string) => {
      const resolved = this.lists.find(list, target.id)?.name ?? null;
      const sent = target.name ?? null;
      // The current name may be in the caller's language too, as the GET showed it.
      const known = sent === (previous?.name ?? null) || this.lists.isNameOf(list, target.id, sent) || this.lists.isNameOf(list, previous?.id, sent);
      if (sent !== null && !known) mismatched.push(`${pointer}/name`);
      target.name = resolved;
    };
    for (const [field, list] of REFERENCES) {
      const target = after[field] as JsonObject | null;
      if (target && typeof target === 'object') resolve(list, target, before[field], `/${field}`);
    }
    const previousInterests = before.interests ?? [];
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
  override async checkReferences(_manager: EntityManager, _companyId: string, document: ContactDocument): Promise<ProblemFieldError[]> {
    const problems: ProblemFieldError[] = [];
    for (const [field, list] of REFERENCES) {
      const id = document[field]?.id;
      if (id !== undefined && id !== null && !this.lists.find(list, id)) {
        problems.push({ pointer: `/${field}/id`, detail: `is not an item of the "${list}" list` });
      }
    }
    (document.interests ?? []).forEach((interest, index) => {
      if (!this.lists.find('interest', interest?.id)) {
        problems.push({ pointer: `/interests/${index}/id`, detail: 'is not an item of the "interest" list' });
      }
    });
    return problems;
  }
}
