import { assertElementName, DATA, XmlShape } from './xml-shape';
import { escapeUnrepresentable, needsEscaping, xmlAttribute, xmlText } from './xml-text';

/**
 * Writes a JSON value as an XML 1.0 document (API.md §1.9). Written here rather than with
 * fast-xml-parser's XMLBuilder because the builder takes element names from object keys, leaves
 * tab/LF/CR in attribute values and CR in text for the parser to normalize away, and passes
 * characters XML 1.0 forbids through unchanged, so it cannot promise a well-formed document
 * that reads back as the JSON does.
 *
 * The shape of the document:
 * - the root element (named by the caller) is the top-level object;
 * - a declared member (see XmlShape) is an element of its name; any other member, and every
 *   member of a free-form value, is `<entry key="the key">`;
 * - an array is a wrapper element whose children are `<item>` elements, one per item;
 * - a value that is not a string says its JSON type in `type`: `number`, `boolean`, `null`
 *   (empty element), `object` or `array`; a string has no `type` and is the element's text;
 * - a value or key with a character XML 1.0 cannot carry is marked `escaped="true"` (xml-text.ts).
 * Members are written in the JSON's order, and a member JSON would omit (undefined) is omitted.
 */
export function xmlDocument(root: string, body: unknown, shape: XmlShape = DATA): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${element(assertElementName(root), undefined, jsonValue(body), shape, true)}`;
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function element(name: string, key: string | undefined, value: JsonValue, shape: XmlShape, root = false): string {
  const escaped = (key !== undefined && needsEscaping(key)) || (typeof value === 'string' && needsEscaping(value));
  const literal = (raw: string) => (escaped ? escapeUnrepresentable(raw) : raw);

  let attributes = key === undefined ? '' : ` key="${xmlAttribute(literal(key))}"`;
  const type = typeOf(value);
  if (type && !(root && type === 'object')) attributes += ` type="${type}"`;
  if (escaped) attributes += ' escaped="true"';

  const content = typeof value === 'string' ? xmlText(literal(value)) : contentOf(value, shape);
  return content === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${content}</${name}>`;
}

function contentOf(value: Exclude<JsonValue, string>, shape: XmlShape): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map((item) => element('item', undefined, item, shape)).join('');
  if (typeof value === 'object') {
    let content = '';
    for (const [key, member] of Object.entries(value)) {
      const declared = shape.fields.get(key);
      content += declared ? element(key, undefined, member, declared) : element('entry', key, member, DATA);
    }
    return content;
  }
  return String(value);
}

function typeOf(value: JsonValue): string | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'string' ? undefined : typeof value;
}

/**
 * The value as JSON.stringify would see it, so the XML carries what the JSON form carries:
 * `toJSON` (dates), non-finite numbers as null, functions and symbols dropped (undefined
 * in an array is null).
 */
function jsonValue(value: unknown): JsonValue {
  const own = typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON: () => unknown }).toJSON()
    : value;
  switch (typeof own) {
    case 'string':
    case 'boolean':
      return own;
    case 'number':
      return Number.isFinite(own) ? own : null;
    case 'object':
      if (own === null) return null;
      if (Array.isArray(own)) return own.map((item) => jsonValue(item));
      return Object.fromEntries(
        Object.entries(own).flatMap(([key, member]) => (isOmitted(member) ? [] : [[key, jsonValue(member)]])),
      );
    default:
      return null;
  }
}

function isOmitted(member: unknown): boolean {
  return member === undefined || typeof member === 'function' || typeof member === 'symbol';
}
