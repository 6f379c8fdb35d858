import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { needsEscaping } from './xml-text';

/**
 * Test-side reader of the service's XML (API.md §1.9, shape in xml-writer.ts): a strict
 * well-formedness check and a decoder that turns a document back into the JSON it stands for,
 * refusing anything the shape does not allow (an unknown attribute, text beside elements, a
 * repeated key), so a forged element cannot decode to the same JSON.
 */

const XMLLINT = '/usr/bin/xmllint';

export type Checker = 'xmllint' | 'validator';

/**
 * Fails unless every document is well-formed XML 1.0: `xmllint --noout` where installed (one
 * process for all of them), else fast-xml-parser's XMLValidator (CI without libxml2). The
 * validator does not check XML 1.0's Char production, so that check is added to it.
 */
export function expectWellFormed(documents: readonly string[], checker: Checker = existsSync(XMLLINT) ? 'xmllint' : 'validator'): void {
  if (documents.length === 0) return;
  if (checker === 'validator') {
    for (const document of documents) {
      const result = XMLValidator.validate(document);
      if (result !== true) throw new Error(`not well-formed: ${JSON.stringify(result.err)}\n${document}`);
      if (needsEscaping(document)) throw new Error(`holds a character XML 1.0 forbids: ${JSON.stringify(document)}`);
    }
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'xml-check-'));
  try {
    const files = documents.map((document, index) => {
      const file = join(dir, `${index}.xml`);
      writeFileSync(file, document, 'utf8');
      return file;
    });
    try {
      execFileSync(XMLLINT, ['--noout', ...files], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      throw new Error(`xmllint: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  processEntities: true,
  htmlEntities: true, // decodes numeric character references (&#13;) too
});

export interface DecodedXml {
  root: string;
  value: unknown;
  /** Every element name in the document, root included. */
  elementNames: Set<string>;
}

/** The document's root name and the JSON value it encodes. */
export function decodeXml(document: string): DecodedXml {
  const nodes = (parser.parse(document) as Node[]).filter((node) => !('#text' in node));
  if (nodes.length !== 1) throw new Error(`expected one root element, got ${nodes.length}`);
  const elementNames = new Set<string>();
  const [root] = nodes;
  const name = nameOf(root);
  return { root: name, value: decodeElement(root, elementNames, 'object'), elementNames };
}

function nameOf(node: Node): string {
  const names = Object.keys(node).filter((key) => key !== ':@');
  if (names.length !== 1) throw new Error(`unexpected node ${JSON.stringify(node)}`);
  return names[0];
}

function decodeElement(node: Node, names: Set<string>, defaultType = 'string'): unknown {
  const name = nameOf(node);
  names.add(name);
  const attributes = node[':@'] ?? {};
  for (const attribute of Object.keys(attributes)) {
    if (!['key', 'type', 'escaped'].includes(attribute)) throw new Error(`<${name}> has unexpected attribute ${attribute}`);
  }
  if (attributes.escaped !== undefined && attributes.escaped !== 'true') throw new Error(`<${name}> escaped="${attributes.escaped}"`);
  const escaped = attributes.escaped === 'true';
  const children = node[name] as Node[];
  const elements = children.filter((child) => !('#text' in child));
  const text = children.map((child) => ('#text' in child ? String(child['#text']) : '')).join('');
  const type = attributes.type ?? defaultType;
  if (type !== 'object' && type !== 'array' && elements.length > 0) throw new Error(`<${name} type="${type}"> has child elements`);
  if ((type === 'object' || type === 'array' || type === 'null') && text !== '') throw new Error(`<${name} type="${type}"> has text`);
  if (escaped && type !== 'string' && attributes.key === undefined) throw new Error(`<${name}> is marked escaped without text or key`);

  switch (type) {
    case 'string':
      return escaped ? unescape(text) : text;
    case 'number': {
      const number = Number(text);
      if (text === '' || String(number) !== text) throw new Error(`<${name}> is not a number: ${text}`);
      return number;
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw new Error(`<${name}> is not a boolean: ${text}`);
      return text === 'true';
    case 'null':
      return null;
    case 'array':
      return elements.map((child) => {
        if (nameOf(child) !== 'item' || child[':@']?.key !== undefined) throw new Error(`<${name}> holds <${nameOf(child)}>`);
        return decodeElement(child, names);
      });
    case 'object': {
      const members: Array<[string, unknown]> = [];
      for (const child of elements) members.push([keyOf(child), decodeElement(child, names)]);
      const keys = new Set(members.map(([key]) => key));
      if (keys.size !== members.length) throw new Error(`<${name}> repeats a key`);
      return Object.fromEntries(members);
    }
    default:
      throw new Error(`<${name}> has unknown type "${type}"`);
  }
}

/** A member's key: an `<entry>`'s `key` attribute, else the element's name. */
function keyOf(child: Node): string {
  const name = nameOf(child);
  const key = child[':@']?.key;
  if (name === 'entry') {
    if (key === undefined) throw new Error('<entry> without key');
    return child[':@']?.escaped === 'true' ? unescape(key) : key;
  }
  if (key !== undefined) throw new Error(`<${name}> has a key attribute`);
  return name;
}

function unescape(value: string): string {
  return value.replace(/\\(\\|u([0-9A-F]{4}))|\\/g, (match, escape: string | undefined, hex: string | undefined) => {
    if (escape === undefined) throw new Error(`lone backslash in escaped value ${JSON.stringify(value)}`);
    return hex ? String.fromCharCode(parseInt(hex, 16)) : '\\';
  });
}
