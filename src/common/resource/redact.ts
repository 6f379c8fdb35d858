import { PatchOperation, parsePointer } from '../patch';
import { fieldByInputName, ResourceSchema } from './resource-registry';

export const REDACTED = '***';

/** Audit ops with the values of GDPR-protected fields replaced by "***" (API.md §1.8). */
export function redactOperations(schema: ResourceSchema, operations: PatchOperation[]): PatchOperation[] {
  return operations.map((operation) => {
    if (!('value' in operation)) return operation;
    const [top] = parsePointer(operation.path);
    const field = top === undefined ? undefined : fieldByInputName(schema, top);
    return field?.gdpr && operation.value !== null ? { ...operation, value: REDACTED } : operation;
  });
}
