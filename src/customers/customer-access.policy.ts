import { Injectable } from '@nestjs/common';
import { Actor, hasScope } from '../auth/actor';
import { forbidden, ProblemException } from '../common/http/problem.exception';
import { deepEqual, parsePointer, PatchOperation } from '../common/patch';
import { resourceSchema } from '../common/resource/resource-registry';
import { StoredRecord } from '../common/resource/record-repository';
import { ChangeContext } from '../common/resource/resource-policy';
import { CustomerDocument, CustomerResource } from './customer.resource';

const GDPR_FIELDS = resourceSchema(CustomerResource)
  .fields.filter((field) => field.gdpr)
  .map((field) => field.name);
const GDPR = new Set(GDPR_FIELDS);
/** What a masked view shows of the GDPR fields (every top-level field of a document may be null). */
const MASKED: Partial<CustomerDocument> = Object.fromEntries(GDPR_FIELDS.map((field) => [field, null]));

/** Fields a customer may not change on its own record (API.md §1.2). */
const NOT_FOR_SELF = ['userId', 'companyId', 'restrictedTypeId', 'isActive'];

const topField = (pointer: string) => parsePointer(pointer)[0];

function forbiddenFields(detail: string, fields: string[]): ProblemException {
  return forbidden(detail, fields.map((field) => ({ pointer: `/${field}`, detail: 'may not be changed by this caller' })));
}

/**
 * Who may see and change which customer data (API.md §1.2, §1.3), in one place for every
 * door (PATCH, PUT, PATCH by identifier) and every read path.
 */
@Injectable()
export class CustomerAccessPolicy {
  /** A `user` sees only the customer linked to it (others are 404); other roles see the company. */
  onlyUser(actor: Actor): string | null {
    return actor.role === 'user' ? actor.sub : null;
  }

  isSelf(document: CustomerDocument, companyId: string, actor: Actor): boolean {
    return document.userId != null && document.userId === actor.sub && companyId === actor.companyId;
  }

  /**
   * Whether a list filter on a protected field may match restricted and secret records: with
   * `gdpr`, or as `user` (who lists only itself, and sees itself unmasked).
   */
  mayMatchProtected(actor: Actor): boolean {
    return actor.role === 'user' || hasScope(actor, 'gdpr');
  }

  /** Restricted (1) and secret (2) records hide personal data from all but the customer and `gdpr` holders. */
  masksFor(document: CustomerDocument, companyId: string, actor: Actor): boolean {
    const level = document.restrictedTypeId ?? 0;
    return level >= 1 && !this.isSelf(document, companyId, actor) && !hasScope(actor, 'gdpr');
  }

  mask(record: StoredRecord<CustomerDocument>, actor: Actor): CustomerDocument {
    if (!this.masksFor(record.document, record.companyId, actor)) return record.document;
    return { ...record.document, ...MASKED, maskedFields: GDPR_FIELDS };
  }

  /** Level 2: every read of unmasked personal data is audited. */
  readIsAudited(record: StoredRecord<CustomerDocument>, actor: Actor): boolean {
    return record.document.restrictedTypeId === 2 && !this.masksFor(record.document, record.companyId, actor);
  }

  /** `test`, `copy` and `move` read their source: reading masked data that way is 403, whatever the guess. */
  authorizeReads(view: CustomerDocument, operations: PatchOperation[]): void {
    if (!view.maskedFields?.length) return;
    const read = operations
      .map((operation) => (operation.op === 'test' ? operation.path : operation.op === 'copy' || operation.op === 'move' ? operation.from : undefined))
      .filter((pointer): pointer is string => pointer !== undefined)
      .map(topField)
      .filter((field) => GDPR.has(field));
    if (read.length) throw forbiddenFields('Reading protected personal data needs the scope "gdpr".', [...new Set(read)]);
  }

  /**
   * A client's own JSON Patch op that writes a masked field or anything inside it (`add`,
   * `remove`, `replace`, `/smsNumbers/-`, the target of `copy`/`move`, the source a `move`
   * removes) is an explicit write: 403 naming the field (API.md §1.3). Without this it would
   * apply to the masked view's null and often change nothing, a silent 200 the caller would
   * take for an erasure. Merge patches and the doors' bodies are not checked here: their nulls
   * for masked fields are the masked view sent back, a no-op by design.
   */
  authorizeExplicitWrites(view: CustomerDocument, operations: PatchOperation[]): void {
    if (!view.maskedFields?.length) return;
    const written = operations
      .flatMap(({ op, path, from }) => (op === 'test' ? [] : op === 'move' && from !== undefined ? [path, from] : [path]))
      .map(topField)
      .filter((field) => GDPR.has(field));
    if (written.length) throw forbiddenFields('Writing protected personal data needs the scope "gdpr".', [...new Set(written)]);
  }

  /**
   * `companyId` is read-only for everyone (400 after the patch is applied), but a customer
   * moving itself to another company breaks §1.2's self rule first: 403, decided here on the
   * operations because the read-only check would otherwise answer before authorizeChange.
   * Repeating the current value stays a no-op, so round trips work.
   */
  authorizeSelfOperations(actor: Actor, view: CustomerDocument, operations: PatchOperation[]): void {
    if (actor.role !== 'user') return;
    const touchesCompany = operations.some((operation) => {
      if ((operation.op === 'move' || operation.op === 'copy') && operation.from !== undefined) {
        if (operation.from === operation.path) return false;
        if (operation.op === 'move' && topField(operation.from) === 'companyId') return true;
      }
      if (operation.op === 'test' || topField(operation.path) !== 'companyId') return false;
      if (operation.op === 'add' || operation.op === 'replace') {
        return operation.path !== '/companyId' || !deepEqual(operation.value, view.companyId);
      }
      return true;
    });
    if (touchesCompany) throw forbiddenFields('A customer may not change these fields of its own record.', ['companyId']);
  }

  authorizeChange(change: ChangeContext<CustomerDocument>): void {
    const { actor } = change;
    const companyId = change.before.companyId ?? actor.companyId;
    const changed = new Set(change.changedPaths.map(topField));
    const self = this.isSelf(change.before, companyId, actor);

    if (actor.role === 'user') {
      if (change.before.editableByCustomer === false) throw forbidden('This customer record is not editable by the customer.');
      const locked = NOT_FOR_SELF.filter((field) => changed.has(field));
      if (locked.length) throw forbiddenFields('A customer may not change these fields of its own record.', locked);
    }
    if (changed.has('restrictedTypeId') && !hasScope(actor, 'gdpr')) {
      throw forbiddenFields('Changing restrictedTypeId needs the scope "gdpr".', ['restrictedTypeId']);
    }
    if (change.before.maskedFields?.length) {
      const protectedWrites = [...changed].filter((field) => GDPR.has(field));
      if (protectedWrites.length) throw forbiddenFields('Writing protected personal data needs the scope "gdpr".', protectedWrites);
    }
    // Seed 003: once a customer has an account, only the customer itself changes its email.
    if (changed.has('email') && change.before.userId != null && !self) {
      throw forbiddenFields('This customer has an account: only the customer may change the email.', ['email']);
    }
  }
}
