/**
 * Validates an RFC 6902 request body and turns it into fresh operation objects. Everything
 * that can be judged without the target document is judged here, so a bad request is
 * rejected before any document is loaded.
 */
import { parsePointer } from './json-pointer';
import { hasOwn, isJsonObject } from './json-value';
import { PatchRequestError } from './patch.errors';
import type { PatchLimits, PatchOperation } from './patch.types';
import { findUnsafeToken } from './unsafe-keys';
import { assertSafeJsonValue } from './validate-value';

type OpName = PatchOperation['op'];

const OP_NAMES: ReadonlySet<string> = new Set<OpName>(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/**
 * @returns new operation objects holding only the members their op uses (RFC 6902 §4: other
 *   members are ignored). Op values are the request's own values, not copies: the engine never
 *   mutates them (`applyPatch` copies values into the document).
 * @throws PatchRequestError with a pointer into `body`
 */
export function parseJsonPatch(body: unknown, limits: PatchLimits): PatchOperation[] {
  if (!Array.isArray(body)) {
    throw new PatchRequestError('', 'a JSON Patch document must be an array of operations');
  }
  if (body.length > limits.maxOps) {
    throw new PatchRequestError('', `too many operations: ${body.length}, the limit is ${limits.maxOps}`);
  }
  return body.map((element, index) => parseOperation(element, index, limits));
}

function parseOperation(element: unknown, index: number, limits: PatchLimits): PatchOperation {
  const at = `/${index}`;
  if (!isJsonObject(element)) throw new PatchRequestError(at, 'an operation must be an object');

  const op = own(element, 'op');
  if (typeof op !== 'string') throw new PatchRequestError(`${at}/op`, "member 'op' must be a string");
  if (!OP_NAMES.has(op)) {
    throw new PatchRequestError(`${at}/op`, `unknown op '${op}'; expected add, remove, replace, move, copy or test`);
  }
  const name = op as OpName;
  const path = readPointer(element, 'path', at);

  switch (name) {
    case 'remove':
      return { op: name, path };
    case 'move':
    case 'copy':
      return { op: name, path, from: readPointer(element, 'from', at) };
    default: {
      // add, replace, test: `value` must be present; `null` is a value.
      const value = own(element, 'value');
      if (value === undefined) {
        throw new PatchRequestError(`${at}/value`, `member 'value' is required for '${name}'`);
      }
      assertSafeJsonValue(value, limits.maxDepth, `${at}/value`);
      return { op: name, path, value };
    }
  }
}

/** A member only if the request really has it (never one inherited from `Object.prototype`). */
function own(element: Record<string, unknown>, member: string): unknown {
  return hasOwn(element, member) ? element[member] : undefined;
}

/** Reads `path` or `from`: a string, valid RFC 6901 syntax, no prototype-reaching token. */
function readPointer(element: Record<string, unknown>, member: 'path' | 'from', at: string): string {
  const pointer = own(element, member);
  const bodyPointer = `${at}/${member}`;
  if (typeof pointer !== 'string') {
    throw new PatchRequestError(bodyPointer, `member '${member}' must be a string (a JSON Pointer)`);
  }
  const tokens = parsePointer(pointer, bodyPointer);
  const unsafe = findUnsafeToken(tokens);
  if (unsafe !== -1) {
    throw new PatchRequestError(bodyPointer, `'${tokens[unsafe]}' is not allowed in a path`);
  }
  return pointer;
}
