import { randomUUID } from 'node:crypto';
import { ProblemFieldError, unprocessable } from '../../common/http/problem.exception';
import { PatchRequest } from '../../common/patch/patch-request';
import { readFieldsObject } from '../../common/patch/write-body';
import { JsonObject, validateDocument } from '../../common/resource/document-checks';
import { resourceSchema } from '../../common/resource/resource-registry';
import { CustomFieldConfig } from '../custom-fields/custom-field-config';
import { customFieldValueProblem } from '../custom-fields/custom-field-value.check';
import { CustomerPutRequest } from './customer-put.request';

const SCHEMA = resourceSchema(CustomerPutRequest);
const PLAIN_FIELDS = ['firstName', 'lastName', 'phone', 'email', 'subscribedToNewsletter', 'invoiceAddress'];

/** Paths the PUT door writes although they are read-only for PATCH. */
export const PUT_MANAGED_PATHS = ['/customFieldValues', '/accessKeys'];

interface PutBody {
  customFields?: Array<{ id: number; value?: string | null }>;
  accessKeys?: Array<{ accessKeyTypeId: number; value: string; description?: string | null }>;
  accessKeysToDelete?: Array<{ id: string }>;
  [field: string]: unknown;
}

/**
 * Turns seed 003's PUT body into a merge patch of the customer as the caller sees it: given
 * fields are set, left-out fields stay; `customFields` set values (checked against the
 * company's configs), `accessKeys` are added and `accessKeysToDelete` removed.
 */
export function putToPatch(payload: unknown, view: JsonObject, configs: CustomFieldConfig[], maxDepth: number): PatchRequest {
  const body = readFieldsObject(SCHEMA, payload, { maxDepth }) as PutBody;
  const problems: ProblemFieldError[] = validateDocument(SCHEMA, body);
  if (problems.length) throw unprocessable(problems);

  const patch: JsonObject = {};
  for (const field of PLAIN_FIELDS) if (field in body) patch[field] = body[field];

  if (body.customFields) {
    const values = new Map((view.customFieldValues as Array<{ id: number; value: string | null }>).map((v) => [v.id, v.value]));
    const seen = new Set<number>();
    body.customFields.forEach((entry, index) => {
      const config = configs.find((candidate) => candidate.id === entry.id);
      // Once per config: repeating one would also repeat its (time-bounded) regex check at will.
      if (seen.has(entry.id)) {
        problems.push({ pointer: `/customFields/${index}/id`, detail: 'names a custom field a second time' });
        return;
      }
      seen.add(entry.id);
      if (!config) {
        problems.push({ pointer: `/customFields/${index}/id`, detail: 'is not a custom field of the customer’s company' });
        return;
      }
      const problem = customFieldValueProblem(config, entry.value ?? null);
      if (problem) problems.push({ pointer: `/customFields/${index}/value`, detail: problem });
      values.set(entry.id, entry.value ?? null);
    });
    // Mandatory fields must hold a value once the customer's custom fields are written.
    configs.forEach((config) => {
      if (config.isMandatory && !values.get(config.id) && !body.customFields!.some((entry) => entry.id === config.id)) {
        problems.push({ pointer: '/customFields', detail: config.mandatoryErrorMessage ?? `${config.name} is mandatory` });
      }
    });
    patch.customFieldValues = (view.customFieldValues as JsonObject[]).map((entry) => ({
      ...entry,
      value: values.get(entry.id as number) ?? null,
    }));
  }

  if (body.accessKeys || body.accessKeysToDelete) {
    const existing = view.accessKeys as Array<{ id: string }>;
    const deleted = new Set<string>();
    (body.accessKeysToDelete ?? []).forEach(({ id }, index) => {
      if (!existing.some((key) => key.id === id)) {
        problems.push({ pointer: `/accessKeysToDelete/${index}/id`, detail: 'is not an access key of this customer' });
      }
      deleted.add(id);
    });
    patch.accessKeys = [
      ...existing.filter((key) => !deleted.has(key.id)),
      ...(body.accessKeys ?? []).map((key) => ({
        id: randomUUID(),
        accessKeyTypeId: key.accessKeyTypeId,
        value: key.value,
        description: key.description ?? null,
      })),
    ];
  }

  if (problems.length) throw unprocessable(problems);
  return { kind: 'merge-patch', patch };
}
