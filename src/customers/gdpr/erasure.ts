import { badRequest, unprocessable } from '../../common/http/problem.exception';
import { PatchOperation, parsePointer } from '../../common/patch';
import { REDACTED } from '../../common/resource/redact';
import { resourceSchema } from '../../common/resource/resource-registry';
import { CustomerDocument, CustomerResource } from '../customer.resource';

/** Most characters an erasure's reason may have (it is stored in the audit log). */
export const MAX_REASON_LENGTH = 500;

/**
 * What an erasure clears (API.md §6): every GDPR-protected field, the identifiers and free
 * texts §6 names, and, because they hold personal data too, the invoice address and image.
 * Id, number, company and references stay, so CustomerObjects that name the customer stay valid.
 */
const CLEARED_WITH_GDPR_FIELDS = ['personalId', 'identityNumber', 'notes', 'extRef', 'customProperties', 'invoiceAddress', 'imageUrl'];
/** Collections emptied rather than nulled (their documented shape is an array). */
const EMPTIED = ['customFieldValues', 'accessKeys'];

export const ERASED_FIELDS: ReadonlySet<string> = new Set([
  ...resourceSchema(CustomerResource)
    .fields.filter((field) => field.gdpr)
    .map((field) => field.name),
  ...CLEARED_WITH_GDPR_FIELDS,
  ...EMPTIED,
]);

/** What an erased document holds in the erased fields. */
const ERASED_VALUES: Partial<CustomerDocument> = Object.fromEntries([...ERASED_FIELDS].map((field) => [field, EMPTIED.includes(field) ? [] : null]));

/** The anonymised document: personal data gone, `erasedAt` set. */
export function erasedDocument(document: CustomerDocument, at: Date): CustomerDocument {
  return { ...document, erasedAt: at.toISOString(), ...ERASED_VALUES };
}

/**
 * Audit ops without the values of erased fields: an erasure's own row keeps only which paths
 * changed, and earlier rows lose what they recorded of the customer's personal data.
 */
export function withoutErasedValues(operations: PatchOperation[]): PatchOperation[] {
  return operations.map((operation) => {
    if (!('value' in operation) || operation.value === null) return operation;
    const [top] = parsePointer(operation.path);
    return top !== undefined && ERASED_FIELDS.has(top) ? { ...operation, value: REDACTED } : operation;
  });
}

/** `{reason}`: the only field; 1..MAX_REASON_LENGTH characters after trimming. */
export function erasureReason(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The body is invalid.', [{ pointer: '', detail: 'must be an object {"reason": "..."}' }]);
  }
  const unknown = Object.keys(body).filter((key) => key !== 'reason');
  if (unknown.length) throw badRequest('The body is invalid.', unknown.map((key) => ({ pointer: `/${key}`, detail: 'is not a field' })));
  const { reason } = body as { reason?: unknown };
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed.length < 1 || trimmed.length > MAX_REASON_LENGTH) {
    throw unprocessable([{ pointer: '/reason', detail: `is required: a string of 1 to ${MAX_REASON_LENGTH} characters` }]);
  }
  return trimmed;
}
