import Ajv, { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

/** An OpenAPI document as JSON: only walked and looked up by JSON Pointer here. */
export type JsonDocument = Record<string, unknown>;

const escape = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** The JSON Pointer of `tokens` (RFC 6901). */
export const pointerOf = (...tokens: (string | number)[]) => tokens.map((token) => `/${escape(String(token))}`).join('');

export function resolvePointer(document: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, token) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[token] : undefined), document);
}

const COMBINATORS = ['allOf', 'oneOf', 'anyOf'] as const;

/**
 * OpenAPI 3.0 `nullable` as JSON Schema, keeping every other keyword where it was so a pointer
 * into the document still names the same schema: `type` gains "null", `enum` gains null, and
 * combinators (a nullable `allOf: [$ref]`) apply only when the value is not null. Example
 * values are data and left as they are.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) converted[key] = key === 'example' || key === 'examples' ? value : toJsonSchema(value);
  if (converted.nullable !== true) return converted;
  delete converted.nullable;
  if (typeof converted.type === 'string') converted.type = [converted.type, 'null'];
  if (Array.isArray(converted.enum)) converted.enum = [...converted.enum, null];
  const combined = COMBINATORS.filter((keyword) => keyword in converted);
  if (combined.length) {
    converted.if = { not: { type: 'null' } };
    converted.then = Object.fromEntries(combined.map((keyword) => [keyword, converted[keyword]]));
    for (const keyword of combined) delete converted[keyword];
  }
  return converted;
}

const DOCUMENT_ID = 'openapi';

/**
 * Validates values against the document's schemas (ajv + ajv-formats), each schema named by
 * its JSON Pointer in the document, so `$ref`s resolve inside the document itself.
 */
export class DocumentValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });

  constructor(document: JsonDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...(toJsonSchema(document) as object), $id: DOCUMENT_ID });
  }

  /** The errors of `value` against the schema at `pointer` (none when it is valid). */
  errors(pointer: string, value: unknown): ErrorObject[] {
    const validate = this.ajv.getSchema(`${DOCUMENT_ID}#${pointer}`);
    if (!validate) throw new Error(`No schema at ${pointer}`);
    return validate(value) ? [] : [...(validate.errors ?? [])];
  }
}

/** An example and the schema it must satisfy, both named by pointer. */
export interface DocumentExample {
  at: string;
  schema: string;
  value: unknown;
}

/**
 * Every example in the document: `example` / `examples.*.value` of media types and parameters
 * (against their `schema`), and `example` of a schema (against that schema).
 */
export function examplesOf(node: unknown, at = ''): DocumentExample[] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((item, index) => examplesOf(item, `${at}${pointerOf(index)}`));
  const object = node as Record<string, unknown>;
  const found: DocumentExample[] = [];
  const schemaAt = 'schema' in object ? `${at}/schema` : at;
  if ('example' in object && (schemaAt !== at || isSchema(object))) found.push({ at: `${at}/example`, schema: schemaAt, value: object.example });
  if ('schema' in object && object.examples && typeof object.examples === 'object') {
    for (const [name, example] of Object.entries(object.examples as Record<string, { value?: unknown }>)) {
      found.push({ at: `${at}${pointerOf('examples', name, 'value')}`, schema: schemaAt, value: example.value });
    }
  }
  for (const [key, value] of Object.entries(object)) {
    if (key !== 'example' && key !== 'examples') found.push(...examplesOf(value, `${at}${pointerOf(key)}`));
  }
  return found;
}

function isSchema(object: Record<string, unknown>): boolean {
  return ['type', 'allOf', 'oneOf', 'anyOf', 'enum', 'format', '$ref'].some((keyword) => keyword in object);
}
